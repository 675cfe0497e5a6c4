import { describe, expect, it } from 'vitest';
import { createFleetStore, cpuQueries } from '../../source/model/fleet-store.js';
import { constantSeries, createFakeAws, makeFleet, makeInstance, makeStatus } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const setup = (instances = [makeInstance({ id: 'i-a', name: 'a' }), makeInstance({ id: 'i-b', name: 'b', isDetailedMonitoring: true }), makeInstance({ id: 'i-c', state: 'stopped' })]) => {
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
  const api = createFakeAws({ instances, statuses: instances.map((i) => makeStatus(i.id)), series: constantSeries(42) });
  const store = createFleetStore({ api, clock, refreshSeconds: 15 });
  return { clock, api, store };
};

describe('fleet store', () => {
  it('loads instances, statuses and the CPU column (one batched call, running instances only)', async () => {
    const { clock, api, store } = setup();
    const snapshots = new Set([store.getSnapshot()]);
    store.subscribe(() => snapshots.add(store.getSnapshot()));
    store.start();
    await clock.flush();
    const s = store.getSnapshot();
    expect(s.instances.data?.map((i) => i.id)).toEqual(['i-a', 'i-b', 'i-c']);
    expect(s.statuses.data?.get('i-a')?.system.status).toBe('ok');
    expect(s.cpu.data).toEqual(new Map([['i-a', 42], ['i-b', 42]]));
    expect(api.calls.getMetricData).toBe(1);
    expect(api.metricQueries[0]?.map((q) => [q.dimensions.InstanceId, q.period])).toEqual([['i-a', 300], ['i-b', 60]]);
    const window = api.metricWindows[0];
    expect((window?.end.getTime() ?? 0) - (window?.start.getTime() ?? 0)).toBe(15 * 60_000);
    expect(s.instances.updatedAt).toBe(clock.now());
    // the same object until something changes
    expect(store.getSnapshot()).toBe(s);
    // loading and loaded for the list, the CPU and the ALARM column (its own poller)
    expect(snapshots.size).toBeLessThanOrEqual(8);
    store.stop();
  });

  it('refreshes the list every refreshSeconds and CPU on the minute boundary (one detailed instance)', async () => {
    const { clock, api, store } = setup();
    store.start();
    await clock.advance(60_000);
    expect(api.calls.listInstances).toBe(5); // 0, 15, 30, 45, 60 s
    // first CPU fetch when instances arrived (02:45:20), then at 02:46:10 (boundary + 10 s lag)
    expect(api.calls.getMetricData).toBe(2);
    store.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('an instances error keeps the last list and does not touch statuses', async () => {
    const { clock, api, store } = setup();
    store.start();
    await clock.flush();
    const before = store.getSnapshot();
    api.fail('listInstances', { kind: 'denied', action: 'ec2:DescribeInstances', message: 'no' }, 1);
    await store.refreshNow();
    const after = store.getSnapshot();
    expect(after.instances.data).toBe(before.instances.data);
    expect(after.instances.error?.kind).toBe('denied');
    expect(after.instances.updatedAt).toBe(before.instances.updatedAt);
    expect(after.statuses.error).toBeUndefined();
    expect(after.cpu).toBe(before.cpu);
    await store.refreshNow();
    expect(store.getSnapshot().instances.error).toBeUndefined();
    store.stop();
  });

  it('a CPU error degrades only the CPU column, and the list keeps its cadence', async () => {
    const { clock, api, store } = setup();
    api.fail('getMetricData', { kind: 'throttled', message: 'Rate exceeded' });
    store.start();
    await clock.flush();
    const s = store.getSnapshot();
    expect(s.cpu.error?.kind).toBe('throttled');
    expect(s.cpu.data).toBeUndefined();
    expect(s.instances.error).toBeUndefined();
    await clock.advance(30_000);
    expect(api.calls.listInstances).toBe(3);
    store.stop();
  });

  it('reads the ALARM column (counts per instance) every refreshSeconds; its error degrades only that column', async () => {
    const { clock, api, store } = setup();
    api.fail('alarmingInstances', { kind: 'denied', action: 'cloudwatch:DescribeAlarms', message: 'no' }, 1);
    store.start();
    await clock.flush();
    expect(store.getSnapshot().alarms.error?.kind).toBe('denied');
    expect(store.getSnapshot().instances.error).toBeUndefined();
    await clock.advance(15_000);
    expect(store.getSnapshot().alarms.data).toEqual(new Map());
    expect(api.calls.alarmingInstances).toBe(2);
    store.stop();
  });

  it('stop() aborts calls in flight', async () => {
    const { clock, api, store } = setup();
    api.hold('listInstances');
    store.start();
    await clock.flush();
    expect(store.getSnapshot().instances.isLoading).toBe(true);
    store.stop();
    await clock.flush();
    expect(api.aborted).toBeGreaterThanOrEqual(1);
    expect(store.getSnapshot().instances.isLoading).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('cpuQueries is linear and maps query ids back to instances', () => {
    const fleet = makeFleet(10_000);
    const { queries, owner } = cpuQueries(fleet);
    expect(queries).toHaveLength(9_500);
    expect(owner.get(queries[123]?.id ?? '')).toBe(queries[123]?.dimensions.InstanceId);
  });

  it('handles a 10,000-instance fleet', async () => {
    const fleet = makeFleet(10_000);
    const { clock, api, store } = setup(fleet);
    store.start();
    await clock.flush();
    const s = store.getSnapshot();
    expect(s.instances.data).toHaveLength(10_000);
    expect(s.statuses.data?.size).toBe(10_000);
    // Above LARGE_FLEET the CPU column waits for the rows on screen (fleet-cpu-scope.test.ts), then asks only for them.
    expect(s.cpu.data).toBeUndefined();
    expect(api.calls.getMetricData).toBe(0);
    store.setVisible(fleet.slice(0, 40).map((i) => i.id));
    await clock.advance(500);
    expect(store.getSnapshot().cpu.data?.size).toBe(38);
    expect(api.calls.getMetricData).toBe(1);
    store.stop();
  });
});

describe('the list refresh of a big fleet', () => {
  it('is --refresh, but at least 15 s per whole 2,500 instances (60 s at 10,009)', async () => {
    const { listIntervalSeconds } = await import('../../source/model/fleet-store.js');
    expect(listIntervalSeconds(15, 9)).toBe(15);
    expect(listIntervalSeconds(5, 2_500)).toBe(15);
    expect(listIntervalSeconds(5, 2_499)).toBe(5);
    expect(listIntervalSeconds(5, 100)).toBe(5);
    expect(listIntervalSeconds(15, 10_009)).toBe(60);
    expect(listIntervalSeconds(15, 10_000)).toBe(60);
    expect(listIntervalSeconds(120, 10_000)).toBe(120);
  });
});
