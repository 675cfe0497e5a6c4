// An action that is still running when the app is asked to end: where it is, what quitting leaves behind, and the
// exact command that finishes it (the plan's own commands for the steps not done). What `q` asks, the one line
// printed on exit, and the journal file all say it from here. Pure.
import { journalSection } from '../triage/journal.js';
import type { PlanKind, PlanStep } from '../triage/write-plan.js';
import type { ActionRun, ActionsSnapshot, StepProgress } from './actions-types.js';

const KIND_WORDS: Readonly<Record<PlanKind, string>> = {
  reboot: 'reboot',
  'stop-start': 'stop-and-start',
  resize: 'resize',
  start: 'start',
  alarms: 'adding alarms',
};

const isMutating = (step: PlanStep): boolean => step.kind !== 'wait';
const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** The instance as a person names it: its Name, else its id (the plan's confirm words are the id, then the Name). */
export const instanceName = (run: ActionRun): string => run.plan.confirmWords[1] ?? run.plan.instanceId;

/** The step the run is at: the running one, else the first not done (the last one when all are done). */
export function stepReached(run: ActionRun): number {
  const running = run.steps.findIndex((s) => s.status === 'running');
  if (running >= 0) return running;
  const pending = run.steps.findIndex((s) => s.status !== 'done');
  return pending >= 0 ? pending : run.steps.length - 1;
}

const reachedLabel = (run: ActionRun): string => run.steps[stepReached(run)]?.label ?? 'start';

/** What ending the app now leaves behind, after "quitting …". */
export function quitConsequence(run: ActionRun): string {
  const { steps } = run.plan;
  const sent = steps.filter((s, i) => isMutating(s) && (run.steps[i]?.status === 'done' || run.steps[i]?.status === 'running'));
  const last = sent.at(-1);
  if (last === undefined) return 'sends nothing more';
  switch (last.kind) {
    case 'stop':
      return 'leaves it stopped';
    case 'modify-type':
      return `leaves it stopped, as ${last.instanceType}`;
    case 'start':
      return 'leaves it starting, its status checks unwatched';
    case 'reboot':
      return 'leaves the reboot unwatched';
    case 'put-alarm':
      return `leaves ${sent.length} of ${steps.length} alarms put`;
    default:
      return 'leaves it half-done';
  }
}

/** What `q` asks while an action runs. */
export function quitPrompt(run: ActionRun): string {
  return `${KIND_WORDS[run.plan.kind]} of ${instanceName(run)} is at '${reachedLabel(run)}' — quitting ${quitConsequence(run)}. Quit anyway? [y/N]`;
}

/**
 * The shell command that finishes the run: the plan's commands from the step reached on (that step's call may or may
 * not have been answered: each is safe to repeat except a reboot), up to the last one that changes something; only
 * waits left, the waits themselves.
 */
export function finishingCommand(run: ActionRun): string {
  const from = stepReached(run);
  const rest = run.plan.steps.slice(from);
  const lastChange = rest.map(isMutating).lastIndexOf(true);
  const count = lastChange >= 0 ? lastChange + 1 : rest.length;
  return run.plan.commands.slice(from, from + count).join(' && ');
}

/** The instance as the action last read it, in words. */
export function lastSeen(run: ActionRun): string {
  return run.live === undefined ? 'not read yet' : `${run.live.state} at ${iso(run.live.at)}`;
}

/** The journal's detail lines for an interrupted run: the steps done, where it stopped, the command that finishes it. */
export function interruptedDetail(run: ActionRun, reason: string): string[] {
  const done = run.steps.filter((s) => s.status === 'done').map(stepDone);
  return [...done, `${reachedLabel(run)}: interrupted (${reason}); last seen ${lastSeen(run)}`, `to finish it: ${finishingCommand(run)}`];
}

/** "StopInstances: done in 3 s". */
export function stepDone(s: StepProgress): string {
  return `${s.label}: done in ${Math.round(((s.endedAt ?? 0) - (s.startedAt ?? 0)) / 1000)} s`;
}

/** The one line printed after the app ends with an action cut short. */
export function exitLine(run: ActionRun, journalPath: string | undefined): string {
  const journal = journalPath === undefined ? '' : ` — journal: ${journalPath}`;
  return `ec2-triage: ${KIND_WORDS[run.plan.kind]} of ${instanceName(run)} (${run.plan.instanceId}) stopped at '${reachedLabel(run)}', last seen ${lastSeen(run)}; to finish it: ${finishingCommand(run)}${journal}`;
}

export interface JournalSession {
  readonly who: string;
  readonly pid: number;
  readonly startedAt: number;
}

/** The journal file: the session, the action in flight (while one runs), then every action taken. */
export function journalMarkdown(session: JournalSession, snapshot: Pick<ActionsSnapshot, 'current' | 'journal'>): string {
  const out = ['# ec2-triage journal', '', `- **Session:** ${session.who}, pid ${session.pid}, started ${iso(session.startedAt)}`, ''];
  const run = snapshot.current;
  if (run?.phase === 'running') {
    out.push('## In flight', '', `### ${run.plan.title}: at '${reachedLabel(run)}'`, '');
    out.push(`- **Confirmed:** ${run.startedAt === undefined ? '—' : iso(run.startedAt)}`, `- **Last seen:** ${lastSeen(run)}`);
    out.push(`- **Ending the app now:** ${quitConsequence(run)}`, `- **To finish it:** \`${finishingCommand(run)}\``, '');
  }
  return [...out, ...journalSection(snapshot.journal)].join('\n');
}
