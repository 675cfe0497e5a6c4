// Time for the model: `now()` for metric windows and stamps, and real-time timers so pollers can run on a fake
// clock in tests. In the demo, now() is the training fleet's (possibly faster) time; `speed` says how many clock
// ms pass per real ms, so a poller aligned to CloudWatch periods (in clock time) converts its wait to real time,
// while intervals such as "refresh the list every 15 s" stay real seconds.

/** An opaque timer handle returned by Clock.setTimeout. */
export type TimerHandle = unknown;

/** Current time plus one-shot timers. Timer delays are real milliseconds. */
export interface Clock {
  now(): number;
  /** Clock ms per real ms (1 when absent). */
  readonly speed?: number;
  setTimeout(callback: () => void, realMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node timers that never keep the process alive: stop() clears them, unref() is the backstop. */
const nodeTimers = {
  setTimeout: (callback: () => void, realMs: number): TimerHandle => {
    const timer = setTimeout(callback, Math.max(0, realMs));
    timer.unref();
    return timer;
  },
  clearTimeout: (handle: TimerHandle): void => clearTimeout(handle as NodeJS.Timeout),
};

/** Node's timers with `now` as the time (default the wall clock); pass the fleet's speed when `now` runs faster. */
export function systemClock(now: () => number = Date.now, speed = 1): Clock {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`clock speed must be a positive number, got ${speed}`);
  return { now, speed, ...nodeTimers };
}


/** Real milliseconds until `clockMs` of clock time have passed. */
export function toRealMs(clock: Clock, clockMs: number): number {
  return clockMs / (clock.speed ?? 1);
}
