import { describe, expect, it } from 'vitest';
import { cpuTargets, createFleetStore, LARGE_FLEET } from '../../source/model/fleet-store.js';
import { constantSeries, createFakeAws, makeInstance } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const fleetOf = (n: number) => Array.from({ length: n }, (_, i) => makeInstance({ id: `i-${i}`, state: i % 10 === 9 ? 'stopped' : 'running' }));

const setup = (n: number) => {
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
  const instances = fleetOf(n);
  const api = createFakeAws({ instances, statuses: [], series: constantSeries(7) });
  const store = createFleetStore({ api, clock, refreshSeconds: 15 });
  return { clock, api, store, instances };
};

const askedIds = (queries: readonly { dimensions: Readonly<Record<string, string>> }[] | undefined) => (queries ?? []).map((q) => q.dimensions.InstanceId);

describe('the CPU column of a large fleet', () => {
  it('below the threshold asks for every running instance (one call per 500), and the header says nothing', async () => {
    const { clock, api, store } = setup(LARGE_FLEET);
    store.start();
    await clock.flush();
    expect(api.metricQueries).toHaveLength(1);
    expect(api.metricQueries[0]).toHaveLength(450); // 500 less every tenth (stopped)
    expect(store.getSnapshot().cpuScope).toBeUndefined();
    store.setVisible(['i-0', 'i-1']); // changes nothing below the threshold
    await clock.advance(1_000);
    expect(api.metricQueries).toHaveLength(1);
    store.stop();
  });

  it('above the threshold asks only for the rows on screen and the filter matches, and says so', async () => {
    const { clock, api, store } = setup(10_009);
    store.start();
    await clock.flush();
    // nothing asked before the UI says which rows are on screen: asking for 9,000 would be the bill we avoid
    expect(api.metricQueries).toHaveLength(0);
    const onScreen = Array.from({ length: 24 }, (_, i) => `i-${i + 100}`);
    store.setVisible(onScreen);
    await clock.flush(); // the first rows are asked for at once
    expect(api.metricQueries).toHaveLength(1);
    const running = onScreen.filter((id) => Number(id.slice(2)) % 10 !== 9);
    expect(askedIds(api.metricQueries[0])).toEqual(running);
    expect(store.getSnapshot().cpuScope).toEqual({ asked: running.length, total: 10_009 });
    expect([...(store.getSnapshot().cpu.data?.keys() ?? [])]).toEqual(running);
    // the same rows again (a re-render): no new call
    store.setVisible(onScreen);
    await clock.advance(1_000);
    expect(api.metricQueries).toHaveLength(1);
    // scrolling shows new rows: one call for them once the rows hold still
    const scrolled = Array.from({ length: 24 }, (_, i) => `i-${i + 200}`);
    store.setVisible(scrolled.slice(0, 5));
    await clock.advance(100);
    store.setVisible(scrolled);
    await clock.advance(500);
    expect(api.metricQueries).toHaveLength(2);
    expect(askedIds(api.metricQueries[1])).toEqual(scrolled.filter((id) => Number(id.slice(2)) % 10 !== 9));
    // the filter's matches come after the rows on screen, up to the threshold
    const matches = Array.from({ length: 2_000 }, (_, i) => `i-${i + 5_000}`);
    store.setVisible([...scrolled, ...matches]);
    await clock.advance(500);
    expect(api.metricQueries[2]?.length).toBeLessThanOrEqual(LARGE_FLEET);
    expect(askedIds(api.metricQueries[2]).slice(0, 3)).toEqual(['i-200', 'i-201', 'i-202']);
    // and the timed refresh (next period boundary) keeps to the same rows
    const before = api.metricQueries.length;
    await clock.advance(5 * 60_000);
    expect(api.metricQueries.length).toBeGreaterThan(before);
    expect(api.metricQueries.at(-1)?.length).toBe(api.metricQueries[2]?.length);
    store.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('cpuTargets: running instances only, wanted order, no duplicates, at most the threshold', () => {
    const instances = fleetOf(20);
    expect(cpuTargets(instances, undefined, 50).map((i) => i.id)).toHaveLength(18);
    expect(cpuTargets(instances, undefined, 10)).toEqual([]);
    expect(cpuTargets(instances, ['i-3', 'i-9', 'i-3', 'i-1', 'i-x'], 10).map((i) => i.id)).toEqual(['i-3', 'i-1']);
    expect(cpuTargets(instances, instances.map((i) => i.id), 10)).toHaveLength(10);
  });
});
