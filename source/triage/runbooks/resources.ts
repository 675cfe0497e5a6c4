// High CPU, High memory and Disk full: the metrics (or why they are missing), the log signatures, and the host
// commands from the reference — CloudWatch says how much, only the host says which process or file.
import type { Evidence, MetricKey } from '../evidence.js';
import { missingReason, valueOf } from '../evidence.js';
import { hm, pct, seriesPeak } from '../format.js';
import { scanEvidence } from '../rules-logs.js';
import { burstBaseline, CREDITS_EXHAUSTED, HIGH, DISK_FULL } from '../rules.js';
import type { SignatureId } from '../signatures.js';
import type { Runbook, RunbookStep } from './types.js';
import { result, skippedFor, step } from './types.js';
import { hostRunbookStep } from './host-step.js';

const METRICS = 'cloudwatch:GetMetricData';

function peakStep(e: Evidence, key: MetricKey, id: string, title: string, limit: number, critical = 101): RunbookStep {
  const base = { id, title, apiCall: METRICS };
  const s = valueOf(e.metrics[key]);
  const peak = seriesPeak(s);
  if (peak === undefined) {
    // Read and empty (no agent, no datapoints) is an answer; a read that failed is "could not check".
    const kind = missingReason(e.metrics[key])?.kind;
    if (kind === 'no-agent') return step(base, 'skipped', 'No datapoints: the CloudWatch Agent is not reporting');
    return kind === 'no-data' || s !== undefined ? step(base, 'skipped', 'No datapoints in the window') : skippedFor(base, e.metrics[key]);
  }
  const state = peak.value >= critical ? 'failed' : peak.value >= limit ? 'warning' : 'ok';
  return step(base, state, `Peak ${pct(peak.value)} at ${hm(peak.at)}`);
}

function logStep(e: Evidence, ids: readonly SignatureId[], title: string): RunbookStep {
  const base = { id: 'log-signatures', title, apiCall: 'logs:FilterLogEvents' };
  const matches = scanEvidence(e).filter((m) => ids.includes(m.match.signature));
  const last = matches.at(-1);
  return last === undefined ? step(base, 'ok', 'No matching lines in the console output or logs') : step(base, 'failed', `${matches.length} line(s); last: ${last.match.line.trim()}`);
}


/** High CPU runbook: the CPU profile, credits on burstable types, steal hint, host commands. */
export const HIGH_CPU: Runbook = {
  id: 'high-cpu',
  title: 'High CPU',
  whenItApplies: 'CPU stays high or the instance is slow; on t2/t3/t4g, CPU credits may have run out.',
  run: (e) => {
    const credits = valueOf(e.metrics.cpuCreditBalance);
    const low = credits?.values.at(-1);
    const creditBase = { id: 'cpu-credits', title: 'CPU credits (burstable types)', apiCall: METRICS };
    const baseline = burstBaseline(e.instance.type);
    return result('high-cpu', 'High CPU', [
      peakStep(e, 'cpuMax', 'cpu-max', 'CPU maximum', HIGH),
      peakStep(e, 'cpuAvg', 'cpu-avg', 'CPU average', HIGH),
      baseline === undefined ? step(creditBase, 'skipped', `${e.instance.type} is not burstable`)
        : low === undefined ? skippedFor(creditBase, e.metrics.cpuCreditBalance)
          : step(creditBase, low <= CREDITS_EXHAUSTED ? 'failed' : 'ok', `CPUCreditBalance ${Math.round(low)} now (baseline ${baseline}%)`),
      hostRunbookStep(e, 'cpu', 'host', 'Processes and steal', ['top -b -n 1 | head -20', 'ps aux --sort=-%cpu | head -10', 'vmstat 1 5']),
    ]);
  },
};

/** High memory runbook: mem_used_percent (or why missing), OOM kills, host commands. */
export const HIGH_MEMORY: Runbook = {
  id: 'high-memory',
  title: 'High memory',
  whenItApplies: 'Memory use is high or the OOM killer ended processes (needs the CloudWatch Agent for the numbers).',
  run: (e) => result('high-memory', 'High memory', [
    peakStep(e, 'mem', 'mem', 'Memory used (CWAgent mem_used_percent)', HIGH),
    logStep(e, ['oom-kill'], 'OOM killer in the console and logs'),
    hostRunbookStep(e, 'memory', 'host', 'Memory on the host', ['free -h', 'ps aux --sort=-%mem | head -10', "watch -n 5 'free -h'"]),
  ]),
};

/** Disk full runbook: disk_used_percent (or why missing), ENOSPC / read-only lines, host commands. */
export const DISK_FULL_RUNBOOK: Runbook = {
  id: 'disk-full',
  title: 'Disk full',
  whenItApplies: 'Writes fail with "No space left on device", or the file system went read-only.',
  run: (e) => result('disk-full', 'Disk full', [
    peakStep(e, 'disk', 'disk', 'Root volume used (CWAgent disk_used_percent)', HIGH, DISK_FULL),
    logStep(e, ['disk-full', 'read-only-fs', 'fs-error'], 'No space left / read-only / file system errors'),
    hostRunbookStep(e, 'disk', 'host', 'What fills the disk', ['df -h', 'sudo du -sh /* | sort -rh | head -10', 'sudo find / -mtime -1 -size +100M -type f 2>/dev/null']),
  ]),
};
