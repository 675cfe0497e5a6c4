// Plans for the write path, as data: the steps an action takes, each with the exact API call and the equivalent
// aws CLI command. The preview renders a plan and model/ executes the same steps, so what is shown is what is
// sent. Pure.
import { INSTANCE_ACTION_IAM, putMetricAlarmInput } from '../domain/action-types.js';
import type { AlarmSpec, InstanceAction } from '../domain/action-types.js';
import type { Instance, InstanceTypeInfo } from '../domain/types.js';
import { typeText } from '../domain/instance-types.js';
import type { CommandTarget } from '../domain/target.js';
import { awsCommand } from './shell.js';

/** One API call of a plan, with its parameters as the SDK takes them. */
export interface PlannedCall {
  readonly operation: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type WaitTarget = 'stopped' | 'running' | 'status-ok';

/** One executable step: model/ interprets it, the preview shows its call and command. */
export type PlanStep =
  | { readonly kind: 'stop' | 'start' | 'reboot' }
  | { readonly kind: 'modify-type'; readonly instanceType: string }
  | { readonly kind: 'wait'; readonly target: WaitTarget }
  /** isUpdate: an alarm of that name exists (undefined: not read; PutMetricAlarm creates or replaces by name). */
  | { readonly kind: 'put-alarm'; readonly spec: AlarmSpec; readonly isUpdate: boolean | undefined };

export type PlanKind = 'reboot' | 'stop-start' | 'resize' | 'start' | 'alarms';

export interface ActionPlan {
  readonly kind: PlanKind;
  readonly title: string;
  readonly instanceId: string;
  readonly steps: readonly PlanStep[];
  /** One per step, in order. */
  readonly calls: readonly PlannedCall[];
  /** One per step, in order. */
  readonly commands: readonly string[];
  /** Stops the instance: the user must type its id or Name to confirm. */
  readonly needsTypedConfirm: boolean;
  /** What may be typed to confirm: the id, and the Name when it has one. */
  readonly confirmWords: readonly string[];
  /** The mutating instance actions, each checked with DryRun before anything is sent. */
  readonly permissionChecks: readonly { readonly action: InstanceAction; readonly instanceType?: string }[];
  /** Extra lines for the preview: vCPU/memory before → after, alarms that will be updated. */
  readonly notes: readonly string[];
}

const label = (i: Instance): string => (i.name === '' ? i.id : `${i.name} (${i.id})`);

const WAITERS: Readonly<Record<WaitTarget, { operation: string; cli: string }>> = {
  stopped: { operation: 'ec2:DescribeInstances (waiter: instance-stopped)', cli: 'instance-stopped' },
  running: { operation: 'ec2:DescribeInstances (waiter: instance-running)', cli: 'instance-running' },
  'status-ok': { operation: 'ec2:DescribeInstanceStatus (waiter: instance-status-ok)', cli: 'instance-status-ok' },
};

/** The API call of a step. */
export function stepCall(step: PlanStep, id: string): PlannedCall {
  switch (step.kind) {
    case 'stop':
    case 'start':
    case 'reboot':
      return { operation: INSTANCE_ACTION_IAM[step.kind], params: { InstanceIds: [id] } };
    case 'modify-type':
      return { operation: INSTANCE_ACTION_IAM['modify-type'], params: { InstanceId: id, InstanceType: { Value: step.instanceType } } };
    case 'wait':
      return { operation: WAITERS[step.target].operation, params: { InstanceIds: [id] } };
    case 'put-alarm':
      return { operation: 'cloudwatch:PutMetricAlarm', params: putMetricAlarmInput(step.spec) };
  }
}

/** The aws CLI command of a step, against the target the app talks to. */
export function stepCommand(step: PlanStep, id: string, target: CommandTarget): string {
  switch (step.kind) {
    case 'stop':
      return awsCommand(target, 'ec2', 'stop-instances', ['--instance-ids', id]);
    case 'start':
      return awsCommand(target, 'ec2', 'start-instances', ['--instance-ids', id]);
    case 'reboot':
      return awsCommand(target, 'ec2', 'reboot-instances', ['--instance-ids', id]);
    case 'modify-type':
      return awsCommand(target, 'ec2', 'modify-instance-attribute', ['--instance-id', id, '--instance-type', step.instanceType]);
    case 'wait':
      return awsCommand(target, 'ec2', 'wait', [WAITERS[step.target].cli, '--instance-ids', id]);
    case 'put-alarm':
      return putAlarmCommand(step.spec, target);
  }
}

/** What a step does, in a few words, for the progress list. */
export function stepLabel(step: PlanStep): string {
  switch (step.kind) {
    case 'stop':
      return 'StopInstances';
    case 'start':
      return 'StartInstances';
    case 'reboot':
      return 'RebootInstances';
    case 'modify-type':
      return `ModifyInstanceAttribute InstanceType=${step.instanceType}`;
    case 'wait':
      return step.target === 'status-ok' ? 'wait until both status checks pass' : `wait until ${step.target}`;
    case 'put-alarm':
      return `PutMetricAlarm ${step.spec.name} (${alarmVerb(step.isUpdate)})`;
  }
}

/** 'update', 'create', or both when the existing alarms were not read. */
const alarmVerb = (isUpdate: boolean | undefined): string => (isUpdate === undefined ? 'create or update' : isUpdate ? 'update' : 'create');

function plan(
  instance: Instance,
  target: CommandTarget,
  fields: { kind: PlanKind; title: string; steps: PlanStep[]; needsTypedConfirm: boolean; notes: string[] },
): ActionPlan {
  const { steps } = fields;
  const checks: { action: InstanceAction; instanceType?: string }[] = [];
  for (const step of steps) {
    if (step.kind === 'wait' || step.kind === 'put-alarm') continue;
    if (checks.some((c) => c.action === step.kind)) continue;
    checks.push(step.kind === 'modify-type' ? { action: 'modify-type', instanceType: step.instanceType } : { action: step.kind });
  }
  return {
    ...fields,
    instanceId: instance.id,
    calls: steps.map((s) => stepCall(s, instance.id)),
    commands: steps.map((s) => stepCommand(s, instance.id, target)),
    confirmWords: instance.name === '' ? [instance.id] : [instance.id, instance.name],
    permissionChecks: checks,
  };
}

/** Whether `typed` confirms a plan: the instance id or its Name, exactly (surrounding spaces ignored). */
export function isConfirmed(p: ActionPlan, typed: string): boolean {
  return !p.needsTypedConfirm || p.confirmWords.includes(typed.trim());
}

const STOP: PlanStep[] = [{ kind: 'stop' }, { kind: 'wait', target: 'stopped' }];
const START: PlanStep[] = [{ kind: 'start' }, { kind: 'wait', target: 'running' }, { kind: 'wait', target: 'status-ok' }];
const stopNote = 'The instance stops: downtime of a few minutes; the public IP changes unless it is an Elastic IP.';

/** Reboot (instance status check failed). */
export function planReboot(instance: Instance, target: CommandTarget): ActionPlan {
  return plan(instance, target, {
    kind: 'reboot',
    title: `Reboot ${label(instance)}`,
    steps: [{ kind: 'reboot' }],
    needsTypedConfirm: false,
    notes: ['The OS restarts on the same host; a failed system check needs stop and start instead.'],
  });
}

/** Stop and start (system status check failed: moves the instance to new hardware). */
export function planStopStart(instance: Instance, target: CommandTarget): ActionPlan {
  return plan(instance, target, {
    kind: 'stop-start',
    title: `Stop and start ${label(instance)} (new hardware)`,
    steps: [...STOP, ...START],
    needsTypedConfirm: true,
    notes: [stopNote],
  });
}

/** Start a stopped instance. */
export function planStart(instance: Instance, target: CommandTarget): ActionPlan {
  return plan(instance, target, { kind: 'start', title: `Start ${label(instance)}`, steps: START, needsTypedConfirm: false, notes: [] });
}

/** Stop → ModifyInstanceAttribute InstanceType → start. `to` is a type name when its sizes were not read. */
export function planResize(instance: Instance, from: InstanceTypeInfo | undefined, to: InstanceTypeInfo | string, target: CommandTarget): ActionPlan {
  const wasRunning = instance.state !== 'stopped';
  const toType = typeof to === 'string' ? to : to.type;
  const sizes = typeof to === 'string'
    ? `${instance.type} → ${to} (sizes not read: DescribeInstanceTypes)`
    : `${from === undefined ? instance.type : typeText(from)} → ${typeText(to)}`;
  return plan(instance, target, {
    kind: 'resize',
    title: `Resize ${label(instance)} to ${toType}`,
    steps: [...(wasRunning ? STOP : []), { kind: 'modify-type', instanceType: toType }, ...START],
    needsTypedConfirm: true,
    notes: [sizes, ...(wasRunning ? [stopNote] : [])],
  });
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

export type AlarmKind = 'high-cpu' | 'status-check' | 'auto-recover' | 'memory';

/** One alarm of the reference's set for an instance, named `<Name>-<kind>`. */
export function alarmSpec(kind: AlarmKind, instance: Instance, region: string, topicArn?: string): AlarmSpec {
  const name = `${instance.name === '' ? instance.id : instance.name}-${kind}`;
  const dimensions = { InstanceId: instance.id };
  const alarmActions = topicArn === undefined ? [] : [topicArn];
  const common = { name, namespace: 'AWS/EC2', dimensions, evaluationPeriods: 2, alarmActions } as const;
  switch (kind) {
    case 'high-cpu':
      return { ...common, description: 'Alert when CPU exceeds 80%', metricName: 'CPUUtilization', statistic: 'Average', period: 300, threshold: 80, comparison: 'GreaterThanThreshold' };
    case 'status-check':
      return { ...common, description: 'Alert on status check failure', metricName: 'StatusCheckFailed', statistic: 'Maximum', period: 60, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold' };
    case 'auto-recover':
      return { ...common, description: 'Recover the instance when the system status check fails', metricName: 'StatusCheckFailed_System', statistic: 'Maximum', period: 60, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', alarmActions: [`arn:aws:automate:${region}:ec2:recover`] };
    case 'memory':
      return { ...common, description: 'Alert when memory use exceeds 85%', namespace: 'CWAgent', metricName: 'mem_used_percent', statistic: 'Average', period: 300, threshold: 85, comparison: 'GreaterThanThreshold' };
  }
}

/** The reference's alarm set for an instance; the memory alarm only when the CloudWatch Agent reports. */
export function recommendedAlarms(instance: Instance, region: string, options: { topicArn?: string; isAgentReporting: boolean }): AlarmSpec[] {
  const kinds: AlarmKind[] = ['high-cpu', 'status-check', 'auto-recover', ...(options.isAgentReporting ? (['memory'] as const) : [])];
  return kinds.map((kind) => alarmSpec(kind, instance, region, options.topicArn));
}

/** The `aws cloudwatch put-metric-alarm` equivalent of a spec. */
export function putAlarmCommand(spec: AlarmSpec, target: CommandTarget): string {
  return awsCommand(target, 'cloudwatch', 'put-metric-alarm', [
    '--alarm-name', spec.name, '--alarm-description', spec.description, '--metric-name', spec.metricName,
    '--namespace', spec.namespace, '--statistic', spec.statistic, '--period', String(spec.period),
    '--threshold', String(spec.threshold), '--comparison-operator', spec.comparison,
    '--evaluation-periods', String(spec.evaluationPeriods),
    '--dimensions', ...Object.entries(spec.dimensions).map(([k, v]) => `Name=${k},Value=${v}`),
    ...(spec.alarmActions.length === 0 ? [] : ['--alarm-actions', ...spec.alarmActions]),
  ]);
}

/**
 * PutMetricAlarm for each spec; alarms that exist by name are updates, not duplicates (same name replaces).
 * `existingNames` undefined: the alarms were not read, so each step creates or updates.
 */
export function planAlarms(instance: Instance, specs: readonly AlarmSpec[], existingNames: readonly string[] | undefined, target: CommandTarget, title = `Add recommended alarms for ${label(instance)}`): ActionPlan {
  const steps: PlanStep[] = specs.map((spec) => ({ kind: 'put-alarm', spec, isUpdate: existingNames?.includes(spec.name) }));
  return plan(instance, target, {
    kind: 'alarms',
    title,
    steps,
    needsTypedConfirm: false,
    notes: specs.map((s) => `${alarmVerb(existingNames?.includes(s.name))} ${s.name}: ${s.metricName} ${s.statistic} ${s.comparison} ${s.threshold} over ${s.evaluationPeriods} × ${s.period} s${s.alarmActions.length === 0 ? '' : ` → ${s.alarmActions.join(', ')}`}`),
  });
}

/** An SNS topic ARN, as --alarm-topic and the topic dialog take it. */
export function isTopicArn(text: string): boolean {
  return /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(text);
}
