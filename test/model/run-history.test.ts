import { describe, expect, it } from 'vitest';
import { createRunHistory, MAX_EARLIER, restoredRunOf, withChanges } from '../../source/model/run-history.js';
import type { ChecklistRun } from '../../source/triage/run.js';
import { oomRun } from '../helpers/oom-run.js';

const FROM = { path: '/s.json', savedAt: 5 };
const at = (run: ChecklistRun, startedAt: number, extra: Partial<ChecklistRun> = {}): ChecklistRun => ({ ...run, startedAt, ...extra });

describe('run history', () => {
  it('keeps the last finished run and the incident before a fix; ignores runs still going', () => {
    const h = createRunHistory();
    const base = oomRun();
    h.record({ ...base, finishedAt: undefined });
    expect(h.getSnapshot().size).toBe(0);
    h.record(at(base, 1));
    const check = at(base, 2, { since: { at: 1, what: 'Resize' } });
    h.record(check);
    const runs = h.getSnapshot().get(base.instanceId);
    expect(runs?.last).toBe(check);
    expect(runs?.incident?.startedAt).toBe(1);
    expect(runs?.earlier).toEqual([]);
  });

  it('moves a restored run a newer one replaces to the earlier runs, once, and at most MAX_EARLIER', () => {
    const base = oomRun();
    const restored = at(base, 1, { restored: FROM });
    const copy = at(base, 1, { restored: FROM });
    const h = createRunHistory(new Map([[base.instanceId, { last: restored, incident: copy, earlier: [] }]]));
    expect(restoredRunOf(h.getSnapshot().get(base.instanceId))).toBe(restored);
    const fresh = withChanges(at(base, 10), h.getSnapshot().get(base.instanceId));
    expect(fresh.changes).toMatch(/^since \d\d:\d\d: still oom/);
    h.record(fresh);
    const runs = h.getSnapshot().get(base.instanceId);
    expect(runs?.earlier.map((r) => r.startedAt)).toEqual([1]);
    expect(restoredRunOf(runs)?.startedAt).toBe(1);
    // A restored run is never compared with itself, and a run already carrying its line keeps it.
    expect(withChanges(restored, runs)).toBe(restored);
    expect(withChanges(fresh, runs)).toBe(fresh);
    const many = createRunHistory(new Map([[base.instanceId, { earlier: [2, 3, 4, 5].map((n) => at(base, n, { restored: FROM })), last: at(base, 6, { restored: FROM }) }]]));
    many.record(at(base, 7));
    expect(many.getSnapshot().get(base.instanceId)?.earlier.map((r) => r.startedAt)).toEqual([3, 4, 5, 6].slice(-MAX_EARLIER));
  });
});
