import { describe, expect, test } from 'vitest';
import { cell, formatAge, formatBytes, formatClock, formatCount, formatPeriod, formatUnit, truncate } from '../../source/ui/format.js';

describe('formatUnit', () => {
  test.each([
    [98.24, 'Percent', '98.2%'],
    [0, 'Percent', '0.0%'],
    [1_258_291, 'Bytes', '1.2 MB'],
    [512, 'Bytes', '512 B'],
    [2048, 'Bytes', '2 KB'],
    [1536, 'Bytes/Second', '1.5 KB/s'],
    [3, 'Count', '3'],
    [0.5, 'Count', '0.5'],
    [12345, 'Count', '12,345'],
    [2.25, 'None', '2.3'],
    [Number.NaN, 'Percent', '—'],
  ])('%s %s → %s', (value, unit, expected) => {
    expect(formatUnit(value, unit)).toBe(expected);
  });
});

describe('ages, clock, counts, periods', () => {
  test.each([
    [0, '0s'],
    [3_400, '3s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_600_000, '1h'],
    [3_900_000, '1h 5m'],
    [3 * 86_400_000, '3d'],
    [-5_000, '0s'],
  ])('formatAge(%s) = %s', (ms, expected) => expect(formatAge(ms)).toBe(expected));

  test('clock is HH:MM:SS UTC', () => expect(formatClock(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('03:04:05 UTC'));
  test.each([
    [0, '0'],
    [999, '999'],
    [10_000, '10,000'],
    [1_234_567, '1,234,567'],
  ])('formatCount(%s) = %s', (n, expected) => expect(formatCount(n)).toBe(expected));
  test.each([
    [60, '1 min'],
    [300, '5 min'],
    [3600, '1 h'],
    [45, '45 s'],
  ])('formatPeriod(%s) = %s', (s, expected) => expect(formatPeriod(s)).toBe(expected));
  test('formatBytes of big values', () => expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB'));
});


describe('truncate and cell', () => {
  test.each([
    ['hello', 5, 'hello'],
    ['hello world', 5, 'hell…'],
    ['abc', 1, '…'],
    ['abc', 0, ''],
  ])('truncate(%s, %s)', (text, width, expected) => expect(truncate(text, width)).toBe(expected));
  test('cell pads to the width', () => expect(cell('ab', 4)).toBe('ab  '));
});
