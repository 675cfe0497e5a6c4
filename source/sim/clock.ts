import type { Clock } from './types.js';

/** The wall clock. */
export function realClock(): Clock {
  return { now: () => Date.now() };
}

/**
 * A clock running `speed` times faster than `realNow`: fleet time = start + real elapsed × speed.
 * `start` defaults to the real time at creation, so speed 1 is the wall clock and speed 60 replays an hour a minute.
 */
export function scaledClock(speed: number, start?: number, realNow: () => number = Date.now): Clock {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`clock speed must be a positive number, got ${speed}`);
  const realStart = realNow();
  const fleetStart = start ?? realStart;
  // Whole milliseconds keep timestamps integral, as AWS's are.
  return { now: () => fleetStart + Math.floor((realNow() - realStart) * speed) };
}
