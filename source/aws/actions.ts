// The write path: instance actions (with DryRun permission checks and the SDK's waiters) and CloudWatch alarms.
// Kept apart from AwsApi so read-only code cannot reach it by accident; read-only mode also refuses these at the
// SDK (read-only.ts), so nothing here is sent unless the clients were built with writes allowed.
import {
  DescribeAlarmHistoryCommand,
  paginateDescribeAlarms,
  paginateListMetrics,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstanceTypesCommand,
  ModifyInstanceAttributeCommand,
  paginateDescribeInstanceTypes,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import type { _InstanceType, InstanceStateChange as SdkStateChange } from '@aws-sdk/client-ec2';
import { INSTANCE_ACTION_IAM, putMetricAlarmInput } from '../domain/action-types.js';
import type { Alarm, AlarmHistoryItem, AlarmSpec, AlarmState, ComparisonOperator, InstanceAction, InstanceStateChange } from '../domain/action-types.js';
import type { AwsClients, AwsConfig } from './clients.js';
import { createClients } from './clients.js';
import { guard, toAwsError } from './errors.js';
import { toInstanceTypeInfo } from './ec2.js';
import type { AwsError, InstanceStateName, InstanceTypeInfo } from '../domain/types.js';

export type { InstanceAction } from '../domain/action-types.js';

export interface AwsActions {
  /** Sends the action with DryRun: undefined when it would succeed, else the error (denied names the action). */
  checkPermission(action: InstanceAction, instanceId: string, instanceType?: string): Promise<AwsError | undefined>;
  stopInstance(instanceId: string): Promise<InstanceStateChange>;
  startInstance(instanceId: string): Promise<InstanceStateChange>;
  rebootInstance(instanceId: string): Promise<void>;
  /** ModifyInstanceAttribute InstanceType (the instance must be stopped). */
  setInstanceType(instanceId: string, instanceType: string): Promise<void>;
  /** Waits (SDK waiter) until the instance is stopped / running / passing both status checks. */
  waitFor(instanceId: string, target: 'stopped' | 'running' | 'status-ok', options?: { signal?: AbortSignal; maxWaitSeconds?: number }): Promise<void>;
  /** The metric alarms whose dimensions name the instance. */
  alarmsForInstance(instanceId: string): Promise<Alarm[]>;
  putMetricAlarm(spec: AlarmSpec): Promise<void>;
  alarmHistory(alarmName: string): Promise<AlarmHistoryItem[]>;
  /** The instance's type and the current-generation types of its architectures (DescribeInstanceTypes, filtered). */
  resizeCatalogue(instanceType: string): Promise<{ current: InstanceTypeInfo | undefined; catalogue: InstanceTypeInfo[] }>;
  /** What the CloudWatch Agent publishes for the instance (ListMetrics on CWAgent, by InstanceId). */
  agentMetrics(instanceId: string): Promise<{ memDimensionSets: string[][]; hasDisk: boolean }>;
}

/** Seconds between a waiter's polls; the training fleet at ×60 wants them short. */
export interface WaiterDelays {
  readonly minDelay: number;
  readonly maxDelay: number;
}

const toChange = (c: SdkStateChange | undefined, id: string): InstanceStateChange => ({
  instanceId: c?.InstanceId ?? id,
  previous: c?.PreviousState?.Name as InstanceStateName | undefined,
  current: c?.CurrentState?.Name as InstanceStateName | undefined,
});

function toAlarm(a: MetricAlarm): Alarm {
  return {
    name: a.AlarmName ?? '',
    description: a.AlarmDescription ?? '',
    namespace: a.Namespace ?? '',
    metricName: a.MetricName ?? '',
    dimensions: Object.fromEntries((a.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])),
    statistic: (a.Statistic ?? 'Average') as AlarmSpec['statistic'],
    period: a.Period ?? 0,
    evaluationPeriods: a.EvaluationPeriods ?? 0,
    threshold: a.Threshold ?? 0,
    comparison: (a.ComparisonOperator ?? 'GreaterThanThreshold') as ComparisonOperator,
    ...(a.TreatMissingData === undefined ? {} : { treatMissingData: a.TreatMissingData as AlarmSpec['treatMissingData'] }),
    alarmActions: a.AlarmActions ?? [],
    state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState,
    stateReason: a.StateReason ?? '',
    stateUpdatedAt: a.StateUpdatedTimestamp,
  };
}

/**
 * The write path over SDK clients built from `config` (its isReadOnly refuses every mutating call here). Mutating
 * calls go through clients that never retry: a StopInstances that timed out is reported, not sent again blindly.
 */
export function createAwsActions(config: AwsConfig, options: { clients?: AwsClients; waiterDelays?: WaiterDelays } = {}): AwsActions {
  const { ec2: readEc2, cloudwatch: readCloudwatch } = options.clients ?? createClients(config);
  const { ec2, cloudwatch } = options.clients ?? createClients({ ...config, maxAttempts: 1 });
  const delays = options.waiterDelays ?? { minDelay: 2, maxDelay: 10 };
  const send = (action: InstanceAction, id: string, type: string | undefined, dryRun: boolean) => {
    switch (action) {
      case 'stop':
        return ec2.send(new StopInstancesCommand({ InstanceIds: [id], DryRun: dryRun }));
      case 'start':
        return ec2.send(new StartInstancesCommand({ InstanceIds: [id], DryRun: dryRun }));
      case 'reboot':
        return ec2.send(new RebootInstancesCommand({ InstanceIds: [id], DryRun: dryRun }));
      case 'modify-type':
        return ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: type ?? '' }, DryRun: dryRun }));
    }
  };
  const waiters = { stopped: waitUntilInstanceStopped, running: waitUntilInstanceRunning, 'status-ok': waitUntilInstanceStatusOk } as const;
  return {
    async checkPermission(action, id, type) {
      try {
        await send(action, id, type, true);
        return undefined;
      } catch (error) {
        // DryRunOperation is AWS's "you may": the only success a DryRun call has.
        if ((error as { name?: string }).name === 'DryRunOperation') return undefined;
        return toAwsError(error, INSTANCE_ACTION_IAM[action]);
      }
    },
    stopInstance: (id) =>
      guard('ec2:StopInstances', async () => toChange((await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }))).StoppingInstances?.[0], id)),
    startInstance: (id) =>
      guard('ec2:StartInstances', async () => toChange((await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }))).StartingInstances?.[0], id)),
    rebootInstance: (id) => guard('ec2:RebootInstances', async () => void (await send('reboot', id, undefined, false))),
    setInstanceType: (id, type) => guard('ec2:ModifyInstanceAttribute', async () => void (await send('modify-type', id, type, false))),
    waitFor: (id, target, waitOptions = {}) =>
      guard('ec2:DescribeInstances', async () => {
        const result = await waiters[target](
          { client: readEc2, maxWaitTime: waitOptions.maxWaitSeconds ?? 900, ...delays, ...(waitOptions.signal === undefined ? {} : { abortSignal: waitOptions.signal }) },
          { InstanceIds: [id] },
        );
        if (result.state !== 'SUCCESS') throw new Error(`waiting for ${id} to be ${target}: ${result.state}${result.reason === undefined ? '' : ` (${String(result.reason)})`}`);
      }),
    alarmsForInstance: (id) =>
      guard('cloudwatch:DescribeAlarms', async () => {
        const alarms: Alarm[] = [];
        for await (const page of paginateDescribeAlarms({ client: readCloudwatch }, { AlarmTypes: ['MetricAlarm'] })) {
          for (const a of page.MetricAlarms ?? []) {
            if ((a.Dimensions ?? []).some((d) => d.Name === 'InstanceId' && d.Value === id)) alarms.push(toAlarm(a));
          }
        }
        return alarms;
      }),
    putMetricAlarm: (spec) => guard('cloudwatch:PutMetricAlarm', async () => void (await cloudwatch.send(new PutMetricAlarmCommand(putMetricAlarmInput(spec))))),
    alarmHistory: (name) =>
      guard('cloudwatch:DescribeAlarmHistory', async () => {
        const out = await readCloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: name, MaxRecords: 100 }));
        return (out.AlarmHistoryItems ?? []).map((h) => ({ at: h.Timestamp ?? new Date(0), type: h.HistoryItemType ?? '', summary: h.HistorySummary ?? '' }));
      }),
    resizeCatalogue: (type) =>
      guard('ec2:DescribeInstanceTypes', async () => {
        const out = await readEc2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [type as _InstanceType] }));
        const current = out.InstanceTypes?.[0] === undefined ? undefined : toInstanceTypeInfo(out.InstanceTypes[0]);
        const architectures = current?.architectures ?? ['x86_64'];
        const catalogue: InstanceTypeInfo[] = [];
        const filters = [
          { Name: 'current-generation', Values: ['true'] },
          { Name: 'processor-info.supported-architecture', Values: [...architectures] },
        ];
        for await (const page of paginateDescribeInstanceTypes({ client: readEc2, pageSize: 100 }, { Filters: filters })) {
          catalogue.push(...(page.InstanceTypes ?? []).map(toInstanceTypeInfo));
        }
        return { current, catalogue };
      }),
    agentMetrics: (id) =>
      guard('cloudwatch:ListMetrics', async () => {
        const list = async (metricName: string) => {
          const found: string[][] = [];
          const input = { Namespace: 'CWAgent', MetricName: metricName, Dimensions: [{ Name: 'InstanceId', Value: id }] };
          for await (const page of paginateListMetrics({ client: readCloudwatch }, input)) {
            for (const m of page.Metrics ?? []) found.push((m.Dimensions ?? []).map((d) => d.Name ?? '').filter((n) => n !== 'InstanceId').sort());
          }
          return found;
        };
        const [mem, disk] = await Promise.all([list('mem_used_percent'), list('disk_used_percent')]);
        return { memDimensionSets: mem, hasDisk: disk.length > 0 };
      }),
  };
}
