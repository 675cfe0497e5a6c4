// The command line's pure state: the text being typed, the history (↑/↓ walk it, newest first) and Tab's
// completion. Lives in the UI state (use-app-state.ts) so keys that arrive in one chunk see the latest line.
import { completeCommand, type CompletionSource } from './command-parse.js';

/** Lines kept in the history (oldest dropped). */
export const HISTORY_LIMIT = 50;

export interface CommandLineState {
  /** The line is open (`:` pressed) and takes the keys. */
  readonly isOpen: boolean;
  readonly text: string;
  /** Run lines, oldest first; a repeat of the newest is not added again. */
  readonly history: readonly string[];
  /** Where ↑/↓ are in the history (history.length: the line being typed). */
  readonly historyAt: number;
  /** The line as typed before ↑ walked into the history, restored by ↓ past the newest. */
  readonly draft: string;
  /** Tab's last candidates when it could not choose one (shown beside the line). */
  readonly candidates: readonly string[];
}

export const initialCommandLine: CommandLineState = { isOpen: false, text: '', history: [], historyAt: 0, draft: '', candidates: [] };

export type CommandLineAction =
  | { readonly type: 'open' }
  | { readonly type: 'close' }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'historyPrev' }
  | { readonly type: 'historyNext' }
  | { readonly type: 'complete'; readonly source: CompletionSource }
  /** Enter: the line goes into the history and the line closes (the caller runs it). */
  | { readonly type: 'submit' };

/** The history with `line` added (blank lines and a repeat of the newest are not). */
export function pushHistory(history: readonly string[], line: string): readonly string[] {
  const trimmed = line.trim();
  if (trimmed === '' || history.at(-1) === trimmed) return history;
  return [...history, trimmed].slice(-HISTORY_LIMIT);
}

export function commandLineReducer(state: CommandLineState, action: CommandLineAction): CommandLineState {
  switch (action.type) {
    case 'open':
      return { ...state, isOpen: true, text: '', draft: '', historyAt: state.history.length, candidates: [] };
    case 'close':
      return { ...state, isOpen: false, text: '', candidates: [] };
    case 'type':
      return { ...state, text: state.text + action.text, historyAt: state.history.length, candidates: [] };
    case 'backspace':
      return { ...state, text: [...state.text].slice(0, -1).join(''), candidates: [] };
    case 'historyPrev': {
      if (state.historyAt === 0) return state;
      const at = state.historyAt - 1;
      const draft = state.historyAt === state.history.length ? state.text : state.draft;
      return { ...state, historyAt: at, text: state.history[at] ?? '', draft, candidates: [] };
    }
    case 'historyNext': {
      if (state.historyAt >= state.history.length) return state;
      const at = state.historyAt + 1;
      return { ...state, historyAt: at, text: at === state.history.length ? state.draft : (state.history[at] ?? ''), candidates: [] };
    }
    case 'complete': {
      const { line, candidates } = completeCommand(state.text, action.source);
      return { ...state, text: line, candidates: candidates.length > 1 ? candidates : [] };
    }
    case 'submit': {
      const history = pushHistory(state.history, state.text);
      return { ...state, isOpen: false, text: '', history, historyAt: history.length, draft: '', candidates: [] };
    }
  }
}

/** The footer's text while the line is open: the prompt, the text and a cursor, then Tab's candidates. */
export function commandLineText(state: CommandLineState): string {
  const shown = state.candidates.slice(0, 8).join(' ');
  return `:${state.text}▏${shown === '' ? '' : `   ${shown}${state.candidates.length > 8 ? ' …' : ''}`}`;
}
