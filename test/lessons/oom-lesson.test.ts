// The OOM lesson's teaching moments judged over observations: the three wrong moves fire (once each) on what the
// trainee did, the right moves do not, and the fix waits for the fleet to say so.
import { describe, expect, it } from 'vitest';
import { stepLesson, startProgress, type FleetFacts, type LessonObservation } from '../../source/lessons/engine.js';
import { OOM_LESSON } from '../../source/lessons/catalog/oom.js';
import { STATUS_CHECKS_101 } from '../../source/lessons/catalog/status-checks-101.js';

const ID = 'i-ml';
const obs = (o: Partial<LessonObservation>): LessonObservation => ({
  now: 1, incidentId: ID, selectedId: ID, focus: 'list', isZoomed: false, metricsRange: '1h', view: undefined, markers: 0, runs: [],
  actions: [], isAgentShown: false, isReportSaved: false, fleet: undefined, ...o,
});
const facts = (f: Partial<FleetFacts>): FleetFacts => ({ at: 1, failures: [], ...f });
const alarm = (metric: string, threshold: number, actions: string[] = []) => ({ name: metric, metric, threshold, actions });
/** Progress on the task of that id. */
const at = (lesson: typeof OOM_LESSON, id: string) => ({ ...startProgress(0), taskIndex: lesson.tasks.findIndex((t) => t.id === id) });
const wrongIds = (p: ReturnType<typeof startProgress>) => p.wrongMoves.map((w) => w.id);

describe('OOM lesson: wrong moves', () => {
  it('a reboot is explained', () => {
    const p = stepLesson(OOM_LESSON, at(OOM_LESSON, 'fix'), obs({ actions: [{ instanceId: ID, kind: 'reboot', at: 1 }], fleet: facts({ memoryGib: 4 }) }));
    expect(wrongIds(p)).toEqual(['oom-reboot']);
    expect(p.news[0]?.text).toMatch(/same 4 GiB/);
  });

  it('a resize to less memory is explained; a resize to the same or more is not', () => {
    const resized = { actions: [{ instanceId: ID, kind: 'resize', at: 1 }] };
    expect(wrongIds(stepLesson(OOM_LESSON, at(OOM_LESSON, 'fix'), obs({ ...resized, fleet: facts({ memoryGib: 2 }) })))).toEqual(['oom-less-memory']);
    expect(wrongIds(stepLesson(OOM_LESSON, at(OOM_LESSON, 'fix'), obs({ ...resized, fleet: facts({ memoryGib: 4 }) })))).toEqual([]);
    // The memory not read yet: no verdict, no lecture.
    expect(wrongIds(stepLesson(OOM_LESSON, at(OOM_LESSON, 'fix'), obs({ ...resized, fleet: facts({}) })))).toEqual([]);
  });

  it('a CPU alarm without a memory alarm is explained; the recommended set (CPU and memory) is not', () => {
    const cpuOnly = obs({ fleet: facts({ alarms: [alarm('CPUUtilization', 80)] }) });
    expect(wrongIds(stepLesson(OOM_LESSON, at(OOM_LESSON, 'prevent'), cpuOnly))).toEqual(['oom-cpu-alarm']);
    const all = obs({ fleet: facts({ alarms: [alarm('CPUUtilization', 80), alarm('mem_used_percent', 85), alarm('StatusCheckFailed_System', 1, ['arn:aws:automate:us-east-1:ec2:recover'])] }) });
    const p = stepLesson(OOM_LESSON, at(OOM_LESSON, 'prevent'), all);
    expect(wrongIds(p)).toEqual([]);
    expect(p.met.map((m) => m.taskId)).toEqual(['prevent']);
  });

  it('the fix is met only when the fleet says more memory, checks ok and memory below the limit', () => {
    const fix = at(OOM_LESSON, 'fix');
    const fleet = { memoryGib: 8, state: 'running', systemCheck: 'ok', instanceCheck: 'ok' };
    expect(stepLesson(OOM_LESSON, fix, obs({ fleet: facts({ ...fleet, memPercent: 97 }) })).met).toEqual([]);
    expect(stepLesson(OOM_LESSON, fix, obs({ fleet: facts({ ...fleet }) })).met).toEqual([]);
    expect(stepLesson(OOM_LESSON, fix, obs({ fleet: facts({ ...fleet, memPercent: 40 }) })).met.map((m) => m.taskId)).toEqual(['fix']);
  });
});

describe('Status checks 101: the reboot', () => {
  it('is explained once, and stop-start with checks ok goes on', () => {
    const fix = at(STATUS_CHECKS_101, 'fix');
    const rebooted = obs({ actions: [{ instanceId: ID, kind: 'reboot', at: 1 }], fleet: facts({ state: 'running', systemCheck: 'impaired', instanceCheck: 'ok' }) });
    let p = stepLesson(STATUS_CHECKS_101, fix, rebooted);
    expect(p.news[0]).toMatchObject({ kind: 'wrong', text: expect.stringMatching(/A reboot stays on the same host/) });
    p = stepLesson(STATUS_CHECKS_101, p, rebooted);
    expect(p.wrongMoves).toHaveLength(1);
    p = stepLesson(STATUS_CHECKS_101, p, obs({ actions: [{ instanceId: ID, kind: 'reboot', at: 1 }, { instanceId: ID, kind: 'stop-start', at: 2 }], fleet: facts({ state: 'running', systemCheck: 'ok', instanceCheck: 'ok' }) }));
    expect(p.met.map((m) => m.taskId)).toEqual(['fix']);
  });
});
