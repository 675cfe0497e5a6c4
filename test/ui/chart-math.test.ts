import { describe, expect, test } from 'vitest';
import { chartLines, chartTitle, downsample, fitCharts, fitToWidth, isAgentSeries, sparkline } from '../../source/ui/panes/metrics/chart-math.js';
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

describe('fitCharts', () => {
  test.each([
    // count, height, extra → chartRows, shown, hidden
    [3, 15, 0, 4, 3, 0],
    [3, 9, 0, 2, 3, 0],
    [3, 6, 0, 1, 3, 0],
    [5, 6, 0, 1, 2, 3],
    [5, 12, 0, 1, 5, 1 - 1],
    [6, 11, 0, 2, 3, 3],
    [3, 7, 1, 1, 3, 0],
    [0, 10, 0, 0, 0, 0],
    [2, 0, 0, 1, 0, 2],
  ])('%s charts in %s lines (+%s extra)', (count, height, extra, chartRows, shown, hidden) => {
    expect(fitCharts(count, height, extra)).toEqual({ chartRows, shown, hidden });
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
