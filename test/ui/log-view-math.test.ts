import { describe, expect, test } from 'vitest';
import type { LogLine } from '../../source/model/logs-store.js';
import { markerColumn, overlayMarkers, timeAxis, toggleMarker } from '../../source/ui/panes/metrics/chart-math.js';
import { wholeLine } from '../../source/ui/views/logs/logs-view.js';
import { findMatches, lineSignature, logTime, logWindow, markerLabel, matchSegments, stepMatch } from '../../source/ui/views/logs/log-lines.js';

const line = (text: string, at?: number): LogLine => ({ text, at: at === undefined ? undefined : new Date(at) });
const T = Date.UTC(2024, 0, 15, 2, 45, 12);

describe('log search', () => {
  const lines = ['INFO ok', 'ERROR disk', 'warn', 'error again', 'Error 3'].map((t) => line(t));
  test('matches case-insensitively, none for an empty query', () => {
    expect(findMatches(lines, 'error')).toEqual([1, 3, 4]);
    expect(findMatches(lines, '')).toEqual([]);
    expect(findMatches(lines, 'nothing')).toEqual([]);
  });
  test('n/N step to the next/previous match and wrap around', () => {
    const m = [1, 3, 4];
    expect(stepMatch(m, 1, 1)).toBe(3);
    expect(stepMatch(m, 4, 1)).toBe(1);
    expect(stepMatch(m, 3, -1)).toBe(1);
    expect(stepMatch(m, 1, -1)).toBe(4);
    expect(stepMatch(m, 0, -1)).toBe(4);
    expect(stepMatch([], 0, 1)).toBeUndefined();
  });
  test('the matching pieces of a line are cut out for highlighting', () => {
    expect(matchSegments('Out of memory: OOM', 'oom')).toEqual([
      { text: 'Out of memory: ', isMatch: false },
      { text: 'OOM', isMatch: true },
    ]);
    expect(matchSegments('abab', 'ab').filter((s) => s.isMatch)).toHaveLength(2);
    expect(matchSegments('x', '')).toEqual([{ text: 'x', isMatch: false }]);
  });
});

describe('signature highlighting', () => {
  test("a known-bad line gets the triage table's meaning and a tone by severity", () => {
    const oom = lineSignature('[ 1000.1] Out of memory: Killed process 1234 (python3) total-vm:1kB');
    expect(oom).toMatchObject({ id: 'oom-kill', short: 'OOM kill', meaning: 'OOM killer killed a process', tone: 'bad' });
    expect(lineSignature('Jan 15 02:00:00 ip-10-0-1-5 sshd[812]: error: Bind to port 22 failed')).toMatchObject({ id: 'sshd-failed', tone: 'warn' });
    expect(lineSignature('write failed: No space left on device')?.short).toBe('ENOSPC');
    expect(lineSignature('INFO all good')).toBeUndefined();
  });
  test('times are shown in the header zone (UTC), and a marker is labelled by its signature', () => {
    expect(logTime(new Date(T))).toBe('02:45:12');
    expect(logTime(undefined)).toBe('--:--:--');
    expect(markerLabel(line('Out of memory: Killed process 1 (python3)'), new Date(T))).toBe('OOM kill 02:45:12');
    expect(markerLabel(line('INFO hello'), new Date(T))).toBe('log line 02:45:12');
  });
});

describe('log window', () => {
  test('by default the cursor is on the newest line and the view at the bottom (tailing)', () => {
    expect(logWindow(100, 10, undefined, undefined, undefined)).toEqual({ cursor: 99, from: 90 });
    expect(logWindow(100, 10, 'end', 3, undefined)).toEqual({ cursor: 99, from: 90 });
  });
  test("opened for a finding, the cursor is on its line, centred", () => {
    expect(logWindow(100, 10, undefined, undefined, 40)).toEqual({ cursor: 40, from: 35 });
    expect(logWindow(100, 10, undefined, undefined, 2)).toEqual({ cursor: 2, from: 0 });
  });
  test('a moved cursor stays in view; nothing past the ends', () => {
    expect(logWindow(100, 10, 20, 25, undefined)).toEqual({ cursor: 20, from: 20 });
    expect(logWindow(100, 10, 50, 30, undefined)).toEqual({ cursor: 50, from: 41 });
    expect(logWindow(100, 10, 500, 0, undefined)).toEqual({ cursor: 99, from: 90 });
    expect(logWindow(0, 10, 5, 5, 5)).toEqual({ cursor: 0, from: 0 });
  });
});

describe('chart markers', () => {
  const area = { start: 6, points: 61 };
  const from = T - 3_600_000;
  test("a time maps to the plot column the time axis uses; outside the span there is no marker", () => {
    expect(markerColumn(from, from, T, area)).toBe(6);
    expect(markerColumn(T, from, T, area)).toBe(66);
    expect(markerColumn(from + 1_800_000, from, T, area)).toBe(36);
    expect(markerColumn(from - 1, from, T, area)).toBeUndefined();
    expect(markerColumn(T + 1, from, T, area)).toBeUndefined();
    // The same column the axis centres a round time's label on.
    const axis = timeAxis(from, T, area, 80);
    expect(axis.indexOf('02:20')).toBe((markerColumn(Date.UTC(2024, 0, 15, 2, 20), from, T, area) ?? 0) - 2);
  });
  test('the marker is drawn as ▼ on the top row and │ through blank plot cells', () => {
    expect(overlayMarkers(['ab   ', 'a─  b', 'xyz'], [3])).toEqual(['ab ▼ ', 'a─ │b', 'xyz│']);
    expect(overlayMarkers(['abc'], [])).toEqual(['abc']);
  });
  test('m on the same time again removes it; markers stay in time order', () => {
    const a = { at: 2, label: 'b' };
    const b = { at: 1, label: 'a' };
    const both = toggleMarker(toggleMarker([], a), b);
    expect(both.map((m) => m.at)).toEqual([1, 2]);
    expect(toggleMarker(both, { at: 2, label: 'other' })).toEqual([b]);
  });
});

describe('the cursor line, whole', () => {
  test('a line wider than the pane is wrapped under the rows, its last row marked when even that is cut', () => {
    const kill = 'Dec  4 21:24:06 ip-172-31-45-67 kernel: Killed process 1234 (python3) total-vm:6270392kB, anon-rss:3527109kB, file-rss:0kB, shmem-rss:0kB';
    const rows = wholeLine(kill, 40, 3);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => [...r].length <= 40)).toBe(true);
    expect(rows.join(' ').replace(/\s+/g, ' ')).toContain('Killed process 1234 (python3)');
    expect(rows[2]?.endsWith('…')).toBe(true);
    expect(wholeLine('short', 40, 3)).toEqual(['short']);
  });
});
