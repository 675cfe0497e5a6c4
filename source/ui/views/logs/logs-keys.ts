// The log view's keys: each action of the 'logs' and 'logSearch' scopes changes the view's UI state or calls the
// logs model (source, range, follow); `m` toggles a chart marker at the cursor line's time.
import type { Instance } from '../../../domain/types.js';
import { LOG_RANGES, type LogsModel, type LogsSnapshot } from '../../../model/logs-store.js';
import type { ActionId } from '../../keymap.js';
import { pageStep } from '../../layout.js';
import { toggleMarker, type ChartMarker } from '../../panes/metrics/chart-math.js';
import type { AppUiAction } from '../../use-app-state.js';
import { findMatches, logWindow, markerLabel, stepMatch } from './log-lines.js';
import type { LogsViewState } from './logs-view-state.js';

export interface LogsKeyDeps {
  readonly view: LogsViewState;
  readonly logs: LogsModel | undefined;
  readonly snapshot: LogsSnapshot;
  readonly viewport: number;
  readonly markers: readonly ChartMarker[];
  readonly dispatch: (action: AppUiAction) => void;
  readonly say: (text: string, isError?: boolean) => void;
}

/** Opens the log view on an instance (optionally at a finding's line); false when there is no logs model. */
export function openLogs(logs: LogsModel | undefined, instance: Instance, dispatch: (action: AppUiAction) => void, origin?: Parameters<LogsModel['open']>[1]): boolean {
  if (logs === undefined) return false;
  logs.open(instance, origin);
  dispatch({ type: 'openView', view: { kind: 'logs', cursor: undefined, from: undefined, query: '', typed: undefined } });
  return true;
}

/** Toggles the marker for a time; says what happened. */
export function markTime(deps: Pick<LogsKeyDeps, 'markers' | 'dispatch' | 'say'>, marker: ChartMarker): void {
  const next = toggleMarker(deps.markers, marker);
  deps.dispatch({ type: 'setMarkers', markers: next });
  deps.say(next.length < deps.markers.length ? `Marker removed: ${marker.label}` : `Marked on the charts: ${marker.label}`);
}

/** Handles one log-view action; false when it is not one. */
export function handleLogsAction(action: ActionId, input: string, deps: LogsKeyDeps): boolean {
  const { view, logs, snapshot, viewport, dispatch, say } = deps;
  const lines = snapshot.lines.data ?? [];
  const win = logWindow(lines.length, viewport, view.cursor, view.from, snapshot.focusLine);
  const go = (cursor: number, from = win.from): void => dispatch({ type: 'changeView', change: { cursor, from } });
  const search = (query: string, dir: 1 | -1, from: number): void => {
    if (query === '') return say('No search yet: press / and type', true);
    const at = stepMatch(findMatches(lines, query), from, dir);
    if (at === undefined) return say(`No line matches "${query}"`, true);
    go(at);
  };
  switch (action) {
    case 'viewClose':
      logs?.close();
      dispatch({ type: 'closeView' });
      return true;
    case 'logsSourceNext':
    case 'logsSourcePrev':
      logs?.selectSource(snapshot.sourceIndex + (action === 'logsSourceNext' ? 1 : -1));
      dispatch({ type: 'changeView', change: { cursor: undefined, from: undefined } });
      return true;
    case 'logsRangePrev':
    case 'logsRangeNext': {
      const at = LOG_RANGES.indexOf(snapshot.range);
      const next = LOG_RANGES[Math.min(LOG_RANGES.length - 1, Math.max(0, at + (action === 'logsRangeNext' ? 1 : -1)))];
      if (next !== undefined) logs?.setRange(next);
      if (snapshot.sources.data?.[snapshot.sourceIndex]?.kind === 'console') say('The console output has no time range: it is read whole');
      return true;
    }
    case 'logsFollow':
      if (snapshot.sources.data?.[snapshot.sourceIndex]?.kind !== 'group') {
        say('Follow reads a log group: Tab to one (the console output is read whole)', true);
        return true;
      }
      logs?.toggleFollow();
      // Following keeps the newest line in view.
      if (!snapshot.isFollowing) dispatch({ type: 'changeView', change: { cursor: 'end', from: undefined } });
      return true;
    case 'markTime': {
      const line = lines[win.cursor];
      if (line?.at === undefined) {
        say('This line carries no time to mark', true);
        return true;
      }
      markTime(deps, { at: line.at.getTime(), label: markerLabel(line, line.at) });
      return true;
    }
    case 'logsSearch':
      dispatch({ type: 'changeView', change: { typed: '' } });
      return true;
    case 'searchType':
      dispatch({ type: 'changeView', change: { typed: `${view.typed ?? ''}${input.replace(/[\r\n\t]/g, '')}`.slice(0, 200) } });
      return true;
    case 'searchBackspace':
      dispatch({ type: 'changeView', change: { typed: [...(view.typed ?? '')].slice(0, -1).join('') } });
      return true;
    case 'searchCancel':
      dispatch({ type: 'changeView', change: { typed: undefined } });
      return true;
    case 'searchKeep': {
      const query = view.typed ?? '';
      dispatch({ type: 'changeView', change: { query, typed: undefined } });
      // The first match from the cursor on (the cursor's own line counts).
      if (query !== '') search(query, 1, win.cursor - 1);
      return true;
    }
    case 'logsNext':
    case 'logsPrev':
      search(view.query, action === 'logsNext' ? 1 : -1, win.cursor);
      return true;
    case 'up':
    case 'down':
      go(win.cursor + (action === 'up' ? -1 : 1));
      return true;
    case 'pageUp':
    case 'pageDown': {
      const step = pageStep(viewport) * (action === 'pageUp' ? -1 : 1);
      go(Math.min(Math.max(0, win.cursor + step), Math.max(0, lines.length - 1)), Math.max(0, win.from + step));
      return true;
    }
    case 'top':
      go(0, 0);
      return true;
    case 'bottom':
      dispatch({ type: 'changeView', change: { cursor: 'end', from: undefined } });
      return true;
    default:
      return false;
  }
}
