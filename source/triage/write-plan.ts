// Plans for the write path, as data: which API calls an action makes and the equivalent aws CLI commands, so the
// preview shows exactly what will be sent. Pure: the dialog renders a plan, model/ executes it.
import type { AlarmSpec } from '../aws/action-types.js';
import type { Instance, InstanceTypeInfo } from '../aws/types.js';
import { awsCommand } from './shell.js';

/** One API call of a plan, with its parameters as the SDK takes them. */
export interface PlannedCall {
  readonly operation: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type PlanKind = 'reboot' | 'stop-start' | 'resize' | 'start' | 'alarms';

export interface ActionPlan {
  readonly kind: PlanKind;
  readonly title: string;
  readonly instanceId: string;
  readonly calls: readonly PlannedCall[];
  readonly commands: readonly string[];
  /** Stops the instance: the user must type its id or Name to confirm. */
  readonly needsTypedConfirm: boolean;
  /** Extra lines for the preview: vCPU/memory before → after, alarms that will be updated. */
  readonly notes: readonly string[];
}

const label = (i: Instance): string => (i.name === '' ? i.id : `${i.name} (${i.id})`);
const gib = (mib: number): string => `${Math.round((mib / 1024) * 10) / 10} GiB`;
const describeType = (t: InstanceTypeInfo): string => `${t.type} ${t.vcpus} vCPU ${gib(t.memoryMiB)}`;

/** Reboot (instance status check failed). */
export function planReboot(instance: Instance, region: string): ActionPlan {
  return {
    kind: 'reboot',
    title: `Reboot ${label(instance)}`,
    instanceId: instance.id,
    calls: [{ operation: 'ec2:RebootInstances', params: { InstanceIds: [instance.id] } }],
    commands: [awsCommand(region, 'ec2', 'reboot-instances', ['--instance-ids', instance.id])],
    needsTypedConfirm: false,
    notes: ['The OS restarts on the same host; a failed system check needs stop and start instead.'],
  };
}

const stopCalls = (id: string): PlannedCall[] => [
  { operation: 'ec2:StopInstances', params: { InstanceIds: [id] } },
  { operation: 'ec2:DescribeInstances (waiter: instance-stopped)', params: { InstanceIds: [id] } },
];
const startCalls = (id: string): PlannedCall[] => [
  { operation: 'ec2:StartInstances', params: { InstanceIds: [id] } },
  { operation: 'ec2:DescribeInstances (waiter: instance-running)', params: { InstanceIds: [id] } },
  { operation: 'ec2:DescribeInstanceStatus (waiter: instance-status-ok)', params: { InstanceIds: [id] } },
];
const stopCommands = (id: string, region: string): string[] => [
  awsCommand(region, 'ec2', 'stop-instances', ['--instance-ids', id]),
  awsCommand(region, 'ec2', 'wait', ['instance-stopped', '--instance-ids', id]),
];
const startCommands = (id: string, region: string): string[] => [
  awsCommand(region, 'ec2', 'start-instances', ['--instance-ids', id]),
  awsCommand(region, 'ec2', 'wait', ['instance-status-ok', '--instance-ids', id]),
];
const stopNote = 'The instance stops: downtime of a few minutes; the public IP changes unless it is an Elastic IP.';

/** Stop and start (system status check failed: moves the instance to new hardware). */
export function planStopStart(instance: Instance, region: string): ActionPlan {
  return {
    kind: 'stop-start',
    title: `Stop and start ${label(instance)} (new hardware)`,
    instanceId: instance.id,
    calls: [...stopCalls(instance.id), ...startCalls(instance.id)],
    commands: [...stopCommands(instance.id, region), ...startCommands(instance.id, region)],
    needsTypedConfirm: true,
    notes: [stopNote],
  };
}

/** Start a stopped instance. */
export function planStart(instance: Instance, region: string): ActionPlan {
  return {
    kind: 'start',
    title: `Start ${label(instance)}`,
    instanceId: instance.id,
    calls: startCalls(instance.id),
    commands: startCommands(instance.id, region),
    needsTypedConfirm: false,
    notes: [],
  };
}

/** Stop → ModifyInstanceAttribute InstanceType → start. */
export function planResize(instance: Instance, from: InstanceTypeInfo | undefined, to: InstanceTypeInfo, region: string): ActionPlan {
  const wasRunning = instance.state === 'running';
  return {
    kind: 'resize',
    title: `Resize ${label(instance)} to ${to.type}`,
    instanceId: instance.id,
    calls: [
      ...(wasRunning ? stopCalls(instance.id) : []),
      { operation: 'ec2:ModifyInstanceAttribute', params: { InstanceId: instance.id, InstanceType: { Value: to.type } } },
      ...startCalls(instance.id),
    ],
    commands: [
      ...(wasRunning ? stopCommands(instance.id, region) : []),
      awsCommand(region, 'ec2', 'modify-instance-attribute', ['--instance-id', instance.id, '--instance-type', to.type]),
      ...startCommands(instance.id, region),
    ],
    needsTypedConfirm: true,
    notes: [`${from === undefined ? instance.type : describeType(from)} → ${describeType(to)}`, ...(wasRunning ? [stopNote] : [])],
  };
}

/**
 * Types an instance can be resized to: same architecture, a shared virtualization type, current generation,
 * not the type it has; by memory then vCPUs.
 */
export function resizeCandidates(current: InstanceTypeInfo, catalogue: readonly InstanceTypeInfo[]): InstanceTypeInfo[] {
  return catalogue
    .filter(
      (t) =>
        t.type !== current.type &&
        t.isCurrentGeneration &&
        t.architectures.some((a) => current.architectures.includes(a)) &&
        (current.virtualizationTypes.length === 0 || t.virtualizationTypes.some((v) => current.virtualizationTypes.includes(v))),
    )
    .sort((a, b) => a.memoryMiB - b.memoryMiB || a.vcpus - b.vcpus || a.type.localeCompare(b.type));
}

/** For an OOM: the smallest type of the same family with more memory (c5.large → c5.xlarge), else any with more. */
export function recommendedResize(current: InstanceTypeInfo, candidates: readonly InstanceTypeInfo[]): InstanceTypeInfo | undefined {
  const family = current.type.split('.')[0];
  const bigger = candidates.filter((t) => t.memoryMiB > current.memoryMiB);
  return bigger.find((t) => t.type.split('.')[0] === family) ?? bigger[0];
}

/** The reference's alarm set for an instance; the memory alarm only when the CloudWatch Agent reports. */
export function recommendedAlarms(instance: Instance, region: string, options: { topicArn?: string; isAgentReporting: boolean }): AlarmSpec[] {
  const base = instance.name === '' ? instance.id : instance.name;
  const dims = { InstanceId: instance.id };
  const notify = options.topicArn === undefined ? [] : [options.topicArn];
  const specs: AlarmSpec[] = [
    { name: `${base}-high-cpu`, description: 'Alert when CPU exceeds 80%', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: dims, statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 80, comparison: 'GreaterThanThreshold', alarmActions: notify },
    { name: `${base}-status-check`, description: 'Alert on status check failure', namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensions: dims, statistic: 'Maximum', period: 60, evaluationPeriods: 2, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', alarmActions: notify },
    { name: `${base}-auto-recover`, description: 'Recover the instance when the system status check fails', namespace: 'AWS/EC2', metricName: 'StatusCheckFailed_System', dimensions: dims, statistic: 'Maximum', period: 60, evaluationPeriods: 2, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', alarmActions: [`arn:aws:automate:${region}:ec2:recover`] },
  ];
  if (options.isAgentReporting) {
    specs.push({ name: `${base}-memory`, description: 'Alert when memory use exceeds 85%', namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: dims, statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 85, comparison: 'GreaterThanThreshold', alarmActions: notify });
  }
  return specs;
}

/** The `aws cloudwatch put-metric-alarm` equivalent of a spec. */
export function putAlarmCommand(spec: AlarmSpec, region: string): string {
  return awsCommand(region, 'cloudwatch', 'put-metric-alarm', [
    '--alarm-name', spec.name, '--alarm-description', spec.description, '--metric-name', spec.metricName,
    '--namespace', spec.namespace, '--statistic', spec.statistic, '--period', String(spec.period),
    '--threshold', String(spec.threshold), '--comparison-operator', spec.comparison,
    '--evaluation-periods', String(spec.evaluationPeriods),
    '--dimensions', ...Object.entries(spec.dimensions).map(([k, v]) => `Name=${k},Value=${v}`),
    ...(spec.alarmActions.length === 0 ? [] : ['--alarm-actions', ...spec.alarmActions]),
  ]);
}

/** PutMetricAlarm for each spec; alarms that exist by name are updates, not duplicates (same name replaces). */
export function planAlarms(instance: Instance, specs: readonly AlarmSpec[], existingNames: readonly string[], region: string): ActionPlan {
  return {
    kind: 'alarms',
    title: `Add recommended alarms for ${label(instance)}`,
    instanceId: instance.id,
    calls: specs.map((s) => ({ operation: 'cloudwatch:PutMetricAlarm', params: { AlarmName: s.name, MetricName: s.metricName, Threshold: s.threshold } })),
    commands: specs.map((s) => putAlarmCommand(s, region)),
    needsTypedConfirm: false,
    notes: specs.map((s) => `${existingNames.includes(s.name) ? 'update' : 'create'} ${s.name}: ${s.metricName} ${s.statistic} ${s.comparison} ${s.threshold} over ${s.evaluationPeriods} × ${s.period} s`),
  };
}
