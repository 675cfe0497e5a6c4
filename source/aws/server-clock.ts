// The endpoint's clock, as its answers' Date headers tell it. Real AWS agrees with ours to the second; a training
// fleet run at ×60 (`ec2-triage sim --speed 60`) runs ahead of it, and a look at "the last three hours" must mean
// the endpoint's last three hours, or a fix made a fleet minute ago falls outside the window.

/** Offsets smaller than this are clock noise (Date has one-second resolution; ordinary skew): ours is used. */
export const SKEW_THRESHOLD_MS = 60_000;

export interface ServerClock {
  /** Notes an answer's Date header (RFC 7231), received at `localNow`. */
  observe(dateHeader: string | undefined, localNow?: number): void;
  /** The endpoint's time now: ours, or ours plus the offset its answers showed when that is beyond noise. */
  now(localNow?: number): number;
}

/** A clock that follows the latest Date header seen. */
export function createServerClock(): ServerClock {
  let offset = 0;
  return {
    observe(dateHeader, localNow = Date.now()) {
      const at = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
      if (Number.isFinite(at)) offset = Math.abs(at - localNow) >= SKEW_THRESHOLD_MS ? at - localNow : 0;
    },
    now: (localNow = Date.now()) => localNow + offset,
  };
}
