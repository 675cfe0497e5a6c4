// The triage runs of the session, per instance: the last finished one, the incident before a fix, and the runs
// restored from a session file (--resume). The session file keeps it; the report of a resumed session lists it.
import { changesSince } from '../triage/changes-since.js';
import type { ChecklistRun } from '../triage/run.js';
import { createStore } from './store.js';
import type { Store } from './store-types.js';

/** One instance's runs. */
export interface InstanceRuns {
  /** The last finished run (the one restored from the file, until a new one finishes). */
  readonly last?: ChecklistRun;
  /** The last full-window run (not a check after a fix): the report tells it as the incident. */
  readonly incident?: ChecklistRun;
  /** Runs restored from session files that a newer run replaced, oldest first (at most MAX_EARLIER). */
  readonly earlier: readonly ChecklistRun[];
}

export type RunHistory = ReadonlyMap<string, InstanceRuns>;

/** Earlier runs kept per instance: enough for a few hand-overs, not a file that grows without bound. */
export const MAX_EARLIER = 4;

export interface RunHistoryStore extends Store<RunHistory> {
  /** A finished run (with the engine's result); anything else is ignored. */
  record(run: ChecklistRun): void;
}

/** Creates the history, seeded with what --resume restored. */
export function createRunHistory(initial: RunHistory = new Map()): RunHistoryStore {
  const store = createStore<RunHistory>(initial);
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    record(run) {
      if (run.engine === undefined || run.finishedAt === undefined) return;
      const old = store.getSnapshot().get(run.instanceId) ?? { earlier: [] };
      if (old.last === run) return;
      // A restored run a newer one replaces stays in the record: the report of the hand-over lists it.
      const replaced = [old.last, run.since === undefined ? old.incident : undefined].filter((r): r is ChecklistRun => r?.restored !== undefined);
      // The incident and the last run are often the same run (read back from a file as two copies): kept once.
      const unique = replaced.filter((r, i) => replaced.findIndex((o) => o.startedAt === r.startedAt) === i && !old.earlier.some((o) => o.startedAt === r.startedAt));
      const earlier = [...old.earlier, ...unique].slice(-MAX_EARLIER);
      const next: InstanceRuns = { last: run, earlier, ...(run.since === undefined ? { incident: run } : old.incident === undefined ? {} : { incident: old.incident }) };
      store.update((h) => new Map([...h, [run.instanceId, next]]));
    },
  };
}

/** The newest run of the instance that came from a session file: what a new run is compared with. */
export function restoredRunOf(runs: InstanceRuns | undefined): ChecklistRun | undefined {
  if (runs === undefined) return undefined;
  if (runs.last?.restored !== undefined) return runs.last;
  return runs.earlier.at(-1);
}

/** A new finished run with the line of what changed since the instance's restored run (else the run itself). */
export function withChanges(run: ChecklistRun, runs: InstanceRuns | undefined): ChecklistRun {
  const before = restoredRunOf(runs);
  if (run.restored !== undefined || run.engine === undefined || run.changes !== undefined || before?.engine === undefined || before === run) return run;
  return { ...run, changes: changesSince(before.engine, run.engine) };
}
