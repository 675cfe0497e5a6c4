// Wires keys to UI state and model intents: the one input handler, driven by the keymap table.
import { useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { Instance } from '../domain/types.js';
import { RANGES, type AppModel, type FleetSnapshot, type MetricsSnapshot } from '../model/types.js';
import type { ChecklistRun } from '../triage/run.js';
import { DRIVER_KEYMAP, FOLLOWER_KEYMAP, keyNameOf, resolveKey, type ActionId, type DialogKind, type KeyContext, type LessonScope, type PaneId } from './keymap.js';
import { pageStep, visiblePanes, zoomLayout, type Layout } from './layout.js';
import { helpLineWidth, helpLines, helpViewportHeight } from './components/help-overlay.js';
import { listErrorCount, listViewportHeight } from './panes/instance-list/instance-list.js';
import { handleCommandAction } from './command/command-keys.js';
import { commandLineText } from './command/command-line.js';
import { resolveSelection, useInstanceRows, visibleWindow } from './panes/instance-list/use-instance-list-state.js';
import { metricsScrollView } from './panes/metrics/metrics-pane.js';
import { actionHint, statusLines } from './panes/status/status-lines.js';
import { statusViewportHeight } from './panes/status/status-pane.js';
import { paneContentWidth } from './components/pane.js';
import { actionLine, triageLines } from './panes/triage/triage-lines.js';
import { triageLineWidth, triageViewportHeight } from './panes/triage/triage-pane.js';
import { appUiReducer, initialAppUiState, type AppUiAction, type AppUiState, type ScrollPane } from './use-app-state.js';
import type { ActionPhase, ActionsSnapshot } from '../model/actions-types.js';
import { handleDialogAction, reportSaved, startTriage, type DialogDeps } from './dialogs/dialog-keys.js';
import { dialogView } from './dialogs/dialog-view.js';
import type { InspectSnapshot } from '../model/inspect-store.js';
import { handleViewAction, type ViewDeps } from './views/view-keys.js';
import { viewContentWidth, viewLines, viewTitle } from './views/view-lines.js';
import { CLOSED_LOGS } from '../model/logs-store.js';
import { handleLogsAction, markTime, openLogs } from './views/logs/logs-keys.js';
import { logsViewportHeight } from './views/logs/logs-view.js';
import { markerLabel } from './views/logs/log-lines.js';
import { originTime, type TriageLine } from './panes/triage/triage-lines.js';
import { driverViewOf, isDriverDialog, overlayDriverView, parseDriverView, type DriverView } from './follow-view.js';
import type { FollowSnapshot } from '../model/follow-types.js';
import type { SessionSnapshot } from '../model/session-types.js';
import type { NoteRecord } from '../triage/notes.js';

/** Control bytes inside a multi-key chunk, named as keyNameOf names them when they arrive alone. */
const CHUNK_KEYS: Readonly<Record<string, string>> = { '\r': 'enter', '\n': 'enter', '\u007f': 'backspace', '\b': 'backspace', '\t': 'tab', '\u001b': 'escape' };

export interface ControllerInput {
  readonly model: AppModel;
  readonly onExit: (() => void) | undefined;
  readonly fleet: FleetSnapshot;
  readonly metrics: MetricsSnapshot;
  readonly run: ChecklistRun | undefined;
  readonly actions: ActionsSnapshot;
  /** The session's notes (they join the triage timeline, so they count in its scroll). */
  readonly notes?: readonly NoteRecord[];
  /** What the describe and raw views read (model.inspect's snapshot). */
  readonly inspect: InspectSnapshot;
  readonly layout: Layout;
  readonly now: number;
  /** A lesson runs (learn): its key scope and its key handler. */
  readonly lesson?: { readonly scope: LessonScope; handle(action: ActionId, input: string): boolean } | undefined;
  /** The session (notes, the driver's view for followers) and, in a follower, its link. */
  readonly session?: SessionSnapshot | undefined;
  readonly follow?: FollowSnapshot | undefined;
}

const NAV: Partial<Record<ActionId, 'step' | 'page' | 'end'>> = {
  up: 'step',
  down: 'step',
  pageUp: 'page',
  pageDown: 'page',
  top: 'end',
  bottom: 'end',
  helpUp: 'step',
  helpDown: 'step',
  helpPageUp: 'page',
  helpPageDown: 'page',
};

const BACKWARD: ReadonlySet<ActionId> = new Set<ActionId>(['up', 'pageUp', 'top', 'helpUp', 'helpPageUp']);

/** Lines a navigation key moves in a viewport of `viewport` lines: one, a page less one line (pageStep), or all. */
export function navDelta(action: ActionId, viewport: number, total: number): number {
  const sign = BACKWARD.has(action) ? -1 : 1;
  const kind = NAV[action];
  return sign * (kind === 'step' ? 1 : kind === 'page' ? pageStep(viewport) : Math.max(1, total));
}

/** The key scope of an open dialog: the preview dialog becomes 'progress' once its action is confirmed. */
function scopeOfDialog(kind: DialogKind, phase: ActionPhase | undefined): DialogKind {
  return kind === 'preview' && phase !== undefined && phase !== 'preview' ? 'progress' : kind;
}

/** Who gets the keys: a dialog on screen, else the help, the filter, or the focused pane. */
export function keyContextOf(ui: AppUiState, focus: PaneId, phase: ActionPhase | undefined, isDialogShown: boolean, lesson?: LessonScope): KeyContext {
  const withLesson = lesson === undefined ? {} : { lesson };
  if (ui.dialog !== undefined && isDialogShown) return { mode: 'dialog', focus, dialog: scopeOfDialog(ui.dialog.kind, phase) };
  // --- command mode (:), ui/command/ ---
  if (ui.command?.isOpen === true) return { mode: 'command', focus };
  // --- end command mode ---
  if (ui.instanceView !== undefined) return { mode: 'view', focus, view: ui.instanceView.kind, ...withLesson };
  if (ui.view !== undefined) return { mode: 'view', focus, view: ui.view.typed === undefined ? 'logs' : 'logSearch', ...withLesson };
  return { mode: ui.isHelpOpen ? 'help' : ui.list.isFiltering ? 'filter' : 'normal', focus, isZoomed: ui.isZoomed, ...withLesson };
}

/** A one-line message the footer shows for a few seconds (report written, export failed). */
export interface Notice {
  readonly text: string;
  readonly isError: boolean;
  readonly at: number;
  /** How long it stays (default NOTICE_MS): a follower's pointer stays longer. */
  readonly ttlMs?: number;
}

/** How long a follower's pointer stays in the driver's footer (it stays in the timeline). */
export const POINTER_MS = 60_000;

export function useAppController({ model, onExit, fleet, metrics, run, actions, notes = [], inspect, layout: base, now, lesson, session, follow }: ControllerInput) {
  const { exit } = useApp();
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const say = (text: string, isError = false): void => setNotice({ text, isError, at: Date.now() });
  const [ownUi, reactDispatch] = useReducer(appUiReducer, initialAppUiState);
  // A follower (no AWS, no actions) has its own keymap; while it follows, the driver's selection, focus and dialog
  // lie over its own state. The driver publishes them (below).
  const isFollower = model.follow !== undefined;
  const keymap = isFollower ? FOLLOWER_KEYMAP : DRIVER_KEYMAP;
  const driverView: DriverView | undefined = isFollower && follow?.isFollowing === true ? parseDriverView(session?.view) : undefined;
  const driverViewRef = useRef(driverView);
  driverViewRef.current = driverView;
  const ui = overlayDriverView(ownUi, driverView);
  /** --share: the follow command, for the help (a follower's session never carries it). */
  const followCommand = isFollower || session?.share?.followCommand === '' ? undefined : session?.share?.followCommand;
  // A follower's pointer reaches the driver's footer (and the timeline, from the session).
  const pointer = isFollower ? undefined : session?.lastPointer;
  useEffect(() => {
    if (pointer !== undefined) setNotice({ text: `${pointer.author}: ${pointer.text}`, isError: false, at: Date.now(), ttlMs: POINTER_MS });
  }, [pointer]);
  // A synchronous mirror of the UI state: keys that arrive before React commits (a chunk "\t\r", or two events in
  // one tick) must act on the state the previous key left, never on a stale render — Enter after Tab presses Run,
  // not Cancel. Every change goes through this dispatch, so the mirror is always the newest state.
  const uiRef = useRef(ownUi);
  const dispatch = useCallback((action: AppUiAction): void => {
    uiRef.current = appUiReducer(uiRef.current, action);
    reactDispatch(action);
  }, []);
  const panes = visiblePanes(base);
  // A pane hidden by a resize cannot own the keys; the first visible one takes over.
  const focus: PaneId = panes.includes(ui.focus) ? ui.focus : (panes[0] ?? 'list');
  // Zoomed, the focused pane has the whole body; every height below (pages, scroll limits) is the zoomed one.
  const layout = ui.isZoomed ? zoomLayout(base, focus) : base;
  // A large fleet's CPU column covers only the rows on screen: as a tie-break it would reorder rows as they scroll
  // into view, so only the explicit CPU sort reads it then.
  const cpuForSort = fleet.cpuScope === undefined || ui.list.sort === 'cpu' ? fleet.cpu.data : undefined;
  const sortData = { statuses: fleet.statuses.data, alarms: fleet.alarms.data, cpu: cpuForSort };
  const { rows, indexById, total } = useInstanceRows(fleet.instances.data, ui.list.filter, ui.list.sort, sortData);
  const listHeight = listViewportHeight(layout.panes.list.height, listErrorCount(fleet));
  const selectedIndex = resolveSelection(ui.list, { rows, indexById });
  const window = visibleWindow(selectedIndex, rows.length, listHeight, ui.list.from);
  const selected: Instance | undefined = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  const status = selected === undefined ? undefined : fleet.statuses.data?.get(selected.id);
  /** The open dialog's content for a UI state and an actions snapshot (undefined: nothing to show). */
  const viewOf = (state: AppUiState, latest: ActionsSnapshot) =>
    state.dialog === undefined
      ? undefined
      : dialogView({ dialog: state.dialog, instance: selected, status, run, metrics, actions: latest, isReadOnly: follow?.driverIsReadOnly ?? model.isReadOnly, alarmTopic: model.alarmTopic, now, width: layout.columns, sessionFile: model.session.getSnapshot().file, budget: model.budget?.getSnapshot() });
  const view = viewOf(ui, actions);
  /** The state keys act on: the follower's own, with the driver's view over it (its dialog is for looking only). */
  const keyUi = (state: AppUiState): AppUiState => {
    const shown = overlayDriverView(state, driverViewRef.current);
    return isDriverDialog(state, shown) ? { ...shown, dialog: undefined } : shown;
  };
  const context = keyContextOf(keyUi(ownUi), focus, actions.current?.phase, view !== undefined, lesson?.scope);
  // The driver's screen for followers: only a change is news (the store compares).
  const publishedView = isFollower ? undefined : driverViewOf(ui, focus, selected?.id);
  useLayoutEffect(() => {
    if (publishedView !== undefined) model.session.setView(publishedView);
  });

  // The metrics store follows the selection; only a change of instance is news to the model. The pane looks the
  // charts up by the selected id, so the frame before the store hears of it shows "Loading", not the old charts.
  const selectedId = selected?.id;
  const selectedRef = useRef(selected);
  useLayoutEffect(() => {
    selectedRef.current = selected;
  });
  useLayoutEffect(() => {
    model.selectInstance(selectedRef.current);
  }, [model, selectedId]);
  // The rows that matter for a large fleet's CPU column: those on screen, then the filter's matches.
  const isFiltered = ui.list.filter !== '';
  useLayoutEffect(() => {
    const shown = rows.slice(window.from, window.to);
    model.setVisibleInstances?.((isFiltered ? [...shown, ...rows] : shown).map((i) => i.id));
  }, [model, rows, window.from, window.to, isFiltered]);
  /**
   * A list move tells the metrics store (and, in a driver, the session's published view) in the key's own batch:
   * one React commit per keypress; the layout effects above then find nothing new.
   */
  const selectNow = (): void => {
    const state = overlayDriverView(uiRef.current, driverViewRef.current);
    const next = rows[resolveSelection(state.list, { rows, indexById })];
    if (next?.id !== selectedId) model.selectInstance(next);
    if (!isFollower) model.session.setView(driverViewOf(state, focus, next?.id));
  };
  // Until the user moves, the top row is selected while the data the sort reads first arrives (so problems
  // first starts on the worst instance); from then on the selection is held by id and a refresh that reorders
  // the rows never moves it.
  const isSortReady = [fleet.statuses, fleet.cpu, fleet.alarms].every((part) => part.data !== undefined || part.error !== undefined);
  useLayoutEffect(() => {
    if (isSortReady && selectedId !== undefined && uiRef.current.list.selectedId === undefined) {
      dispatch({ type: 'list', action: { type: 'pin', id: selectedId } });
    }
  }, [dispatch, isSortReady, selectedId]);

  /** A scrolling pane's content length and the lines (charts, for metrics) its viewport shows. */
  const scrollView = (pane: ScrollPane): { readonly count: number; readonly viewport: number } => {
    const { height, width } = layout.panes[pane];
    switch (pane) {
      case 'status': {
        const count = selected === undefined ? 0 : statusLines(selected, status, paneContentWidth(width)).length;
        return { count, viewport: statusViewportHeight(height, fleet.statuses.error !== undefined, actionHint(status) !== undefined) };
      }
      case 'metrics':
        return metricsScrollView(metrics, selected, height);
      case 'triage': {
        const count = run === undefined ? 0 : triageLines(run, triageLineWidth(width), actions.journal, notes).length;
        return { count, viewport: triageViewportHeight(height, run, width, actionLine(actions.current, selected?.id, now) !== undefined) };
      }
    }
  };

  /** Ends the app; an action still running is journalled as interrupted by `reason` first. */
  const quit = (reason: string) => {
    model.actions.interrupt(reason);
    exit();
    onExit?.();
  };
  /** `q` asks while an action runs (quitting leaves it half-done); Ctrl-C, the way out that never asks, does not. */
  const requestQuit = (input: string): void => {
    if (input !== 'q') return quit('Ctrl-C');
    if (model.actions.getSnapshot().current?.phase === 'running') return dispatch({ type: 'openDialog', dialog: { kind: 'quit' } });
    quit('q');
  };

  /** The dialog's inputs as of now (the mirror and the model's latest snapshot), not as of the last render. */
  const dialogDeps = (): DialogDeps => {
    const latest = model.actions.getSnapshot();
    return { model, ui: uiRef.current, dispatch, selected, status, run, metrics, actions: latest, view: viewOf(keyUi(uiRef.current), latest), height: layout.bodyHeight, say };
  };
  /** The key context as of now (see uiRef). */
  const contextNow = (): KeyContext => {
    const latest = model.actions.getSnapshot();
    const state = keyUi(uiRef.current);
    return keyContextOf(state, focus, latest.current?.phase, viewOf(state, latest) !== undefined, lesson?.scope);
  };
  const instanceOf = (id: string): Instance | undefined => fleet.instances.data?.find((i) => i.id === id);
  const statusOf = (id: string) => fleet.statuses.data?.get(id);
  /** The instance views' inputs as of now. */
  const viewDeps = (): ViewDeps => ({
    model, ui: uiRef.current, dispatch, selected, instanceOf, statusOf, inspect: model.inspect?.getSnapshot() ?? inspect, height: base.bodyHeight, columns: base.columns, now, say,
  });
  /** The triage pane's lines as drawn now (with the log line each came from), and the cursor on them. */
  const triageNow = (): { readonly lines: readonly TriageLine[]; readonly cursor: number } => {
    const lines = run === undefined ? [] : triageLines(run, triageLineWidth(layout.panes.triage.width), actions.journal, notes);
    return { lines, cursor: Math.min(uiRef.current.triageCursor, Math.max(0, lines.length - 1)) };
  };
  /** A follower that moves or filters browses on its own from where the driver was (f follows again). */
  const stopFollowing = (): void => {
    const driver = driverViewRef.current;
    if (model.follow === undefined || driver === undefined) return;
    model.follow.setFollowing(false);
    driverViewRef.current = undefined;
    if (driver.selectedId !== undefined) dispatch({ type: 'list', action: { type: 'pin', id: driver.selectedId } });
    dispatch({ type: 'focus', pane: driver.focus });
    say('Browsing on your own: f follows the driver again');
  };
  const handle = (action: ActionId, input: string): void => {
    if (lesson?.handle(action, input) === true) return;
    if (isFollower && (NAV[action] !== undefined || action === 'focusNext' || action === 'focusPrev' || action === 'startFilter' || action === 'cycleSort') && !action.startsWith('help')) stopFollowing();
    const view = uiRef.current.view;
    if (view !== undefined && uiRef.current.instanceView === undefined && contextNow().mode === 'view') {
      const deps = { view, logs: model.logs, snapshot: model.logs?.getSnapshot() ?? CLOSED_LOGS, viewport: logsViewportHeight(layout.bodyHeight), markers: uiRef.current.markers, dispatch, say };
      if (handleLogsAction(action, input, deps)) return;
    }
    if (action === 'openEvidence') {
      const { lines, cursor } = triageNow();
      const origin = lines[cursor]?.origin;
      if (origin !== undefined && selected !== undefined && openLogs(model.logs, selected, dispatch, origin)) return;
      action = 'openActions';
    }
    // --- command mode (:), ui/command/ ---
    const commandDeps = { model, ui: uiRef.current, dispatch, say, quit: () => requestQuit('q'), selected, instances: fleet.instances.data };
    if (handleCommandAction(action, input, commandDeps)) return;
    // --- end command mode ---
    if (handleDialogAction(action, input, dialogDeps())) return;
    if (handleViewAction(action, viewDeps())) return;
    switch (action) {
      case 'quit':
        return requestQuit(input);
      case 'quitConfirm':
        return quit('q, confirmed');
      case 'toggleFollow': {
        if (model.follow === undefined) return;
        const isFollowing = !model.follow.getSnapshot().isFollowing;
        if (!isFollowing) return stopFollowing();
        model.follow.setFollowing(true);
        return say("Following the driver's selection");
      }
      case 'toggleHelp':
        return dispatch({ type: 'toggleHelp' });
      case 'toggleZoom':
        return dispatch({ type: 'toggleZoom' });
      case 'helpUp':
      case 'helpDown':
      case 'helpPageUp':
      case 'helpPageDown': {
        const viewport = helpViewportHeight(layout.bodyHeight);
        const max = helpLines(keymap, helpLineWidth(layout.columns), followCommand).length - viewport;
        return dispatch({ type: 'helpScroll', delta: navDelta(action, viewport, max + 1), max });
      }
      case 'focusNext':
      case 'focusPrev':
        return dispatch({ type: 'focusStep', delta: action === 'focusNext' ? 1 : -1, panes });
      case 'startFilter':
        dispatch({ type: 'focus', pane: 'list' });
        return dispatch({ type: 'list', action: { type: 'startFilter' } });
      case 'filterType':
        return dispatch({ type: 'list', action: { type: 'typeFilter', text: input } });
      case 'filterBackspace':
        return dispatch({ type: 'list', action: { type: 'backspaceFilter' } });
      case 'filterKeep':
        return dispatch({ type: 'list', action: { type: 'keepFilter' } });
      case 'filterClear':
        return dispatch({ type: 'list', action: { type: 'clearFilter' } });
      case 'cycleSort':
        // The instance on screen stays selected whatever the new order.
        if (selected !== undefined) dispatch({ type: 'list', action: { type: 'pin', id: selected.id } });
        return dispatch({ type: 'list', action: { type: 'cycleSort' } });
      case 'runTriage':
        return startTriage(dialogDeps());
      case 'exportReport': {
        if (model.exportReport === undefined) return say('Export is not available here', true);
        if (run?.engine === undefined) return say('Nothing to export yet: press t to triage first', true);
        model.exportReport(run).then(
          (saved) => reportSaved({ say, dispatch }, 'Report', saved),
          (error: unknown) => say(`Export failed: ${error instanceof Error ? error.message : String(error)}`, true),
        );
        return;
      }
      case 'refresh':
        return model.refreshNow?.();
      case 'openLogs':
        if (selected === undefined) return say('Select an instance first', true);
        if (!openLogs(model.logs, selected, dispatch)) say('Logs are not available here', true);
        return;
      case 'markTime': {
        const { lines, cursor } = triageNow();
        const origin = lines[cursor]?.origin;
        const at = origin === undefined ? undefined : originTime(origin);
        if (origin === undefined || at === undefined) return say('Move the cursor (↑/↓) to a finding from a log line to mark its time', true);
        return markTime({ markers: uiRef.current.markers, dispatch, say }, { at: at.getTime(), label: markerLabel({ text: origin.line, at }, at) });
      }
      case 'rangePrev':
      case 'rangeNext': {
        const at = RANGES.indexOf(metrics.range);
        const next = RANGES[Math.min(RANGES.length - 1, Math.max(0, at + (action === 'rangeNext' ? 1 : -1)))];
        if (next !== undefined && next !== metrics.range) model.setRange(next);
        return;
      }
      default: {
        if (NAV[action] === undefined) return;
        if (focus === 'list') {
          const view = { rows, indexById, height: listHeight };
          dispatch({ type: 'list', action: NAV[action] === 'page' ? { type: 'page', direction: action === 'pageUp' ? -1 : 1, view } : { type: 'move', delta: navDelta(action, listHeight, rows.length), view } });
          return selectNow();
        }
        const { count, viewport } = scrollView(focus);
        const max = count - viewport;
        if (focus === 'triage') {
          // The triage pane moves a line cursor (Enter and m act on its line); the scroll keeps it in view.
          const delta = navDelta(action, viewport, count);
          const at = Math.min(Math.max(0, triageNow().cursor + delta), Math.max(0, count - 1));
          // A page moves the view with the cursor; a line moves the view only when the cursor would leave it.
          const top = NAV[action] === 'step' ? uiRef.current.scroll.triage : uiRef.current.scroll.triage + delta;
          const scroll = Math.min(Math.max(0, max), Math.max(at - Math.max(1, viewport) + 1, Math.min(top, at)));
          return dispatch({ type: 'triageCursor', cursor: at, scroll });
        }
        return dispatch({ type: 'scroll', pane: focus, delta: navDelta(action, viewport, max + 1), max });
      }
    }
  };

  const onKey = (input: string, key: Key): void => {
    const name = keyNameOf(input, key);
    const chars = [...input];
    // Over a slow SSH link several keystrokes arrive as one chunk ("/web\r", "jjj"): replay them one key at a
    // time, each in the context the previous one left (the mirror, not the last render).
    if (name === input && chars.length > 1 && contextNow().mode !== 'help') {
      let text = '';
      let typing: ActionId = 'filterType';
      const flush = (): void => {
        if (text !== '') handle(typing, text);
        text = '';
      };
      for (const ch of chars) {
        const keyName = CHUNK_KEYS[ch] ?? ch;
        const mode = contextNow().mode;
        if ((mode === 'filter' || mode === 'command') && keyName === ch && ch >= ' ') {
          typing = mode === 'filter' ? 'filterType' : 'commandType';
          text += ch;
          continue;
        }
        flush();
        const binding = resolveKey(keymap, contextNow(), keyName);
        if (binding === undefined) continue;
        handle(binding.action, ch);
        if (binding.action === 'quit' || binding.action === 'quitConfirm' || binding.action === 'toggleHelp') return;
      }
      flush();
      return;
    }
    const binding = resolveKey(keymap, contextNow(), name);
    if (binding !== undefined) handle(binding.action, input);
  };
  // Keys arrive faster than passive effects re-subscribe a new handler (a paste or fast typing comes in one
  // chunk): a stable listener reads the handler of the latest commit, so no key sees a stale mode or selection.
  const onKeyRef = useRef(onKey);
  useLayoutEffect(() => {
    onKeyRef.current = onKey;
  });
  const stableOnKey = useCallback((input: string, key: Key) => onKeyRef.current(input, key), []);
  useInput(stableOnKey);

  const open = ui.instanceView;
  const instanceView =
    open === undefined
      ? undefined
      : { title: viewTitle(open, instanceOf(open.instanceId)), lines: viewLines(open, instanceOf(open.instanceId), statusOf(open.instanceId), inspect, now, viewContentWidth(base.columns)), scroll: open.scroll };
  const commandLine = ui.command?.isOpen === true ? commandLineText(ui.command) : undefined;
  return { ui, focus, context, layout, rows, total, selected, selectedIndex, window, notice, dialog: view, instanceView, keymap, isFollower, isDriverDialog: isFollower && view !== undefined && isDriverDialog(ownUi, ui), commandLine, followCommand };
}
