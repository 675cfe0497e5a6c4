// Every lesson of the catalog against the format and the app: known goal kinds, three hints and a why a task,
// valid questions, its instance in its scenario's fleet, and every goal reachable by something the app does.
import { describe, expect, it } from 'vitest';
import { goalKinds } from '../../source/lessons/engine.js';
import { LESSONS, findLesson } from '../../source/lessons/catalog/index.js';
import type { Goal, Lesson } from '../../source/lessons/types.js';
import { createWorld } from '../../source/sim/world.js';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import { SIGNATURES } from '../../source/triage/signatures.js';
import { recommendedAlarms, alarmSpec, type AlarmKind } from '../../source/triage/write-plan.js';
import { KEYMAP } from '../../source/ui/keymap.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/** How the app reaches each goal kind: the key (from the one keymap) or the path that makes it true. */
const REACHED_BY: Readonly<Record<Goal['kind'], string | undefined>> = {
  selected: 'down',
  triaged: 'runTriage',
  healthyAfterFix: 'runTriage',
  metricsRange: 'rangeNext',
  logAt: 'openLogs',
  marked: 'markTime',
  viewOpen: 'openDescribe',
  runbookRun: 'openRunbooks',
  actionDone: 'openActions',
  fleetMemoryAtLeast: 'openActions',
  fleetHealthy: 'openActions',
  fleetMemoryBelow: 'openActions',
  fleetDiskBelow: 'openActions',
  alarmExists: 'addAlarms',
  autoRecoverAlarm: 'addAlarms',
  sshReachable: 'openActions',
  hasPublicIp: 'openActions',
  creditsFixed: 'openActions',
  reportSaved: 'exportReport',
  answered: 'lessonAnswer',
  not: undefined,
  all: undefined,
  any: undefined,
};

const CAUSES = new Set(['wont-start', 'not-running', 'system-check-failed', 'instance-check-failed', 'oom', 'disk-full', 'cpu-credits', 'high-cpu', 'high-memory', 'ssh-blocked', 'no-public-ip', 'no-igw-route', 'nacl-blocks-ssh', 'key-pair-missing', 'ssh-open-to-world', 'os-errors', 'scheduled-event', 'cpu-steal', 'ssh-host', 'healthy', 'inconclusive']);
const ACTIONS = new Set(['reboot', 'stop-start', 'resize', 'start', 'alarms', 'agent', 'fix']);
/** The alarms the app can create (the recommended set), by metric: their thresholds. */
const APP_ALARMS = (['high-cpu', 'status-check', 'auto-recover', 'memory'] as AlarmKind[]).map((k) =>
  alarmSpec(k, { id: 'i-1', name: 'x' } as Parameters<typeof alarmSpec>[1], 'us-east-1'),
);

function leaves(goal: Goal): Goal[] {
  if (goal.kind === 'all' || goal.kind === 'any') return goal.of.flatMap(leaves);
  if (goal.kind === 'not') return leaves(goal.goal);
  return [goal];
}

/** What is wrong with a goal of a lesson ('' when it can be reached in the app). */
function unreachable(goal: Goal, lesson: Lesson): string {
  switch (goal.kind) {
    case 'triaged': {
      const cause = goal.cause ?? lesson.cause;
      return cause === undefined || CAUSES.has(cause) ? '' : `unknown cause ${cause}`;
    }
    case 'logAt':
      return goal.signature === undefined || SIGNATURES.some((s) => s.id === goal.signature) ? '' : `unknown signature ${goal.signature}`;
    case 'runbookRun':
      return goal.runbook in RUNBOOKS ? '' : `unknown runbook ${goal.runbook}`;
    case 'actionDone':
      return ACTIONS.has(goal.action) ? '' : `unknown action ${goal.action}`;
    case 'alarmExists': {
      const fits = APP_ALARMS.some((a) => a.metricName === goal.metric && a.threshold >= (goal.min ?? -Infinity) && a.threshold <= (goal.max ?? Infinity));
      return fits ? '' : `the app creates no ${goal.metric} alarm within [${goal.min ?? ''}, ${goal.max ?? ''}]`;
    }
    case 'answered': {
      const ids = lesson.tasks.flatMap((t) => (t.question === undefined ? [] : [t.question.id]));
      return ids.includes(goal.question) ? '' : `no question ${goal.question} in the lesson`;
    }
    default:
      return '';
  }
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('has an id, a title, a summary, narration, tasks and exam tips', () => {
    expect(lesson.id).toMatch(/^[a-z0-9-]+$/);
    expect(lesson.title.length).toBeGreaterThan(3);
    expect(lesson.summary.length).toBeGreaterThan(10);
    expect(lesson.narration.length).toBeGreaterThan(0);
    expect(lesson.tasks.length).toBeGreaterThan(1);
    expect(lesson.examTips.length).toBeGreaterThan(0);
    expect(new Set(lesson.tasks.map((t) => t.id)).size).toBe(lesson.tasks.length);
  });

  it('every task: three hints, a why, a title; every goal and wrong move of known, reachable kinds', () => {
    const wrongIds = new Set<string>();
    for (const task of lesson.tasks) {
      expect(task.hints, task.id).toHaveLength(3);
      for (const h of task.hints) expect(h.trim().length, task.id).toBeGreaterThan(3);
      expect(task.why.trim().length, task.id).toBeGreaterThan(10);
      expect(task.title.trim().length, task.id).toBeGreaterThan(3);
      for (const goal of [task.goal, ...(task.wrongMoves ?? []).map((w) => w.when)]) {
        for (const kind of goalKinds(goal)) expect(Object.keys(REACHED_BY), `${task.id}: ${kind}`).toContain(kind);
        for (const leaf of leaves(goal)) {
          const key = REACHED_BY[leaf.kind];
          expect(key === undefined || KEYMAP.some((b) => b.action === key), `${task.id}: ${leaf.kind} via ${key}`).toBe(true);
          expect(unreachable(leaf, lesson), task.id).toBe('');
        }
      }
      for (const w of task.wrongMoves ?? []) {
        expect(wrongIds.has(w.id), w.id).toBe(false);
        wrongIds.add(w.id);
        expect(w.say.trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('questions: four choices, the answer one of a–d, an explanation; an answered goal names its own task\'s question', () => {
    for (const task of lesson.tasks) {
      const q = task.question;
      if (task.goal.kind === 'answered') expect(q?.id, task.id).toBe(task.goal.question);
      if (q === undefined) continue;
      expect(q.choices).toHaveLength(4);
      expect(['a', 'b', 'c', 'd']).toContain(q.answer);
      expect(new Set(q.choices).size).toBe(4);
      expect(q.explanation.length).toBeGreaterThan(10);
    }
  });

  it("its instance is in its scenario's fleet", () => {
    const world = createWorld({ scenario: lesson.scenario, seed: 1, fleetSize: 0, clock: createFakeClock(Date.UTC(2024, 0, 15, 3)) });
    expect(world.instances().map((i) => i.tags.Name)).toContain(lesson.instance);
  });
});

describe('the catalog', () => {
  it('ids are unique, and findLesson finds each', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(findLesson(l.id)).toBe(l);
    expect(findLesson('nope')).toBeUndefined();
  });

  it('the recommended alarms the reachability table trusts are the app\'s own', () => {
    const metrics = recommendedAlarms({ id: 'i-1', name: 'x' } as Parameters<typeof recommendedAlarms>[0], 'us-east-1', { isAgentReporting: true }).map((a) => a.metricName);
    expect(metrics.sort()).toEqual(APP_ALARMS.map((a) => a.metricName).sort());
  });
});
