import { describe, expect, it } from 'vitest';
import { createActivityTracker, withActivity } from '../../source/model/activity.js';
import { createAppModel } from '../../source/model/app-model.js';
import { metricsOf } from '../../source/model/metrics-store.js';
import { constantSeries, createFakeAws, makeInstance, makeStatus, type SeriesFn } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

describe('activity', () => {
  it('counts calls in flight and stamps the last success', async () => {
    const clock = createFakeClock();
    const tracker = createActivityTracker(clock.now);
    const fake = createFakeAws({ instances: [] });
    const api = withActivity(fake, tracker);
    const gate = fake.hold('listInstances');
    const a = api.listInstances();
    const b = api.listInstances();
    expect(tracker.getSnapshot()).toEqual({ inFlight: 2, lastRefreshAt: undefined });
    gate.release();
    await Promise.all([a, b]);
    expect(tracker.getSnapshot()).toEqual({ inFlight: 0, lastRefreshAt: clock.now() });
    fake.fail('describeStatuses', { kind: 'network', message: 'down' });
    await clock.advance(1_000);
    await expect(api.describeStatuses(undefined)).rejects.toThrow('down');
    expect(tracker.getSnapshot()).toEqual({ inFlight: 0, lastRefreshAt: clock.now() - 1_000 });
  });
});

describe('createAppModel', () => {
  it('wires stores and intents; stop() leaves nothing pending', async () => {
    const clock = createFakeClock();
    const instance = makeInstance({ id: 'i-a', name: 'a' });
    const api = createFakeAws({ instances: [instance], statuses: [makeStatus('i-a')], series: constantSeries(3) });
    const model = createAppModel({ api, clock, isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no write path in this test')), who: 'test', target: { kind: 'demo', scenario: 'oom', speed: 1, region: 'us-east-1' } });
    model.start();
    model.selectInstance(instance);
    model.runTriage(instance);
    await clock.flush();
    expect(model.fleet.getSnapshot().instances.data).toHaveLength(1);
    expect(metricsOf(model.metrics.getSnapshot(), instance).charts.data).toHaveLength(8);
    expect(model.triage.getSnapshot()?.conclusion).toBeDefined();
    expect(model.activity.getSnapshot()).toMatchObject({ inFlight: 0, lastRefreshAt: clock.now() });
    const calls = api.calls.listInstances;
    model.refreshNow?.();
    await clock.flush();
    expect(api.calls.listInstances).toBe(calls + 1);
    model.setRange('3h');
    await clock.flush();
    expect(model.metrics.getSnapshot().range).toBe('3h');
    model.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('the fleet list\'s CPU and the chart\'s "now" agree: same statistic, same period, the last closed one', async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
    const instance = makeInstance({ id: 'i-a', name: 'a' });
    // Closed periods have a value of their own; the period in progress moves with every read, as CloudWatch's does.
    const series: SeriesFn = (query, start, end) => {
      const step = query.period * 1000;
      const timestamps: Date[] = [];
      for (let t = Math.ceil(start.getTime() / step) * step; t < end.getTime(); t += step) timestamps.push(new Date(t));
      return { timestamps, values: timestamps.map((t) => (t.getTime() + step > end.getTime() ? (end.getTime() / 1000) % 97 : (t.getTime() / step) % 50)) };
    };
    const api = createFakeAws({ instances: [instance], statuses: [makeStatus('i-a')], series });
    const model = createAppModel({ api, clock, isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no write path in this test')), who: 'test', target: { kind: 'demo', scenario: 'oom', speed: 1, region: 'us-east-1' } });
    model.start();
    await clock.flush();
    const column = model.fleet.getSnapshot().cpu.data?.get('i-a');
    await clock.advance(40_000); // another read of the chart, later in the same period
    model.selectInstance(instance);
    await clock.flush();
    const cpu = metricsOf(model.metrics.getSnapshot(), instance).charts.data?.find((c) => c.key === 'cpu');
    expect(column).toBeDefined();
    expect(cpu?.stats?.current).toBe(column);
    expect(cpu).toMatchObject({ stat: 'Average', period: 300 });
    const [fleetQuery] = api.metricQueries[0] ?? [];
    const chartQuery = api.metricQueries.at(-1)?.find((q) => q.id === 'cpu');
    expect(fleetQuery).toMatchObject({ metricName: chartQuery?.metricName, stat: chartQuery?.stat, period: chartQuery?.period });
    model.stop();
  });
});
