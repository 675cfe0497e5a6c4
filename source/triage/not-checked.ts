// What the engine could not look at, and why: every missing evidence item in words, with the IAM action when a
// call was denied, so "no problem found" is never confused with "nothing was looked at".
import type { Evidence, Item, MetricKey, MissingReason } from './evidence.js';
import { missingReason, valueOf } from './evidence.js';

export interface NotChecked {
  /** What was not checked: 'Status checks', 'Memory (CWAgent mem_used_percent)'. */
  readonly what: string;
  readonly why: string;
  /** The IAM action / API call that would have answered it. */
  readonly action?: string;
  readonly kind: MissingReason['kind'];
}

const METRIC_LABELS: Readonly<Record<MetricKey, string>> = {
  cpuAvg: 'CPU average (AWS/EC2 CPUUtilization)',
  cpuMax: 'CPU maximum (AWS/EC2 CPUUtilization)',
  cpuCreditBalance: 'CPU credits (AWS/EC2 CPUCreditBalance)',
  netIn: 'Network in (AWS/EC2 NetworkIn)',
  netOut: 'Network out (AWS/EC2 NetworkOut)',
  ebsReadBytes: 'EBS reads (AWS/EC2 EBSReadBytes)',
  ebsWriteBytes: 'EBS writes (AWS/EC2 EBSWriteBytes)',
  statusFailedSystem: 'System check history (StatusCheckFailed_System)',
  statusFailedInstance: 'Instance check history (StatusCheckFailed_Instance)',
  mem: 'Memory (CWAgent mem_used_percent)',
  disk: 'Disk space (CWAgent disk_used_percent)',
};
/** Series the engine always wants; others (credits on non-burstable types) only when gathered. */
const EXPECTED: readonly MetricKey[] = ['cpuAvg', 'cpuMax', 'statusFailedSystem', 'statusFailedInstance', 'mem', 'disk'];
const AGENT: readonly MetricKey[] = ['mem', 'disk'];
const NO_AGENT: MissingReason = { kind: 'no-agent', message: 'the CloudWatch Agent is not reporting (no datapoints in the window)', action: 'cloudwatch:GetMetricData' };

function entry(what: string, item: Item<unknown> | undefined, action: string, isExpected = false): NotChecked[] {
  const reason = missingReason(item);
  // No datapoints is only worth saying of a series that should always have some (CPU, status checks).
  if (reason === undefined || reason.kind === 'not-applicable' || (reason.kind === 'no-data' && !isExpected)) return [];
  return [{ what, why: reason.message, action: reason.action ?? action, kind: reason.kind }];
}

/** Every piece of evidence that is missing, in gathering order (not-applicable items are left out). */
export function notCheckedOf(evidence: Evidence): NotChecked[] {
  const out: NotChecked[] = [
    ...entry('Status checks and scheduled events', evidence.status, 'ec2:DescribeInstanceStatus'),
    ...entry('Instance type sizes (for resize advice)', evidence.typeInfo, 'ec2:DescribeInstanceTypes'),
  ];
  if (valueOf(evidence.typeInfo) !== undefined) out.push(...entry('Larger types in the family', evidence.familyTypes, 'ec2:DescribeInstanceTypes'));
  for (const key of Object.keys(METRIC_LABELS) as MetricKey[]) {
    const item = evidence.metrics[key];
    if (item === undefined && !EXPECTED.includes(key)) continue;
    const series = valueOf(item);
    // An agent metric that was read but has no datapoints means the agent is not running or not configured.
    if (series !== undefined && series.values.length === 0 && AGENT.includes(key)) out.push({ what: METRIC_LABELS[key], why: NO_AGENT.message, action: NO_AGENT.action, kind: 'no-agent' });
    else out.push(...entry(METRIC_LABELS[key], item, 'cloudwatch:GetMetricData', EXPECTED.includes(key) && evidence.instance.state === 'running'));
  }
  out.push(...entry('Console output', evidence.consoleOutput, 'ec2:GetConsoleOutput'));
  out.push(...entry('CloudWatch Logs', evidence.logs, 'logs:DescribeLogGroups'));
  for (const group of valueOf(evidence.logs) ?? []) out.push(...entry(`Log group ${group.group}`, group.events, 'logs:FilterLogEvents'));
  const n = evidence.network;
  out.push(
    ...entry('Security group rules', n.securityGroups, 'ec2:DescribeSecurityGroups'),
    ...entry('Subnet (public IP on launch)', n.subnet, 'ec2:DescribeSubnets'),
    ...entry('Route table (internet gateway)', n.routeTable, 'ec2:DescribeRouteTables'),
    ...entry('Network ACL', n.networkAcl, 'ec2:DescribeNetworkAcls'),
    ...entry('Key pair', n.keyPair, 'ec2:DescribeKeyPairs'),
  );
  return out;
}
