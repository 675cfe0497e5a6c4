import { describe, expect, it } from 'vitest';
import { chartPeriod, isNitroType, seriesStats } from '../../source/model/metric-specs.js';
import { createMetricsStore, KEPT_INSTANCES, metricsOf } from '../../source/model/metrics-store.js';
import { constantSeries, createFakeAws, makeInstance } from '../helpers/fake-aws.js';
import type { SeriesFn } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const basic = makeInstance({ id: 'i-basic', type: 'c5.large' });
const detailed = makeInstance({ id: 'i-detailed', type: 't2.micro', isDetailedMonitoring: true });

const setup = (series: SeriesFn = constantSeries(10)) => {
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
  const api = createFakeAws({ series });
  const store = createMetricsStore({ api, clock });
  return { clock, api, store };
};

describe('metric specs', () => {
  it.each([
    ['c5.large', true], ['m5.xlarge', true], ['r5.large', true], ['t3.micro', true], ['t4g.nano', true], ['c6g.medium', true],
    ['m7i.large', true], ['c5n.18xlarge', true], ['a1.large', true], ['c4.large', false], ['m4.large', false], ['t2.micro', false], ['r4.large', false],
  ])('%s is Nitro: %s', (type, expected) => expect(isNitroType(type)).toBe(expected));

  it.each([
    [false, '1h', 300], [false, '24h', 300], [true, '1h', 60], [true, '12h', 60], [true, '24h', 60],
  ] as const)('detailed=%s range %s → period %i, ≤1440 points', (isDetailedMonitoring, range, period) => {
    const p = chartPeriod(makeInstance({ id: 'i', isDetailedMonitoring }), range);
    expect(p).toBe(period);
    expect(({ '1h': 3600, '3h': 10800, '12h': 43200, '24h': 86400 } as const)[range] / p).toBeLessThanOrEqual(1440);
  });

  it('stats: current is the last value', () => {
    expect(seriesStats([3, 1, 8, 4])).toEqual({ current: 4, min: 1, avg: 4, max: 8 });
    expect(seriesStats([])).toBeUndefined();
  });
});

describe('metrics store', () => {
  it('fetches every chart in one call for the selected instance', async () => {
    const { clock, api, store } = setup();
    store.start();
    store.select(basic);
    await clock.flush();
    expect(api.calls.getMetricData).toBe(1);
    const queries = api.metricQueries[0] ?? [];
    expect(queries.map((q) => q.metricName)).toEqual([
      'CPUUtilization', 'mem_used_percent', 'disk_used_percent', 'NetworkIn', 'NetworkOut', 'EBSReadBytes', 'EBSWriteBytes', 'StatusCheckFailed',
    ]);
    expect(queries.find((q) => q.metricName === 'disk_used_percent')?.dimensions).toEqual({ InstanceId: 'i-basic', path: '/', device: 'nvme0n1p1', fstype: 'xfs' });
    expect(queries.find((q) => q.metricName === 'StatusCheckFailed')?.stat).toBe('Maximum');
    expect(new Set(queries.map((q) => q.period))).toEqual(new Set([300]));
    const s = metricsOf(store.getSnapshot(), basic);
    expect(s).toMatchObject({ instanceId: 'i-basic', range: '1h', period: 300, isAgentReporting: true });
    expect(s.charts.data?.[0]).toMatchObject({ key: 'cpu', unit: 'Percent', stat: 'Average', period: 300, stats: { current: 10, min: 10, avg: 10, max: 10 } });
    // 01:50 … 02:40: the period in progress (02:45, partial at 02:45:20) is not charted, so "now" cannot move.
    expect(s.charts.data?.[0]?.values).toHaveLength(11);
    expect(s.charts.data?.[0]?.timestamps.at(-1)).toBe(Date.UTC(2024, 0, 15, 2, 40));
    store.stop();
  });

  it('uses DiskReadBytes on Xen and 60 s with detailed monitoring; refreshes on the minute boundary', async () => {
    const { clock, api, store } = setup();
    store.select(detailed);
    store.start();
    await clock.flush();
    expect(api.metricQueries[0]?.map((q) => q.metricName)).toContain('DiskReadBytes');
    expect(metricsOf(store.getSnapshot(), detailed).period).toBe(60);
    await clock.advance(49_999); // 02:46:09.999
    expect(api.calls.getMetricData).toBe(1);
    await clock.advance(1); // 02:46:10: boundary + lag
    expect(api.calls.getMetricData).toBe(2);
    store.stop();
  });

  it('isAgentReporting is false when mem_used_percent has no datapoints', async () => {
    const { clock, store } = setup((q, start, end) => (q.namespace === 'CWAgent' ? { timestamps: [], values: [] } : constantSeries(5)(q, start, end)));
    store.start();
    store.select(basic);
    await clock.flush();
    expect(metricsOf(store.getSnapshot(), basic).isAgentReporting).toBe(false);
    expect(metricsOf(store.getSnapshot(), basic).charts.data?.find((c) => c.key === 'mem')?.stats).toBeUndefined();
    store.stop();
  });

  it('selecting another instance aborts the old fetch and fetches at once', async () => {
    const { clock, api, store } = setup();
    store.start();
    const gate = api.hold('getMetricData');
    store.select(basic);
    await clock.flush();
    store.select(detailed);
    expect(metricsOf(store.getSnapshot(), detailed)).toMatchObject({ instanceId: 'i-detailed', period: 60 });
    expect(metricsOf(store.getSnapshot(), detailed).charts.data).toBeUndefined();
    gate.release();
    await clock.flush();
    expect(api.aborted).toBe(1);
    expect(api.calls.getMetricData).toBe(2);
    expect(api.metricQueries.at(-1)?.[0]?.dimensions.InstanceId).toBe('i-detailed');
    expect(metricsOf(store.getSnapshot(), detailed).charts.data).toHaveLength(8);
    expect(metricsOf(store.getSnapshot(), detailed).charts.isLoading).toBe(false);
    // The aborted fetch settled its own instance's entry and touched no other.
    expect(metricsOf(store.getSnapshot(), basic).charts).toMatchObject({ data: undefined, isLoading: false });
    // re-selecting the same instance is a no-op (the UI may call it on every render)
    const s = store.getSnapshot();
    store.select({ ...detailed });
    expect(store.getSnapshot()).toBe(s);
    store.stop();
  });

  it('setRange refetches the longer window; an error keeps the last charts', async () => {
    const { clock, api, store } = setup();
    store.start();
    store.select(basic);
    await clock.flush();
    store.setRange('24h');
    await clock.flush();
    const w = api.metricWindows.at(-1);
    expect((w?.end.getTime() ?? 0) - (w?.start.getTime() ?? 0)).toBe(86_400_000);
    const data = metricsOf(store.getSnapshot(), basic).charts.data;
    api.fail('getMetricData', { kind: 'network', message: 'socket hang up' }, 1);
    await store.refreshNow();
    expect(metricsOf(store.getSnapshot(), basic).charts.data).toBe(data);
    expect(metricsOf(store.getSnapshot(), basic).charts.error?.kind).toBe('network');
    store.select(undefined);
    expect(api.calls.getMetricData).toBe(3);
    store.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps charts by instance: each lookup gives that instance\'s charts or none, never another\'s', async () => {
    const { clock, api, store } = setup((q, start, end) => constantSeries(q.dimensions.InstanceId === 'i-basic' ? 11 : 77)(q, start, end));
    store.start();
    store.select(basic);
    await clock.flush();
    const gate = api.hold('getMetricData');
    store.select(detailed);
    // Before detailed's first answer: its entry is empty, basic's is still basic's.
    expect(metricsOf(store.getSnapshot(), detailed).charts.data).toBeUndefined();
    expect(metricsOf(store.getSnapshot(), basic).charts.data?.[0]?.stats?.current).toBe(11);
    gate.release();
    await clock.flush();
    expect(metricsOf(store.getSnapshot(), detailed).charts.data?.[0]?.stats?.current).toBe(77);
    // Back to basic: its kept charts show at once while they refresh.
    store.select(basic);
    expect(metricsOf(store.getSnapshot(), basic).charts.data?.[0]?.stats?.current).toBe(11);
    // Another range makes every kept chart wrong.
    store.setRange('3h');
    expect(metricsOf(store.getSnapshot(), detailed).charts.data).toBeUndefined();
    store.stop();
  });

  it(`keeps at most ${KEPT_INSTANCES} instances, the most recent`, () => {
    const { store } = setup();
    const many = Array.from({ length: KEPT_INSTANCES + 3 }, (_, n) => makeInstance({ id: `i-${n}` }));
    for (const instance of many) store.select(instance);
    expect([...store.getSnapshot().byInstance.keys()]).toEqual(many.slice(3).map((i) => i.id));
  });
});
