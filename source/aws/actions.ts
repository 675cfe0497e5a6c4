// The write path: instance actions (with DryRun permission checks and the SDK's waiters) and CloudWatch alarms.
// Kept apart from AwsApi so read-only code cannot reach it by accident; read-only mode also refuses these at the
// SDK (read-only.ts), so nothing here is sent unless the clients were built with writes allowed.
import {
  DescribeAlarmHistoryCommand,
  paginateDescribeAlarms,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import type { InstanceStateChange as SdkStateChange } from '@aws-sdk/client-ec2';
import type { Alarm, AlarmHistoryItem, AlarmSpec, AlarmState, ComparisonOperator, InstanceStateChange } from './action-types.js';
import type { AwsClients, AwsConfig } from './clients.js';
import { createClients } from './clients.js';
import { guard, toAwsError } from './errors.js';
import type { AwsError, InstanceStateName } from './types.js';

export type InstanceAction = 'stop' | 'start' | 'reboot' | 'modify-type';

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
}

const ACTION_NAMES: Readonly<Record<InstanceAction, string>> = {
  stop: 'ec2:StopInstances',
  start: 'ec2:StartInstances',
  reboot: 'ec2:RebootInstances',
  'modify-type': 'ec2:ModifyInstanceAttribute',
};

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

/** The PutMetricAlarm input for a spec (also what the preview shows). */
export function putMetricAlarmInput(spec: AlarmSpec) {
  return {
    AlarmName: spec.name,
    AlarmDescription: spec.description,
    Namespace: spec.namespace,
    MetricName: spec.metricName,
    Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Statistic: spec.statistic,
    Period: spec.period,
    EvaluationPeriods: spec.evaluationPeriods,
    Threshold: spec.threshold,
    ComparisonOperator: spec.comparison,
    ...(spec.treatMissingData === undefined ? {} : { TreatMissingData: spec.treatMissingData }),
    ...(spec.alarmActions.length === 0 ? {} : { AlarmActions: [...spec.alarmActions] }),
  };
}

/** The write path over SDK clients built from `config` (its isReadOnly refuses every call here). */
export function createAwsActions(config: AwsConfig, clients: AwsClients = createClients(config)): AwsActions {
  const { ec2, cloudwatch } = clients;
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
        return toAwsError(error, ACTION_NAMES[action]);
      }
    },
    stopInstance: (id) =>
      guard('ec2:StopInstances', async () => toChange((await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }))).StoppingInstances?.[0], id)),
    startInstance: (id) =>
      guard('ec2:StartInstances', async () => toChange((await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }))).StartingInstances?.[0], id)),
    rebootInstance: (id) => guard('ec2:RebootInstances', async () => void (await send('reboot', id, undefined, false))),
    setInstanceType: (id, type) => guard('ec2:ModifyInstanceAttribute', async () => void (await send('modify-type', id, type, false))),
    waitFor: (id, target, options = {}) =>
      guard('ec2:DescribeInstances', async () => {
        const result = await waiters[target](
          { client: ec2, maxWaitTime: options.maxWaitSeconds ?? 900, minDelay: 2, maxDelay: 10, ...(options.signal === undefined ? {} : { abortSignal: options.signal }) },
          { InstanceIds: [id] },
        );
        if (result.state !== 'SUCCESS') throw new Error(`waiting for ${id} to be ${target}: ${result.state}${result.reason === undefined ? '' : ` (${String(result.reason)})`}`);
      }),
    alarmsForInstance: (id) =>
      guard('cloudwatch:DescribeAlarms', async () => {
        const alarms: Alarm[] = [];
        for await (const page of paginateDescribeAlarms({ client: cloudwatch }, { AlarmTypes: ['MetricAlarm'] })) {
          for (const a of page.MetricAlarms ?? []) {
            if ((a.Dimensions ?? []).some((d) => d.Name === 'InstanceId' && d.Value === id)) alarms.push(toAlarm(a));
          }
        }
        return alarms;
      }),
    putMetricAlarm: (spec) => guard('cloudwatch:PutMetricAlarm', async () => void (await cloudwatch.send(new PutMetricAlarmCommand(putMetricAlarmInput(spec))))),
    alarmHistory: (name) =>
      guard('cloudwatch:DescribeAlarmHistory', async () => {
        const out = await cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: name, MaxRecords: 100 }));
        return (out.AlarmHistoryItems ?? []).map((h) => ({ at: h.Timestamp ?? new Date(0), type: h.HistoryItemType ?? '', summary: h.HistorySummary ?? '' }));
      }),
  };
}
