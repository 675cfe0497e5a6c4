import { describe, expect, it } from 'vitest';
import type { AwsApi } from '../../source/aws/api.js';
import { withBudget } from '../../source/model/activity.js';
import { callsPerMinute, costPerHour, createBudget, GET_METRIC_DATA_PRICE, metricsPerHour, PRIORITY, budgetHooks } from '../../source/model/budget.js';
import { createFleetStore } from '../../source/model/fleet-store.js';
import { createMetricsStore } from '../../source/model/metrics-store.js';
import { createPoller } from '../../source/model/poller.js';
import { constantSeries, createFakeAws, makeInstance, makeStatus } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

describe('the cost estimate', () => {
  it('is metrics requested per hour × the GetMetricData price (one constant, with its date)', () => {
    expect(GET_METRIC_DATA_PRICE).toMatchObject({ usdPerThousandMetrics: 0.01, region: 'us-east-1' });
    expect(GET_METRIC_DATA_PRICE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 10,000 instances at the CPU column's basic-monitoring cadence (one refresh per 5 min): 12 refreshes an hour
    const perHour = metricsPerHour([{ metricsPerRefresh: 10_000, intervalMs: 300_000, state: 'normal' }]);
    expect(perHour).toBe(10_000 * 12);
    expect(costPerHour(perHour)).toBeCloseTo((10_000 * (3600 / 300) / 1000) * 0.01, 10); // $1.20/h
    // at the detailed-monitoring cadence (60 s) the same fleet costs five times as much
    expect(costPerHour(metricsPerHour([{ metricsPerRefresh: 10_000, intervalMs: 60_000, state: 'normal' }]))).toBeCloseTo(6, 10);
    // a stopped poller requests nothing; a slowed one requests less
    expect(metricsPerHour([{ metricsPerRefresh: 10_000, intervalMs: 300_000, state: 'idle' }])).toBe(0);
    expect(metricsPerHour([{ metricsPerRefresh: 10_000, intervalMs: 600_000, state: 'throttled' }])).toBe(60_000);
  });

  it("the fleet store's CPU column reports 10,000 metrics every 5 min for 10,000 basic-monitoring instances", async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
    const instances = Array.from({ length: 10_000 }, (_, i) => makeInstance({ id: `i-${i}` }));
    const api = createFakeAws({ instances, statuses: [], series: constantSeries(5) });
    const budget = createBudget({ now: () => clock.now() });
    // with the large-fleet limit lifted, every running instance is asked for
    const store = createFleetStore({ api, clock, refreshSeconds: 15, budget, largeFleet: 20_000 });
    store.start();
    await clock.flush();
    const cpu = budget.getSnapshot().pollers.find((p) => p.name === 'CPU column');
    expect(cpu).toMatchObject({ metricsPerRefresh: 10_000, intervalMs: 300_000, priority: PRIORITY.cpuColumn });
    expect(api.metricQueries[0]).toHaveLength(10_000);
    expect(costPerHour(metricsPerHour(budget.getSnapshot().pollers))).toBeCloseTo(1.2, 10);
    store.stop();
  });
});

describe('calls by service', () => {
  it('counts every read of the last minute by service, GetMetricData by its real calls, and throttled answers', async () => {
    const clock = createFakeClock();
    const budget = createBudget({ now: () => clock.now() });
    const fake = createFakeAws({ instances: [makeInstance({ id: 'i-a' })], statuses: [makeStatus('i-a')], series: constantSeries(1) });
    const api = withBudget(fake, budget);
    await api.listInstances();
    await api.describeStatuses(undefined);
    const queries = Array.from({ length: 1200 }, (_, i) => ({ id: `q${i}`, namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: 'i-a' }, stat: 'Average', period: 300 }));
    await api.getMetricData(queries, new Date(clock.now() - 600_000), new Date(clock.now()));
    await api.listLogGroups();
    fake.fail('describeInstanceInformation', { kind: 'throttled', message: 'Rate exceeded' }, 1);
    await expect(api.describeInstanceInformation(['i-a'])).rejects.toThrow();
    expect(callsPerMinute(budget.getSnapshot(), clock.now())).toEqual({ ec2: 2, cloudwatch: 3, logs: 1, ssm: 1 });
    expect(budget.getSnapshot().throttles).toBe(1);
    await clock.advance(61_000);
    expect(callsPerMinute(budget.getSnapshot(), clock.now())).toEqual({ ec2: 0, cloudwatch: 0, logs: 0, ssm: 0 });
  });
});

describe('calls by service, counted by the api (the data worker counts every request it sends)', () => {
  it('records each call\'s exact requests as it settles, failures too, and estimates nothing', async () => {
    const clock = createFakeClock();
    const budget = createBudget({ now: () => clock.now() });
    const fake = createFakeAws({ instances: [makeInstance({ id: 'i-a' })], statuses: [makeStatus('i-a')] });
    let listener: ((method: keyof AwsApi, requests: number) => void) | undefined;
    // As the worker's api does: 7 pages for a listing of one row (a filter), 3 for a log listing, 2 for a throttled read.
    const counting: AwsApi = {
      ...fake,
      countRequests: (l) => {
        listener = l;
      },
      listInstances: async (o) => {
        const rows = await fake.listInstances(o);
        listener?.('listInstances', 7);
        return rows;
      },
      listLogGroups: async () => {
        listener?.('listLogGroups', 3);
        return [];
      },
      describeInstanceInformation: async () => {
        listener?.('describeInstanceInformation', 2);
        throw Object.assign(new Error('Rate exceeded'), { error: { kind: 'throttled', message: 'Rate exceeded' } });
      },
    };
    const api = withBudget(counting, budget);
    await api.listInstances();
    await api.listLogGroups();
    await expect(api.describeInstanceInformation(['i-a'])).rejects.toThrow();
    // A read the counting api did not report (it sent nothing) costs nothing: no estimate on top.
    await api.describeStatuses(undefined);
    expect(callsPerMinute(budget.getSnapshot(), clock.now())).toEqual({ ec2: 7, cloudwatch: 0, logs: 3, ssm: 2 });
    expect(budget.getSnapshot().throttles).toBe(1);
  });
});

describe('the call cap', () => {
  it('admits by priority: the selected instance first, the fleet next, the CPU column last', () => {
    let now = 0;
    const budget = createBudget({ now: () => now, maxCallsPerMinute: 60 });
    const charts = budget.gate('charts', PRIORITY.selected, () => 1);
    const list = budget.gate('instances', PRIORITY.fleet, () => 2);
    const cpu = budget.gate('CPU column', PRIORITY.cpuColumn, () => 1);
    budget.recordCalls('ec2', 50); // 10 tokens left
    expect(cpu.admit()).toBeGreaterThan(0); // must leave 15 (25 %) for the others
    expect(list.admit()).toBe(0); // 10 − 2 ≥ 6 (10 %)
    budget.recordCalls('ec2', 8); // 2 left
    expect(list.admit()).toBeGreaterThan(0);
    expect(charts.admit()).toBe(0); // nothing reserved ahead of the selected instance
    budget.recordCalls('cloudwatch', 10); // 8 in debt: everyone waits
    const wait = charts.admit();
    expect(wait).toBe(9_000); // 9 tokens at one a second
    now += 9_000;
    // the charts wait first: the list may not take the refill while the charts are waiting
    budget.recordCalls('ec2', 0);
    expect(list.admit()).toBeGreaterThan(0);
    expect(charts.admit()).toBe(0);
  });

  it('pollers share a cap by priority: the charts keep their cadence, the CPU column waits and says so', async () => {
    const clock = createFakeClock();
    const budget = createBudget({ now: () => clock.now(), maxCallsPerMinute: 10 });
    const runs = { charts: 0, instances: 0, cpu: 0 };
    const make = (name: 'charts' | 'instances' | 'cpu', priority: 0 | 1 | 2, calls: number) =>
      createPoller({
        clock,
        schedule: () => ({ kind: 'interval', intervalMs: 10_000 }),
        task: async () => {
          runs[name] += 1;
          budget.recordCalls(name === 'instances' ? 'ec2' : 'cloudwatch', calls);
        },
        ...budgetHooks(budget, name, priority, () => calls),
      });
    // together they want 6 + 12 + 6 = 24 calls a minute; the cap is 10
    const pollers = [make('charts', 0, 1), make('instances', 1, 2), make('cpu', 2, 1)];
    for (const p of pollers) p.start();
    await clock.advance(10 * 60_000);
    const total = runs.charts + 2 * runs.instances + runs.cpu;
    expect(runs.charts).toBeGreaterThanOrEqual(58); // every 10 s: 60 in 10 min, give or take the first
    expect(runs.instances).toBeGreaterThan(runs.cpu);
    expect(runs.cpu).toBeLessThan(10);
    // a burst of one minute's worth, then 10 a minute
    expect(total).toBeLessThanOrEqual(10 + 10 * 10);
    const states = new Map(budget.getSnapshot().pollers.map((p) => [p.name, p.state]));
    expect(states.get('cpu')).toBe('waiting for budget');
    expect(states.get('charts')).toBe('normal');
    for (const p of pollers) p.stop();
  });
});

describe('adaptive refresh in the stores', () => {
  it('the metrics pane is fresh again one period after throttling stops (it stayed stale ~4 min)', async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
    const api = createFakeAws({ series: constantSeries(3) });
    const budget = createBudget({ now: () => clock.now() });
    const metrics = createMetricsStore({ api, clock, budget });
    const instance = makeInstance({ id: 'i-a', isDetailedMonitoring: true });
    metrics.select(instance);
    api.fail('getMetricData', { kind: 'throttled', message: 'Rate exceeded' }, 1);
    metrics.start();
    await clock.flush();
    expect(metrics.getSnapshot().byInstance.get('i-a')?.charts.error?.kind).toBe('throttled');
    expect(budget.getSnapshot().pollers.find((p) => p.name === 'charts')).toMatchObject({ state: 'throttled', intervalMs: 120_000, priority: PRIORITY.selected });
    const throttledAt = clock.now();
    await clock.advance(130_000);
    const charts = metrics.getSnapshot().byInstance.get('i-a')?.charts;
    expect(charts?.error).toBeUndefined();
    expect((charts?.updatedAt ?? 0) - throttledAt).toBeLessThanOrEqual(120_000);
    expect(budget.getSnapshot().pollers.find((p) => p.name === 'charts')).toMatchObject({ state: 'normal', intervalMs: 60_000 });
    metrics.stop();
  });
});
