// The report of a session: the run asked for, told with the incident before a fix, the actions, the notes and
// the runs restored from a session file. The `e` key and `ec2-triage report SESSION_FILE` both write it.
import type { JournalEntry } from '../triage/journal.js';
import { notesFor } from '../triage/notes.js';
import { renderReport } from '../triage/report.js';
import type { ChecklistRun } from '../triage/run.js';
import type { InstanceRuns } from './run-history.js';
import type { SessionNote } from './session-types.js';

export interface SessionReportInput {
  /** The whole journal (the instance's entries are picked). */
  readonly journal: readonly JournalEntry[];
  /** Every note of the session (the instance's and those on no instance are picked). */
  readonly notes: readonly SessionNote[];
  readonly runs: InstanceRuns | undefined;
}

/** The Markdown report of a finished run within its session. */
export function sessionReport(run: ChecklistRun, input: SessionReportInput): string {
  if (run.engine === undefined) throw new Error('the triage run has not finished yet');
  const journal = input.journal.filter((e) => e.instanceId === run.instanceId);
  // After a fix the report still tells the whole incident: the diagnosis before, the actions, the check after.
  const before = run.since === undefined ? undefined : input.runs?.incident?.engine;
  // A run read back from a file may be two copies (the last and the incident): runs are told apart by when they read.
  const shown = new Set([run.engine, before].flatMap((r) => (r === undefined ? [] : [r.evidence.gatheredAt.getTime()])));
  const restored = [...(input.runs?.earlier ?? []), ...(input.runs?.last === undefined ? [] : [input.runs.last])];
  const earlier = restored.flatMap((r) => (r.restored === undefined || r.engine === undefined || shown.has(r.engine.evidence.gatheredAt.getTime()) ? [] : [{ run: r.engine, from: r.restored }]));
  const session = { notes: notesFor(input.notes, run.instanceId), earlier, ...(run.changes === undefined ? {} : { changes: run.changes }) };
  return before === undefined || run.since === undefined
    ? renderReport(run.engine, journal, undefined, session)
    : renderReport(before, journal, { run: run.engine, since: run.since }, session);
}
