// Domain types of the write path (instance actions, CloudWatch alarms) and the one pure mapping both the preview
// and the SDK call use, so what is shown is what is sent.
import type { InstanceStateName } from './types.js';

/** The instance actions of the write path. */
export type InstanceAction = 'stop' | 'start' | 'reboot' | 'modify-type';

/** The IAM action each needs (what a denial names). */
export const INSTANCE_ACTION_IAM: Readonly<Record<InstanceAction, string>> = {
  stop: 'ec2:StopInstances',
  start: 'ec2:StartInstances',
  reboot: 'ec2:RebootInstances',
  'modify-type': 'ec2:ModifyInstanceAttribute',
};

/** What StopInstances/StartInstances report for one instance. */
export interface InstanceStateChange {
  readonly instanceId: string;
  readonly previous: InstanceStateName | undefined;
  readonly current: InstanceStateName | undefined;
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** A metric alarm as PutMetricAlarm takes it. */
export interface AlarmSpec {
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly treatMissingData?: 'missing' | 'notBreaching' | 'breaching' | 'ignore';
  readonly alarmActions: readonly string[];
}

/** A metric alarm as DescribeAlarms returns it: its spec plus its state. */
export interface Alarm extends AlarmSpec {
  readonly state: AlarmState;
  readonly stateReason: string;
  readonly stateUpdatedAt: Date | undefined;
}

/** One DescribeAlarmHistory item. */
export interface AlarmHistoryItem {
  readonly at: Date;
  readonly type: string;
  readonly summary: string;
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
