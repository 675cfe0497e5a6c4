import { describe, expect, test } from 'vitest';
import { chartLines, chartTitle, downsample, fitCharts, fitToWidth, isAgentSeries, plotArea, scrollNote, sparkline, timeAxis } from '../../source/ui/panes/metrics/chart-math.js';
import { makeSeries } from '../helpers/fake-model.js';

describe('fitToWidth', () => {
  test.each([
    [[1, 2, 3], 6, [1, 1, 2, 2, 3, 3]],
    [[5, 9], 5, [5, 5, 5, 9, 9]],
    [[1, 2, 3, 4], 2, [2, 4]],
    [[7], 3, [7, 7, 7]],
    [[], 4, []],
  ])('%j to width %i is %j', (values, width, expected) => {
    expect(fitToWidth(values, width)).toEqual(expected);
  });

  test('a sparse series fills the chart width', () => {
    const values = Array.from({ length: 12 }, (_, i) => (i < 8 ? 20 : 100));
    const lines = chartLines({ key: 'cpu', title: 'CPU', unit: 'Percent', timestamps: [], values, stats: undefined }, 60, 3);
    const longest = Math.max(...lines.map((l) => l.trimEnd().length));
    expect(longest).toBeGreaterThanOrEqual(58);
  });
});

describe('downsample', () => {
  test.each([
    [[1, 2, 3], 5, [1, 2, 3]],
    [[1, 2, 3, 4], 2, [2, 4]],
    [[1, 9, 1, 1, 1, 1], 3, [9, 1, 1]],
    [[1, 1, 1, 1, 1, 50, 1, 1, 1], 3, [1, 50, 1]],
    [[5, Number.NaN, 7], 5, [5, 7]],
    [[1, 2, 3], 0, []],
  ])('%j to %s → %j', (values, width, expected) => {
    expect(downsample(values, width)).toEqual(expected);
  });

  test('a one-point spike survives 1,440 → 60 points', () => {
    const values = Array.from({ length: 1440 }, (_, i) => (i === 777 ? 99 : 10));
    const out = downsample(values, 60);
    expect(out).toHaveLength(60);
    expect(Math.max(...out)).toBe(99);
  });
});

describe('fitCharts: the charts grow with the pane', () => {
  test.each([
    // count, height, extra → chartRows, shown, hidden, hasAxis
    [8, 4, 0, 1, 1, 7, true], //    80×24: title, sparkline, axis, scroll line
    [8, 11, 0, 3, 2, 6, true], //   120×40: two readable charts rather than four sparklines
    [8, 15, 0, 3, 3, 5, true], //   200×50
    [8, 44, 0, 4, 8, 0, true], //   200×50 zoomed: all of them, taller
    [6, 44, 0, 6, 6, 0, true], //   fewer charts (no agent): each taller still
    [3, 15, 0, 3, 3, 0, true], //   3×(1+3) + axis
    [3, 40, 0, 12, 3, 0, true], //  capped at MAX_CHART_ROWS
    [3, 9, 0, 6, 1, 2, true], //    one readable chart beats three sparklines
    [3, 7, 0, 4, 1, 2, true],
    [3, 8, 1, 4, 1, 2, true], //    the extra line (error, agent note) comes off the room
    [5, 6, 0, 3, 1, 4, true],
    [3, 5, 0, 2, 1, 2, true], //    too small for a readable one: a two-row chart
    [2, 5, 0, 1, 2, 0, true], //    or all of them as sparklines when they fit
    [8, 3, 0, 1, 1, 7, false], //   no room for the axis: title, sparkline, scroll line
    [1, 2, 0, 1, 1, 0, false],
    [0, 10, 0, 0, 0, 0, false],
    [2, 0, 0, 1, 0, 2, false],
  ])('%s charts in %s lines (+%s extra) → %s rows, %s shown, %s hidden', (count, height, extra, chartRows, shown, hidden, hasAxis) => {
    expect(fitCharts(count, height, extra)).toEqual({ chartRows, shown, hidden, hasAxis });
  });

  test('never taller than the pane, and taller panes never get shorter charts', () => {
    for (const count of [1, 3, 6, 8]) {
      let before = 0;
      for (let height = 0; height <= 60; height += 1) {
        const fit = fitCharts(count, height, 0);
        const used = fit.shown * (1 + fit.chartRows) + (fit.hasAxis ? 1 : 0) + (fit.hidden > 0 ? 1 : 0);
        expect(used, `${count} in ${height}`).toBeLessThanOrEqual(Math.max(height, 1));
        expect(fit.shown + fit.hidden).toBe(count);
        if (fit.shown === count) {
          expect(fit.chartRows, `${count} in ${height}`).toBeGreaterThanOrEqual(before);
          before = fit.chartRows;
        }
      }
    }
  });
});

describe('scrollNote: where the scroll stands', () => {
  test.each([
    [0, 8, 8, ''],
    [0, 2, 8, '+6 more below (charts 1–2 of 8, ↑/↓)'],
    [3, 2, 8, '+3 more below, 3 above (charts 4–5 of 8, ↑/↓)'],
    [6, 2, 8, '6 above (charts 7–8 of 8, ↑/↓)'],
    [0, 0, 6, '6 charts: no room here (z zooms the pane)'],
  ])('from %s, %s shown of %s → %j', (from, shown, total, expected) => {
    expect(scrollNote(from, shown, total)).toBe(expected);
  });
});

describe('timeAxis: start and end under the plot', () => {
  const from = Date.UTC(2024, 5, 1, 0, 0);
  const to = Date.UTC(2024, 5, 1, 2, 55);
  test('labels the first column and the last, with times between where they fit', () => {
    const area = plotArea(60, 3, 6);
    const axis = timeAxis(from, to, area, 60);
    expect(axis.indexOf('00:00')).toBe(area.start);
    expect(axis.endsWith('02:55 UTC')).toBe(true);
    expect(axis.length).toBe(area.start + area.points);
    expect(axis.match(/\d\d:\d\d/g)?.length).toBeGreaterThan(2);
    expect(axis).toMatch(/\d\d:\d\d {2,}\d\d:\d\d/);
  });
  test.each([8, 14, 20, 30, 80, 200])('width %s: never wider, the end always there', (width) => {
    const axis = timeAxis(from, to, plotArea(width, 1, 0), width);
    expect(axis.length).toBeLessThanOrEqual(width);
    if (width >= 9) expect(axis.endsWith('02:55 UTC')).toBe(true);
    if (width >= 16) expect(axis.startsWith('00:00')).toBe(true);
  });
  test('round times between the ends', () => {
    const axis = timeAxis(from, to, plotArea(60, 3, 6), 60);
    for (const tick of axis.match(/\d\d:\d\d(?! UTC)/g)?.slice(1) ?? []) expect(Number(tick.slice(3)) % 5).toBe(0);
  });
  test('a note (no room for a scroll line of its own) sits between the ends, or the axis gives way', () => {
    const area = plotArea(78, 1, 0);
    expect(timeAxis(from, to, area, 78, '+5 more below')).toBe(`00:00  +5 more below${' '.repeat(78 - 7 - 13 - 9)}02:55 UTC`);
    expect(timeAxis(from, to, plotArea(24, 1, 0), 24, '+5 more below')).toBe('');
  });
  test('a sparkline starts at column 0; a chart after its y labels', () => {
    expect(plotArea(40, 1, 0)).toEqual({ start: 0, points: 40 });
    expect(plotArea(40, 3, 6)).toEqual({ start: 7, points: 32 });
  });
});

describe('chartTitle: whole values, the statistic when it fits', () => {
  const cpu = { ...makeSeries('cpu', 'CPU utilization', 'Percent', [12.5, 97.25, 40]), shortTitle: 'CPU', stat: 'Average', period: 60 };
  test('says the statistic and the period', () => {
    expect(chartTitle(cpu)).toBe('CPU utilization (Average of 1 min)  now 40.0%  min 12.5%  avg 49.9%  max 97.3%');
  });
  test.each(Array.from({ length: 90 }, (_, i) => i + 3))('width %s: fits, and no value is cut', (width) => {
    const title = chartTitle(cpu, width);
    expect([...title].length).toBeLessThanOrEqual(width);
    expect(title).not.toContain('…');
    if (width >= 13) expect(title).toContain('now 40.0%');
    const values = title.replace(/\(.*?\)/g, '').match(/(?:now|min|avg|max) \S+/g) ?? [];
    for (const value of values) expect(['now 40.0%', 'min 12.5%', 'avg 49.9%', 'max 97.3%']).toContain(value);
  });
});

describe('chart text', () => {
  const cpu = makeSeries('cpu', 'CPU', 'Percent', Array.from({ length: 500 }, (_, i) => (i * 13) % 100));
  test.each([1, 2, 3, 4])('%s rows stay within the width', (rows) => {
    const lines = chartLines(cpu, 40, rows);
    expect(lines.length).toBeLessThanOrEqual(rows);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
  });
  test('title has unit-formatted stats', () => {
    expect(chartTitle(makeSeries('net', 'Network in', 'Bytes', [0, 1_258_291]))).toBe(
      'Network in  now 1.2 MB  min 0 B  avg 614 KB  max 1.2 MB',
    );
    expect(chartTitle(makeSeries('x', 'Empty', 'Count', []))).toBe('Empty  no datapoints');
  });
  test('sparkline spans low to high', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    expect(sparkline([3, 3])).toBe('▁▁');
  });
  test.each([
    ['mem_used_percent', 'Memory used', true],
    ['disk_used_percent', 'Disk used', true],
    ['cpu', 'CPU utilization', false],
    ['disk_read', 'Disk read bytes', false],
  ])('isAgentSeries(%s)', (key, title, expected) => {
    expect(isAgentSeries(makeSeries(key, title, 'Percent', [1]))).toBe(expected);
  });
});
