// The log view's own UI state (the data is the logs model's): cursor, scroll, the search kept and being typed.
import type { CursorState } from './log-lines.js';

export interface LogsViewState {
  readonly kind: 'logs';
  readonly cursor: CursorState;
  /** First line shown; undefined: follow the cursor (centred on a finding's line, at the bottom when tailing). */
  readonly from: number | undefined;
  /** The search kept (Enter); matches are highlighted and n/N move between them. */
  readonly query: string;
  /** The search being typed after `/`; undefined when not typing. */
  readonly typed: string | undefined;
}

/** A fresh log view: cursor by default (the finding's line, or the newest), no search. */
export const initialLogsView: LogsViewState = { kind: 'logs', cursor: undefined, from: undefined, query: '', typed: undefined };
