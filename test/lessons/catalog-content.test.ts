// The content of the eight scenario and agent lessons, checked as data with no engine: every goal is a declared
// kind and refers to things that exist (runbooks, log signatures, questions), every task has three distinct hints
// and a why, questions are well formed, each lesson's instance lives in its scenario's fleet and its cause is what
// the triage concludes there (the real stack in-process, at the page), every key a hint names is in the keymap,
// and no sentence is lifted from the reference story.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { LESSONS } from '../../source/lessons/catalog/index.js';
import { lesson as CLOUDWATCH_AGENT } from '../../source/lessons/catalog/cloudwatch-agent.js';
import { lesson as CPU_CREDITS } from '../../source/lessons/catalog/cpu-credits.js';
import { lesson as DISK_FULL } from '../../source/lessons/catalog/disk-full.js';
import { lesson as INSTANCE_CHECK_FAILED } from '../../source/lessons/catalog/instance-check-failed.js';
import { lesson as NO_PUBLIC_IP } from '../../source/lessons/catalog/no-public-ip.js';
import { lesson as SSH_BLOCKED } from '../../source/lessons/catalog/ssh-blocked.js';
import { lesson as SYSTEM_CHECK_FAILED } from '../../source/lessons/catalog/system-check-failed.js';
import { lesson as WONT_START } from '../../source/lessons/catalog/wont-start.js';
import type { Goal, Lesson } from '../../source/lessons/types.js';
import { gatherEvidence } from '../../source/model/evidence-gatherer.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';
import { triage } from '../../source/triage/engine.js';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import { SIGNATURES } from '../../source/triage/signatures.js';
import { KEYMAP } from '../../source/ui/keymap.js';

const MINE: readonly Lesson[] = [
  SYSTEM_CHECK_FAILED, INSTANCE_CHECK_FAILED, SSH_BLOCKED, NO_PUBLIC_IP, WONT_START, CPU_CREDITS, DISK_FULL, CLOUDWATCH_AGENT,
];

/** Every goal kind the format declares: `satisfies` fails to compile when a kind is added or removed. */
const GOAL_KINDS = {
  selected: true, triaged: true, healthyAfterFix: true, metricsRange: true, logAt: true, marked: true, viewOpen: true,
  runbookRun: true, actionDone: true, fleetMemoryAtLeast: true, fleetHealthy: true, fleetMemoryBelow: true,
  fleetDiskBelow: true, alarmExists: true, autoRecoverAlarm: true, sshReachable: true, hasPublicIp: true,
  creditsFixed: true, reportSaved: true, answered: true, not: true, all: true, any: true,
} as const satisfies Record<Goal['kind'], true>;

/** A goal and every goal nested in it. */
function flatten(goal: Goal): Goal[] {
  switch (goal.kind) {
    case 'all':
    case 'any':
      return [goal, ...goal.of.flatMap(flatten)];
    case 'not':
      return [goal, ...flatten(goal.goal)];
    default:
      return [goal];
  }
}

const goalsOf = (lesson: Lesson): Goal[] =>
  lesson.tasks.flatMap((t) => [t.goal, ...(t.wrongMoves ?? []).map((w) => w.when)]).flatMap(flatten);

/** Keys a text names, written `like this`. */
const namedKeys = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
const KEY_NAMES = new Set(KEYMAP.flatMap((b) => [...b.keys, b.label]));
/** Sentences in a text (a why is one or two). */
const sentences = (text: string): number => text.split(/(?<=[.!?])\s+(?=[A-Z"'(])/).filter((s) => s.trim() !== '').length;

describe('the eight lessons of the content helper', () => {
  it('are all in the catalog, with ids unique across it', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of MINE) expect(LESSONS, l.id).toContain(l);
    expect(MINE.map((l) => l.id).sort()).toEqual(
      ['cloudwatch-agent', 'cpu-credits', 'disk-full', 'instance-check-failed', 'no-public-ip', 'ssh-blocked', 'system-check-failed', 'wont-start'],
    );
  });

  it('question ids are unique across the catalog; task and wrong-move ids within a lesson', () => {
    const questions = LESSONS.flatMap((l) => l.tasks.flatMap((t) => (t.question === undefined ? [] : [t.question.id])));
    expect(new Set(questions).size).toBe(questions.length);
    for (const l of MINE) {
      const tasks = l.tasks.map((t) => t.id);
      expect(new Set(tasks).size, l.id).toBe(tasks.length);
      const wrongs = l.tasks.flatMap((t) => (t.wrongMoves ?? []).map((w) => w.id));
      expect(new Set(wrongs).size, l.id).toBe(wrongs.length);
    }
  });

  describe.each(MINE.map((l) => [l.id, l] as const))('%s', (_id, lesson) => {
    it('uses only declared goal kinds, and each refers to something that exists', () => {
      const runbooks = new Set(Object.keys(RUNBOOKS));
      const signatures = new Set(SIGNATURES.map((s) => s.id));
      const questions = new Set(lesson.tasks.flatMap((t) => (t.question === undefined ? [] : [t.question.id])));
      for (const g of goalsOf(lesson)) {
        expect(Object.keys(GOAL_KINDS), `${lesson.id}: ${JSON.stringify(g)}`).toContain(g.kind);
        if (g.kind === 'runbookRun') expect(runbooks, lesson.id).toContain(g.runbook);
        if (g.kind === 'logAt' && g.signature !== undefined) expect(signatures, lesson.id).toContain(g.signature);
        if (g.kind === 'answered') expect(questions, lesson.id).toContain(g.question);
        if (g.kind === 'alarmExists' && g.min !== undefined && g.max !== undefined) expect(g.min, lesson.id).toBeLessThanOrEqual(g.max);
        if (g.kind === 'all' || g.kind === 'any') expect(g.of.length, lesson.id).toBeGreaterThan(0);
      }
    });

    it('has narration, tasks with three distinct escalating hints and a short why, and exam tips', () => {
      expect(lesson.narration.length).toBeGreaterThan(0);
      expect(lesson.tasks.length).toBeGreaterThanOrEqual(5);
      expect(lesson.examTips.length).toBeGreaterThan(0);
      const paragraphs = [...lesson.narration, ...lesson.tasks.flatMap((t) => t.narration ?? [])];
      // Short paragraphs: at most five lines of an 80-column panel, no hard line breaks.
      for (const p of paragraphs) {
        expect(p.length, p).toBeLessThanOrEqual(400);
        expect(p, p).not.toMatch(/\n/);
      }
      for (const t of lesson.tasks) {
        expect(new Set(t.hints.map((h) => h.trim())).size, `${t.id}: hints not distinct`).toBe(3);
        for (const h of t.hints) expect(h.trim(), t.id).not.toBe('');
        // The second hint is "which key": it names at least one.
        expect(namedKeys(t.hints[1]).length, `${t.id}: the second hint names no key`).toBeGreaterThan(0);
        expect(t.why.trim(), t.id).not.toBe('');
        expect(sentences(t.why), `${t.id}: why is more than two sentences: ${t.why}`).toBeLessThanOrEqual(2);
        for (const w of t.wrongMoves ?? []) expect(sentences(w.say), w.id).toBeLessThanOrEqual(2);
      }
    });

    it('asks at least one well-formed question, and each question task waits for its own answer', () => {
      const tasks = lesson.tasks.filter((t) => t.question !== undefined);
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) {
        const q = t.question;
        if (q === undefined) continue;
        expect(['a', 'b', 'c', 'd']).toContain(q.answer);
        expect(new Set(q.choices.map((c) => c.trim().toLowerCase())).size, q.id).toBe(4);
        expect(q.prompt.trim(), q.id).not.toBe('');
        expect(q.explanation.trim(), q.id).not.toBe('');
        expect(t.goal, q.id).toEqual({ kind: 'answered', question: q.id });
      }
      // An 'answered' goal always names a question asked at or before its task.
      lesson.tasks.forEach((t, i) => {
        for (const g of flatten(t.goal).filter((x): x is Extract<Goal, { kind: 'answered' }> => x.kind === 'answered')) {
          const asked = lesson.tasks.slice(0, i + 1).some((x) => x.question?.id === g.question);
          expect(asked, `${t.id} waits for ${g.question}, not asked yet`).toBe(true);
        }
      });
    });

    it('names only keys of the keymap in its hints', () => {
      for (const t of lesson.tasks) {
        for (const key of t.hints.flatMap(namedKeys)) expect(KEY_NAMES, `${lesson.id}/${t.id}: \`${key}\``).toContain(key);
      }
    });

    it('follows the story\'s order: find first, the triage before any fix, the questions last', () => {
      expect(lesson.tasks[0]?.goal).toEqual({ kind: 'selected' });
      const kinds = lesson.tasks.map((t) => t.goal.kind);
      expect(kinds.indexOf('triaged'), lesson.id).toBe(1);
      expect(kinds.at(-1), lesson.id).toBe('answered');
    });
  });
});

describe('the lessons against the fleet and the triage', () => {
  const T0 = Date.UTC(2024, 0, 15, 2, 45, 0);
  /** The demo opens at the page: five minutes after the story's T0. */
  const AT_PAGE = T0 + 5 * 60_000;
  const causes = new Map<string, { readonly cause: string; readonly names: readonly string[] }>();

  beforeAll(async () => {
    for (const scenario of new Set(MINE.map((l) => l.scenario))) {
      let now = T0;
      const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: { now: () => now }, t0: T0 });
      now = AT_PAGE;
      const names = world.instances().map((i) => i.tags.Name ?? '');
      const target = MINE.find((l) => l.scenario === scenario)?.instance ?? '';
      const api = createAwsApi({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1 });
      const instance = (await api.listInstances({})).find((i) => i.name === target);
      if (instance === undefined) throw new Error(`${scenario}: no ${target}`);
      const evidence = await gatherEvidence(api, instance, { now });
      causes.set(scenario, { cause: triage(evidence).diagnosis.cause, names });
    }
  }, 60_000);

  it.each(MINE.map((l) => [l.id, l] as const))('%s: its instance is in its scenario\'s fleet and its cause is the triage\'s', (_id, lesson) => {
    const seen = causes.get(lesson.scenario);
    expect(seen?.names, lesson.id).toContain(lesson.instance);
    if (lesson.cause !== undefined) expect(seen?.cause, lesson.id).toBe(lesson.cause);
    // Every 'triaged' goal (the lesson's cause by default) is what the triage concludes there.
    for (const g of goalsOf(lesson)) if (g.kind === 'triaged') expect(seen?.cause, lesson.id).toBe(g.cause ?? lesson.cause);
  });
});

/** The reference story lives beside the repository (it is not ours to ship); where it is absent there is nothing to compare. */
const REFERENCE = '/work/shared/reference/ec2-monitoring-and-troubleshooting.md';

describe('our own words', () => {
  it.skipIf(!existsSync(REFERENCE))('no sentence of the reference story appears in a lesson', () => {
    const reference = readFileSync(REFERENCE, 'utf8');
    const prose = reference
      .split(/```[\s\S]*?```/)
      .join('\n')
      .split(/(?<=[.!?:])\s+|\n+/)
      .map((s) => s.replace(/[*>#|`"]/g, '').trim().toLowerCase())
      .filter((s) => s.split(/\s+/).length >= 6);
    expect(prose.length).toBeGreaterThan(10);
    const copied = MINE.flatMap((lesson) => {
      const text = JSON.stringify(lesson).toLowerCase();
      return prose.filter((s) => text.includes(s)).map((s) => `${lesson.id}: ${s}`);
    });
    expect(copied).toEqual([]);
  });
});
