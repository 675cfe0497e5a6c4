// The lesson engine: what a lesson observes of the app and the fleet, each goal judged over it, and the trainee's
// progress as a pure reducer. Nothing here reads the fleet or re-derives a diagnosis: the observer (model/) brings
// the app's own triage results and the fleet's facts as the AWS API answered them; a fact not read is "not yet".
import type { Goal, Lesson, Task } from './types.js';

/** A metric alarm on the incident instance as DescribeAlarms told it. */
export interface LessonAlarm {
  readonly name: string;
  readonly metric: string;
  readonly threshold: number;
  /** Alarm actions (SNS topics, arn:aws:automate:…:ec2:recover). */
  readonly actions: readonly string[];
}

/**
 * The fleet's facts about the incident instance, read through the app's AWS API. Every field is optional: a read
 * that failed (or did not happen yet) leaves it out, and every goal resting on it stays "not yet".
 */
export interface FleetFacts {
  /** When the facts were read (the app's clock, ms). */
  readonly at: number;
  readonly type?: string;
  readonly memoryGib?: number;
  readonly vcpus?: number;
  readonly isBurstable?: boolean;
  /** The vCPUs of the type the lesson started on (a larger type is a fix for credits). */
  readonly initialVcpus?: number;
  readonly creditMode?: 'standard' | 'unlimited';
  readonly state?: string;
  readonly systemCheck?: string;
  readonly instanceCheck?: string;
  /** CWAgent mem_used_percent / disk_used_percent ('/'), the newest datapoint. */
  readonly memPercent?: number;
  readonly diskPercent?: number;
  readonly alarms?: readonly LessonAlarm[];
  /** Port 22 reachable from the trainee's address: security group, NACL, default route and a public address. */
  readonly sshReachable?: boolean;
  readonly hasPublicIp?: boolean;
  /** The reads that failed, in words (the panel may say why a goal is not met yet). */
  readonly failures: readonly string[];
}

/** A finished triage run, as the app's TriageRun concluded it. */
export interface LessonRun {
  readonly instanceId: string;
  readonly cause: string;
  readonly healthy: boolean;
  /** The run looked only after a fix (its window starts at the fix). */
  readonly isSinceFix: boolean;
  /** The runbook that ran with it (picked with b, or the engine's suggestion). */
  readonly runbook?: string;
  readonly at: number;
}

/** An action of the app's write path that ended in success after it was confirmed (the journal). */
export interface LessonJournalAction {
  readonly instanceId: string;
  /** The plan's kind: reboot, stop-start, resize, start, alarms. */
  readonly kind: string;
  readonly at: number;
}

/** The view holding the body, if any. */
export interface LessonView {
  readonly kind: 'describe' | 'raw' | 'connect' | 'logs';
  readonly instanceId: string | undefined;
  /** Logs: the source open and the cursor line's text and signature id. */
  readonly source?: 'console' | 'group';
  readonly lineText?: string;
  readonly signature?: string;
}

/** Everything a goal may look at: the UI's state, the app's stores, the fleet's facts. */
export interface LessonObservation {
  readonly now: number;
  /** The lesson's instance (its Name tag) resolved to an id in the fleet list; undefined until listed. */
  readonly incidentId: string | undefined;
  readonly selectedId: string | undefined;
  readonly focus: string;
  readonly isZoomed: boolean;
  readonly metricsRange: string;
  readonly view: LessonView | undefined;
  readonly markers: number;
  readonly runs: readonly LessonRun[];
  readonly actions: readonly LessonJournalAction[];
  /** The CloudWatch Agent config was shown for the incident instance. */
  readonly isAgentShown: boolean;
  readonly isReportSaved: boolean;
  readonly fleet: FleetFacts | undefined;
}

export type Verdict = 'met' | 'unmet' | 'unknown';

/** The answers given so far, by question id. */
export type Answers = Readonly<Record<string, { readonly choice: string; readonly isRight: boolean }>>;

const RANGE_HOURS: Readonly<Record<string, number>> = { '1h': 1, '3h': 3, '12h': 12, '24h': 24 };
const FIX_KINDS: ReadonlySet<string> = new Set(['reboot', 'stop-start', 'resize', 'start']);
const RECOVER = /:automate:[^:]*:ec2:recover$/;

const of = (isMet: boolean): Verdict => (isMet ? 'met' : 'unmet');
/** A fleet fact: unknown when it was not read. */
function fact<T>(value: T | undefined, test: (v: T) => boolean): Verdict {
  return value === undefined ? 'unknown' : of(test(value));
}

/** Judges one goal. `unknown` (a fleet fact not read) is never "met": the lesson waits. */
export function evaluateGoal(goal: Goal, obs: LessonObservation, lesson: Pick<Lesson, 'cause'>, answers: Answers = {}): Verdict {
  const id = obs.incidentId;
  const f = obs.fleet;
  const mine = (instanceId: string | undefined): boolean => id !== undefined && instanceId === id;
  switch (goal.kind) {
    case 'selected':
      return of(mine(obs.selectedId));
    case 'triaged': {
      const cause = goal.cause ?? lesson.cause;
      return of(obs.runs.some((r) => mine(r.instanceId) && (cause === undefined || r.cause === cause)));
    }
    case 'healthyAfterFix':
      return of(obs.runs.some((r) => mine(r.instanceId) && r.isSinceFix && r.healthy));
    case 'metricsRange':
      return of(mine(obs.selectedId) && (RANGE_HOURS[obs.metricsRange] ?? 0) >= (RANGE_HOURS[goal.atLeast] ?? Infinity));
    case 'logAt': {
      const v = obs.view;
      if (v?.kind !== 'logs' || !mine(v.instanceId)) return 'unmet';
      return of((goal.source === undefined || v.source === goal.source) && (goal.signature === undefined || v.signature === goal.signature));
    }
    case 'marked':
      return of(obs.markers > 0);
    case 'viewOpen':
      return of(obs.view?.kind === goal.view && mine(obs.view.instanceId));
    case 'runbookRun':
      return of(obs.runs.some((r) => mine(r.instanceId) && r.runbook === goal.runbook));
    case 'actionDone':
      if (goal.action === 'agent') return of(obs.isAgentShown);
      return of(obs.actions.some((a) => mine(a.instanceId) && (goal.action === 'fix' ? FIX_KINDS.has(a.kind) : a.kind === goal.action)));
    case 'fleetMemoryAtLeast':
      return fact(f?.memoryGib, (gib) => gib >= goal.gib);
    case 'fleetHealthy':
      if (f?.state === undefined) return 'unknown';
      if (f.state !== 'running') return 'unmet';
      return f.systemCheck === undefined || f.instanceCheck === undefined ? 'unknown' : of(f.systemCheck === 'ok' && f.instanceCheck === 'ok');
    case 'fleetMemoryBelow':
      return fact(f?.memPercent, (p) => p < goal.percent);
    case 'fleetDiskBelow':
      return fact(f?.diskPercent, (p) => p < goal.percent);
    case 'alarmExists':
      return fact(f?.alarms, (alarms) => alarms.some((a) => a.metric === goal.metric && a.threshold >= (goal.min ?? -Infinity) && a.threshold <= (goal.max ?? Infinity)));
    case 'autoRecoverAlarm':
      return fact(f?.alarms, (alarms) => alarms.some((a) => a.metric === 'StatusCheckFailed_System' && a.actions.some((x) => RECOVER.test(x))));
    case 'sshReachable':
      return fact(f?.sshReachable, (v) => v);
    case 'hasPublicIp':
      return fact(f?.hasPublicIp, (v) => v);
    case 'creditsFixed':
      if (f?.creditMode === 'unlimited' || f?.isBurstable === false) return 'met';
      if (f?.vcpus !== undefined && f.initialVcpus !== undefined && f.vcpus > f.initialVcpus) return 'met';
      return f?.isBurstable === undefined ? 'unknown' : 'unmet';
    case 'reportSaved':
      return of(obs.isReportSaved);
    case 'answered':
      return of(answers[goal.question] !== undefined);
    case 'not': {
      const inner = evaluateGoal(goal.goal, obs, lesson, answers);
      return inner === 'unknown' ? 'unknown' : of(inner === 'unmet');
    }
    case 'all': {
      const verdicts = goal.of.map((g) => evaluateGoal(g, obs, lesson, answers));
      return verdicts.includes('unmet') ? 'unmet' : verdicts.includes('unknown') ? 'unknown' : 'met';
    }
    case 'any': {
      const verdicts = goal.of.map((g) => evaluateGoal(g, obs, lesson, answers));
      return verdicts.includes('met') ? 'met' : verdicts.includes('unknown') ? 'unknown' : 'unmet';
    }
  }
}

/** What the panel has to say after a step: why a goal mattered, a wrong move, or an answer's explanation. */
export type LessonNews =
  | { readonly kind: 'why'; readonly taskId: string; readonly text: string }
  | { readonly kind: 'wrong'; readonly id: string; readonly text: string }
  | { readonly kind: 'answer'; readonly question: string; readonly isRight: boolean; readonly text: string };

export interface LessonProgress {
  readonly startedAt: number;
  /** The current task; tasks.length once every task is met. */
  readonly taskIndex: number;
  readonly met: readonly { readonly taskId: string; readonly at: number }[];
  /** Hint levels used per task (0–3). */
  readonly hints: Readonly<Record<string, number>>;
  /** Wrong moves seen, each once. */
  readonly wrongMoves: readonly { readonly id: string; readonly at: number }[];
  readonly answers: Answers;
  readonly finishedAt: number | undefined;
  /** Messages not yet dismissed, oldest first. */
  readonly news: readonly LessonNews[];
}

/** A fresh start. */
export function startProgress(now: number): LessonProgress {
  return { startedAt: now, taskIndex: 0, met: [], hints: {}, wrongMoves: [], answers: {}, finishedAt: undefined, news: [] };
}

/** The task the trainee is on (undefined once finished). */
export function currentTask(lesson: Lesson, progress: LessonProgress): Task | undefined {
  return lesson.tasks[progress.taskIndex];
}

/**
 * One look at the observation: wrong moves of the tasks reached so far (each said once), then the current task
 * and any following one whose goal is already met (each says why). A task with an unanswered question waits.
 */
export function stepLesson(lesson: Lesson, progress: LessonProgress, obs: LessonObservation): LessonProgress {
  if (progress.finishedAt !== undefined) return progress;
  const seen = new Set(progress.wrongMoves.map((w) => w.id));
  const wrongs = lesson.tasks
    .slice(0, progress.taskIndex + 1)
    .flatMap((t) => t.wrongMoves ?? [])
    .filter((w) => !seen.has(w.id) && evaluateGoal(w.when, obs, lesson, progress.answers) === 'met');
  let next: LessonProgress =
    wrongs.length === 0
      ? progress
      : {
          ...progress,
          wrongMoves: [...progress.wrongMoves, ...wrongs.map((w) => ({ id: w.id, at: obs.now }))],
          news: [...progress.news, ...wrongs.map((w): LessonNews => ({ kind: 'wrong', id: w.id, text: w.say }))],
        };
  for (let task = currentTask(lesson, next); task !== undefined; task = currentTask(lesson, next)) {
    if (task.question !== undefined && next.answers[task.question.id] === undefined) break;
    if (evaluateGoal(task.goal, obs, lesson, next.answers) !== 'met') break;
    const isLast = next.taskIndex + 1 >= lesson.tasks.length;
    next = {
      ...next,
      taskIndex: next.taskIndex + 1,
      met: [...next.met, { taskId: task.id, at: obs.now }],
      news: [...next.news, { kind: 'why', taskId: task.id, text: task.why }],
      finishedAt: isLast ? obs.now : undefined,
    };
  }
  return next;
}

/** `h`: the next hint level of the current task (at most 3); the text is hintOf's. */
export function takeHint(lesson: Lesson, progress: LessonProgress): LessonProgress {
  const task = currentTask(lesson, progress);
  if (task === undefined) return progress;
  const used = progress.hints[task.id] ?? 0;
  return used >= 3 ? progress : { ...progress, hints: { ...progress.hints, [task.id]: used + 1 } };
}

/** The hints shown so far for the current task, in order (where to look → which key → the answer). */
export function hintsShown(lesson: Lesson, progress: LessonProgress): readonly string[] {
  const task = currentTask(lesson, progress);
  return task === undefined ? [] : task.hints.slice(0, progress.hints[task.id] ?? 0);
}

/** a/b/c/d on the current task's question: the first answer is the one scored; the explanation follows either way. */
export function answerQuestion(lesson: Lesson, progress: LessonProgress, choice: string): LessonProgress {
  const q = currentTask(lesson, progress)?.question;
  if (q === undefined || progress.answers[q.id] !== undefined || !['a', 'b', 'c', 'd'].includes(choice)) return progress;
  const isRight = choice === q.answer;
  const text = `${isRight ? 'Right' : `Not quite: the answer is ${q.answer}) ${q.choices['abcd'.indexOf(q.answer)] ?? ''}`}. ${q.explanation}`;
  return {
    ...progress,
    answers: { ...progress.answers, [q.id]: { choice, isRight } },
    news: [...progress.news, { kind: 'answer', question: q.id, isRight, text }],
  };
}

/** The oldest message read: the panel goes back to the task. */
export function dismissNews(progress: LessonProgress): LessonProgress {
  return progress.news.length === 0 ? progress : { ...progress, news: progress.news.slice(1) };
}

export interface LessonSummary {
  readonly seconds: number;
  readonly tasksMet: number;
  readonly tasks: number;
  readonly hintsUsed: number;
  readonly wrongMoves: readonly string[];
  readonly questionsRight: number;
  readonly questions: number;
  /** 100, less 5 a hint, 10 a wrong move, 10 a wrong answer; never below 0. */
  readonly score: number;
  readonly examTips: readonly string[];
}

const HINT_COST = 5;
const WRONG_COST = 10;

/** The summary at the end (or so far): time, hints, wrong moves, questions right, the score and the exam tips. */
export function summarize(lesson: Lesson, progress: LessonProgress, now: number): LessonSummary {
  const hintsUsed = Object.values(progress.hints).reduce((a, b) => a + b, 0);
  const questions = lesson.tasks.filter((t) => t.question !== undefined).length;
  const answers = Object.values(progress.answers);
  const questionsRight = answers.filter((a) => a.isRight).length;
  const wrongAnswers = answers.length - questionsRight;
  const said = new Map(lesson.tasks.flatMap((t) => t.wrongMoves ?? []).map((w) => [w.id, w.say]));
  return {
    seconds: Math.max(0, Math.round(((progress.finishedAt ?? now) - progress.startedAt) / 1000)),
    tasksMet: progress.met.length,
    tasks: lesson.tasks.length,
    hintsUsed,
    wrongMoves: progress.wrongMoves.map((w) => said.get(w.id) ?? w.id),
    questionsRight,
    questions,
    score: Math.max(0, 100 - HINT_COST * hintsUsed - WRONG_COST * (progress.wrongMoves.length + wrongAnswers)),
    examTips: lesson.examTips,
  };
}

/** Every goal kind a goal uses (the schema test checks they are known). */
export function goalKinds(goal: Goal): readonly Goal['kind'][] {
  if (goal.kind === 'all' || goal.kind === 'any') return [goal.kind, ...goal.of.flatMap(goalKinds)];
  if (goal.kind === 'not') return [goal.kind, ...goalKinds(goal.goal)];
  return [goal.kind];
}
