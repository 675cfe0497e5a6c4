// The lesson's observation from what the app shows: the UI state (selection, focus, range, the open view with the
// log cursor's line, markers, the agent dialog) and the observer's facts (fleet, runs, journal). Pure.
import type { LessonObservation, LessonView } from '../../lessons/engine.js';
import type { LessonFacts } from '../../model/lesson-observer.js';
import type { LogsSnapshot } from '../../model/logs-types.js';
import type { AppUiState } from '../use-app-state.js';
import { lineSignature } from '../views/logs/log-lines.js';

export interface ObservationInput {
  readonly now: number;
  readonly ui: AppUiState;
  readonly focus: string;
  readonly selectedId: string | undefined;
  readonly metricsRange: string;
  readonly logs: LogsSnapshot;
  readonly facts: LessonFacts;
  /** The lesson's own report was saved (e at the end). */
  readonly isLessonReportSaved: boolean;
}

/** The log view as a lesson sees it: its instance, source, and the cursor line's text and signature. */
export function logsViewOf(ui: AppUiState, logs: LogsSnapshot): LessonView | undefined {
  if (ui.view === undefined) return undefined;
  const source = logs.sources.data?.[logs.sourceIndex]?.kind;
  const lines = logs.lines.data ?? [];
  const cursor = ui.view.cursor;
  const at = typeof cursor === 'number' ? cursor : cursor === 'end' ? lines.length - 1 : (logs.focusLine ?? lines.length - 1);
  const line = lines[Math.min(Math.max(0, at), lines.length - 1)];
  const signature = line === undefined ? undefined : lineSignature(line.text)?.id;
  return {
    kind: 'logs',
    instanceId: logs.instanceId,
    ...(source === undefined ? {} : { source }),
    ...(line === undefined ? {} : { lineText: line.text }),
    ...(signature === undefined ? {} : { signature }),
  };
}

/** Everything the goals read, as of this frame. */
export function lessonObservation(input: ObservationInput): LessonObservation {
  const { ui, facts } = input;
  const open = ui.instanceView;
  const view: LessonView | undefined = open !== undefined ? { kind: open.kind, instanceId: open.instanceId } : logsViewOf(ui, input.logs);
  return {
    now: input.now,
    incidentId: facts.incidentId,
    selectedId: input.selectedId,
    focus: input.focus,
    isZoomed: ui.isZoomed,
    metricsRange: input.metricsRange,
    view,
    markers: ui.markers.length,
    runs: facts.runs,
    actions: facts.actions,
    isAgentShown: ui.dialog?.kind === 'agent' && facts.incidentId !== undefined && input.selectedId === facts.incidentId,
    isReportSaved: facts.isReportSaved || input.isLessonReportSaved,
    fleet: facts.fleet,
  };
}
