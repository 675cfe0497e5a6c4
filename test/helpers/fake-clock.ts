// A manual clock for pollers: timers fire only when the test advances time, in due order, with pending
// promise callbacks flushed between timers so async refreshes settle as they would on a real event loop.
import type { Clock, TimerHandle } from '../../source/model/clock.js';

export interface FakeClock extends Clock {
  /** Moves time forward by ms, firing due timers in order and letting their async work settle. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  flush(): Promise<void>;
  /** Number of timers scheduled and not yet fired or cleared. */
  pendingTimers(): number;
  /** Due times of pending timers, ascending. */
  dueTimes(): number[];
}

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Settles promise chains: a macrotask turn lets every queued microtask (and their follow-ups) run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A fake clock starting at `start` (epoch ms). */
export function createFakeClock(start = Date.UTC(2024, 0, 15, 2, 45, 0)): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const due = (): Timer | undefined => {
    let first: Timer | undefined;
    for (const t of timers.values()) if (first === undefined || t.at < first.at || (t.at === first.at && t.id < first.id)) first = t;
    return first;
  };
  return {
    now: () => now,
    setTimeout(callback: () => void, ms: number): TimerHandle {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle: TimerHandle) {
      timers.delete(handle as number);
    },
    async advance(ms: number) {
      const end = now + ms;
      await flushPromises();
      for (let t = due(); t !== undefined && t.at <= end; t = due()) {
        timers.delete(t.id);
        now = Math.max(now, t.at);
        t.callback();
        await flushPromises();
      }
      now = end;
      await flushPromises();
    },
    flush: flushPromises,
    pendingTimers: () => timers.size,
    dueTimes: () => [...timers.values()].map((t) => t.at).sort((a, b) => a - b),
  };
}
