// The log view's data as the UI reads it (kept apart from the store so model/types.ts imports no store).
import type { Instance } from '../domain/types.js';
import type { LogOrigin } from '../triage/types.js';
import type { Loadable, Store } from './store-types.js';

export type LogRangeKey = '15m' | '1h' | '3h' | '12h' | '24h';
export const LOG_RANGES: readonly LogRangeKey[] = ['15m', '1h', '3h', '12h', '24h'];
export const LOG_RANGE_MS: Readonly<Record<LogRangeKey, number>> = { '15m': 900_000, '1h': 3_600_000, '3h': 10_800_000, '12h': 43_200_000, '24h': 86_400_000 };

/** One source of the view: the console output, or a log group with the rule that found it. */
export interface LogSource {
  readonly kind: 'console' | 'group';
  /** The group's name, or 'console output'. */
  readonly name: string;
  /** How it was found, in words. */
  readonly how: string;
}

/** One line of the open source. */
export interface LogLine {
  readonly text: string;
  readonly at: Date | undefined;
  /** Console: its 1-based line number. */
  readonly lineNumber?: number;
  readonly stream?: string;
  readonly eventId?: string | undefined;
}

export interface LogsSnapshot {
  /** The instance whose logs are open; undefined while closed. */
  readonly instanceId: string | undefined;
  readonly sources: Loadable<readonly LogSource[]>;
  readonly sourceIndex: number;
  readonly range: LogRangeKey;
  readonly lines: Loadable<readonly LogLine[]>;
  readonly isFollowing: boolean;
  /** The line to land on (opened from a finding): an index into `lines.data`, once they are loaded. */
  readonly focusLine: number | undefined;
}

export interface LogsModel extends Store<LogsSnapshot> {
  /** Opens the view's data for an instance; `origin` (a finding's log line) picks its source, range and line. */
  open(instance: Instance, origin?: LogOrigin): void;
  /** Stops everything: no call in flight, no timer left. */
  close(): void;
  selectSource(index: number): void;
  setRange(range: LogRangeKey): void;
  toggleFollow(): void;
}

