// The UI's own state (focus, help, list, scroll offsets) as one pure reducer: the model owns the data.
import type { PaneId } from './keymap.js';
import { initialListState, listReducer, type ListAction, type ListState } from './panes/instance-list/use-instance-list-state.js';

export type ScrollPane = 'status' | 'metrics' | 'triage';

export interface AppUiState {
  readonly focus: PaneId;
  readonly isHelpOpen: boolean;
  readonly list: ListState;
  readonly scroll: Readonly<Record<ScrollPane, number>>;
}

export const initialAppUiState: AppUiState = {
  focus: 'list',
  isHelpOpen: false,
  list: initialListState,
  scroll: { status: 0, metrics: 0, triage: 0 },
};

export type AppUiAction =
  | { readonly type: 'focusStep'; readonly delta: number; readonly panes: readonly PaneId[] }
  | { readonly type: 'focus'; readonly pane: PaneId }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'list'; readonly action: ListAction }
  | { readonly type: 'scroll'; readonly pane: ScrollPane; readonly delta: number; readonly max: number };

const NO_SCROLL = initialAppUiState.scroll;

export function appUiReducer(state: AppUiState, action: AppUiAction): AppUiState {
  switch (action.type) {
    case 'focusStep': {
      const { panes } = action;
      if (panes.length === 0) return state;
      const at = Math.max(0, panes.indexOf(state.focus));
      const next = panes[(at + action.delta + panes.length * 4) % panes.length] ?? state.focus;
      return { ...state, focus: next };
    }
    case 'focus':
      return { ...state, focus: action.pane };
    case 'toggleHelp':
      return { ...state, isHelpOpen: !state.isHelpOpen };
    case 'list': {
      const list = listReducer(state.list, action.action);
      if (list === state.list) return state;
      // Another instance's details start at their top.
      const scroll = list.selectedId === state.list.selectedId ? state.scroll : NO_SCROLL;
      return { ...state, list, scroll };
    }
    case 'scroll': {
      const value = Math.min(Math.max(0, state.scroll[action.pane] + action.delta), Math.max(0, action.max));
      return value === state.scroll[action.pane] ? state : { ...state, scroll: { ...state.scroll, [action.pane]: value } };
    }
  }
}
