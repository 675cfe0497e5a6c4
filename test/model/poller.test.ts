import { describe, expect, it } from 'vitest';
import { adaptFactor, backoffDelay, createPoller, nextDelay, pollerStatusText, slowedDelay } from '../../source/model/poller.js';
import type { PollerStatus, Schedule } from '../../source/model/poller.js';
import type { AwsError } from '../../source/domain/types.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { FakeAwsFailure } from '../helpers/fake-aws.js';

const every = (ms: number) => (): Schedule => ({ kind: 'interval', intervalMs: ms });

/** A task whose runs the test completes by hand. */
function manualTask() {
  const runs: { signal: AbortSignal; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const task = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      runs.push({ signal, resolve, reject });
    });
  return { runs, task };
}

describe('nextDelay', () => {
  it('waits the interval', () => {
    expect(nextDelay({ kind: 'interval', intervalMs: 15_000 }, 123)).toBe(15_000);
  });
  it.each([
    // [now within the minute (ms), expected delay]: boundary at :00 + 5 s lag
    [0, 5_000],
    [4_999, 1],
    [5_000, 60_000],
    [30_000, 35_000],
    [64_999, 1],
  ])('aligns to the next period boundary plus lag (now=+%i)', (offset, delay) => {
    const base = Date.UTC(2024, 0, 15, 2, 45, 0);
    expect(nextDelay({ kind: 'aligned', periodMs: 60_000, lagMs: 5_000 }, base + offset)).toBe(delay);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure and caps', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1_000, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });
});

describe('adaptFactor and slowedDelay', () => {
  it('slows one step per throttled refresh up to the cap and speeds up one step per success down to 1', () => {
    const up = [1, 2, 4, 8].map((f) => adaptFactor(f, 'throttled', 6));
    expect(up).toEqual([2, 4, 6, 6]);
    const down = [6, 3, 1.5, 1].map((f) => adaptFactor(f, 'success', 6));
    expect(down).toEqual([3, 1.5, 1, 1]);
  });
  it('a slowed aligned schedule skips whole periods and stays on the boundary', () => {
    const base = Date.UTC(2024, 0, 15, 2, 45, 0);
    const aligned: Schedule = { kind: 'aligned', periodMs: 60_000, lagMs: 10_000 };
    expect(slowedDelay(aligned, base + 20_000, 1)).toBe(50_000); // 02:46:10
    expect(slowedDelay(aligned, base + 20_000, 2)).toBe(110_000); // 02:47:10
    expect(slowedDelay({ kind: 'interval', intervalMs: 15_000 }, 0, 2)).toBe(30_000);
  });
  it('says the cadence and why', () => {
    expect(pollerStatusText({ name: 'instances', state: 'throttled', intervalMs: 30_000, baseIntervalMs: 15_000 })).toBe('instances every 30 s: throttled');
    expect(pollerStatusText({ name: 'CPU column', state: 'normal', intervalMs: 300_000, baseIntervalMs: 300_000 })).toBe('CPU column every 5 min');
    expect(pollerStatusText({ name: 'charts', state: 'idle', intervalMs: 60_000, baseIntervalMs: 60_000 })).toBe('charts: not running');
  });
});

describe('createPoller', () => {
  it('runs at start, then every interval', async () => {
    const clock = createFakeClock();
    let count = 0;
    const poller = createPoller({ clock, schedule: every(15_000), task: async () => void count++ });
    poller.start();
    await clock.flush();
    expect(count).toBe(1);
    await clock.advance(14_999);
    expect(count).toBe(1);
    await clock.advance(1);
    expect(count).toBe(2);
    await clock.advance(30_000);
    expect(count).toBe(4);
    poller.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('is single-flight: refreshNow while a refresh runs joins it instead of queueing', async () => {
    const clock = createFakeClock();
    const { runs, task } = manualTask();
    const poller = createPoller({ clock, schedule: every(1_000), task });
    poller.start();
    await clock.flush();
    const a = poller.refreshNow();
    const b = poller.refreshNow();
    await clock.advance(10_000); // no timer pending while in flight: nothing fires
    expect(runs).toHaveLength(1);
    expect(poller.isInFlight).toBe(true);
    runs[0]?.resolve();
    await Promise.all([a, b]);
    expect(runs).toHaveLength(1);
    expect(poller.nextAt).toBe(clock.now() + 1_000);
    poller.stop();
  });

  it('stop() aborts the call in flight and leaves no timers', async () => {
    const clock = createFakeClock();
    const { runs, task } = manualTask();
    const poller = createPoller({ clock, schedule: every(1_000), task });
    poller.start();
    await clock.flush();
    poller.stop();
    expect(runs[0]?.signal.aborted).toBe(true);
    runs[0]?.reject(new FakeAwsFailure({ kind: 'aborted', message: 'aborted' }));
    await clock.advance(60_000);
    expect(runs).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
    expect(poller.failures).toBe(0);
  });

  it('restart() aborts the old refresh and runs a new one at once', async () => {
    const clock = createFakeClock();
    const { runs, task } = manualTask();
    const poller = createPoller({ clock, schedule: every(1_000), task });
    poller.start();
    await clock.flush();
    void poller.restart();
    await clock.flush();
    expect(runs).toHaveLength(2);
    expect(runs[0]?.signal.aborted).toBe(true);
    expect(runs[1]?.signal.aborted).toBe(false);
    // The old refresh settling late must not disturb the new one's bookkeeping.
    runs[0]?.resolve();
    await clock.flush();
    expect(poller.isInFlight).toBe(true);
    runs[1]?.resolve();
    await clock.flush();
    expect(poller.isInFlight).toBe(false);
    expect(clock.pendingTimers()).toBe(1);
    poller.stop();
  });

  // A timeout, an unparsable answer, a non-AWS endpoint or refused credentials are failures like a reset socket.
  it.each<[string, AwsError]>([
    ['network', { kind: 'network', message: 'ECONNRESET' }],
    ['timeout', { kind: 'timeout', message: 'x', host: 'ec2.us-east-1', seconds: 15, phase: 'answer' }],
    ['malformed', { kind: 'malformed', message: 'x', service: 'ec2', operation: 'DescribeInstances' }],
    ['bad-endpoint', { kind: 'bad-endpoint', message: 'Unknown', status: 404 }],
    ['expired-credentials', { kind: 'expired-credentials', message: 'x' }],
  ])('backs off exponentially on %s errors, capped, and resets on success', async (_kind, error) => {
    const clock = createFakeClock();
    let shouldFail = true;
    const times: number[] = [];
    const errors: unknown[] = [];
    const poller = createPoller({
      clock,
      schedule: every(10_000),
      backoffMaxMs: 60_000,
      onError: (e) => errors.push(e),
      task: async () => {
        times.push(clock.now());
        if (shouldFail) throw new FakeAwsFailure(error);
      },
    });
    const t0 = clock.now();
    poller.start();
    await clock.advance(200_000);
    // fails at 0, then waits 10 s, 20 s, 40 s, 60 s (cap), 60 s…
    expect(times.map((t) => t - t0)).toEqual([0, 10_000, 30_000, 70_000, 130_000, 190_000]);
    expect(poller.failures).toBe(6);
    expect(errors).toHaveLength(6);
    shouldFail = false;
    await clock.advance(60_000);
    expect(poller.failures).toBe(0);
    const after = times.length;
    await clock.advance(10_000);
    expect(times.length).toBe(after + 1);
    poller.stop();
  });

  it('under 100 % throttling slows step by step (not straight to the cap), then speeds back up step by step', async () => {
    const clock = createFakeClock();
    let isThrottled = true;
    const times: number[] = [];
    const statuses: PollerStatus[] = [];
    const poller = createPoller({
      clock,
      name: 'instances',
      schedule: every(10_000),
      backoffMaxMs: 60_000,
      onStatus: (s) => statuses.push(s),
      task: async () => {
        times.push(clock.now());
        if (isThrottled) throw new FakeAwsFailure({ kind: 'throttled', message: 'Rate exceeded' });
      },
    });
    const t0 = clock.now();
    poller.start();
    await clock.advance(200_000);
    // waits 20 s, 40 s, 60 s (cap), 60 s: one doubling per throttled refresh
    expect(times.map((t) => t - t0)).toEqual([0, 20_000, 60_000, 120_000, 180_000]);
    expect(pollerStatusText(poller.status)).toBe('instances every 60 s: throttled');
    expect(statuses.filter((s) => s.state === 'throttled').map((s) => s.intervalMs)).toEqual([20_000, 40_000, 60_000]);
    isThrottled = false;
    const t1 = times.at(-1) ?? 0;
    await clock.advance(t1 + 60_000 - clock.now()); // the next try at the capped interval succeeds
    await clock.advance(60_000);
    // after the first success: 30 s, then 15 s, then back to the base 10 s
    expect(times.filter((t) => t > t1).map((t) => t - t1)).toEqual([60_000, 90_000, 105_000, 115_000]);
    expect(statuses.filter((s) => s.state !== 'throttled').map((s) => `${s.state} ${s.intervalMs}`)).toEqual(['normal 10000', 'recovering 30000', 'recovering 15000', 'normal 10000']);
    expect(poller.status).toMatchObject({ state: 'normal', intervalMs: 10_000 });
    poller.stop();
  });

  it('one throttled metrics refresh no longer waits the 5-minute cap: the next period boundary after one skipped', async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
    let failNext = 1;
    const fired: string[] = [];
    const poller = createPoller({
      clock,
      schedule: () => ({ kind: 'aligned', periodMs: 60_000, lagMs: 10_000 }),
      task: async () => {
        fired.push(new Date(clock.now()).toISOString().slice(11, 19));
        if (failNext-- > 0) throw new FakeAwsFailure({ kind: 'throttled', message: 'Rate exceeded' });
      },
    });
    poller.start();
    await clock.advance(300_000);
    // throttled at :45:20 → one period skipped (was: +240 s, then the 300 s cap after a second one), then every minute
    expect(fired).toEqual(['02:45:20', '02:47:10', '02:48:10', '02:49:10', '02:50:10']);
    poller.stop();
  });

  it('a gate that denies budget holds the timed tick back and the poller says so', async () => {
    const clock = createFakeClock();
    let wait = 25_000;
    const times: number[] = [];
    const poller = createPoller({ clock, name: 'CPU column', schedule: every(10_000), gate: { admit: () => wait }, task: async () => void times.push(clock.now()) });
    const t0 = clock.now();
    poller.start(); // start is not gated: the first refresh is what the user asked for
    await clock.advance(10_000);
    expect(pollerStatusText(poller.status)).toBe('CPU column every 35 s: waiting for budget');
    wait = 0;
    await clock.advance(30_000);
    expect(times.map((t) => t - t0)).toEqual([0, 35_000]);
    expect(poller.status.state).toBe('normal');
    poller.stop();
  });

  it('aligned schedule fires at period boundaries plus lag', async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 45, 20));
    const fired: string[] = [];
    const poller = createPoller({
      clock,
      schedule: () => ({ kind: 'aligned', periodMs: 60_000, lagMs: 5_000 }),
      task: async () => void fired.push(new Date(clock.now()).toISOString().slice(11, 19)),
    });
    poller.start();
    await clock.advance(150_000);
    expect(fired).toEqual(['02:45:20', '02:46:05', '02:47:05']);
    poller.stop();
  });

  it('refreshNow works while stopped without scheduling anything', async () => {
    const clock = createFakeClock();
    let count = 0;
    const poller = createPoller({ clock, schedule: every(1_000), task: async () => void count++ });
    await poller.refreshNow();
    expect(count).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });
});
