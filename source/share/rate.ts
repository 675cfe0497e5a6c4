// A follower may send a few notes and pointers, not a flood: a sliding window of the last accepted send times.
// Pure (the caller passes the clock), so the limit is tested without waiting.

export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export const FOLLOWER_RATE: RateLimit = { max: 20, windowMs: 10_000 };

/** The send times still inside the window, plus `now` when one more is allowed; `allowed` says which. */
export function admit(times: readonly number[], now: number, limit: RateLimit): { readonly allowed: boolean; readonly times: readonly number[] } {
  const recent = times.filter((at) => now - at < limit.windowMs);
  if (recent.length >= limit.max) return { allowed: false, times: recent };
  return { allowed: true, times: [...recent, now] };
}
