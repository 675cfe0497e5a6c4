// A refresh loop outside React. One refresh at a time (single-flight: a tick that finds one running is dropped),
// cancellable through an AbortSignal, backing off exponentially on errors and optionally aligned to period
// boundaries so metrics are fetched just after CloudWatch closes a datapoint. Throttling is not an error to back
// off from but a rate to adapt to: each throttled refresh doubles the interval (up to the cap), each successful
// one halves it back towards the base, so a poller neither hammers a throttled API nor stays slow once it is
// not (one throttled metrics refresh used to wait the whole 5-minute cap). An optional gate (the app's call
// budget) may hold a timed tick back; the poller then waits as told and says so in its status.
import { setMaxListeners } from 'node:events';
import { toRealMs } from './clock.js';
import type { Clock, TimerHandle } from './clock.js';
import { asAwsError, isAbort } from './errors.js';

/**
 * When the next tick fires after a success: every `intervalMs` of real time, or at boundaries of a period of
 * clock time plus a lag (a scaled demo clock reaches them sooner).
 */
export type Schedule =
  | { readonly kind: 'interval'; readonly intervalMs: number }
  | { readonly kind: 'aligned'; readonly periodMs: number; readonly lagMs: number };

export interface PollerOptions {
  readonly clock: Clock;
  /** The refresh. Must honour the signal; its rejection is reported to onError and triggers backoff. */
  readonly task: (signal: AbortSignal) => Promise<void>;
  /** Read at every reschedule, so a store can change its cadence (e.g. the selected instance's period). */
  readonly schedule: () => Schedule;
  /** Told of each failed refresh (aborts are not failures). */
  readonly onError?: (error: unknown) => void;
  /** First backoff delay in real ms; defaults to the schedule's interval/period, at least 1 s. */
  readonly backoffBaseMs?: number;
  /** Cap of the backoff delay and of the throttled interval (default 5 min). */
  readonly backoffMaxMs?: number;
  /** What the budget view calls this poller ("instances", "CPU column"). */
  readonly name?: string;
  /** Asked before each timed tick (not refreshNow/restart, which the user or a selection asked for). */
  readonly gate?: PollerGate;
  /** Told whenever the status (interval, state) changes. */
  readonly onStatus?: (status: PollerStatus) => void;
}

/** Admission of a timed tick: 0 to run now, else real ms to wait before asking again. */
export interface PollerGate {
  admit(): number;
}

/** Why a poller runs at its current interval. */
export type PollerState = 'idle' | 'normal' | 'throttled' | 'recovering' | 'failing' | 'waiting for budget';

/** A poller's cadence now, for the budget view: "instances every 30 s: throttled". */
export interface PollerStatus {
  readonly name: string;
  readonly state: PollerState;
  /** The real ms between refreshes as things stand (base × the throttle factor; the backoff while failing). */
  readonly intervalMs: number;
  /** The cadence it returns to when nothing is throttled or failing. */
  readonly baseIntervalMs: number;
}

export interface Poller {
  /** Runs a refresh now and keeps polling. Idempotent. */
  start(): void;
  /** Aborts the refresh in flight and clears the timer: nothing is left pending. */
  stop(): void;
  /** Refreshes now unless one is running (then that one's completion is returned: single-flight). */
  refreshNow(): Promise<void>;
  /** Aborts the refresh in flight (its result is no longer wanted) and starts a fresh one now. */
  restart(): Promise<void>;
  readonly isRunning: boolean;
  readonly isInFlight: boolean;
  /** Consecutive failures (0 after a success). */
  readonly failures: number;
  /** Clock time the next tick is due; undefined when stopped or in flight. */
  readonly nextAt: number | undefined;
  /** The current interval and why. */
  readonly status: PollerStatus;
}

const DEFAULT_MAX_BACKOFF_MS = 300_000;

/** The delay until the next tick of a schedule, from `now` (clock ms for aligned, real ms for interval). */
export function nextDelay(schedule: Schedule, now: number): number {
  if (schedule.kind === 'interval') return Math.max(0, schedule.intervalMs);
  const { periodMs, lagMs } = schedule;
  // Next boundary strictly after now (minus lag), so a refresh that finished at the boundary waits a full period.
  const boundary = (Math.floor((now - lagMs) / periodMs) + 1) * periodMs + lagMs;
  return Math.max(0, boundary - now);
}

/** The backoff delay after `failures` consecutive (non-throttle) failures: base·2^(n−1), capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, failures - 1), 30));
}

/** How much slower each throttled refresh makes the poller, and how much faster each success makes it again. */
export const THROTTLE_STEP = 2;

/**
 * The next throttle factor (interval = base × factor): ×THROTTLE_STEP per throttled refresh up to `maxFactor`,
 * ÷THROTTLE_STEP per success down to 1. One step at a time both ways.
 */
export function adaptFactor(factor: number, outcome: 'throttled' | 'success', maxFactor: number): number {
  if (outcome === 'throttled') return Math.max(1, Math.min(maxFactor, factor * THROTTLE_STEP));
  const next = factor / THROTTLE_STEP;
  return next < 1.01 ? 1 : next;
}

/** The delay of a slowed schedule: the interval × factor, or for an aligned one the first boundary after (factor−1) periods. */
export function slowedDelay(schedule: Schedule, now: number, factor: number): number {
  if (factor <= 1) return nextDelay(schedule, now);
  if (schedule.kind === 'interval') return Math.max(0, schedule.intervalMs * factor);
  const extra = Math.round((factor - 1) * schedule.periodMs);
  return extra + nextDelay(schedule, now + extra);
}

/** "instances every 30 s: throttled" (the state only when it is not the normal cadence); "charts: not running". */
export function pollerStatusText(status: PollerStatus): string {
  if (status.state === 'idle') return `${status.name}: not running`;
  const seconds = status.intervalMs / 1000;
  const every = seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds >= 10 ? Math.round(seconds) : Math.round(seconds * 10) / 10} s`;
  return `${status.name} every ${every}${status.state === 'normal' ? '' : `: ${status.state}`}`;
}

/** Creates a stopped poller; call start(). */
export function createPoller(options: PollerOptions): Poller {
  const { clock, task } = options;
  const maxMs = options.backoffMaxMs ?? DEFAULT_MAX_BACKOFF_MS;
  let isRunning = false;
  let timer: TimerHandle | undefined;
  let nextAt: number | undefined;
  let controller: AbortController | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let factor = 1;
  let state: PollerState = 'idle';
  let failingDelay = 0;
  /** Real ms the gate has held the coming tick back: the interval the user sees is the schedule's plus this. */
  let heldMs = 0;

  /** The schedule's own cadence in real ms (a period of clock time converted). */
  const baseInterval = (): number => {
    const s = options.schedule();
    return s.kind === 'interval' ? s.intervalMs : toRealMs(clock, s.periodMs);
  };
  const computeStatus = (): PollerStatus => {
    const base = baseInterval();
    const intervalMs = state === 'failing' ? failingDelay : base * factor + heldMs;
    return { name: options.name ?? 'refresh', state, intervalMs, baseIntervalMs: base };
  };
  let status = computeStatus();
  /** Recomputes the status and tells the listener when it changed. */
  const publish = (next: PollerState): void => {
    state = next;
    const fresh = computeStatus();
    if (fresh.state === status.state && fresh.intervalMs === status.intervalMs && fresh.baseIntervalMs === status.baseIntervalMs) return;
    status = fresh;
    options.onStatus?.(status);
  };

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextAt = undefined;
  };

  /** Arms the timer `delay` real ms from now; a timed tick asks the gate first. */
  const scheduleIn = (delay: number): void => {
    clearTimer();
    if (!isRunning) return;
    nextAt = clock.now() + delay * (clock.speed ?? 1);
    timer = clock.setTimeout(() => {
      timer = undefined;
      nextAt = undefined;
      const wait = options.gate?.admit() ?? 0;
      if (wait > 0) {
        heldMs += wait;
        publish('waiting for budget');
        scheduleIn(wait);
        return;
      }
      void run();
    }, delay);
  };

  const backoffBase = (): number => Math.max(1_000, options.backoffBaseMs ?? baseInterval());

  /** The real ms until the next tick at the current factor. */
  const delayAtFactor = (): number => {
    const schedule = options.schedule();
    const delay = slowedDelay(schedule, clock.now(), factor);
    return schedule.kind === 'aligned' ? toRealMs(clock, delay) : delay;
  };
  const maxFactor = (): number => Math.max(1, maxMs / Math.max(1, baseInterval()));

  const run = (): Promise<void> => {
    if (inFlight !== undefined) return inFlight; // single-flight: drop this tick
    clearTimer();
    heldMs = 0;
    const own = new AbortController();
    // One signal fans out to every call of a round (a dozen or more SDK calls, each listening): without this Node
    // prints MaxListenersExceededWarning to stderr, which would tear the UI.
    setMaxListeners(100, own.signal);
    controller = own;
    const attempt = (async () => {
      try {
        await task(own.signal);
        if (own.signal.aborted) return;
        failures = 0;
        factor = adaptFactor(factor, 'success', maxFactor());
        publish(factor > 1 ? 'recovering' : 'normal');
        scheduleIn(delayAtFactor());
      } catch (error) {
        if (isAbort(error, own.signal)) return;
        failures += 1;
        options.onError?.(error);
        if (asAwsError(error).kind === 'throttled') {
          // Throttling is a rate to adapt to: one step slower per throttled refresh, never straight to the cap.
          factor = adaptFactor(factor, 'throttled', maxFactor());
          publish('throttled');
          scheduleIn(Math.min(maxMs, delayAtFactor()));
        } else {
          failingDelay = backoffDelay(failures, backoffBase(), maxMs);
          publish('failing');
          scheduleIn(failingDelay);
        }
      } finally {
        if (controller === own) {
          controller = undefined;
          inFlight = undefined;
        }
      }
    })();
    inFlight = attempt;
    return attempt;
  };

  const abortInFlight = (): void => {
    controller?.abort();
    controller = undefined;
    inFlight = undefined;
  };

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      publish('normal');
      void run();
    },
    stop() {
      isRunning = false;
      clearTimer();
      abortInFlight();
      publish('idle');
    },
    refreshNow() {
      return run();
    },
    restart() {
      abortInFlight();
      return run();
    },
    get isRunning() {
      return isRunning;
    },
    get isInFlight() {
      return inFlight !== undefined;
    },
    get failures() {
      return failures;
    },
    get nextAt() {
      return nextAt;
    },
    get status() {
      return status;
    },
  };
}
