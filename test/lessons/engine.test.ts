// The lesson engine: every goal kind met and not met, "not yet" on a fleet fact not read, hints escalating,
// wrong moves said once, answers scored, and the summary.
import { describe, expect, it } from 'vitest';
import {
  answerQuestion, dismissNews, evaluateGoal, hintsShown, startProgress, stepLesson, summarize, takeHint,
  type FleetFacts, type LessonObservation,
} from '../../source/lessons/engine.js';
import type { Goal, Lesson } from '../../source/lessons/types.js';

const ID = 'i-incident';
const RECOVER = 'arn:aws:automate:us-east-1:ec2:recover';

const base: LessonObservation = {
  now: 1000,
  incidentId: ID,
  selectedId: undefined,
  focus: 'list',
  isZoomed: false,
  metricsRange: '1h',
  view: undefined,
  markers: 0,
  runs: [],
  actions: [],
  isAgentShown: false,
  isReportSaved: false,
  fleet: undefined,
};
const fleet = (facts: Partial<FleetFacts>): FleetFacts => ({ at: 1, failures: [], ...facts });
const with_ = (o: Partial<LessonObservation>): LessonObservation => ({ ...base, ...o });
const lessonCause = { cause: 'oom' };

// [goal, an observation that meets it, one that does not]
const CASES: readonly [string, Goal, LessonObservation, LessonObservation][] = [
  ['selected', { kind: 'selected' }, with_({ selectedId: ID }), with_({ selectedId: 'i-other' })],
  ['triaged (lesson cause)', { kind: 'triaged' }, with_({ runs: [{ instanceId: ID, cause: 'oom', healthy: false, isSinceFix: false, at: 1 }] }), with_({ runs: [{ instanceId: ID, cause: 'high-cpu', healthy: false, isSinceFix: false, at: 1 }] })],
  ['triaged (named cause)', { kind: 'triaged', cause: 'disk-full' }, with_({ runs: [{ instanceId: ID, cause: 'disk-full', healthy: false, isSinceFix: false, at: 1 }] }), with_({ runs: [{ instanceId: 'i-other', cause: 'disk-full', healthy: false, isSinceFix: false, at: 1 }] })],
  ['healthyAfterFix', { kind: 'healthyAfterFix' }, with_({ runs: [{ instanceId: ID, cause: 'healthy', healthy: true, isSinceFix: true, at: 1 }] }), with_({ runs: [{ instanceId: ID, cause: 'healthy', healthy: true, isSinceFix: false, at: 1 }] })],
  ['metricsRange', { kind: 'metricsRange', atLeast: '3h' }, with_({ selectedId: ID, metricsRange: '12h' }), with_({ selectedId: ID, metricsRange: '1h' })],
  ['logAt', { kind: 'logAt', source: 'console', signature: 'oom-kill' }, with_({ view: { kind: 'logs', instanceId: ID, source: 'console', signature: 'oom-kill' } }), with_({ view: { kind: 'logs', instanceId: ID, source: 'group', signature: 'oom-kill' } })],
  ['marked', { kind: 'marked' }, with_({ markers: 1 }), with_({ markers: 0 })],
  ['viewOpen', { kind: 'viewOpen', view: 'describe' }, with_({ view: { kind: 'describe', instanceId: ID } }), with_({ view: { kind: 'raw', instanceId: ID } })],
  ['runbookRun', { kind: 'runbookRun', runbook: 'cant-ssh' }, with_({ runs: [{ instanceId: ID, cause: 'ssh-blocked', healthy: false, isSinceFix: false, runbook: 'cant-ssh', at: 1 }] }), with_({ runs: [{ instanceId: ID, cause: 'ssh-blocked', healthy: false, isSinceFix: false, runbook: 'high-cpu', at: 1 }] })],
  ['actionDone', { kind: 'actionDone', action: 'stop-start' }, with_({ actions: [{ instanceId: ID, kind: 'stop-start', at: 1 }] }), with_({ actions: [{ instanceId: ID, kind: 'reboot', at: 1 }] })],
  ['actionDone fix', { kind: 'actionDone', action: 'fix' }, with_({ actions: [{ instanceId: ID, kind: 'resize', at: 1 }] }), with_({ actions: [{ instanceId: ID, kind: 'alarms', at: 1 }] })],
  ['actionDone agent', { kind: 'actionDone', action: 'agent' }, with_({ isAgentShown: true }), with_({ isAgentShown: false })],
  ['fleetMemoryAtLeast', { kind: 'fleetMemoryAtLeast', gib: 8 }, with_({ fleet: fleet({ memoryGib: 8 }) }), with_({ fleet: fleet({ memoryGib: 4 }) })],
  ['fleetHealthy', { kind: 'fleetHealthy' }, with_({ fleet: fleet({ state: 'running', systemCheck: 'ok', instanceCheck: 'ok' }) }), with_({ fleet: fleet({ state: 'running', systemCheck: 'impaired', instanceCheck: 'ok' }) })],
  ['fleetMemoryBelow', { kind: 'fleetMemoryBelow', percent: 85 }, with_({ fleet: fleet({ memPercent: 60 }) }), with_({ fleet: fleet({ memPercent: 97 }) })],
  ['fleetDiskBelow', { kind: 'fleetDiskBelow', percent: 90 }, with_({ fleet: fleet({ diskPercent: 40 }) }), with_({ fleet: fleet({ diskPercent: 100 }) })],
  ['alarmExists', { kind: 'alarmExists', metric: 'mem_used_percent', max: 85 }, with_({ fleet: fleet({ alarms: [{ name: 'm', metric: 'mem_used_percent', threshold: 85, actions: [] }] }) }), with_({ fleet: fleet({ alarms: [{ name: 'm', metric: 'mem_used_percent', threshold: 95, actions: [] }] }) })],
  ['autoRecoverAlarm', { kind: 'autoRecoverAlarm' }, with_({ fleet: fleet({ alarms: [{ name: 'r', metric: 'StatusCheckFailed_System', threshold: 1, actions: [RECOVER] }] }) }), with_({ fleet: fleet({ alarms: [{ name: 'r', metric: 'StatusCheckFailed_System', threshold: 1, actions: ['arn:aws:sns:us-east-1:1:t'] }] }) })],
  ['sshReachable', { kind: 'sshReachable' }, with_({ fleet: fleet({ sshReachable: true }) }), with_({ fleet: fleet({ sshReachable: false }) })],
  ['hasPublicIp', { kind: 'hasPublicIp' }, with_({ fleet: fleet({ hasPublicIp: true }) }), with_({ fleet: fleet({ hasPublicIp: false }) })],
  ['creditsFixed', { kind: 'creditsFixed' }, with_({ fleet: fleet({ isBurstable: true, vcpus: 4, initialVcpus: 2 }) }), with_({ fleet: fleet({ isBurstable: true, vcpus: 2, initialVcpus: 2, creditMode: 'standard' }) })],
  ['reportSaved', { kind: 'reportSaved' }, with_({ isReportSaved: true }), with_({ isReportSaved: false })],
  ['not', { kind: 'not', goal: { kind: 'fleetMemoryAtLeast', gib: 4 } }, with_({ fleet: fleet({ memoryGib: 2 }) }), with_({ fleet: fleet({ memoryGib: 8 }) })],
  ['all', { kind: 'all', of: [{ kind: 'selected' }, { kind: 'marked' }] }, with_({ selectedId: ID, markers: 2 }), with_({ selectedId: ID })],
  ['any', { kind: 'any', of: [{ kind: 'selected' }, { kind: 'marked' }] }, with_({ markers: 1 }), with_({})],
];

describe('every goal kind', () => {
  it.each(CASES)('%s: met, and not met', (_name, goal, yes, no) => {
    expect(evaluateGoal(goal, yes, lessonCause)).toBe('met');
    expect(evaluateGoal(goal, no, lessonCause)).not.toBe('met');
  });

  it('answered: met once the question has an answer', () => {
    const goal: Goal = { kind: 'answered', question: 'q1' };
    expect(evaluateGoal(goal, base, lessonCause, {})).toBe('unmet');
    expect(evaluateGoal(goal, base, lessonCause, { q1: { choice: 'c', isRight: false } })).toBe('met');
  });

  it('covers every kind of the format', () => {
    const kinds = new Set(CASES.map(([, g]) => g.kind));
    kinds.add('answered');
    // Every member of the Goal union (types.ts): a new kind without a case here fails this list.
    const all: Goal['kind'][] = ['selected', 'triaged', 'healthyAfterFix', 'metricsRange', 'logAt', 'marked', 'viewOpen', 'runbookRun', 'actionDone', 'fleetMemoryAtLeast', 'fleetHealthy', 'fleetMemoryBelow', 'fleetDiskBelow', 'alarmExists', 'autoRecoverAlarm', 'sshReachable', 'hasPublicIp', 'creditsFixed', 'reportSaved', 'answered', 'not', 'all', 'any'];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it('a goal on another instance is not met (the lesson is about its incident)', () => {
    expect(evaluateGoal({ kind: 'viewOpen', view: 'describe' }, with_({ view: { kind: 'describe', instanceId: 'i-other' } }), lessonCause)).toBe('unmet');
    expect(evaluateGoal({ kind: 'selected' }, with_({ incidentId: undefined, selectedId: undefined }), lessonCause)).toBe('unmet');
  });
});

describe('a fleet read that failed is "not yet", never "met"', () => {
  const unread = with_({ fleet: fleet({ failures: ['cloudwatch:GetMetricData: throttled'] }) });
  it.each<[string, Goal]>([
    ['fleetMemoryAtLeast', { kind: 'fleetMemoryAtLeast', gib: 1 }],
    ['fleetHealthy', { kind: 'fleetHealthy' }],
    ['fleetMemoryBelow', { kind: 'fleetMemoryBelow', percent: 100 }],
    ['fleetDiskBelow', { kind: 'fleetDiskBelow', percent: 100 }],
    ['alarmExists', { kind: 'alarmExists', metric: 'CPUUtilization' }],
    ['autoRecoverAlarm', { kind: 'autoRecoverAlarm' }],
    ['sshReachable', { kind: 'sshReachable' }],
    ['hasPublicIp', { kind: 'hasPublicIp' }],
    ['creditsFixed', { kind: 'creditsFixed' }],
    ['not of an unread fact', { kind: 'not', goal: { kind: 'fleetMemoryAtLeast', gib: 4 } }],
    ['any of unread facts', { kind: 'any', of: [{ kind: 'fleetHealthy' }, { kind: 'sshReachable' }] }],
  ])('%s', (_name, goal) => {
    expect(evaluateGoal(goal, unread, lessonCause)).toBe('unknown');
    expect(evaluateGoal(goal, base, lessonCause)).toBe('unknown');
  });

  it('all: one unmet part is unmet, else one unknown part keeps it unknown', () => {
    const goal: Goal = { kind: 'all', of: [{ kind: 'selected' }, { kind: 'fleetHealthy' }] };
    expect(evaluateGoal(goal, with_({ selectedId: ID }), lessonCause)).toBe('unknown');
    expect(evaluateGoal(goal, with_({}), lessonCause)).toBe('unmet');
  });
});

const LESSON: Lesson = {
  id: 'test',
  title: 'Test',
  summary: 'a lesson for the engine',
  scenario: 'system-check-failed',
  cause: 'system-check-failed',
  instance: 'srv',
  narration: ['Opening.'],
  tasks: [
    { id: 'find', title: 'Find it', goal: { kind: 'selected' }, hints: ['where', 'which key', 'the answer'], why: 'Because.' },
    {
      id: 'fix',
      title: 'Fix it',
      goal: { kind: 'actionDone', action: 'stop-start' },
      hints: ['w', 'k', 'a'],
      why: 'New hardware.',
      wrongMoves: [{ id: 'reboot', when: { kind: 'actionDone', action: 'reboot' }, say: 'A reboot stays on the same host.' }],
    },
    {
      id: 'ask',
      title: 'Question',
      goal: { kind: 'answered', question: 'q' },
      hints: ['w', 'k', 'a'],
      why: 'Exam.',
      question: { id: 'q', prompt: 'Which?', choices: ['one', 'two', 'three', 'four'], answer: 'c', explanation: 'Three it is.' },
    },
  ],
  examTips: ['Tip one.'],
};

describe('progress', () => {
  it('advances task by task, saying why each mattered, and finishes', () => {
    let p = startProgress(0);
    p = stepLesson(LESSON, p, with_({ now: 10 }));
    expect(p.taskIndex).toBe(0);
    p = stepLesson(LESSON, p, with_({ now: 20, selectedId: ID }));
    expect(p.taskIndex).toBe(1);
    expect(p.met).toEqual([{ taskId: 'find', at: 20 }]);
    expect(p.news).toEqual([{ kind: 'why', taskId: 'find', text: 'Because.' }]);
    p = dismissNews(p);
    expect(p.news).toEqual([]);
    p = stepLesson(LESSON, p, with_({ now: 30, actions: [{ instanceId: ID, kind: 'stop-start', at: 30 }] }));
    expect(p.taskIndex).toBe(2);
    // The question waits for its answer, whatever the observation.
    p = stepLesson(LESSON, p, with_({ now: 40 }));
    expect(p.taskIndex).toBe(2);
    p = answerQuestion(LESSON, p, 'c');
    p = stepLesson(LESSON, p, with_({ now: 50 }));
    expect(p.finishedAt).toBe(50);
    expect(stepLesson(LESSON, p, with_({ now: 60 }))).toBe(p);
  });

  it('the same observation twice changes nothing (the UI re-renders only on news)', () => {
    const p = startProgress(0);
    expect(stepLesson(LESSON, p, with_({}))).toBe(p);
  });

  it('hints escalate: where to look → which key → the answer, and stop at three', () => {
    let p = startProgress(0);
    expect(hintsShown(LESSON, p)).toEqual([]);
    p = takeHint(LESSON, p);
    expect(hintsShown(LESSON, p)).toEqual(['where']);
    p = takeHint(LESSON, p);
    p = takeHint(LESSON, p);
    expect(hintsShown(LESSON, p)).toEqual(['where', 'which key', 'the answer']);
    expect(takeHint(LESSON, p)).toBe(p);
    expect(p.hints).toEqual({ find: 3 });
  });

  it('a wrong move is said once, and the lesson goes on to the right one', () => {
    let p = { ...startProgress(0), taskIndex: 1 };
    const rebooted = with_({ now: 5, actions: [{ instanceId: ID, kind: 'reboot', at: 5 }] });
    p = stepLesson(LESSON, p, rebooted);
    expect(p.wrongMoves).toEqual([{ id: 'reboot', at: 5 }]);
    expect(p.news).toEqual([{ kind: 'wrong', id: 'reboot', text: 'A reboot stays on the same host.' }]);
    p = stepLesson(LESSON, dismissNews(p), rebooted);
    expect(p.news).toEqual([]);
    expect(p.wrongMoves).toHaveLength(1);
    p = stepLesson(LESSON, p, with_({ now: 9, actions: [{ instanceId: ID, kind: 'reboot', at: 5 }, { instanceId: ID, kind: 'stop-start', at: 9 }] }));
    expect(p.taskIndex).toBe(2);
  });

  it('a wrong move of a task not reached yet is not judged', () => {
    const p = stepLesson(LESSON, startProgress(0), with_({ actions: [{ instanceId: ID, kind: 'reboot', at: 5 }] }));
    expect(p.wrongMoves).toEqual([]);
  });

  it('answers are scored once: the first counts, the explanation follows either way', () => {
    const at = { ...startProgress(0), taskIndex: 2 };
    const wrong = answerQuestion(LESSON, at, 'a');
    expect(wrong.answers).toEqual({ q: { choice: 'a', isRight: false } });
    expect(wrong.news[0]).toMatchObject({ kind: 'answer', isRight: false });
    expect(wrong.news[0]?.text).toContain('the answer is c) three');
    expect(wrong.news[0]?.text).toContain('Three it is.');
    expect(answerQuestion(LESSON, wrong, 'c')).toBe(wrong);
    const right = answerQuestion(LESSON, at, 'c');
    expect(right.answers.q?.isRight).toBe(true);
    expect(answerQuestion(LESSON, at, 'e')).toBe(at);
    // No question on this task: a letter changes nothing.
    expect(answerQuestion(LESSON, startProgress(0), 'c').answers).toEqual({});
  });

  it('the summary: time, hints, wrong moves, questions right, score and exam tips', () => {
    let p = startProgress(0);
    p = takeHint(LESSON, takeHint(LESSON, p));
    p = stepLesson(LESSON, p, with_({ now: 1000, selectedId: ID }));
    p = stepLesson(LESSON, p, with_({ now: 2000, actions: [{ instanceId: ID, kind: 'reboot', at: 2000 }] }));
    p = stepLesson(LESSON, p, with_({ now: 3000, actions: [{ instanceId: ID, kind: 'stop-start', at: 3000 }] }));
    p = answerQuestion(LESSON, p, 'b');
    p = stepLesson(LESSON, p, with_({ now: 125_000 }));
    const s = summarize(LESSON, p, 999_999);
    expect(s).toEqual({
      seconds: 125,
      tasksMet: 3,
      tasks: 3,
      hintsUsed: 2,
      wrongMoves: ['A reboot stays on the same host.'],
      questionsRight: 0,
      questions: 1,
      score: 100 - 2 * 5 - 10 - 10,
      examTips: ['Tip one.'],
    });
  });
});
