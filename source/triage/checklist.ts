// The checklist's judgement, pure: evidence in (status, metric peaks, console and log text), step outcomes and a
// conclusion out. model/triage-runner.ts gathers the evidence; nothing here does I/O.
import { isInWindow } from './evidence.js';
import type { AwsError, ConsoleOutput, Instance, InstanceStatus, LogEvent, MetricBatch, MetricQuery } from '../aws/types.js';
import { describeAwsError } from '../aws/errors.js';
import { dedupeMatches, scanLine, scanText } from './signatures.js';
import type { SignatureMatch } from './signatures.js';
import type { ChecklistStep, Finding, Severity } from './types.js';

/** What a gathering call produced: its value, or the error it failed with. */
export type Evidence<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AwsError };

/** A finished step, before it is shown. */
export interface StepOutcome {
  readonly state: 'ok' | 'warning' | 'failed';
  readonly result: string;
  readonly details: readonly string[];
  readonly findings: readonly Finding[];
}

export interface Peak {
  readonly value: number;
  readonly at: Date;
}

export interface MetricsOutcome extends StepOutcome {
  readonly cpuPeak: Peak | undefined;
  readonly memPeak: Peak | undefined;
}

export interface LogsOutcome extends StepOutcome {
  /** OOM kills in the window, one per process, ascending. */
  readonly kills: readonly SignatureMatch[];
}

export const STEP_TITLES: Readonly<Record<ChecklistStep['id'], string>> = {
  status: 'Status checks',
  metrics: 'CloudWatch metrics (last 3 h)',
  logs: 'Console output and logs (last 3 h)',
  diagnosis: 'Diagnosis',
};
/** CPU or memory at or above this percentage is a warning. */
export const HIGH_PERCENT = 90;

const pad = (n: number): string => String(n).padStart(2, '0');
/** '02:45:12 UTC' */
export const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
/** '02:44 UTC' */
export const hm = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
const pct = (v: number): string => `${Math.round(v)}%`;
const finding = (severity: Severity, text: string, at?: Date): Finding => ({ severity, text, at });
const failedStep = (what: string, error: AwsError): StepOutcome =>
  ({ state: 'failed', result: `Could not read ${what}: ${describeAwsError(error)}`, details: [], findings: [] });

/** Status step: impaired checks fail it with the reference runbook's action. */
export function evaluateStatus(evidence: Evidence<InstanceStatus | undefined>): StepOutcome {
  if (!evidence.ok) return failedStep('status checks', evidence.error);
  const status = evidence.value;
  if (status === undefined) return { state: 'warning', result: 'No status reported for this instance', details: [], findings: [] };
  const details = status.events.map((e) => `Scheduled ${e.code}${e.notBefore === undefined ? '' : ` from ${e.notBefore.toISOString()}`}: ${e.description}`);
  const eventFindings = status.events.map((e) => finding('warning', `Scheduled event ${e.code}: ${e.description}`, e.notBefore));
  const system = status.system.status;
  const inst = status.instance.status;
  if (system === 'impaired' || inst === 'impaired') {
    const text =
      system === 'impaired' && inst === 'impaired'
        ? 'System and instance status checks failed: stop and start the instance (new hardware), then reboot; it may need replacing'
        : system === 'impaired'
          ? 'System status check failed (AWS hardware/network): stop and start the instance to move it to new hardware (not reboot)'
          : 'Instance status check failed (OS/kernel/filesystem): reboot the instance and check the OS logs';
    const since = [...status.system.details, ...status.instance.details].find((d) => d.impairedSince !== undefined)?.impairedSince;
    return { state: 'failed', result: text, details, findings: [finding('critical', text, since), ...eventFindings] };
  }
  if (status.state !== 'running' || system === 'not-applicable') {
    return { state: 'warning', result: `Instance is ${status.state}: no status checks run`, details, findings: eventFindings };
  }
  if (system !== 'ok' || inst !== 'ok') {
    return { state: 'warning', result: `Status checks not conclusive (system ${system}, instance ${inst})`, details, findings: eventFindings };
  }
  return { state: eventFindings.length > 0 ? 'warning' : 'ok', result: 'System and instance status checks passed', details, findings: eventFindings };
}

/** The two series the metrics step needs: CPU maxima at the instance's period, memory maxima per minute. */
export function triageMetricQueries(instance: Instance): MetricQuery[] {
  const period = instance.isDetailedMonitoring ? 60 : 300;
  const dimensions = { InstanceId: instance.id };
  return [
    { id: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions, stat: 'Maximum', period },
    // The agent publishes every 60 s whatever the instance's monitoring: minute precision for the peak's time.
    { id: 'mem', namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions, stat: 'Maximum', period: 60 },
  ];
}

/** The highest value of a series and when (the first time it was reached); undefined when empty. */
export function peakOf(timestamps: readonly Date[], values: readonly number[]): Peak | undefined {
  let best: Peak | undefined;
  values.forEach((value, i) => {
    const at = timestamps[i];
    if (at !== undefined && (best === undefined || value > best.value || (value === best.value && at < best.at))) best = { value, at };
  });
  return best;
}

/** Metrics step: CPU and memory peaks with their times; ≥90% warns; no memory data means no agent. */
export function evaluateMetrics(evidence: Evidence<MetricBatch>): MetricsOutcome {
  if (!evidence.ok) return { ...failedStep('metrics', evidence.error), cpuPeak: undefined, memPeak: undefined };
  const series = (id: string) => evidence.value.series.find((s) => s.id === id);
  const cpuSeries = series('cpu');
  const memSeries = series('mem');
  const cpuPeak = cpuSeries === undefined ? undefined : peakOf(cpuSeries.timestamps, cpuSeries.values);
  const memPeak = memSeries === undefined ? undefined : peakOf(memSeries.timestamps, memSeries.values);
  const findings: Finding[] = [];
  const parts: string[] = [];
  if (cpuPeak === undefined) parts.push('no CPU data');
  else {
    parts.push(`CPU max ${pct(cpuPeak.value)} at ${hm(cpuPeak.at)}`);
    if (cpuPeak.value >= HIGH_PERCENT) findings.push(finding('warning', `CPU peaked at ${pct(cpuPeak.value)} at ${hm(cpuPeak.at)}`, cpuPeak.at));
  }
  if (memPeak === undefined) {
    parts.push('CloudWatch Agent not reporting (no memory data)');
    findings.push(finding('info', 'CloudWatch Agent not reporting: no memory metrics (install or start the agent)'));
  } else {
    parts.push(`memory max ${pct(memPeak.value)} at ${hm(memPeak.at)}`);
    if (memPeak.value >= HIGH_PERCENT) findings.push(finding('warning', `Memory peaked at ${pct(memPeak.value)} at ${hm(memPeak.at)}`, memPeak.at));
  }
  const details = [cpuSeries, memSeries].flatMap((s) => (s !== undefined && s.statusCode !== 'Complete' ? [`${s.id}: ${s.statusCode} ${s.messages.join('; ')}`] : []));
  const isWarning = findings.some((f) => f.severity === 'warning') || memPeak === undefined;
  return { state: isWarning ? 'warning' : 'ok', result: parts.join(' · '), details, findings, cpuPeak, memPeak };
}

export interface LogsEvidence {
  readonly console: Evidence<ConsoleOutput>;
  /** The groups searched and the matching events (already limited to this instance's streams). */
  readonly logs: Evidence<{ readonly groups: readonly string[]; readonly events: readonly LogEvent[] }>;
  readonly instance: Instance;
  /** Start of the window: kills before it are history, not the incident. */
  readonly since: Date;
  readonly now: Date;
  /** The window starts at a fix (see isInWindow). */
  readonly isSinceFix?: boolean;
}

const killText = (m: SignatureMatch): string =>
  `OOM killer killed ${m.process ?? 'a process'}${m.pid === undefined ? '' : ` (pid ${m.pid})`}${m.at === undefined ? '' : ` at ${hms(m.at)}`}`;
const ERROR_LINE = /\b(CRITICAL|ERROR)\b/;

/** Logs step: OOM kills (console and logs) fail it; ERROR/CRITICAL lines warn. */
export function evaluateLogs(evidence: LogsEvidence): LogsOutcome {
  const { console: out, logs, instance, since, now } = evidence;
  if (!out.ok && !logs.ok) {
    return { ...failedStep('console output or logs', out.error), details: [`logs: ${describeAwsError(logs.error)}`], kills: [] };
  }
  const details: string[] = [];
  const matches: SignatureMatch[] = [];
  if (out.ok) matches.push(...scanText(out.value.text, { bootTime: instance.launchTime, referenceDate: now }));
  else details.push(`console output: ${describeAwsError(out.error)}`);
  const errorLines: LogEvent[] = [];
  if (logs.ok) {
    if (logs.value.groups.length === 0) details.push(`no log groups matched '${instance.name}' (tag ec2-triage:log-groups lists them)`);
    for (const event of logs.value.events) {
      const found = scanLine(event.message, 0, { referenceDate: event.timestamp, fallbackTime: event.timestamp });
      matches.push(...found);
      if (found.length === 0 && ERROR_LINE.test(event.message)) errorLines.push(event);
    }
  } else details.push(`logs: ${describeAwsError(logs.error)}`);

  const all = dedupeMatches(matches.filter((m) => m.signature === 'oom-kill'));
  const window = { from: since, to: now, ...(evidence.isSinceFix === true ? { isSinceFix: true } : {}) };
  const kills = all.filter((m) => isInWindow(m, window, instance.launchTime));
  if (all.length > kills.length) details.push(`${all.length - kills.length} earlier OOM kill(s) before ${hm(since)}`);
  details.push(...kills.slice(-5).map((m) => m.line.trim()));
  details.push(...errorLines.slice(-5).map((e) => e.message.trim()));
  const findings: Finding[] = [];
  const latest = kills.at(-1);
  if (latest !== undefined) {
    const count = kills.length > 1 ? ` (${kills.length} OOM kills since ${hms(kills[0]?.at ?? since)})` : '';
    findings.push(finding('critical', `${killText(latest)}${count}`, latest.at));
  }
  if (errorLines.length > 0) {
    const last = errorLines[errorLines.length - 1];
    findings.push(finding('warning', `${errorLines.length} ERROR/CRITICAL log line(s); last: ${last?.message.trim() ?? ''}`, last?.timestamp));
  }
  const searched = logs.ok ? `${logs.value.groups.length} log group(s)` : 'no log groups';
  const result =
    latest !== undefined
      ? findings[0]?.text ?? killText(latest)
      : errorLines.length > 0
        ? `${errorLines.length} ERROR/CRITICAL line(s) in ${searched}`
        : `No OOM kills or errors in console output and ${searched}`;
  const state = latest !== undefined ? 'failed' : errorLines.length > 0 || !out.ok || !logs.ok ? 'warning' : 'ok';
  return { state, result, details, findings, kills };
}

const ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** All findings, most severe first, and the headline: an OOM kill is told with the memory peak before it. */
export function conclude(outcomes: { status?: StepOutcome; metrics?: MetricsOutcome; logs?: LogsOutcome }): { findings: Finding[]; conclusion: Finding } {
  const findings = [outcomes.status, outcomes.metrics, outcomes.logs]
    .flatMap((o) => o?.findings ?? [])
    .map((f, i) => [f, i] as const)
    .sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
  const kill = outcomes.logs?.kills.at(-1);
  const mem = outcomes.metrics?.memPeak;
  // An impaired status check outranks an OOM kill (the host itself is sick); an unreadable one does not.
  const isImpaired = outcomes.status?.findings.some((f) => f.severity === 'critical') === true;
  if (kill !== undefined && !isImpaired) {
    const metricsRead = outcomes.metrics !== undefined && outcomes.metrics.state !== 'failed';
    const memory =
      mem !== undefined ? ` — memory peaked at ${pct(mem.value)} at ${hm(mem.at)}` : metricsRead ? ' — no memory metrics (CloudWatch Agent not reporting)' : '';
    return { findings, conclusion: finding('critical', `${killText(kill)}${memory}`, kill.at) };
  }
  const top = findings[0];
  if (top !== undefined && top.severity !== 'info') return { findings, conclusion: top };
  const unrun = [outcomes.status, outcomes.metrics, outcomes.logs].filter((o) => o === undefined || o.state === 'failed').length;
  const text = unrun > 0 ? `No problem found in the evidence gathered (${unrun} step(s) could not run)` : 'No problem found: status checks pass, no resource peaks, no OOM kills or errors in logs';
  return { findings, conclusion: finding('info', text) };
}
