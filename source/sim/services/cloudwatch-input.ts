// Reading CloudWatch requests. JSON callers send PascalCase members with epoch-second timestamps; awsQuery
// callers send the same names as a form (`Dimensions.member.1.Name`) with ISO timestamps. Both end up here.
import { SimError } from '../protocol/errors.js';
import type { SimMetricKey, SimStatistic } from '../types.js';
import { readList, readString, readStruct, readTimestamp } from './input.js';
import type { Fail } from './input.js';

export const STATISTICS: readonly SimStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

export const invalidValue: Fail = (message) => new SimError('InvalidParameterValue', message);
export const validation: Fail = (message) => new SimError('ValidationError', message);

/**
 * A CloudWatch feature the fleet does not compute (percentiles and other extended statistics, metric math): refused
 * as AWS refuses a parameter value it cannot serve, 400 InvalidParameterValue, rather than answered wrongly.
 */
export function unsupportedFeature(feature: string, instead: string): SimError {
  return new SimError('InvalidParameterValue', `${feature} is not supported by the training fleet; ${instead}.`);
}

/** True for a statistic CloudWatch has but the fleet does not compute: p99, tm90, wm(10%:90%), IQM, TS(…)… */
export function isExtendedStatistic(stat: string): boolean {
  return /^(p|tm|tc|ts|wm|pr)(\d|\()|^iqm$/i.test(stat);
}

/** Fails with MissingParameter unless the member is present, as CloudWatch does. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new SimError('MissingParameter', `The parameter ${name} is required.`);
  return value;
}

/** A required timestamp in epoch ms. */
export function requiredTime(input: Readonly<Record<string, unknown>>, name: string, fail: Fail): number {
  return required(readTimestamp(input[name], name, fail), name);
}

/** `Dimensions` as a name → value record (exact match dimensions of a metric). */
export function readDimensions(value: unknown, name: string, fail: Fail): Record<string, string> {
  const dimensions: Record<string, string> = {};
  readList(value).forEach((raw, i) => {
    const entry = readStruct(raw, `${name}.member.${i + 1}`, fail);
    const key = required(readString(entry.Name, `${name}.member.${i + 1}.Name`, fail), `${name}.member.${i + 1}.Name`);
    dimensions[key] = required(readString(entry.Value, `${name}.member.${i + 1}.Value`, fail), `${name}.member.${i + 1}.Value`);
  });
  return dimensions;
}

/** A `Metric` structure. */
export function readMetric(value: unknown, name: string, fail: Fail): SimMetricKey {
  const metric = readStruct(value, name, fail);
  return {
    namespace: required(readString(metric.Namespace, `${name}.Namespace`, fail), `${name}.Namespace`),
    metricName: required(readString(metric.MetricName, `${name}.MetricName`, fail), `${name}.MetricName`),
    dimensions: readDimensions(metric.Dimensions, `${name}.Dimensions`, fail),
  };
}

/** True for a period CloudWatch accepts: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60 seconds. */
export function isValidPeriod(period: number): boolean {
  return period > 0 && (period % 60 === 0 || [1, 5, 10, 20, 30].includes(period));
}

/** True when `stat` is one of the five simple statistics the world computes. */
export function isStatistic(stat: string): stat is SimStatistic {
  return (STATISTICS as readonly string[]).includes(stat);
}

/** Wire Dimensions list from a key's record, sorted by name for stable output. */
export function dimensionList(dimensions: Readonly<Record<string, string>>): { Name: string; Value: string }[] {
  return Object.keys(dimensions)
    .sort()
    .map((name) => ({ Name: name, Value: dimensions[name] ?? '' }));
}

