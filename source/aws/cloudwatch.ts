// Metrics through GetMetricData only: up to 500 queries per call, chunks in parallel, pages followed with the
// SDK paginator and merged per query id. Never one GetMetricStatistics per metric.
import { paginateDescribeAlarms, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDataQuery, MetricDataResult, StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { CallOptions } from './api.js';
import { chunk, mapConcurrent } from './clients.js';
import { guard } from './errors.js';
import type { MetricBatch, MetricQuery, MetricSeries } from '../domain/types.js';

/** GetMetricData's limit on queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
const CONCURRENCY = 4;
/** A failure status on any page outranks the final page's 'Complete'. */
const FAILURE_STATUSES: ReadonlySet<string> = new Set(['InternalError', 'Forbidden']);

/** How many GetMetricData calls a batch of n queries needs when every chunk fits in one page. */
export function callsFor(queryCount: number): number {
  return Math.ceil(queryCount / MAX_QUERIES_PER_CALL);
}

/** One domain query as a MetricStat data query. */
export function toDataQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: q.namespace,
        MetricName: q.metricName,
        Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: q.period,
      Stat: q.stat,
      ...(q.unit === undefined ? {} : { Unit: q.unit as StandardUnit }),
    },
  };
}

interface Accumulator {
  label: string;
  points: { t: Date; v: number }[];
  statusCode: string;
  messages: string[];
}

/** Folds result pages into one series per id: points concatenated, status from the last page unless one failed. */
export function mergeResults(queries: readonly MetricQuery[], results: readonly MetricDataResult[]): MetricSeries[] {
  const byId = new Map<string, Accumulator>();
  for (const q of queries) byId.set(q.id, { label: '', points: [], statusCode: 'Complete', messages: [] });
  for (const r of results) {
    const acc = r.Id === undefined ? undefined : byId.get(r.Id);
    if (acc === undefined) continue;
    if (acc.label === '' && r.Label !== undefined) acc.label = r.Label;
    const timestamps = r.Timestamps ?? [];
    const values = r.Values ?? [];
    for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
      acc.points.push({ t: timestamps[i] as Date, v: values[i] as number });
    }
    if (r.StatusCode !== undefined && !FAILURE_STATUSES.has(acc.statusCode)) acc.statusCode = r.StatusCode;
    for (const m of r.Messages ?? []) if (m.Value !== undefined) acc.messages.push(m.Code === undefined ? m.Value : `${m.Code}: ${m.Value}`);
  }
  return queries.map((q) => {
    const acc = byId.get(q.id) as Accumulator;
    // ScanBy asks for ascending order, but pages may overlap bucket edges and some endpoints ignore ScanBy.
    const points = acc.points.sort((a, b) => a.t.getTime() - b.t.getTime());
    return {
      id: q.id,
      label: acc.label === '' ? q.metricName : acc.label,
      timestamps: points.map((p) => p.t),
      values: points.map((p) => p.v),
      statusCode: acc.statusCode,
      messages: acc.messages,
    };
  });
}

/** Fetches many series in ceil(n/500) GetMetricData calls (more only when a chunk pages). */
export function getMetricData(
  cloudwatch: CloudWatchClient,
  queries: readonly MetricQuery[],
  start: Date,
  end: Date,
  options?: CallOptions,
): Promise<MetricBatch> {
  return guard('cloudwatch:GetMetricData', async () => {
    if (queries.length === 0) return { series: [], calls: 0 };
    let calls = 0;
    const pages = await mapConcurrent(chunk(queries, MAX_QUERIES_PER_CALL), CONCURRENCY, async (part) => {
      const results: MetricDataResult[] = [];
      const paginator = paginateGetMetricData(
        { client: cloudwatch },
        { MetricDataQueries: part.map(toDataQuery), StartTime: start, EndTime: end, ScanBy: 'TimestampAscending' },
        { abortSignal: options?.signal },
      );
      for await (const page of paginator) {
        calls++;
        results.push(...(page.MetricDataResults ?? []));
      }
      return results;
    });
    return { series: mergeResults(queries, pages.flat()), calls };
  });
}

/** Metric alarms in ALARM counted by their InstanceId dimension (DescribeAlarms StateValue=ALARM, every page). */
export function alarmingInstances(cloudwatch: CloudWatchClient, options?: CallOptions): Promise<ReadonlyMap<string, number>> {
  return guard('cloudwatch:DescribeAlarms', async () => {
    const counts = new Map<string, number>();
    const paginator = paginateDescribeAlarms({ client: cloudwatch }, { StateValue: 'ALARM', AlarmTypes: ['MetricAlarm'] }, { abortSignal: options?.signal });
    for await (const page of paginator) {
      for (const alarm of page.MetricAlarms ?? []) {
        const id = (alarm.Dimensions ?? []).find((d) => d.Name === 'InstanceId')?.Value;
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  });
}
