// Following a log group: each poll asks FilterLogEvents from a start-time cursor and appends only what is new.
// The cursor starts a little before the newest event seen (events can land late, or share a millisecond with the
// last one read), so nothing is missed; the keys seen in that overlap drop the repeats. Pure.
import type { LogEvent } from '../domain/types.js';

/** Where the next poll starts and what it has already seen there. */
export interface FollowCursor {
  /** The newest event time seen (ms); before any event, the time following started from. */
  readonly newest: number;
  /** Keys of the events seen at or after `newest − overlapMs`: a later poll re-reads them, and drops them. */
  readonly seen: ReadonlyMap<string, number>;
  /** How far back each poll starts from `newest` (ms): late arrivals within it are still caught. */
  readonly overlapMs: number;
  /** The last answer was capped (more events than one call returns): the next poll starts at `newest`, not before. */
  readonly isCatchingUp?: boolean;
}

/** An event's identity: its eventId, or its time and message when it has none (a stream's repeats are rare). */
export function eventKey(e: LogEvent): string {
  return e.eventId ?? `${e.timestamp.getTime()}|${e.message}`;
}

/** A cursor that has seen `events` (the first page shown), or starts at `from` when there are none. */
export function startCursor(from: number, events: readonly LogEvent[], overlapMs = 10_000, isCapped = false): FollowCursor {
  return advance({ newest: from, seen: new Map(), overlapMs }, events, isCapped).cursor;
}

/** The start time of the next FilterLogEvents call (inclusive). */
export function pollStart(cursor: FollowCursor): number {
  // Catching up, the overlap could hold more events than a call returns: starting before `newest` would re-read
  // the same page forever.
  return Math.max(0, cursor.isCatchingUp === true ? cursor.newest : cursor.newest - cursor.overlapMs);
}

/**
 * Takes one poll's answer: the events not seen before (in time order) and the cursor after them. A capped answer
 * (`isCapped`: the call returned as many as it may) is fine: the next poll starts at its newest event, so the rest
 * follow (events sharing that millisecond are told apart by the keys seen).
 */
export function advance(cursor: FollowCursor, events: readonly LogEvent[], isCapped = false): { readonly fresh: LogEvent[]; readonly cursor: FollowCursor } {
  const seen = new Map(cursor.seen);
  const fresh: LogEvent[] = [];
  for (const e of events) {
    const key = eventKey(e);
    if (seen.has(key)) continue;
    seen.set(key, e.timestamp.getTime());
    fresh.push(e);
  }
  fresh.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const newest = Math.max(cursor.newest, ...fresh.map((e) => e.timestamp.getTime()));
  // Forget what no later poll can return again (older than the overlap): the map stays small however long it runs.
  const floor = newest - cursor.overlapMs;
  for (const [key, t] of seen) if (t < floor) seen.delete(key);
  return { fresh, cursor: { newest, seen, overlapMs: cursor.overlapMs, ...(isCapped ? { isCatchingUp: true } : {}) } };
}

/** `existing` then `fresh`, keeping at most the newest `max` events (the view is a ring, not a growing file). */
export function appendEvents<T>(existing: readonly T[], fresh: readonly T[], max: number): readonly T[] {
  if (fresh.length === 0) return existing;
  const all = [...existing, ...fresh];
  return all.length > max ? all.slice(all.length - max) : all;
}
