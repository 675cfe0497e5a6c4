// The write side of the training fleet's contract: user actions on instances, CloudWatch alarms, and the record
// of every operation the fleet received. Re-exported by types.ts; the world stays a function of (seed, clock, actions).
import type { SimInstanceState, SimMetricKey, SimStatistic } from './types-core.js';

/** What a user can do to an instance; 'recover' is what an alarm's ec2:recover action does. */
export type SimActionRequest =
  | { readonly kind: 'stop' }
  | { readonly kind: 'start' }
  | { readonly kind: 'reboot' }
  | { readonly kind: 'recover' }
  | { readonly kind: 'modify-type'; readonly instanceType: string };

/** One accepted action in an instance's event log, at fleet time `at`. */
export type SimAction = SimActionRequest & { readonly instanceId: string; readonly at: number };

/** Why the world refused an action, as the EC2 error AWS would send (code and message). */
export interface SimRefusal {
  readonly code: string;
  readonly message: string;
}

export type SimActionOutcome =
  | { readonly ok: true; readonly previous: SimInstanceState; readonly current: SimInstanceState }
  | { readonly ok: false; readonly refusal: SimRefusal };

/** The services the fleet speaks. */
export type SimService = 'ec2' | 'cloudwatch' | 'logs' | 'ssm';

/** One operation the fleet received, as the handler saw it. `at` is fleet time (ms). */
export interface SimOperationRecord {
  readonly at: number;
  readonly service: SimService | 'fleet';
  readonly action: string;
  /** Instance ids named by the request (InstanceId, InstanceIds, or an InstanceId dimension). */
  readonly instanceIds: readonly string[];
  /** Alarm names named by the request (PutMetricAlarm, DeleteAlarms, ...). */
  readonly alarmNames: readonly string[];
  /** How many instance ids and alarm names the request named beyond the ones kept (at most 100 of each). */
  readonly omittedIds?: number;
  readonly dryRun: boolean;
  /** True for actions that change something (see isMutating in sim/operations.ts). */
  readonly isMutating: boolean;
  /** 'ok', or the error code sent back (DryRunOperation for a dry run that would have succeeded). */
  readonly outcome: string;
}

export type SimComparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';
export type SimTreatMissing = 'missing' | 'notBreaching' | 'breaching' | 'ignore';
export type SimAlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** A metric alarm's configuration, as PutMetricAlarm sets it. */
export interface SimAlarmConfig {
  readonly name: string;
  readonly description: string | undefined;
  readonly metric: SimMetricKey;
  readonly statistic: SimStatistic;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number | undefined;
  readonly threshold: number;
  readonly comparison: SimComparison;
  readonly treatMissingData: SimTreatMissing | undefined;
  readonly unit: string | undefined;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

/** An alarm as DescribeAlarms shows it: its configuration and its state as of now. */
export interface SimAlarm extends SimAlarmConfig {
  readonly arn: string;
  readonly configurationUpdated: number;
  readonly state: SimAlarmState;
  readonly stateReason: string;
  /** JSON text, as AWS sends it. */
  readonly stateReasonData: string | undefined;
  readonly stateUpdated: number;
}

export interface SimAlarmHistoryItem {
  readonly alarmName: string;
  readonly timestamp: number;
  readonly type: 'StateUpdate' | 'ConfigurationUpdate' | 'Action';
  readonly summary: string;
  /** JSON text. */
  readonly data: string;
}

/** CloudWatch alarms over the world's metrics, evaluated lazily as of the clock. */
export interface SimAlarms {
  /** Creates or (same name) updates an alarm as of now. */
  put(config: SimAlarmConfig): void;
  /** Deletes alarms by name (the service checks they exist first); unknown names are ignored. */
  remove(names: readonly string[]): void;
  /** Every alarm, sorted by name, evaluated as of now (state changes and their actions happen here). */
  list(): readonly SimAlarm[];
  /** History items, newest first (evaluates first so transitions up to now are in it). */
  history(): readonly SimAlarmHistoryItem[];
}
