// CloudWatch operations: GetMetricData, GetMetricStatistics, ListMetrics, and the alarms (cloudwatch-alarms.ts). Results use PascalCase members and
// Date timestamps, so the same object renders as JSON 1.0 (epoch seconds) or awsQuery XML (ISO 8601).
import { SimError } from '../protocol/errors.js';
import { decodeToken, encodeToken } from '../protocol/tokens.js';
import type { SimMetricKey, SimStatistic, SimWorld } from '../types.js';
import {
  STATISTICS, dimensionList, invalidValue, isExtendedStatistic, isStatistic, isValidPeriod, readDimensions, readMetric, required,
  requiredTime, unsupportedFeature, validation,
} from './cloudwatch-input.js';
import { readBoolean, readInteger, readList, readString, readStringList, readStruct } from './input.js';
import type { Operations, WireObject } from './operation.js';
import { cloudwatchAlarmOperations } from './cloudwatch-alarms.js';

type Input = Readonly<Record<string, unknown>>;

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const STATISTICS_LIMIT = 1440;
const LIST_PAGE = 500;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** The JSON error shape (`__type`) for each awsQuery error code, as the CloudWatch model names them. */
export const CLOUDWATCH_ERROR_SHAPES: Readonly<Record<string, string>> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  InvalidNextToken: 'InvalidNextToken',
  InternalServiceError: 'InternalServiceFault',
  ValidationError: 'ValidationException',
  ResourceNotFound: 'ResourceNotFound',
};

interface StatQuery {
  readonly id: string;
  readonly label: string;
  readonly key: SimMetricKey;
  readonly period: number;
  readonly stat: SimStatistic;
  readonly unit: string | undefined;
}

function readQuery(raw: unknown, index: number): StatQuery | undefined {
  const name = `MetricDataQueries.member.${index + 1}`;
  const query = readStruct(raw, name, validation);
  const id = required(readString(query.Id, `${name}.Id`, validation), `${name}.Id`);
  if (!QUERY_ID.test(id)) {
    throw validation(`The value ${id} for parameter ${name}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`);
  }
  const hasStat = query.MetricStat !== undefined && query.MetricStat !== '';
  const expression = readString(query.Expression, `${name}.Expression`, validation);
  if (hasStat === (expression !== undefined)) {
    throw validation(`Exactly one of MetricStat and Expression must be specified in ${name} (Id ${id}).`);
  }
  if (expression !== undefined) {
    // Deliberate: the app never sends metric math, and a loud error beats a silently empty series.
    throw unsupportedFeature(`Metric math (${name}.Expression, query Id ${id})`, 'use MetricStat');
  }
  const stat = readStruct(query.MetricStat, `${name}.MetricStat`, validation);
  const key = readMetric(stat.Metric, `${name}.MetricStat.Metric`, validation);
  const period = required(readInteger(stat.Period, `${name}.MetricStat.Period`, validation), `${name}.MetricStat.Period`);
  if (!isValidPeriod(period)) throw validation(`The parameter ${name}.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.`);
  const statistic = required(readString(stat.Stat, `${name}.MetricStat.Stat`, validation), `${name}.MetricStat.Stat`);
  if (isExtendedStatistic(statistic)) throw unsupportedFeature(`The extended statistic ${statistic} (${name}.MetricStat.Stat)`, `use one of ${STATISTICS.join(', ')}`);
  if (!isStatistic(statistic)) {
    throw invalidValue(`The statistic ${statistic} in ${name}.MetricStat.Stat is not supported by the training fleet; use one of ${STATISTICS.join(', ')}.`);
  }
  if (readBoolean(query.ReturnData, `${name}.ReturnData`, validation) === false) return undefined;
  const label = readString(query.Label, `${name}.Label`, validation) ?? key.metricName;
  return { id, label, key, period, stat: statistic, unit: readString(stat.Unit, `${name}.MetricStat.Unit`, validation) };
}

function getMetricData(world: SimWorld, input: Input): WireObject {
  const rawQueries = readList(required(input.MetricDataQueries, 'MetricDataQueries'));
  if (rawQueries.length > MAX_QUERIES) {
    throw validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const ids = new Set<string>();
  for (const [i, raw] of rawQueries.entries()) {
    const id = readString(readStruct(raw, `MetricDataQueries.member.${i + 1}`, validation).Id, 'Id', validation);
    if (id !== undefined && ids.has(id)) throw validation(`The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
    if (id !== undefined) ids.add(id);
  }
  const queries = rawQueries.map(readQuery).filter((q): q is StatQuery => q !== undefined);
  const start = requiredTime(input, 'StartTime', validation);
  const end = requiredTime(input, 'EndTime', validation);
  if (start >= end) throw validation('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = readString(input.ScanBy, 'ScanBy', validation) ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw validation(`The value ${scanBy} for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.`);
  }
  const maxDatapoints = readInteger(input.MaxDatapoints, 'MaxDatapoints', validation) ?? DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) throw validation('The parameter MaxDatapoints must be greater than 0.');
  const scope = JSON.stringify(['GetMetricData', queries, start, end, scanBy]);
  let offset = 0;
  const tokenText = readString(input.NextToken, 'NextToken', validation);
  if (tokenText !== undefined && tokenText !== '') {
    const token = decodeToken(scope, tokenText);
    if (token === undefined) throw new SimError('InvalidNextToken', 'The service cannot parse the NextToken value.');
    offset = token.offset;
  }
  // Pages walk one flat sequence: every datapoint of query 1, then of query 2, ...
  const series = queries.map((q) => {
    const points = world.datapoints(q.key, start, end, q.period, q.stat);
    const isUnitMismatch = q.unit !== undefined && q.unit !== points.unit;
    const order = points.timestamps.map((_, i) => i);
    if (scanBy === 'TimestampDescending') order.reverse();
    return isUnitMismatch ? [] : order.map((i) => ({ t: points.timestamps[i] ?? 0, v: points.values[i] ?? 0 }));
  });
  const total = series.reduce((sum, s) => sum + s.length, 0);
  const stop = Math.min(total, offset + maxDatapoints);
  let seen = 0;
  const results = queries.map((q, i) => {
    const points = series[i] ?? [];
    const from = Math.max(0, offset - seen);
    const to = Math.max(0, Math.min(points.length, stop - seen));
    seen += points.length;
    const slice = points.slice(from, Math.max(from, to));
    return {
      Id: q.id,
      Label: q.label,
      Timestamps: slice.map((p) => new Date(p.t)),
      Values: slice.map((p) => p.v),
      StatusCode: to < points.length ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  return {
    MetricDataResults: results,
    NextToken: stop < total ? encodeToken(scope, { offset: stop }) : undefined,
    Messages: [],
  };
}

function getMetricStatistics(world: SimWorld, input: Input): WireObject {
  const namespace = required(readString(input.Namespace, 'Namespace', invalidValue), 'Namespace');
  const metricName = required(readString(input.MetricName, 'MetricName', invalidValue), 'MetricName');
  const dimensions = readDimensions(input.Dimensions, 'Dimensions', invalidValue);
  const start = requiredTime(input, 'StartTime', invalidValue);
  const end = requiredTime(input, 'EndTime', invalidValue);
  const period = required(readInteger(input.Period, 'Period', invalidValue), 'Period');
  const statistics = readStringList(input.Statistics, 'Statistics', invalidValue);
  const extended = readStringList(input.ExtendedStatistics, 'ExtendedStatistics', invalidValue);
  if (extended.length > 0) throw unsupportedFeature('ExtendedStatistics (percentiles)', 'use Statistics');
  if (statistics.length === 0) {
    throw new SimError('MissingParameter', 'At least one of the parameters Statistics and ExtendedStatistics must be specified.');
  }
  statistics.forEach((stat, i) => {
    if (!isStatistic(stat)) {
      throw invalidValue(`The parameter Statistics.member.${i + 1} must be a value in the set [ ${STATISTICS.join(', ')} ].`);
    }
  });
  if (!isValidPeriod(period)) throw invalidValue('The parameter Period must be a multiple of 60.');
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
  const requested = Math.ceil((end - start) / (period * 1000));
  if (requested > STATISTICS_LIMIT) {
    throw new SimError(
      'InvalidParameterCombination',
      `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. ` +
        'You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    );
  }
  const unit = readString(input.Unit, 'Unit', invalidValue);
  const key: SimMetricKey = { namespace, metricName, dimensions };
  const byTime = new Map<number, Record<string, number | string | Date>>();
  for (const stat of statistics as SimStatistic[]) {
    const points = world.datapoints(key, start, end, period, stat);
    if (unit !== undefined && unit !== points.unit) continue;
    points.timestamps.forEach((t, i) => {
      const row = byTime.get(t) ?? { Timestamp: new Date(t), Unit: points.unit };
      row[stat] = points.values[i] ?? 0;
      byTime.set(t, row);
    });
  }
  const datapoints = [...byTime.keys()].sort((a, b) => a - b).map((t) => byTime.get(t) ?? {});
  return { Label: metricName, Datapoints: datapoints };
}

function listMetrics(world: SimWorld, input: Input): WireObject {
  const namespace = readString(input.Namespace, 'Namespace', invalidValue);
  const metricName = readString(input.MetricName, 'MetricName', invalidValue);
  const filters = readList(input.Dimensions).map((raw, i) => {
    const entry = readStruct(raw, `Dimensions.member.${i + 1}`, invalidValue);
    const name = required(readString(entry.Name, `Dimensions.member.${i + 1}.Name`, invalidValue), `Dimensions.member.${i + 1}.Name`);
    return { name, value: readString(entry.Value, `Dimensions.member.${i + 1}.Value`, invalidValue) };
  });
  const matching = world.listMetrics().filter(
    (m) =>
      (namespace === undefined || m.namespace === namespace) &&
      (metricName === undefined || m.metricName === metricName) &&
      filters.every((f) => f.name in m.dimensions && (f.value === undefined || m.dimensions[f.name] === f.value)),
  );
  const scope = JSON.stringify(['ListMetrics', namespace, metricName, filters]);
  let offset = 0;
  const tokenText = readString(input.NextToken, 'NextToken', invalidValue);
  if (tokenText !== undefined && tokenText !== '') {
    const token = decodeToken(scope, tokenText);
    if (token === undefined) throw invalidValue('The NextToken value is not valid.');
    offset = token.offset;
  }
  const end = Math.min(matching.length, offset + LIST_PAGE);
  return {
    Metrics: matching.slice(offset, end).map((m) => ({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: dimensionList(m.dimensions) })),
    NextToken: end < matching.length ? encodeToken(scope, { offset: end }) : undefined,
  };
}

/** CloudWatch's operations by action name. */
export const cloudwatchOperations: Operations = {
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
  ...cloudwatchAlarmOperations,
};

