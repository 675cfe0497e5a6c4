// The lesson format: a lesson is data (one file per lesson under lessons/catalog/, no code in its steps). Each task's
// goal is a predicate over what the app and the fleet show — never a key sequence — so any way of reaching it counts.
// The engine (lessons/engine.ts) evaluates goals over a LessonObservation the UI assembles; it is pure.

/** The fleet scenarios a lesson can run on (as `--scenario` names them). */
export type LessonScenario =
  | 'oom' | 'system-check-failed' | 'instance-check-failed' | 'ssh-blocked' | 'no-public-ip' | 'wont-start' | 'cpu-credits' | 'disk-full' | 'healthy';

/** A diagnosis cause as the triage engine names it (triage/diagnosis-story.ts CauseId), kept as text here. */
export type CauseName = string;

/** What the app's own write path did (the journal): a confirmed action on the lesson's instance. */
export type LessonAction = 'reboot' | 'stop-start' | 'resize' | 'start' | 'alarms' | 'agent' | 'fix';

/**
 * A goal: a predicate over the app and the fleet. `incident` is the lesson's instance (the scenario's own).
 * Every kind here must be evaluated by the engine; the schema test checks every lesson uses only these.
 */
export type Goal =
  /** The incident instance is selected in the list. */
  | { readonly kind: 'selected' }
  /** A finished triage of the incident instance whose diagnosis is `cause` (default: the lesson's cause). */
  | { readonly kind: 'triaged'; readonly cause?: CauseName }
  /** A triage after the fix (its window starts at the fix) says healthy. */
  | { readonly kind: 'healthyAfterFix' }
  /** The metrics pane shows the incident instance over at least this range. */
  | { readonly kind: 'metricsRange'; readonly atLeast: '1h' | '3h' | '12h' | '24h' }
  /** The log view is open on the incident instance: on the console or a log group, at a line of this signature (triage/signatures.ts id, e.g. 'oom-kill'). */
  | { readonly kind: 'logAt'; readonly source?: 'console' | 'group'; readonly signature?: string }
  /** A marker is on the charts (m from a log line or a finding). */
  | { readonly kind: 'marked' }
  /** The describe (d) or raw JSON (y) view of the incident instance is open. */
  | { readonly kind: 'viewOpen'; readonly view: 'describe' | 'raw' }
  /** A runbook (b) ran on the incident instance. */
  | { readonly kind: 'runbookRun'; readonly runbook: string }
  /** The app's write path completed this action on the incident instance (journal, confirmed). */
  | { readonly kind: 'actionDone'; readonly action: LessonAction }
  /** The fleet (read through the AWS API) says the incident instance runs a type with at least this much memory. */
  | { readonly kind: 'fleetMemoryAtLeast'; readonly gib: number }
  /** The fleet says the incident instance is running with both status checks ok. */
  | { readonly kind: 'fleetHealthy' }
  /** The fleet's CWAgent mem_used_percent for the incident instance is below this now. */
  | { readonly kind: 'fleetMemoryBelow'; readonly percent: number }
  /** The fleet's disk_used_percent ('/') for the incident instance is below this now. */
  | { readonly kind: 'fleetDiskBelow'; readonly percent: number }
  /** A metric alarm on the incident instance exists for `metric` with a threshold within [min, max]. */
  | { readonly kind: 'alarmExists'; readonly metric: string; readonly min?: number; readonly max?: number }
  /** An alarm on StatusCheckFailed_System with the EC2 recover action exists for the incident instance. */
  | { readonly kind: 'autoRecoverAlarm' }
  /** The fleet says port 22 is reachable from the trainee's address (security group, NACL, route, public IP). */
  | { readonly kind: 'sshReachable' }
  /** The fleet says the incident instance has a public IPv4 address (or an Elastic IP). */
  | { readonly kind: 'hasPublicIp' }
  /** The burstable incident instance no longer runs at its baseline: unlimited mode, or a non-burstable/larger type. */
  | { readonly kind: 'creditsFixed' }
  /** The export (e) wrote a report. */
  | { readonly kind: 'reportSaved' }
  /** The question with this id was answered (right or wrong: the score keeps which). */
  | { readonly kind: 'answered'; readonly question: string }
  /** The goal is not met (a wrong move such as "resized to less memory"); unknown stays unknown, never "met". */
  | { readonly kind: 'not'; readonly goal: Goal }
  | { readonly kind: 'all'; readonly of: readonly Goal[] }
  | { readonly kind: 'any'; readonly of: readonly Goal[] };

/** A question from the exam's "common scenarios", answered by choosing a/b/c/d. */
export interface Question {
  readonly id: string;
  readonly prompt: string;
  readonly choices: readonly [string, string, string, string];
  readonly answer: 'a' | 'b' | 'c' | 'd';
  /** Shown after the answer, right or wrong. */
  readonly explanation: string;
}

/** A wrong move: when the trainee does this, the panel explains (the fleet lets it happen; the lesson goes on). */
export interface WrongMove {
  readonly id: string;
  readonly when: Goal;
  /** One or two sentences: what happened and why it was not the move, and how to recover. */
  readonly say: string;
}

export interface Task {
  readonly id: string;
  /** The task as the panel states it ("Find the instance behind the 503"). */
  readonly title: string;
  /** Narration before the task, in paragraphs (our own words). */
  readonly narration?: readonly string[];
  readonly goal: Goal;
  /** Escalating: where to look → which key → the answer. */
  readonly hints: readonly [string, string, string];
  /** One or two sentences shown when the goal is met: why it mattered. */
  readonly why: string;
  /** A question asked when this task is reached; a task whose goal is `answered` is the question itself. */
  readonly question?: Question;
  readonly wrongMoves?: readonly WrongMove[];
}

export interface Lesson {
  /** `ec2-triage learn <id>`. */
  readonly id: string;
  readonly title: string;
  /** One line for `learn`'s list. */
  readonly summary: string;
  readonly scenario: LessonScenario;
  /** The diagnosis the lesson is about (default for 'triaged' goals); absent for lessons about no incident. */
  readonly cause?: CauseName;
  /** The incident instance's Name tag in the fleet ('pettracker-ml-server'). */
  readonly instance: string;
  /** Opening narration, in paragraphs. */
  readonly narration: readonly string[];
  readonly tasks: readonly Task[];
  /** The DVA-C02 exam tips this lesson covers, shown in the summary. */
  readonly examTips: readonly string[];
}
