// The UI's own state (focus, help, list, scroll offsets) as one pure reducer: the model owns the data.
import type { SavedFile } from '../model/saved-file.js';
import { NOTE_MAX_CHARS } from '../model/session-types.js';
import type { PaneId } from './keymap.js';
import { instanceViewReducer, type InstanceViewAction, type InstanceViewState } from './views/view-state.js';
import type { ChartMarker } from './panes/metrics/chart-math.js';
import type { LogsViewState } from './views/logs/logs-view-state.js';
import { commandLineReducer, initialCommandLine, type CommandLineAction, type CommandLineState } from './command/command-line.js';
import { initialListState, listReducer, type ListAction, type ListState } from './panes/instance-list/use-instance-list-state.js';

export type ScrollPane = 'status' | 'metrics' | 'triage';

/** An open dialog of the write path. `index` is a cursor; `typed` the confirmation or topic being typed. */
export type DialogState =
  | { readonly kind: 'menu'; readonly index: number }
  | { readonly kind: 'resize'; readonly index: number }
  | { readonly kind: 'runbooks'; readonly index: number }
  | { readonly kind: 'preview'; readonly button: 'cancel' | 'run'; readonly typed: string }
  | { readonly kind: 'topic'; readonly typed: string }
  | { readonly kind: 'alarms' }
  | { readonly kind: 'agent' }
  /** `:budget`: calls per minute by service, throttles, each poller's cadence, the cost estimate. */
  | { readonly kind: 'budget' }
  /** --diagnostics, before the first host-check run: the scripts verbatim; Enter runs them with the triage. */
  | { readonly kind: 'hostChecks' }
  /** `q` while an action runs: quit anyway? */
  | { readonly kind: 'quit' }
  /** A file that could not be written where asked: why, where it went instead, and another path being typed. */
  | { readonly kind: 'saved'; readonly what: string; readonly saved: SavedFile; readonly typed: string }
  /** `n`: a note being typed, on the instance selected when it was opened. */
  | { readonly kind: 'note'; readonly typed: string; readonly instanceId: string | undefined; readonly isPointer?: boolean };

export interface AppUiState {
  readonly focus: PaneId;
  readonly isHelpOpen: boolean;
  /** First line of the help shown. */
  readonly helpScroll: number;
  /** The focused pane has the whole body (z). */
  readonly isZoomed: boolean;
  readonly list: ListState;
  readonly scroll: Readonly<Record<ScrollPane, number>>;
  readonly dialog: DialogState | undefined;
  readonly dialogScroll: number;
  /** An instance view (d describe, y raw, c connect) holding the body; the panes under it keep their state. */
  readonly instanceView?: InstanceViewState | undefined;
  /** A view taking the body like zoom (l: the log view); dialogs still open over it. */
  readonly view: LogsViewState | undefined;
  /** The triage pane's current line (Enter on a finding from a log line opens it; m marks its time). */
  readonly triageCursor: number;
  /** Times marked on every chart; they outlive range changes and views, and only m on the same time removes one. */
  readonly markers: readonly ChartMarker[];
  /** Command mode (`:`): the line being typed and the session's history (ui/command/command-line.ts). */
  readonly command?: CommandLineState;
}

export const initialAppUiState: AppUiState = {
  focus: 'list',
  isHelpOpen: false,
  helpScroll: 0,
  isZoomed: false,
  list: initialListState,
  scroll: { status: 0, metrics: 0, triage: 0 },
  dialog: undefined,
  dialogScroll: 0,
  view: undefined,
  triageCursor: 0,
  markers: [],
};


export type AppUiAction =
  | { readonly type: 'focusStep'; readonly delta: number; readonly panes: readonly PaneId[] }
  | { readonly type: 'focus'; readonly pane: PaneId }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'helpScroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'toggleZoom' }
  | { readonly type: 'list'; readonly action: ListAction }
  | { readonly type: 'command'; readonly action: CommandLineAction }
  | { readonly type: 'scroll'; readonly pane: ScrollPane; readonly delta: number; readonly max: number }
  | { readonly type: 'openDialog'; readonly dialog: DialogState }
  | { readonly type: 'closeDialog' }
  | { readonly type: 'dialogScroll'; readonly delta: number; readonly max: number }
  /** Moves the menu, resize or runbook cursor within [0, count). */
  | { readonly type: 'dialogCursor'; readonly from: number; readonly delta: number; readonly count: number }
  /** `confirms`: a typed confirmation; Enter's button follows it (the exact text focuses Run, anything else Cancel). */
  | { readonly type: 'dialogType'; readonly text: string; readonly confirms?: (typed: string) => boolean }
  | { readonly type: 'dialogBackspace'; readonly confirms?: (typed: string) => boolean }
  | { readonly type: 'switchButton' }
  | InstanceViewAction
  | { readonly type: 'openView'; readonly view: LogsViewState }
  | { readonly type: 'closeView' }
  | { readonly type: 'changeView'; readonly change: Partial<Omit<LogsViewState, 'kind'>> }
  /** Puts the triage cursor on a line and the scroll where it keeps it in view. */
  | { readonly type: 'triageCursor'; readonly cursor: number; readonly scroll: number }
  | { readonly type: 'setMarkers'; readonly markers: readonly ChartMarker[] };

const NO_SCROLL = initialAppUiState.scroll;

/** `value` within [0, max] (a negative max counts as 0). */
function clamp(value: number, max: number): number {
  return Math.min(Math.max(0, value), Math.max(0, max));
}

type TypedDialog = Extract<DialogState, { typed: string }>;

/** The dialog with new typed text; in a typed confirmation the focus follows it (the typed text is the consent). */
function withTyped(d: TypedDialog, typed: string, confirms: ((typed: string) => boolean) | undefined): TypedDialog {
  if (d.kind !== 'preview' || confirms === undefined) return { ...d, typed };
  return { ...d, typed, button: confirms(typed) ? 'run' : 'cancel' };
}

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
      return { ...state, isHelpOpen: !state.isHelpOpen, helpScroll: 0 };
    case 'helpScroll': {
      const value = clamp(state.helpScroll + action.delta, action.max);
      return value === state.helpScroll ? state : { ...state, helpScroll: value };
    }
    case 'toggleZoom':
      return { ...state, isZoomed: !state.isZoomed };
    case 'command':
      return { ...state, command: commandLineReducer(state.command ?? initialCommandLine, action.action) };
    case 'list': {
      const list = listReducer(state.list, action.action);
      if (list === state.list) return state;
      // Another instance's details start at their top.
      const isSame = list.selectedId === state.list.selectedId;
      return isSame ? { ...state, list } : { ...state, list, scroll: NO_SCROLL, triageCursor: 0 };
    }
    case 'scroll': {
      const value = clamp(state.scroll[action.pane] + action.delta, action.max);
      return value === state.scroll[action.pane] ? state : { ...state, scroll: { ...state.scroll, [action.pane]: value } };
    }
    case 'openDialog':
      return { ...state, dialog: action.dialog, dialogScroll: 0 };
    case 'closeDialog':
      return state.dialog === undefined ? state : { ...state, dialog: undefined, dialogScroll: 0 };
    case 'dialogScroll': {
      const value = clamp(state.dialogScroll + action.delta, action.max);
      return value === state.dialogScroll ? state : { ...state, dialogScroll: value };
    }
    case 'dialogCursor': {
      const d = state.dialog;
      if (d === undefined || (d.kind !== 'menu' && d.kind !== 'resize' && d.kind !== 'runbooks') || action.count <= 0) return state;
      const index = Math.min(Math.max(0, action.from + action.delta), action.count - 1);
      return index === d.index ? state : { ...state, dialog: { ...d, index } };
    }
    case 'dialogType': {
      const d = state.dialog;
      if (d === undefined || (d.kind !== 'preview' && d.kind !== 'topic' && d.kind !== 'saved' && d.kind !== 'note')) return state;
      // A pasted id may come with a newline or spaces around it; the field keeps one line.
      const text = action.text.replace(/[\r\n\t]/g, '');
      const max = d.kind === 'note' ? NOTE_MAX_CHARS : 256;
      return { ...state, dialog: withTyped(d, [...(d.typed + text)].slice(0, max).join(''), action.confirms) };
    }
    case 'dialogBackspace': {
      const d = state.dialog;
      if (d === undefined || (d.kind !== 'preview' && d.kind !== 'topic' && d.kind !== 'saved' && d.kind !== 'note') || d.typed === '') return state;
      return { ...state, dialog: withTyped(d, [...d.typed].slice(0, -1).join(''), action.confirms) };
    }
    case 'openInstanceView':
    case 'closeInstanceView':
    case 'instanceViewScroll': {
      const instanceView = instanceViewReducer(state.instanceView, action);
      return instanceView === state.instanceView ? state : { ...state, instanceView };
    }
    case 'openView':
      return { ...state, view: action.view };
    case 'closeView':
      return state.view === undefined ? state : { ...state, view: undefined };
    case 'changeView':
      return state.view === undefined ? state : { ...state, view: { ...state.view, ...action.change } };
    case 'triageCursor':
      return { ...state, triageCursor: Math.max(0, action.cursor), scroll: { ...state.scroll, triage: Math.max(0, action.scroll) } };
    case 'setMarkers':
      return { ...state, markers: action.markers };
    case 'switchButton': {
      const d = state.dialog;
      if (d?.kind !== 'preview') return state;
      return { ...state, dialog: { ...d, button: d.button === 'cancel' ? 'run' : 'cancel' } };
    }
  }
}
