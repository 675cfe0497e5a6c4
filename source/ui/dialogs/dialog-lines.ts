// Pure: every dialog's content as lines — the action menu, the resize picker, the preview (calls, commands,
// permission), the live progress, the alarms view with its coverage gaps, and the agent config.
import type { SessionFileState } from '../../model/session-types.js';
import { INSTANCE_ACTION_IAM, type Alarm } from '../../domain/action-types.js';
import type { Instance, InstanceTypeInfo } from '../../domain/types.js';
import type { ActionRun, ActionsSnapshot, ResizeOptions } from '../../model/actions-types.js';
import type { Loadable } from '../../model/types.js';
import { agentExplanation, agentSetup, AGENT_CONFIG_PATH, type AgentMetricsSeen } from '../../triage/agent-config.js';
import { alarmCoverage } from '../../triage/alarm-coverage.js';
import type { Line } from '../components/lines.js';
import { ALARM_TONES, STEP_TONES } from '../theme.js';
import { describeAwsError } from '../../domain/aws-error.js';
import { formatAge, formatClock, formatElapsed } from '../format.js';
import { wrap } from '../panes/triage/engine-lines.js';
import type { MenuItem } from './menu.js';
import { gib } from '../../domain/instance-types.js';
import { finishingCommand, quitPrompt } from '../../model/in-flight.js';
import { savedElsewhereLines, type SavedFile } from '../../model/saved-file.js';

const push = (lines: Line[], text: string, width: number, indent: string, style: Omit<Line, 'text'> = {}): void => {
  for (const row of wrap(text, width, indent)) lines.push({ text: row, ...style });
};
const label = (i: Instance): string => (i.name === '' ? i.id : `${i.name} (${i.id})`);

export function menuLines(items: readonly MenuItem[], index: number, instance: Instance, width: number): Line[] {
  const lines: Line[] = [{ text: `Actions for ${label(instance)} · ${instance.type} · ${instance.state}`, isBold: true }, { text: '' }];
  if (items[0]?.recommendation === undefined) lines.push({ text: 'No triage of this instance yet: t triages it, and its fixes come first here.', isDim: true });
  items.forEach((item, i) => {
    if (item.tool !== undefined && items[i - 1]?.recommendation !== undefined) lines.push({ text: 'Other actions', isDim: true });
    const cursor = i === index ? '›' : ' ';
    const note = item.unavailable !== undefined ? ` — unavailable: ${item.unavailable}` : item.recommended !== undefined ? ` — ${item.recommended}` : '';
    push(lines, `${cursor} ${i + 1}. ${item.label}${note}`, width, '      ', {
      ...(item.unavailable !== undefined ? { isDim: true } : item.recommended !== undefined ? { tone: 'warn' } : {}),
      ...(i === index ? { isBold: true } : {}),
    });
    // A recommendation without a plan is shown as what it is: commands to copy.
    const rec = item.recommendation;
    if (rec !== undefined && rec.plan === undefined && rec.view === undefined) for (const c of rec.commands) push(lines, `       $ ${c}`, width, '         ', { isDim: true });
  });
  lines.push({ text: '' });
  push(lines, 'Every action shows the exact API calls and aws commands first; nothing is sent before you confirm.', width, '', { isDim: true });
  return lines;
}

export function resizeLines(instance: Instance, data: Loadable<ResizeOptions> | undefined, index: number, isOom: boolean, width: number): Line[] {
  const lines: Line[] = [];
  if (data === undefined || (data.data === undefined && data.isLoading)) return [{ text: `Reading the instance types that fit ${label(instance)}…` }];
  if (data.data === undefined) return [{ text: `Cannot list instance types: ${data.error === undefined ? 'unknown error' : describeAwsError(data.error)}`, tone: 'bad' }];
  const { current, candidates, recommended } = data.data;
  const from = current === undefined ? instance.type : `${current.type} (${current.vcpus} vCPU, ${gib(current.memoryMiB)})`;
  push(lines, `Resize ${label(instance)} from ${from}`, width, '  ', { isBold: true });
  const arch = current?.architectures.join('/') ?? '';
  push(lines, `${candidates.length} types fit: ${arch}, ${current?.virtualizationTypes.join('/') ?? 'hvm'}, current generation. Before → after:`, width, '  ', { isDim: true });
  if (candidates.length === 0) lines.push({ text: 'No other type fits this instance.', tone: 'warn' });
  candidates.forEach((t: InstanceTypeInfo, i) => {
    const cursor = i === index ? '›' : ' ';
    const vcpu = `${current?.vcpus ?? '?'} → ${t.vcpus} vCPU`;
    const mem = `${current === undefined ? '?' : gib(current.memoryMiB)} → ${gib(t.memoryMiB)}`;
    const tag = t.type === recommended?.type ? (isOom ? '  recommended: more memory for the OOM' : '  next size up') : '';
    lines.push({ text: `${cursor} ${t.type.padEnd(14)} ${vcpu.padEnd(16)} ${mem.padEnd(20)}${tag}`, ...(i === index ? { isBold: true } : {}), ...(tag !== '' ? { tone: 'warn' } : {}) });
  });
  return lines;
}

/** The DryRun result (or why there is none), pinned above the buttons so it is never scrolled away. */
export function permissionLines(run: ActionRun, width: number): Line[] {
  const p = run.permission;
  switch (p.kind) {
    case 'read-only':
      return [{ text: 'READ-ONLY: nothing will be sent. Start ec2-triage with --write to act (the demo: without --read-only).', tone: 'ok', isBold: true }];
    case 'not-applicable':
      return [{ text: 'PutMetricAlarm has no DryRun: a missing permission shows when it is sent.', isDim: true }];
    case 'checking':
      return [{ text: '◐ Checking permission with DryRun…', tone: 'info' }];
    case 'allowed': {
      const lines: Line[] = [];
      push(lines, `✔ DryRun: you may call ${run.plan.permissionChecks.map((c) => INSTANCE_ACTION_IAM[c.action]).join(', ')} on this instance.`, width, '  ', { tone: 'ok' });
      return lines;
    }
    case 'refused': {
      const lines: Line[] = [];
      push(lines, `✘ ${p.text}`, width, '  ', { tone: 'bad', isBold: true });
      for (const a of p.advice) push(lines, `  ${a}`, width, '    ');
      return lines;
    }
  }
}

/** The preview: title, notes, each call with its parameters, each command. */
export function previewLines(run: ActionRun, width: number): Line[] {
  const { plan } = run;
  const lines: Line[] = [{ text: plan.title, isBold: true }];
  for (const n of plan.notes) push(lines, n, width, '  ', { tone: 'warn' });
  lines.push({ text: '' }, { text: 'API calls, in order', isBold: true });
  plan.calls.forEach((c, i) => push(lines, `${i + 1}. ${c.operation} ${JSON.stringify(c.params)}`, width, '     '));
  lines.push({ text: '' }, { text: 'Equivalent aws CLI commands', isBold: true });
  for (const command of plan.commands) push(lines, `$ ${command}`, width, '    ', { tone: 'info' });
  return lines;
}

const ICON = { pending: '·', running: '◐', done: '✔', failed: '✘' } as const;

/** A running or finished action: the live instance, each step with its time, the outcome in words. */
export function progressLines(run: ActionRun, now: number, width: number): Line[] {
  const lines: Line[] = [{ text: run.plan.title, isBold: true }];
  const start = run.startedAt ?? run.openedAt;
  const took = formatElapsed((run.endedAt ?? now) - start);
  if (run.phase === 'running') lines.push({ text: `Running for ${took} (fleet time for the training fleet)`, tone: 'info' });
  if (run.live !== undefined) {
    const l = run.live;
    lines.push({ text: `Instance now: ${l.state} · ${l.type} · system check ${l.system ?? '—'} · instance check ${l.instance ?? '—'} (read ${formatAge(Math.max(0, now - l.at))} ago)` });
  }
  lines.push({ text: '' });
  for (const s of run.steps) {
    const time = s.startedAt === undefined ? '' : `  ${formatElapsed((s.endedAt ?? now) - s.startedAt)}`;
    lines.push({ text: `${ICON[s.status]} ${s.label}${time}`, tone: STEP_TONES[s.status] });
  }
  lines.push({ text: '' });
  if (run.phase === 'succeeded') {
    lines.push({ text: `✔ Done in ${took}.${run.plan.kind === 'alarms' ? ' The alarms view shows them (A).' : ' Press t to triage the instance again.'}`, tone: 'ok', isBold: true });
  }
  if (run.phase === 'failed' && run.error !== undefined) {
    push(lines, `✘ ${run.error.text}`, width, '  ', { tone: 'bad', isBold: true });
    for (const a of run.error.advice) push(lines, `  ${a}`, width, '    ');
    lines.push({ text: '  Nothing was retried. The steps before the failure stay done.', isDim: true });
  }
  return lines;
}

/** A file written elsewhere than asked: why, where it is, how to move it. */
export function savedLines(what: string, saved: SavedFile, width: number): Line[] {
  const lines: Line[] = [];
  savedElsewhereLines(what, saved).forEach((text, i) => push(lines, text, width, '    ', i === 0 ? { tone: 'warn', isBold: true } : i === 3 ? { tone: 'info' } : {}));
  return lines;
}

/** Where the journal (and the session file) is kept, and why not in the state folder when it could not be written there. */
export function journalLines(file: ActionsSnapshot['journalFile'], width: number, session?: SessionFileState): Line[] {
  const lines: Line[] = [];
  if (file !== undefined) push(lines, `Journal: ${file.failure ?? file.path}`, width, '  ', file.failure === undefined ? { isDim: true } : { tone: 'warn' });
  if (session !== undefined) push(lines, `Session: ${session.failure ?? session.path}`, width, '  ', session.failure === undefined ? { isDim: true } : { tone: 'warn' });
  return lines;
}

/** `q` while an action runs: what quitting leaves, what is kept, the command that finishes it. */
export function quitLines(run: ActionRun, file: ActionsSnapshot['journalFile'], width: number, session?: SessionFileState): Line[] {
  const lines: Line[] = [];
  push(lines, quitPrompt(run), width, '  ', { tone: 'warn', isBold: true });
  lines.push({ text: '' });
  push(lines, 'Quitting sends nothing more. The journal keeps the step it reached and its last known state; one line on exit gives the command that finishes it:', width, '');
  push(lines, `$ ${finishingCommand(run)}`, width, '    ', { tone: 'info' });
  return [...lines, ...journalLines(file, width, session)];
}

const OPS: Readonly<Record<string, string>> = { GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '≥', LessThanThreshold: '<', LessThanOrEqualToThreshold: '≤' };

/** One alarm: state, name, condition, last change, then its reason and actions. */
function alarmLines(a: Alarm, now: number, width: number): Line[] {
  const lines: Line[] = [];
  const when = a.stateUpdatedAt === undefined ? '—' : `${formatClock(a.stateUpdatedAt.getTime())} (${formatAge(Math.max(0, now - a.stateUpdatedAt.getTime()))} ago)`;
  const condition = `${a.metricName} ${OPS[a.comparison] ?? a.comparison} ${a.threshold} (${a.statistic}, ${a.evaluationPeriods} × ${a.period} s)`;
  push(lines, `${a.state.padEnd(17)} ${a.name} · ${condition} · since ${when}`, width, ' '.repeat(18), { tone: ALARM_TONES[a.state] });
  if (a.stateReason !== '') push(lines, `${' '.repeat(18)}${a.stateReason}`, width, ' '.repeat(18), { isDim: true });
  push(lines, `${' '.repeat(18)}actions: ${a.alarmActions.length === 0 ? 'none (no one is notified)' : a.alarmActions.join(', ')}`, width, ' '.repeat(20), { isDim: true });
  return lines;
}

/** The alarms view: the alarms naming the instance, then what coverage is missing, then how to add it. */
export function alarmsViewLines(instance: Instance, alarms: ActionsSnapshot['alarms'], isAgentReporting: boolean | undefined, now: number, width: number): Line[] {
  const lines: Line[] = [];
  const data = alarms?.instanceId === instance.id ? alarms.data : undefined;
  lines.push({ text: `Alarms for ${label(instance)}`, isBold: true });
  if (data === undefined || (data.data === undefined && data.isLoading)) return [...lines, { text: 'Reading alarms (DescribeAlarms)…', tone: 'info' }];
  if (data.error !== undefined) lines.push({ text: `Cannot read alarms: ${describeAwsError(data.error)}`, tone: 'bad' });
  const list = data.data ?? [];
  if (data.data !== undefined) {
    if (list.length === 0) lines.push({ text: 'No alarm names this instance.', tone: 'warn' });
    for (const a of list) lines.push(...alarmLines(a, now, width));
    const gaps = alarmCoverage(list, isAgentReporting);
    lines.push({ text: '' }, { text: 'Coverage', isBold: true });
    if (gaps.length === 0) lines.push({ text: '✔ Status check, auto-recover, CPU and (with the agent) memory alarms are in place.', tone: 'ok' });
    for (const g of gaps) push(lines, `▲ ${g.text}`, width, '  ', { tone: 'warn' });
    if (isAgentReporting === false) push(lines, '· No memory alarm is offered: the CloudWatch Agent does not report mem_used_percent (see the agent config).', width, '  ', { isDim: true });
  }
  lines.push({ text: '' }, { text: 'n: add the recommended alarms (previewed; existing names are updated, not duplicated)', tone: 'info' });
  return lines;
}

/** The agent view: why the metrics are missing, the config, the commands. */
export function agentViewLines(instance: Instance, isAgentReporting: boolean | undefined, seen: Loadable<AgentMetricsSeen> | undefined, width: number): Line[] {
  const lines: Line[] = [{ text: `CloudWatch Agent for ${label(instance)}`, isBold: true }];
  const explanation = agentExplanation(isAgentReporting, seen?.data);
  if (explanation === undefined) lines.push({ text: '✔ The agent reports mem_used_percent for this instance. The config below is the reference one, for other instances.', tone: 'ok' });
  else for (const e of explanation) push(lines, e, width, '  ', { tone: 'warn' });
  if (seen?.error !== undefined) lines.push({ text: `ListMetrics failed: ${describeAwsError(seen.error)}`, tone: 'bad' });
  const setup = agentSetup(instance);
  lines.push({ text: '' }, { text: `Run on the instance (w saves it as ./${setup.fileName}); the config goes to ${AGENT_CONFIG_PATH}:`, isBold: true });
  for (const row of setup.script.trimEnd().split('\n')) lines.push({ text: row, tone: 'info' });
  return lines;
}
