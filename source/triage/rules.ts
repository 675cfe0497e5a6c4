// Rules: Evidence → Findings. Each rule reads one kind of evidence and states what it shows in one line, with the
// evidence behind it and its time. Missing evidence produces no finding here; diagnosis.ts lists it as not checked.
import type { StatusCheck } from '../domain/types.js';
import type { Evidence, MetricEvidence } from './evidence.js';
import { missingReason, valueOf } from './evidence.js';
import { hm, hms, median, pct, seriesLow, seriesPeak } from './format.js';
import { logRules, scanEvidence } from './rules-logs.js';
import { networkRules } from './rules-network.js';
import { hostRules } from './rules-host.js';
import type { HostFindingId } from './rules-host.js';
import { DISK_FULL, HIGH } from './thresholds.js';
import type { SignatureId } from './signatures.js';
import { decodeStateReason } from './state-reasons.js';
import type { EvidenceRef, Finding, Severity } from './types.js';

/** Every rule's id. Log signature findings use the signature's id. */
export type FindingId =
  | SignatureId | 'wont-start' | 'not-running' | 'system-check-failed' | 'instance-check-failed' | 'status-check-history'
  | 'scheduled-event' | 'cpu-high' | 'cpu-credits-exhausted' | 'mem-high' | 'mem-rising' | 'disk-high' | 'traffic-spike' | 'no-agent'
  | 'log-errors' | 'before-restart' | 'ssh-port-closed' | 'ssh-open-to-world' | 'ssh-caller-not-allowed' | 'no-public-ip' | 'no-igw-route'
  | 'nacl-blocks-ssh' | 'key-pair-missing' | HostFindingId;

export { DISK_FULL, HIGH } from './thresholds.js';
/** A CPUCreditBalance at or below this is exhausted (the instance runs at its baseline). */
export const CREDITS_EXHAUSTED = 1;
/** NetworkIn this many times its window median before the memory peak is a traffic spike. */
export const SPIKE_RATIO = 2;
/** How far before an OOM kill its memory climb and traffic spike are looked for: one episode. */
export const EPISODE_MS = 3_600_000;

/** Baseline CPU % of burstable types per size (T3/T3a/T4g; the instance runs here when out of credits). */
export const BURST_BASELINE: Readonly<Record<string, number>> = { nano: 5, micro: 10, small: 20, medium: 20, large: 30, xlarge: 40, '2xlarge': 40 };

const ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };
const metricRef = (label: string, at: Date | undefined, metric: string): EvidenceRef => ({ label, at, source: `CloudWatch ${metric}` });
const m = (e: Evidence, key: keyof Evidence['metrics']): MetricEvidence | undefined => valueOf(e.metrics[key]);

/** State and StateReason: a stopped instance with a failure reason is one that won't start. */
export function stateRules(evidence: Evidence): Finding[] {
  const { instance } = evidence;
  if (instance.state === 'running') return [];
  if (instance.state === 'pending') return [{ id: 'not-running', severity: 'info', text: 'The instance is starting (pending)', at: evidence.gatheredAt }];
  const code = instance.stateReason?.code;
  const info = decodeStateReason(code);
  const refs: EvidenceRef[] = [
    { label: `State ${instance.state}${code === undefined ? '' : `, StateReason ${code}: ${instance.stateReason?.message ?? ''}`}`, at: evidence.gatheredAt, source: 'ec2:DescribeInstances' },
    ...(instance.stateTransitionReason ? [{ label: `StateTransitionReason: ${instance.stateTransitionReason}`, at: undefined, source: 'ec2:DescribeInstances' }] : []),
  ];
  if (info?.isFailure === true) {
    return [{ id: 'wont-start', severity: 'critical', text: `The instance is ${instance.state}: ${info.code} — ${info.cause}`, at: evidence.gatheredAt, evidence: refs }];
  }
  const why = info === undefined ? (code === undefined ? '' : ` (${code})`) : `: ${info.cause}`;
  return [{ id: 'not-running', severity: 'warning', text: `The instance is ${instance.state}${why}`, at: evidence.gatheredAt, evidence: refs }];
}

const firstFailure = (s: MetricEvidence | undefined): Date | undefined => s?.timestamps[s.values.findIndex((v) => v >= 1)];

/** Status checks now, their StatusCheckFailed history in the window, and scheduled events. */
export function statusRules(evidence: Evidence): Finding[] {
  const status = valueOf(evidence.status);
  const findings: Finding[] = [];
  const sysSince = firstFailure(m(evidence, 'statusFailedSystem'));
  const instSince = firstFailure(m(evidence, 'statusFailedInstance'));
  const since = (check: StatusCheck): Date | undefined => check.details.find((d) => d.impairedSince !== undefined)?.impairedSince;
  if (status?.system.status === 'impaired') {
    const at = since(status.system) ?? sysSince;
    findings.push({
      id: 'system-check-failed', severity: 'critical', at,
      text: `System status check failed${at === undefined ? '' : ` since ${hm(at)}`}: a problem with the AWS host (hardware, power or network), not the OS`,
      evidence: [{ label: `SystemStatus impaired (${status.system.details.map((d) => `${d.name} ${d.status}`).join(', ')})`, at, source: 'ec2:DescribeInstanceStatus' },
        ...(sysSince === undefined ? [] : [metricRef(`StatusCheckFailed_System = 1 from ${hm(sysSince)}`, sysSince, 'AWS/EC2 StatusCheckFailed_System')])],
    });
  }
  if (status?.instance.status === 'impaired') {
    const at = since(status.instance) ?? instSince;
    findings.push({
      id: 'instance-check-failed', severity: 'critical', at,
      text: `Instance status check failed${at === undefined ? '' : ` since ${hm(at)}`}: the OS does not answer (kernel, boot, file system or network configuration)`,
      evidence: [{ label: `InstanceStatus impaired (${status.instance.details.map((d) => `${d.name} ${d.status}`).join(', ')})`, at, source: 'ec2:DescribeInstanceStatus' },
        ...(instSince === undefined ? [] : [metricRef(`StatusCheckFailed_Instance = 1 from ${hm(instSince)}`, instSince, 'AWS/EC2 StatusCheckFailed_Instance')])],
    });
  }
  const earlier = [['system', sysSince, status?.system.status], ['instance', instSince, status?.instance.status]] as const;
  for (const [which, at, now] of earlier) {
    if (at !== undefined && now !== 'impaired') {
      // Failed earlier in the window and passing now: worth knowing, not a cause to act on.
      findings.push({ id: 'status-check-history', severity: 'info', at, text: `The ${which} status check failed at ${hm(at)} in the window (${now ?? 'unknown'} now)`, evidence: [metricRef(`StatusCheckFailed_${which === 'system' ? 'System' : 'Instance'} = 1 at ${hm(at)}`, at, 'AWS/EC2')] });
    }
  }
  for (const e of status?.events ?? []) {
    findings.push({ id: 'scheduled-event', severity: 'warning', at: e.notBefore, text: `Scheduled event ${e.code}${e.notBefore === undefined ? '' : ` from ${hm(e.notBefore)} ${e.notBefore.toISOString().slice(0, 10)}`}: ${e.description}`, evidence: [{ label: `${e.code}: ${e.description}`, at: e.notBefore, source: 'ec2:DescribeInstanceStatus' }] });
  }
  return findings;
}

/** The burstable type's baseline CPU %, when known. */
export function burstBaseline(type: string): number | undefined {
  const [family = '', size = ''] = type.split('.');
  return /^t[34]/.test(family) ? BURST_BASELINE[size] : undefined;
}

/** The part of a series inside [from, to] (either bound open when undefined). */
export function slice(s: MetricEvidence | undefined, from: number | undefined, to: number | undefined): MetricEvidence | undefined {
  if (s === undefined) return undefined;
  const keep = s.timestamps.map((t, i) => [t.getTime(), i] as const).filter(([t]) => (from === undefined || t >= from) && (to === undefined || t <= to)).map(([, i]) => i);
  return { period: s.period, timestamps: keep.map((i) => s.timestamps[i] as Date), values: keep.map((i) => s.values[i] as number) };
}

/**
 * Memory: without an OOM kill, the window's peak. With one, the episode that led to the latest kill (its peak in
 * the hour before it) and, apart, a new climb after it ("climbing again") — a peak after the kill never explains it.
 */
function memoryRules(evidence: Evidence, kill: Date | undefined): { findings: Finding[]; peak: { value: number; at: Date } | undefined } {
  const mem = m(evidence, 'mem');
  if (mem === undefined) {
    // Only an agent metric that was read and came back empty says "no agent"; a denied or failed read says nothing.
    const isAbsent = missingReason(evidence.metrics.mem)?.kind === 'no-agent';
    return { findings: isAbsent ? [{ id: 'no-agent', severity: 'info', at: undefined, text: 'No memory or disk metrics: the CloudWatch Agent is not reporting (mem_used_percent, disk_used_percent)' }] : [], peak: undefined };
  }
  const killAt = kill?.getTime();
  const before = killAt === undefined ? mem : slice(mem, killAt - EPISODE_MS, killAt);
  const peak = seriesPeak(before);
  const findings: Finding[] = [];
  if (peak !== undefined && peak.value >= HIGH) {
    const what = killAt === undefined ? `Memory peaked at ${pct(peak.value)} at ${hm(peak.at)}` : `Memory peaked at ${pct(peak.value)} at ${hm(peak.at)}, before the OOM kill`;
    findings.push({ id: 'mem-high', severity: 'warning', at: peak.at, text: what, evidence: [metricRef(`mem_used_percent ${pct(peak.value)} at ${hm(peak.at)}`, peak.at, 'CWAgent mem_used_percent')] });
  }
  if (kill !== undefined && killAt !== undefined) {
    const after = slice(mem, killAt + 1, undefined);
    const again = seriesPeak(after);
    const now = after?.values.at(-1);
    const nowAt = after?.timestamps.at(-1);
    if (again !== undefined && again.value >= HIGH && now !== undefined && nowAt !== undefined) {
      findings.push({
        id: 'mem-rising', severity: 'warning', at: again.at,
        text: `Memory is climbing again: ${pct(now)} at ${hm(nowAt)} (peak ${pct(again.value)} at ${hm(again.at)}); the OOM kill at ${hms(kill)} may recur`,
        evidence: [metricRef(`mem_used_percent ${pct(again.value)} at ${hm(again.at)}, after the kill`, again.at, 'CWAgent mem_used_percent')],
      });
    }
  }
  return { findings, peak };
}

/** CPU, credits, memory (one episode per OOM kill), disk and the traffic spike before a climb. */
export function metricRules(evidence: Evidence, kill: Date | undefined): Finding[] {
  const findings: Finding[] = [];
  const cpuAvg = m(evidence, 'cpuAvg');
  const cpuMax = m(evidence, 'cpuMax');
  const avgPeak = seriesPeak(cpuAvg);
  const maxPeak = seriesPeak(cpuMax);
  const hotPoints = cpuMax?.values.filter((v) => v >= HIGH).length ?? 0;
  if ((avgPeak !== undefined && avgPeak.value >= HIGH) || hotPoints >= 2) {
    const peak = maxPeak ?? avgPeak;
    findings.push({
      id: 'cpu-high', severity: 'warning', at: peak?.at,
      text: `CPU ${pct(peak?.value ?? 0)} max at ${peak === undefined ? '?' : hm(peak.at)}${avgPeak === undefined ? '' : ` (average peaked at ${pct(avgPeak.value)})`}`,
      evidence: [
        ...(maxPeak === undefined ? [] : [metricRef(`CPU ${pct(maxPeak.value)} max at ${hm(maxPeak.at)}`, maxPeak.at, 'AWS/EC2 CPUUtilization Maximum')]),
        ...(avgPeak === undefined || avgPeak.value < HIGH ? [] : [metricRef(`CPU ${pct(avgPeak.value)} average at ${hm(avgPeak.at)}`, avgPeak.at, 'AWS/EC2 CPUUtilization Average')]),
      ],
    });
  }
  const credits = m(evidence, 'cpuCreditBalance');
  const low = seriesLow(credits);
  const latestCredit = credits?.values.at(-1);
  const baseline = burstBaseline(evidence.instance.type);
  const recent = median(cpuAvg?.values.slice(-6) ?? []);
  // An empty balance throttles only in standard mode: in unlimited mode the CPU runs above the baseline (and the
  // surplus is billed), so the balance alone is no cause. Judged on the latest period: it is the state now.
  const latestCpu = cpuAvg?.values.at(-1);
  const isPinned = latestCpu === undefined || baseline === undefined || latestCpu <= baseline * 1.2 + 2;
  if (low !== undefined && low.value <= CREDITS_EXHAUSTED && latestCredit !== undefined && latestCredit <= CREDITS_EXHAUSTED && isPinned) {
    const at = credits?.timestamps[credits.values.findIndex((v) => v <= CREDITS_EXHAUSTED)] ?? low.at;
    findings.push({
      id: 'cpu-credits-exhausted', severity: 'warning', at,
      text: `CPU credits exhausted since ${hm(at)}: ${evidence.instance.type} is throttled to its ${baseline === undefined ? '' : `${baseline}% `}baseline`,
      evidence: [
        metricRef(`CPUCreditBalance ${Math.round(low.value * 10) / 10} at ${hm(at)}`, at, 'AWS/EC2 CPUCreditBalance'),
        ...(recent === undefined ? [] : [metricRef(`CPU average ${pct(recent)} since (pinned at the baseline)`, undefined, 'AWS/EC2 CPUUtilization Average')]),
      ],
    });
  }
  const memory = memoryRules(evidence, kill);
  findings.push(...memory.findings);
  const memPeak = memory.peak;
  const disk = m(evidence, 'disk');
  const diskPeak = seriesPeak(disk);
  if (disk !== undefined && diskPeak !== undefined && diskPeak.value >= HIGH) {
    // When it filled is when it crossed the line (a per-minute peak can be stamped after the first ENOSPC).
    const line = diskPeak.value >= DISK_FULL ? DISK_FULL : HIGH;
    const crossed = disk.timestamps[disk.values.findIndex((v) => v >= line)] ?? diskPeak.at;
    findings.push({
      id: 'disk-high', severity: diskPeak.value >= DISK_FULL ? 'critical' : 'warning', at: crossed,
      text: `Root volume ${diskPeak.value >= DISK_FULL ? 'full' : 'nearly full'}: disk_used_percent ${pct(diskPeak.value)} at ${hm(diskPeak.at)}`,
      evidence: [metricRef(`disk_used_percent ${pct(diskPeak.value)} at ${hm(diskPeak.at)}`, diskPeak.at, 'CWAgent disk_used_percent')],
    });
  }
  // The spike that explains a climb comes before it: before the memory peak, else before the kill.
  const climbAt = memPeak !== undefined && memPeak.value >= HIGH ? memPeak.at : kill;
  if (climbAt !== undefined) findings.push(...trafficSpike(evidence, climbAt));
  return findings;
}

/** NetworkIn well above its window median in the hour before `before` (a climb's peak or a kill). */
function trafficSpike(evidence: Evidence, before: Date): Finding[] {
  const net = m(evidence, 'netIn');
  const base = median(net?.values ?? []);
  if (net === undefined || base === undefined || base <= 0) return [];
  const hour = slice(net, before.getTime() - EPISODE_MS, before.getTime());
  const peak = seriesPeak(hour);
  if (hour === undefined || peak === undefined || peak.value / base < SPIKE_RATIO) return [];
  const ratio = Math.round((peak.value / base) * 10) / 10;
  // A cause is dated when it began: the first period over the line, not the spike's own top.
  const at = hour.timestamps[hour.values.findIndex((v) => v / base >= SPIKE_RATIO)] ?? peak.at;
  return [{ id: 'traffic-spike', severity: 'info', at, text: `Traffic spike: NetworkIn up to ${ratio}× its median from ${hm(at)}`, evidence: [metricRef(`NetworkIn ${ratio}× median from ${hm(at)}`, at, 'AWS/EC2 NetworkIn Sum')] }];
}

/** Every rule over the evidence, most severe first (ties keep rule order: state, status, metrics, logs, network, host). */
export function evaluateRules(evidence: Evidence): Finding[] {
  const logs = logRules(evidence, scanEvidence(evidence));
  const kill = logs.find((f) => f.id === 'oom-kill')?.at;
  const all = [...stateRules(evidence), ...statusRules(evidence), ...metricRules(evidence, kill), ...logs, ...networkRules(evidence), ...hostRules(evidence)];
  return all.map((f, i) => [f, i] as const).sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1]).map(([f]) => f);
}
