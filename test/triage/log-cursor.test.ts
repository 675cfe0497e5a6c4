import { describe, expect, test } from 'vitest';
import type { LogEvent } from '../../source/domain/types.js';
import { advance, appendEvents, eventKey, pollStart, startCursor } from '../../source/triage/log-cursor.js';

const ev = (t: number, message: string, eventId?: string): LogEvent => ({ timestamp: new Date(t), message, logStream: 'i-0abc12345', eventId });

describe('follow cursor', () => {
  test('an event id identifies an event; without one, its time and message do', () => {
    expect(eventKey(ev(5, 'a', 'id-1'))).toBe('id-1');
    expect(eventKey(ev(5, 'a'))).toBe('5|a');
    expect(eventKey(ev(5, 'a'))).not.toBe(eventKey(ev(6, 'a')));
  });

  test('the next poll starts an overlap before the newest event seen', () => {
    const c = startCursor(1_000, [ev(50_000, 'x', '1')], 10_000);
    expect(c.newest).toBe(50_000);
    expect(pollStart(c)).toBe(40_000);
    expect(pollStart(startCursor(1_000, [], 10_000))).toBe(0);
  });

  test('a repeated poll appends nothing (no duplicates, with or without ids)', () => {
    const page = [ev(10_000, 'a', '1'), ev(11_000, 'b'), ev(11_000, 'c')];
    const c = startCursor(0, page, 5_000);
    const again = advance(c, page);
    expect(again.fresh).toEqual([]);
    expect(again.cursor.newest).toBe(11_000);
  });

  test('an event landing late with the same millisecond as the last one read is not lost (no gap)', () => {
    const c = startCursor(0, [ev(20_000, 'first', '1')], 5_000);
    const next = advance(c, [ev(20_000, 'first', '1'), ev(20_000, 'same ms, arrived later', '2'), ev(18_000, 'late by 2 s', '3')]);
    expect(next.fresh.map((e) => e.message)).toEqual(['late by 2 s', 'same ms, arrived later']);
  });

  test('a capped answer is continued by the next poll from its newest event: every event once, in order', () => {
    const all = Array.from({ length: 25 }, (_, i) => ev(1_000 * (i + 1), `m${i}`, `id${i}`));
    // A server that returns at most 10 events from the start time on; the overlap (5 s) alone holds 5 of them.
    const call = (from: number) => all.filter((e) => e.timestamp.getTime() >= from).slice(0, 10);
    let cursor = startCursor(0, [], 5_000);
    const got: LogEvent[] = [];
    for (let i = 0; i < 6; i += 1) {
      const page = call(pollStart(cursor));
      const r = advance(cursor, page, page.length >= 10);
      got.push(...r.fresh);
      cursor = r.cursor;
    }
    expect(got.map((e) => e.message)).toEqual(all.map((e) => e.message));
  });

  test('keys older than the overlap are forgotten (the map stays small)', () => {
    let c = startCursor(0, [], 1_000);
    for (let i = 0; i < 100; i += 1) c = advance(c, [ev(i * 500, `m${i}`)]).cursor;
    expect(c.seen.size).toBeLessThanOrEqual(3);
  });

  test('appendEvents keeps the newest events up to the cap', () => {
    const a = [ev(1, 'a'), ev(2, 'b')];
    expect(appendEvents(a, [], 3)).toBe(a);
    expect(appendEvents(a, [ev(3, 'c'), ev(4, 'd')], 3).map((e) => e.message)).toEqual(['b', 'c', 'd']);
  });

  test('catching up, a poll starts at the newest event: an overlap denser than a page never stalls', () => {
    // 50 events in one second, 10 per call, a 10 s overlap: starting before the newest would re-read the same page.
    const all = Array.from({ length: 50 }, (_, i) => ev(100_000 + i * 20, `m${i}`, `id${i}`));
    const call = (from: number) => all.filter((e) => e.timestamp.getTime() >= from).slice(0, 10);
    let cursor = startCursor(0, [], 10_000);
    const got: LogEvent[] = [];
    for (let i = 0; i < 8; i += 1) {
      const page = call(pollStart(cursor));
      const r = advance(cursor, page, page.length >= 10);
      got.push(...r.fresh);
      cursor = r.cursor;
    }
    expect(got.map((e) => e.message)).toEqual(all.map((e) => e.message));
    // Caught up (a short page): the overlap is back.
    expect(pollStart(cursor)).toBe(cursor.newest - 10_000);
  });
});
