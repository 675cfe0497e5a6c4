// The driver's screen state a follower shows: which instance is selected, which pane has the focus, and the dialog
// of the write path that is open (menu, preview, progress …), read-only. The driver's UI writes it into the session
// store; the follower's UI checks its shape and lays it over its own state while it follows. Pure.
import { PANES, type PaneId } from './keymap.js';
import type { AppUiState, DialogState } from './use-app-state.js';

export interface DriverView {
  readonly selectedId: string | undefined;
  readonly focus: PaneId;
  readonly dialog: MirroredDialog | undefined;
}

/** The dialogs a follower is shown: what the driver is deciding or running, not its typing of paths or topics. */
export type MirroredDialog = Extract<DialogState, { kind: 'menu' | 'resize' | 'runbooks' | 'preview' | 'alarms' | 'agent' | 'hostChecks' }>;

const INDEXED = new Set(['menu', 'resize', 'runbooks']);
const PLAIN = new Set(['alarms', 'agent', 'hostChecks']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The part of a dialog state a follower may see (the preview's typed confirmation is shown as the driver types it). */
export function mirroredDialog(dialog: unknown): MirroredDialog | undefined {
  if (!isRecord(dialog) || typeof dialog.kind !== 'string') return undefined;
  if (INDEXED.has(dialog.kind)) return typeof dialog.index === 'number' && Number.isInteger(dialog.index) ? ({ kind: dialog.kind, index: dialog.index } as MirroredDialog) : undefined;
  if (PLAIN.has(dialog.kind)) return { kind: dialog.kind } as MirroredDialog;
  if (dialog.kind === 'preview') {
    const button = dialog.button === 'run' ? 'run' : 'cancel';
    return { kind: 'preview', button, typed: typeof dialog.typed === 'string' ? dialog.typed.slice(0, 256) : '' };
  }
  return undefined;
}

/** What the driver's UI publishes. */
export function driverViewOf(ui: AppUiState, focus: PaneId, selectedId: string | undefined): DriverView {
  return { selectedId, focus, dialog: mirroredDialog(ui.dialog) };
}

/** The schema check of a driver view as it arrived (undefined: nothing usable). */
export function parseDriverView(value: unknown): DriverView | undefined {
  if (!isRecord(value)) return undefined;
  const focus = PANES.find((p) => p === value.focus);
  if (focus === undefined) return undefined;
  const selectedId = typeof value.selectedId === 'string' && value.selectedId.length <= 64 ? value.selectedId : undefined;
  return { selectedId, focus, dialog: mirroredDialog(value.dialog) };
}

/**
 * The follower's UI state while it follows: the driver's selection, focus and dialog over its own (its filter,
 * sort, zoom and scroll stay its own). A dialog of the follower's own (a note being typed) stays on top.
 */
export function overlayDriverView(ui: AppUiState, view: DriverView | undefined): AppUiState {
  if (view === undefined) return ui;
  const ownDialog = ui.dialog !== undefined;
  const isSame = ui.focus === view.focus && ui.list.selectedId === view.selectedId && (ownDialog || ui.dialog === view.dialog);
  if (isSame) return ui;
  return {
    ...ui,
    focus: view.focus,
    list: view.selectedId === undefined ? ui.list : { ...ui.list, selectedId: view.selectedId },
    dialog: ownDialog ? ui.dialog : view.dialog,
  };
}

/** True when the dialog on screen is the driver's (the follower cannot act in it). */
export function isDriverDialog(own: AppUiState, shown: AppUiState): boolean {
  return own.dialog === undefined && shown.dialog !== undefined;
}
