// Domain types of the write path: instance actions and CloudWatch alarms.
import type { InstanceStateName } from './types.js';

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
