// A refresh loop outside React. One refresh at a time (single-flight: a tick that finds one running is dropped),
// cancellable through an AbortSignal, backing off exponentially on errors (harder on throttling) and optionally
// aligned to period boundaries so metrics are fetched just after CloudWatch closes a datapoint.
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
  /** Cap of the backoff delay (default 5 min). */
  readonly backoffMaxMs?: number;
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

/** The backoff delay after `failures` consecutive failures: base·2^(n−1), ×4 more when throttled, capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, isThrottled: boolean): number {
  const exponent = Math.max(0, failures - 1) + (isThrottled ? 2 : 0);
  return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
}

/** Creates a stopped poller; call start(). */
export function createPoller(options: PollerOptions): Poller {
  const { clock, task } = options;
  let isRunning = false;
  let timer: TimerHandle | undefined;
  let nextAt: number | undefined;
  let controller: AbortController | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextAt = undefined;
  };

  /** Arms the timer `delay` real ms from now. */
  const scheduleIn = (delay: number): void => {
    clearTimer();
    if (!isRunning) return;
    nextAt = clock.now() + delay * (clock.speed ?? 1);
    timer = clock.setTimeout(() => {
      timer = undefined;
      nextAt = undefined;
      void run();
    }, delay);
  };

  const baseDelay = (): number => {
    const s = options.schedule();
    return Math.max(1_000, options.backoffBaseMs ?? (s.kind === 'interval' ? s.intervalMs : toRealMs(clock, s.periodMs)));
  };

  const run = (): Promise<void> => {
    if (inFlight !== undefined) return inFlight; // single-flight: drop this tick
    clearTimer();
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
        const schedule = options.schedule();
        const delay = nextDelay(schedule, clock.now());
        scheduleIn(schedule.kind === 'aligned' ? toRealMs(clock, delay) : delay);
      } catch (error) {
        if (isAbort(error, own.signal)) return;
        failures += 1;
        options.onError?.(error);
        const isThrottled = asAwsError(error).kind === 'throttled';
        scheduleIn(backoffDelay(failures, baseDelay(), options.backoffMaxMs ?? DEFAULT_MAX_BACKOFF_MS, isThrottled));
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
      void run();
    },
    stop() {
      isRunning = false;
      clearTimer();
      abortInFlight();
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
  };
}
