import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../source/model/clock.js';
import { scaledClock as fleetClock } from '../../source/sim/clock.js';

/** The demo's wiring: the fleet's faster time, with timers that know its speed (as run-tui builds it). */
const scaledClock = (speed: number, start?: number) => systemClock(fleetClock(speed, start).now, speed);
import { createPoller } from '../../source/model/poller.js';

describe('clocks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a scaled clock runs fast; timers take real ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const start = Date.UTC(2024, 0, 15, 2, 0, 0);
    const clock = scaledClock(60, start);
    let fired = 0;
    clock.setTimeout(() => fired++, 1_000);
    const cancelled = clock.setTimeout(() => fired++, 1_000);
    clock.clearTimeout(cancelled);
    vi.advanceTimersByTime(999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(start + 60_000);
  });

  it('an aligned poller on a 60× clock waits real seconds for clock minutes; intervals stay real', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const clock = scaledClock(60, Date.UTC(2024, 0, 15, 2, 0, 30));
    const aligned: number[] = [];
    const interval: number[] = [];
    const a = createPoller({ clock, schedule: () => ({ kind: 'aligned', periodMs: 60_000, lagMs: 0 }), task: async () => void aligned.push(clock.now()) });
    const b = createPoller({ clock, schedule: () => ({ kind: 'interval', intervalMs: 15_000 }), task: async () => void interval.push(clock.now()) });
    a.start();
    b.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(aligned.length).toBe(16); // at start, then at each clock minute: 0.5 s, 1.5 s, … 14.5 s real
    expect(interval.length).toBe(2);
    a.stop();
    b.stop();
  });

  it('the system clock is the wall clock', () => {
    const clock = systemClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    expect(() => scaledClock(0)).toThrow(/positive/);
  });
});
