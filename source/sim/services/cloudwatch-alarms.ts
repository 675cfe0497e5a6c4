// CloudWatch alarm operations: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DescribeAlarmHistory,
// DeleteAlarms. PascalCase members and Dates, so the same results render as JSON 1.0 or awsQuery XML.
import { SimError } from '../protocol/errors.js';
import { decodeToken, encodeToken } from '../protocol/tokens.js';
import type { SimAlarm, SimAlarmConfig, SimComparison, SimTreatMissing, SimWorld } from '../types.js';
import { STATISTICS, invalidValue, isStatistic, readDimensions, required, unsupportedFeature, validation } from './cloudwatch-input.js';
import { readBoolean, readInteger, readString, readStringList, readTimestamp } from './input.js';
import type { Operations, WireObject } from './operation.js';

type Input = Readonly<Record<string, unknown>>;

const COMPARISONS: readonly SimComparison[] = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const TREATMENTS: readonly SimTreatMissing[] = ['breaching', 'notBreaching', 'ignore', 'missing'];
const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
const DAY_SECONDS = 86_400;

const enumError = (value: string, member: string, allowed: readonly string[]): SimError =>
  validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);

function oneOf<T extends string>(value: string | undefined, member: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw enumError(value, member, allowed);
  return value as T;
}

function readNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) throw invalidValue(`The parameter ${name} must be a number.`);
  return n;
}

function readConfig(input: Input): SimAlarmConfig {
  const name = required(readString(input.AlarmName, 'AlarmName', validation), 'AlarmName');
  if (input.Metrics !== undefined && input.Metrics !== '') throw unsupportedFeature('Metric math alarms (Metrics)', 'alarm on one metric with Statistic');
  if (readString(input.ExtendedStatistic, 'ExtendedStatistic', validation) !== undefined) {
    throw unsupportedFeature('ExtendedStatistic (percentiles)', 'use Statistic');
  }
  const statistic = required(readString(input.Statistic, 'Statistic', validation), 'Statistic');
  if (!isStatistic(statistic)) throw enumError(statistic, 'statistic', STATISTICS);
  const period = required(readInteger(input.Period, 'Period', validation), 'Period');
  if (!(period === 10 || period === 30 || (period > 0 && period % 60 === 0))) {
    throw validation('Period must be 10, 30 or a multiple of 60.');
  }
  const evaluationPeriods = required(readInteger(input.EvaluationPeriods, 'EvaluationPeriods', validation), 'EvaluationPeriods');
  if (evaluationPeriods < 1) throw validation('EvaluationPeriods must be at least 1.');
  if (evaluationPeriods * period > DAY_SECONDS) {
    throw validation('Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).');
  }
  const datapointsToAlarm = readInteger(input.DatapointsToAlarm, 'DatapointsToAlarm', validation);
  if (datapointsToAlarm !== undefined && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
    throw validation('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  const comparison = oneOf(required(readString(input.ComparisonOperator, 'ComparisonOperator', validation), 'ComparisonOperator'), 'comparisonOperator', COMPARISONS);
  return {
    name,
    description: readString(input.AlarmDescription, 'AlarmDescription', validation),
    metric: {
      namespace: required(readString(input.Namespace, 'Namespace', validation), 'Namespace'),
      metricName: required(readString(input.MetricName, 'MetricName', validation), 'MetricName'),
      dimensions: readDimensions(input.Dimensions, 'Dimensions', validation),
    },
    statistic,
    period,
    evaluationPeriods,
    datapointsToAlarm,
    threshold: required(readNumber(input.Threshold, 'Threshold'), 'Threshold'),
    comparison: comparison ?? 'GreaterThanThreshold',
    treatMissingData: oneOf(readString(input.TreatMissingData, 'TreatMissingData', validation), 'treatMissingData', TREATMENTS),
    unit: readString(input.Unit, 'Unit', validation),
    actionsEnabled: readBoolean(input.ActionsEnabled, 'ActionsEnabled', validation) ?? true,
    alarmActions: readStringList(input.AlarmActions, 'AlarmActions', validation),
    okActions: readStringList(input.OKActions, 'OKActions', validation),
    insufficientDataActions: readStringList(input.InsufficientDataActions, 'InsufficientDataActions', validation),
  };
}

/** A MetricAlarm in wire names; dimensions in the order they were put. */
function renderAlarm(a: SimAlarm): WireObject {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: new Date(a.configurationUpdated),
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    StateValue: a.state,
    StateReason: a.stateReason,
    StateReasonData: a.stateReasonData,
    StateUpdatedTimestamp: new Date(a.stateUpdated),
    MetricName: a.metric.metricName,
    Namespace: a.metric.namespace,
    Statistic: a.statistic,
    Dimensions: Object.entries(a.metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Period: a.period,
    Unit: a.unit,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    TreatMissingData: a.treatMissingData,
    StateTransitionedTimestamp: new Date(a.stateUpdated),
  };
}

/** One page of `items` for a NextToken bound to `scope`. */
function pageOf<T>(items: readonly T[], input: Input, scope: string, fallback: number): { items: readonly T[]; NextToken: string | undefined } {
  const size = readInteger(input.MaxRecords, 'MaxRecords', validation) ?? fallback;
  if (size < 1 || size > 100) throw validation('MaxRecords must be between 1 and 100.');
  let offset = 0;
  const text = readString(input.NextToken, 'NextToken', validation);
  if (text !== undefined && text !== '') {
    const token = decodeToken(scope, text);
    if (token === undefined) throw new SimError('InvalidNextToken', 'The service cannot parse the NextToken value.');
    offset = token.offset;
  }
  const end = Math.min(items.length, offset + size);
  return { items: items.slice(offset, end), NextToken: end < items.length ? encodeToken(scope, { offset: end }) : undefined };
}

function putMetricAlarm(world: SimWorld, input: Input): WireObject {
  world.alarms.put(readConfig(input));
  return {};
}

function describeAlarms(world: SimWorld, input: Input): WireObject {
  const names = readStringList(input.AlarmNames, 'AlarmNames', validation);
  const prefix = readString(input.AlarmNamePrefix, 'AlarmNamePrefix', validation);
  if (names.length > 0 && prefix !== undefined) {
    throw new SimError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be specified together.');
  }
  const stateValue = oneOf(readString(input.StateValue, 'StateValue', validation), 'stateValue', STATES);
  const types = readStringList(input.AlarmTypes, 'AlarmTypes', validation);
  const wantsMetric = types.length === 0 || types.includes('MetricAlarm');
  const matching = world.alarms.list().filter(
    (a) => (names.length === 0 || names.includes(a.name)) && (prefix === undefined || a.name.startsWith(prefix)) && (stateValue === undefined || a.state === stateValue),
  );
  const page = pageOf(wantsMetric ? matching : [], input, JSON.stringify(['DescribeAlarms', names, prefix, stateValue, types]), 50);
  return { MetricAlarms: page.items.map(renderAlarm), CompositeAlarms: types.includes('CompositeAlarm') ? [] : undefined, NextToken: page.NextToken };
}

function describeAlarmsForMetric(world: SimWorld, input: Input): WireObject {
  const metricName = required(readString(input.MetricName, 'MetricName', invalidValue), 'MetricName');
  const namespace = required(readString(input.Namespace, 'Namespace', invalidValue), 'Namespace');
  const dimensions = readDimensions(input.Dimensions, 'Dimensions', invalidValue);
  const statistic = readString(input.Statistic, 'Statistic', invalidValue);
  const period = readInteger(input.Period, 'Period', invalidValue);
  const wanted = Object.entries(dimensions);
  const matching = world.alarms.list().filter(
    (a) =>
      a.metric.metricName === metricName &&
      a.metric.namespace === namespace &&
      (statistic === undefined || a.statistic === statistic) &&
      (period === undefined || a.period === period) &&
      (wanted.length === 0 || (wanted.length === Object.keys(a.metric.dimensions).length && wanted.every(([k, v]) => a.metric.dimensions[k] === v))),
  );
  return { MetricAlarms: matching.map(renderAlarm) };
}

function describeAlarmHistory(world: SimWorld, input: Input): WireObject {
  const name = readString(input.AlarmName, 'AlarmName', invalidValue);
  const type = oneOf(readString(input.HistoryItemType, 'HistoryItemType', invalidValue), 'historyItemType', ['ConfigurationUpdate', 'StateUpdate', 'Action'] as const);
  const start = readTimestamp(input.StartDate, 'StartDate', invalidValue) ?? -Infinity;
  const end = readTimestamp(input.EndDate, 'EndDate', invalidValue) ?? Infinity;
  const scanBy = readString(input.ScanBy, 'ScanBy', invalidValue) ?? 'TimestampDescending';
  const items = world.alarms
    .history()
    .filter((h) => (name === undefined || h.alarmName === name) && (type === undefined || h.type === type) && h.timestamp >= start && h.timestamp <= end);
  if (scanBy === 'TimestampAscending') items.reverse();
  const page = pageOf(items, input, JSON.stringify(['DescribeAlarmHistory', name, type, start, end, scanBy]), 100);
  return {
    AlarmHistoryItems: page.items.map((h) => ({
      AlarmName: h.alarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: new Date(h.timestamp),
      HistoryItemType: h.type,
      HistorySummary: h.summary,
      HistoryData: h.data,
    })),
    NextToken: page.NextToken,
  };
}

function deleteAlarms(world: SimWorld, input: Input): WireObject {
  const names = readStringList(required(input.AlarmNames, 'AlarmNames'), 'AlarmNames', validation);
  const known = new Set(world.alarms.list().map((a) => a.name));
  const missing = names.filter((n) => !known.has(n));
  // AWS deletes nothing when any name is wrong.
  if (missing.length > 0) throw new SimError('ResourceNotFound', `${missing.length} alarm(s) not found: ${missing.join(', ')}`, 404);
  world.alarms.remove(names);
  return {};
}

/** The alarm operations by action name. */
export const cloudwatchAlarmOperations: Operations = {
  PutMetricAlarm: putMetricAlarm,
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeAlarmsForMetric,
  DescribeAlarmHistory: describeAlarmHistory,
  DeleteAlarms: deleteAlarms,
};
