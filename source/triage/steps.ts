// The checklist's four steps — Status → Metrics → Logs as the reference story reads them, then the Diagnosis — as
// summaries of ONE triage result: a step shows the findings of its kind (same text, same numbers as the
// diagnosis), is ✔ only when it has none and all its evidence was read, and says "could not check: <why>" when its
// evidence is missing. Nothing here judges evidence again: no threshold, no rounding of its own. Pure.
import type { Evidence, EvidenceKey } from './evidence.js';
import { evidenceItem, HOST_KEYS, missingReason, stateOfKey, valueOf } from './evidence.js';
import type { HostKey } from './evidence.js';
import { HOST_CHECKS } from '../domain/host-checks.js';
import { factLines, hostFacts } from './host-facts.js';
import { hm, pct, seriesPeak } from './format.js';
import type { TriageRun } from './run.js';
import type { FindingId } from './rules.js';
import type { ChecklistStep, Finding, LogOrigin, Severity, StepState } from './types.js';

export type StepId = ChecklistStep['id'];
/** The steps that summarise CloudWatch/EC2 evidence by findings ('host' has its own summary, hostStep). */
type EvidenceStepId = 'status' | 'metrics' | 'logs' | 'host';

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  status: 'Status checks',
  metrics: 'CloudWatch metrics (last 3 h)',
  logs: 'Console output and logs (last 3 h)',
  host: 'Host checks (on the instance, via SSM)',
  diagnosis: 'Diagnosis',
};

/** What each step reads: shown before the first run, so the method is visible. */
export const STEP_READS: Readonly<Record<StepId, string>> = {
  status: 'DescribeInstanceStatus: the system (AWS host) and instance (your OS) checks, scheduled events',
  metrics: 'GetMetricData: CPU, credits, network, status-check history; memory and disk from the CloudWatch Agent',
  logs: 'GetConsoleOutput and FilterLogEvents: OOM kills, kernel panics, disk full, file system and sshd errors',
  host: 'with --diagnostics, on the instance through SSM (read-only): free, ps, vmstat, df, du, sshd and port 22, the host firewall',
  diagnosis: 'the root cause as a causal chain, its confidence, what to do, and what could not be checked',
};

const STATUS_FINDINGS: ReadonlySet<string> = new Set<FindingId>(['wont-start', 'not-running', 'system-check-failed', 'instance-check-failed', 'status-check-history', 'scheduled-event']);
const METRIC_FINDINGS: ReadonlySet<string> = new Set<FindingId>(['cpu-high', 'cpu-credits-exhausted', 'mem-high', 'mem-rising', 'disk-high', 'traffic-spike', 'no-agent']);
const NETWORK_FINDINGS: ReadonlySet<string> = new Set<FindingId>(['ssh-port-closed', 'ssh-open-to-world', 'ssh-caller-not-allowed', 'no-public-ip', 'no-igw-route', 'nacl-blocks-ssh', 'key-pair-missing']);

/** The step a finding belongs to; network findings are told by the diagnosis (the SSH path is not a step). */
export function stepOfFinding(f: Finding): EvidenceStepId | 'network' {
  const id = f.id ?? '';
  if (id.startsWith('host-')) return 'host';
  if (STATUS_FINDINGS.has(id)) return 'status';
  if (METRIC_FINDINGS.has(id)) return 'metrics';
  if (NETWORK_FINDINGS.has(id)) return 'network';
  return 'logs';
}

/** The evidence each step reads (a metric the round did not ask for is not part of it). */
export function stepEvidence(e: Evidence, id: EvidenceStepId): EvidenceKey[] {
  switch (id) {
    case 'host':
      return Object.keys(HOST_KEYS) as HostKey[];
    case 'status':
      return ['status', 'statusFailedSystem', 'statusFailedInstance'];
    case 'metrics':
      return ['cpuAvg', 'cpuMax', 'netIn', 'mem', 'disk', ...(e.metrics.cpuCreditBalance === undefined ? [] : (['cpuCreditBalance'] as const))];
    case 'logs':
      return ['console', 'logs'];
  }
}

const KEY_LABELS: Readonly<Record<EvidenceKey, string>> = {
  status: 'status checks', statusFailedSystem: 'system check history', statusFailedInstance: 'instance check history',
  cpuAvg: 'CPU average', cpuMax: 'CPU maximum', cpuCreditBalance: 'CPU credits', netIn: 'NetworkIn', netOut: 'NetworkOut',
  ebsReadBytes: 'EBS reads', ebsWriteBytes: 'EBS writes', mem: 'memory', disk: 'disk space', console: 'console output', logs: 'CloudWatch Logs',
  typeInfo: 'instance type', securityGroups: 'security groups', subnet: 'subnet', routeTable: 'route table', networkAcl: 'network ACL',
  keyPair: 'key pair', internetGateway: 'internet gateway',
  hostMemory: 'host memory check', hostCpu: 'host CPU check', hostDisk: 'host disk check', hostSsh: 'host SSH check',
};

const SEVERITY_STATE: Readonly<Record<Severity, StepState>> = { critical: 'failed', warning: 'warning', info: 'info' };
const RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** "memory: access denied (cloudwatch:GetMetricData): …" for each piece of the step's evidence that was not read. */
function unreadOf(e: Evidence, keys: readonly EvidenceKey[]): string[] {
  return keys.flatMap((k) => {
    const reason = missingReason(evidenceItem(e, k));
    return stateOfKey(e, k) === 'unknown' && reason !== undefined && reason.kind !== 'not-applicable' ? [`${KEY_LABELS[k]}: ${reason.message}`] : [];
  });
}

/** What a clean step read, in a few words (the same formatting the rules use). */
function cleanText(e: Evidence, id: EvidenceStepId): string {
  switch (id) {
    case 'host':
      return '';
    case 'status': {
      const s = valueOf(e.status);
      if (s === undefined) return 'No status reported for this instance';
      return s.system.status === 'ok' && s.instance.status === 'ok' ? 'System and instance status checks passed' : `System check ${s.system.status}, instance check ${s.instance.status}`;
    }
    case 'metrics': {
      const peak = (key: 'cpuMax' | 'mem' | 'disk', what: string): string | undefined => {
        const p = seriesPeak(valueOf(e.metrics[key]));
        return p === undefined ? undefined : `${what} max ${pct(p.value)} at ${hm(p.at)}`;
      };
      // "No datapoints" only of a metric that was read and had none; an unread one is said apart, with its reason.
      const cpu = peak('cpuMax', 'CPU') ?? (stateOfKey(e, 'cpuMax') === 'absent' ? 'no CPU datapoints' : undefined);
      const parts = [cpu, peak('mem', 'memory'), peak('disk', 'disk')].filter((x): x is string => x !== undefined);
      return parts.join(' · ');
    }
    case 'logs': {
      const groups = valueOf(e.logs);
      const where = groups === undefined ? `the console output (${missingReason(e.logs)?.message ?? 'no log group'})` : `the console output and ${groups.length} log group(s)`;
      return `No known-bad lines in ${where}`;
    }
  }
}

/** The log line a finding quotes last (its latest), when it quotes one. */
function latestOrigin(f: Finding): LogOrigin | undefined {
  return [...(f.evidence ?? [])].reverse().find((r) => r.origin !== undefined)?.origin;
}

function evidenceStep(e: Evidence, id: EvidenceStepId, findings: readonly Finding[]): Omit<ChecklistStep, 'id' | 'title'> {
  const mine = findings.filter((f) => stepOfFinding(f) === id).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const unread = unreadOf(e, stepEvidence(e, id));
  const notRead = unread.map((u) => `could not read ${u}`);
  const top = mine[0];
  if (top !== undefined) {
    // Log lines are worth quoting under their finding; a metric's label only repeats its text.
    const quotedRefs = id === 'logs' ? (top.evidence ?? []).filter((r) => r.label !== top.text) : [];
    const hostLines = id === 'host' ? hostDetails(e) : [];
    // The host's info findings repeat its facts, which are listed whole below.
    const others = mine.slice(1).filter((f) => id !== 'host' || f.severity !== 'info');
    // Where each line came from, so Enter on it opens the log view at that line (the refs carry it; nothing re-scans).
    const detailOrigins = [...others.map(latestOrigin), ...quotedRefs.map((r) => r.origin), ...hostLines.map(() => undefined), ...notRead.map(() => undefined)];
    const resultOrigin = latestOrigin(top);
    return {
      state: SEVERITY_STATE[top.severity],
      result: top.text,
      details: [...others.map((f) => f.text), ...quotedRefs.map((r) => r.label), ...hostLines, ...notRead],
      ...(resultOrigin === undefined ? {} : { resultOrigin }),
      ...(detailOrigins.some((o) => o !== undefined) ? { detailOrigins } : {}),
    };
  }
  if (unread.length > 0) {
    const read = cleanText(e, id);
    return { state: 'unknown', result: `Could not check ${unread[0] ?? ''}${unread.length > 1 ? ` (+${unread.length - 1} more)` : ''}`, details: [...(read === '' ? [] : [read]), ...notRead.slice(1)] };
  }
  return { state: 'ok', result: cleanText(e, id), details: [] };
}

/** Every host fact, one line each, under its check's title ('Memory: available memory 120 MiB of 7.6 GiB; …'). */
function hostDetails(e: Evidence): string[] {
  const facts = hostFacts(e);
  return HOST_CHECKS.flatMap((c) => factLines(facts, c.id).map((l) => `${c.title}: ${l}`));
}

/**
 * The Host checks step, present only when the run included them (Evidence.host set): not run is said with why —
 * 'info' when nobody asked or the instance is not managed, 'unknown' when refused, a warning when the agent is offline
 * or a check failed.
 */
function hostStep(e: Evidence, findings: readonly Finding[]): Omit<ChecklistStep, 'id' | 'title'> | undefined {
  if (e.host === undefined) return undefined;
  const whole = missingReason(e.host);
  // Nobody asked, or the instance is not managed: said, not a problem. Refused or throttled: unknown. Offline or failed: a warning.
  if (whole !== undefined) {
    const state: StepState = whole.kind === 'not-gathered' || whole.kind === 'not-applicable' ? 'info' : whole.kind === 'error' ? 'warning' : 'unknown';
    return { state, result: `Not run: ${whole.message}`, details: [] };
  }
  const step = evidenceStep(e, 'host', findings);
  // Unread checks are said under the facts (evidenceStep puts them last), whatever the top finding.
  if (step.state === 'unknown') return { ...step, details: [...hostDetails(e), ...step.details] };
  // Checks that ran but whose every section was unreadable leave no finding: that is not a clean host.
  if (step.state === 'ok') return { state: 'unknown', result: 'Could not read the host checks\' output', details: hostDetails(e) };
  return step;
}

/** The Diagnosis step: the verdict as the diagnosis states it. */
function diagnosisStep(run: TriageRun): Omit<ChecklistStep, 'id' | 'title'> {
  const d = run.result.diagnosis;
  const state: StepState = d.healthy ? 'ok' : d.cause === 'inconclusive' ? 'unknown' : SEVERITY_STATE[headlineOf(run).severity];
  return { state, result: `${d.title} (confidence ${d.confidence})`, details: d.chain.length > 1 ? [d.chain.join(' → ')] : [] };
}

/** The headline pinned above the steps: the diagnosis's title, as severe as what supports it. */
export function headlineOf(run: TriageRun): Finding {
  const d = run.result.diagnosis;
  const top = [...d.supporting].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0];
  const severity: Severity = d.healthy ? 'info' : d.cause === 'inconclusive' ? 'warning' : (top?.severity ?? 'warning');
  return { severity, text: d.healthy ? `${d.title}: ${d.confidenceWhy}` : d.title, at: top?.at };
}

/** The four steps (five with the host checks) and the headline for a finished round. */
export function stepsOf(run: TriageRun): { steps: ChecklistStep[]; findings: Finding[]; conclusion: Finding } {
  const e = run.evidence;
  const span = e.window.to.getTime() - e.window.from.getTime();
  const step = (id: StepId, o: Omit<ChecklistStep, 'id' | 'title'>): ChecklistStep => ({ id, title: windowTitle(STEP_TITLES[id], span), ...o });
  const findings = run.result.findings;
  const host = hostStep(e, findings);
  return {
    steps: [
      step('status', evidenceStep(e, 'status', findings)), step('metrics', evidenceStep(e, 'metrics', findings)), step('logs', evidenceStep(e, 'logs', findings)),
      ...(host === undefined ? [] : [step('host', host)]), step('diagnosis', diagnosisStep(run)),
    ],
    findings: [...findings],
    conclusion: headlineOf(run),
  };
}

/** 'CloudWatch metrics (last 3 h)' → '(last 14 min)' when the window is shorter (triage since a fix). */
export function windowTitle(title: string, windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  const span = minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  return title.replace('(last 3 h)', `(last ${span})`);
}
