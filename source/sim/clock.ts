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
  const realStart = realNow();
  return anchoredClock(speed, { realStart, fleetStart: start ?? realStart }, realNow);
}

/** Where a scaled clock was started: the real time it was created and the fleet time it read then. */
export interface ClockAnchor {
  readonly realStart: number;
  readonly fleetStart: number;
}

/**
 * The scaled clock started at `anchor`: another thread given the same anchor reads the same fleet now
 * (the fleet's worker and the UI thread agree on the time).
 */
export function anchoredClock(speed: number, anchor: ClockAnchor, realNow: () => number = Date.now): Clock {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`clock speed must be a positive number, got ${speed}`);
  const { realStart, fleetStart } = anchor;
  // Whole milliseconds keep timestamps integral, as AWS's are.
  return { now: () => fleetStart + Math.floor((realNow() - realStart) * speed) };
}

/** A fleet clock an instructor can speed up, pause and resume while it runs (`sim --control`). */
export interface FleetClock extends Clock {
  speed(): number;
  isPaused(): boolean;
  /** From now on, fleet time runs `speed` times faster than real time; the fleet's now does not jump. */
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
}

/** A scaledClock whose speed and pause can change: fleet time stays continuous and never goes back. */
export function fleetClock(initialSpeed: number, start?: number, realNow: () => number = Date.now): FleetClock {
  const check = (speed: number): number => {
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`clock speed must be a positive number, got ${speed}`);
    return speed;
  };
  let speed = check(initialSpeed);
  let paused = false;
  let realAnchor = realNow();
  let fleetAnchor = start ?? realAnchor;
  const now = (): number => (paused ? fleetAnchor : fleetAnchor + Math.floor((realNow() - realAnchor) * speed));
  const reanchor = (): void => {
    fleetAnchor = now();
    realAnchor = realNow();
  };
  return {
    now,
    speed: () => speed,
    isPaused: () => paused,
    setSpeed: (next) => {
      const checked = check(next);
      reanchor();
      speed = checked;
    },
    pause: () => {
      reanchor();
      paused = true;
    },
    resume: () => {
      reanchor();
      paused = false;
    },
  };
}
