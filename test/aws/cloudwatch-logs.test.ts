// GetMetricData batching (≤500 per call, pages merged per id, ascending) and FilterLogEvents paging to a limit.
import { describe, expect, it } from 'vitest';
import { callsFor, mergeResults, toDataQuery } from '../../source/aws/cloudwatch.js';
import { chunk, mapConcurrent } from '../../source/aws/clients.js';
import { createAwsApi } from '../../source/aws/index.js';
import type { MetricQuery } from '../../source/domain/types.js';
import { json, stubHandler } from './stub.js';

const query = (id: string): MetricQuery => ({
  id,
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: { InstanceId: 'i-1' },
  stat: 'Average',
  period: 60,
});
const t = (minute: number): number => Date.UTC(2024, 0, 15, 2, minute) / 1000;

describe('batching math', () => {
  it.each([
    [0, 0],
    [1, 1],
    [500, 1],
    [501, 2],
    [1001, 3],
  ])('%i queries → %i calls', (n, calls) => {
    expect(callsFor(n)).toBe(calls);
    expect(chunk(Array.from({ length: n }, (_, i) => i), 500)).toHaveLength(calls);
  });

  it('maps a query to a MetricStat data query', () => {
    expect(toDataQuery({ ...query('cpu'), unit: 'Percent' })).toEqual({
      Id: 'cpu',
      ReturnData: true,
      MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] }, Period: 60, Stat: 'Average', Unit: 'Percent' },
    });
  });

  it('merges pages per id, ascending, keeping a failure status over a later Complete', () => {
    const series = mergeResults(
      [query('a'), query('b'), query('c')],
      [
        { Id: 'a', Label: 'CPU', Timestamps: [new Date(3000), new Date(2000)], Values: [3, 2], StatusCode: 'PartialData' },
        { Id: 'b', Timestamps: [], Values: [], StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'no access' }] },
        { Id: 'a', Timestamps: [new Date(1000)], Values: [1], StatusCode: 'Complete' },
        { Id: 'b', Timestamps: [], Values: [], StatusCode: 'Complete' },
      ],
    );
    expect(series[0]).toEqual({ id: 'a', label: 'CPU', timestamps: [new Date(1000), new Date(2000), new Date(3000)], values: [1, 2, 3], statusCode: 'Complete', messages: [] });
    expect(series[1]).toMatchObject({ id: 'b', statusCode: 'Forbidden', messages: ['Forbidden: no access'] });
    expect(series[2]).toMatchObject({ id: 'c', label: 'CPUUtilization', values: [], statusCode: 'Complete' });
  });

  it('mapConcurrent keeps order and caps work in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('getMetricData over the wire', () => {
  it('sends 1,001 queries as 500 + 500 + 1, follows NextToken, and counts every call', async () => {
    const { handler, calls } = stubHandler((r) => {
      const body = r.json as { MetricDataQueries: { Id: string }[]; NextToken?: string; ScanBy?: string };
      const isFirst = body.NextToken === undefined;
      return json(
        {
          MetricDataResults: body.MetricDataQueries.map((q) => ({
            Id: q.Id,
            Label: 'CPUUtilization',
            Timestamps: isFirst ? [t(1), t(2)] : [t(3)],
            Values: isFirst ? [1, 2] : [3],
            StatusCode: isFirst ? 'PartialData' : 'Complete',
          })),
          ...(isFirst ? { NextToken: 'page-2' } : {}),
        },
        '1.0',
      );
    });
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 1 });
    const queries = Array.from({ length: 1001 }, (_, i) => query(`q${i}`));
    const batch = await api.getMetricData(queries, new Date(t(0) * 1000), new Date(t(5) * 1000));
    expect(batch.calls).toBe(6);
    expect(calls.every((c) => c.action === 'GetMetricData' && (c.json as { ScanBy?: string }).ScanBy === 'TimestampAscending')).toBe(true);
    const firstPages = calls.filter((c) => (c.json as { NextToken?: string }).NextToken === undefined);
    expect(firstPages.map((c) => (c.json as { MetricDataQueries: unknown[] }).MetricDataQueries.length).sort((a, b) => a - b)).toEqual([1, 500, 500]);
    expect(batch.series).toHaveLength(1001);
    expect(batch.series[1000]).toMatchObject({ id: 'q1000', values: [1, 2, 3], statusCode: 'Complete' });
  });

  it('makes no call for no queries', async () => {
    const { handler, calls } = stubHandler(() => json({}, '1.0'));
    const batch = await createAwsApi({ region: 'us-east-1', simHandler: handler }).getMetricData([], new Date(0), new Date(1));
    expect(batch).toEqual({ series: [], calls: 0 });
    expect(calls).toHaveLength(0);
  });
});

describe('filterLogEvents over the wire', () => {
  it('pages until the limit, asks for at most the limit, and sends an inclusive endTime', async () => {
    let n = 0;
    const { handler, calls } = stubHandler(() => {
      const events = [0, 1, 2].map(() => ({ logStreamName: 's', timestamp: 1000 + n, message: `line ${n++}`, eventId: String(n) }));
      return json({ events, nextToken: `token-${n}` }, '1.1');
    });
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 1 });
    const events = await api.filterLogEvents('/app', new Date(1000), new Date(2000), { limit: 5, pattern: 'ERROR' });
    expect(events.map((e) => e.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.json).toMatchObject({ logGroupName: '/app', startTime: 1000, endTime: 1999, limit: 5, filterPattern: 'ERROR' });
  });

  it('lists log groups through pages', async () => {
    const { handler, calls } = stubHandler((r) => {
      const token = (r.json as { nextToken?: string }).nextToken;
      return json(
        token === undefined
          ? { logGroups: [{ logGroupName: '/a', creationTime: 1000, storedBytes: 5 }], nextToken: 'p2' }
          : { logGroups: [{ logGroupName: '/b', retentionInDays: 7 }] },
        '1.1',
      );
    });
    const groups = await createAwsApi({ region: 'us-east-1', simHandler: handler }).listLogGroups('/');
    expect(groups).toEqual([
      { name: '/a', creationTime: new Date(1000), storedBytes: 5, retentionInDays: undefined },
      { name: '/b', creationTime: undefined, storedBytes: undefined, retentionInDays: 7 },
    ]);
    expect(calls[0]?.json).toMatchObject({ logGroupNamePrefix: '/' });
  });
});
