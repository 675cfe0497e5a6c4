// Which series the metrics pane charts for an instance, and at what period. Pure: used by the metrics store and
// the triage runner so both ask CloudWatch the same questions.
import type { Instance, MetricQuery, MetricSeries } from '../domain/types.js';
import type { ChartSeries, RangeKey, SeriesStats } from './types.js';

/** Range lengths in seconds. */
export const RANGE_SECONDS: Readonly<Record<RangeKey, number>> = { '1h': 3_600, '3h': 10_800, '12h': 43_200, '24h': 86_400 };
/** A chart needs no more points than this; longer ranges get a coarser period. */
export const MAX_POINTS = 1_440;
/** Periods CloudWatch accepts for EC2 data that we step up through (multiples of 60). */
const PERIOD_STEPS = [60, 120, 300, 600, 900, 1_800, 3_600] as const;

/**
 * Nitro (5th generation and later, plus t3/t4g and the a1/g/p/inf/… families built on it) reports EBS I/O as
 * EBSReadBytes/EBSWriteBytes; Xen types (c4, m4, t2, r4, i3…) report DiskReadBytes/DiskWriteBytes.
 */
export function isNitroType(type: string): boolean {
  const family = type.split('.')[0] ?? '';
  const match = /^([a-z]+?)(\d+)/.exec(family);
  if (match === null) return false;
  const [, letters = '', digits = '0'] = match;
  const generation = Number(digits);
  if (letters === 't') return generation >= 3;
  if (letters === 'a') return generation >= 1;
  return generation >= 5;
}

/** The period CloudWatch keeps EC2 metrics at for this instance's monitoring. */
export function monitoringPeriod(instance: Instance): number {
  return instance.isDetailedMonitoring ? 60 : 300;
}

/** The chart period: the instance's monitoring period, raised until the range fits MAX_POINTS. */
export function chartPeriod(instance: Instance, range: RangeKey): number {
  const base = monitoringPeriod(instance);
  const seconds = RANGE_SECONDS[range];
  for (const step of PERIOD_STEPS) if (step >= base && seconds / step <= MAX_POINTS) return step;
  return PERIOD_STEPS[PERIOD_STEPS.length - 1] ?? 3_600;
}

export interface ChartSpec {
  readonly key: string;
  readonly title: string;
  /** The title where the full one does not fit. */
  readonly shortTitle: string;
  readonly unit: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly stat: string;
  readonly extraDimensions: Readonly<Record<string, string>>;
}

/**
 * The CloudWatch agent publishes disk_used_percent with path/device/fstype dimensions, and GetMetricData matches
 * dimensions exactly. Without ListMetrics we ask for the training fleet's root volume (Amazon Linux 2023 on Nitro:
 * nvme0n1p1, xfs); real fleets differ (xvda1/ext4, extra ImageId/InstanceType dims), where this series stays empty.
 */
export const ROOT_DISK_DIMENSIONS: Readonly<Record<string, string>> = { path: '/', device: 'nvme0n1p1', fstype: 'xfs' };

const ec2 = (key: string, title: string, shortTitle: string, unit: string, metricName: string, stat: string): ChartSpec =>
  ({ key, title, shortTitle, unit, namespace: 'AWS/EC2', metricName, stat, extraDimensions: {} });

/**
 * CPU "now", in the fleet list and in the chart alike: the Average of the instance's monitoring period, the last
 * period that has closed. One spec so the two can never disagree on the statistic or the period.
 */
export const CPU_SPEC: ChartSpec = ec2('cpu', 'CPU utilization', 'CPU', 'Percent', 'CPUUtilization', 'Average');

/** The charts of an instance, in pane order. */
export function chartSpecs(instance: Instance): ChartSpec[] {
  const ebs = isNitroType(instance.type);
  const agent = (key: string, title: string, shortTitle: string, metricName: string, extraDimensions: Readonly<Record<string, string>>): ChartSpec =>
    ({ key, title, shortTitle, unit: 'Percent', namespace: 'CWAgent', metricName, stat: 'Average', extraDimensions });
  return [
    CPU_SPEC,
    agent('mem', 'Memory used (agent)', 'Memory', 'mem_used_percent', {}),
    agent('disk', 'Disk used / (agent)', 'Disk /', 'disk_used_percent', ROOT_DISK_DIMENSIONS),
    ec2('netIn', 'Network in', 'Net in', 'Bytes', 'NetworkIn', 'Sum'),
    ec2('netOut', 'Network out', 'Net out', 'Bytes', 'NetworkOut', 'Sum'),
    ec2('diskRead', 'Disk read', 'Disk rd', 'Bytes', ebs ? 'EBSReadBytes' : 'DiskReadBytes', 'Sum'),
    ec2('diskWrite', 'Disk write', 'Disk wr', 'Bytes', ebs ? 'EBSWriteBytes' : 'DiskWriteBytes', 'Sum'),
    ec2('statusFailed', 'Status check failed', 'Checks', 'Count', 'StatusCheckFailed', 'Maximum'),
  ];
}

/**
 * The datapoints whose period has closed by `end` (CloudWatch stamps a datapoint with its period's start; the
 * period in progress is partial and still moving). "Now" is the last closed period, so two reads agree.
 */
export function closedPoints(timestamps: readonly number[], values: readonly number[], periodSec: number, end: number): { timestamps: number[]; values: number[] } {
  const out = { timestamps: [] as number[], values: [] as number[] };
  timestamps.forEach((t, i) => {
    if (t + periodSec * 1000 > end) return;
    out.timestamps.push(t);
    out.values.push(values[i] ?? 0);
  });
  return out;
}

/** GetMetricData queries for specs; query ids are the spec keys (they satisfy ^[a-z][a-zA-Z0-9_]*$). */
export function chartQueries(instance: Instance, specs: readonly ChartSpec[], period: number): MetricQuery[] {
  return specs.map((s) => ({
    id: s.key,
    namespace: s.namespace,
    metricName: s.metricName,
    dimensions: { InstanceId: instance.id, ...s.extraDimensions },
    stat: s.stat,
    period,
  }));
}

/** current (last), min, avg, max of values; undefined when empty. One pass. */
export function seriesStats(values: readonly number[]): SeriesStats | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { current: values[values.length - 1] ?? 0, min, avg: sum / values.length, max };
}

/**
 * Charts from fetched series, ascending by time, in spec order (a missing series becomes an empty chart); only
 * the periods closed by `end` (see closedPoints).
 */
export function toCharts(specs: readonly ChartSpec[], series: readonly MetricSeries[], periodSec: number, end: number): ChartSeries[] {
  const byId = new Map(series.map((s) => [s.id, s]));
  return specs.map((spec) => {
    const s = byId.get(spec.key);
    const points = (s?.timestamps ?? []).map((t, i) => [t.getTime(), s?.values[i] ?? 0] as const).sort((a, b) => a[0] - b[0]);
    const { timestamps, values } = closedPoints(points.map((p) => p[0]), points.map((p) => p[1]), periodSec, end);
    const { key, title, shortTitle, unit, stat } = spec;
    return { key, title, shortTitle, unit, stat, period: periodSec, timestamps, values, stats: seriesStats(values) };
  });
}
