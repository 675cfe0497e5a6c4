import { describe, expect, it } from 'vitest';
import { anchoredClock, fleetClock, realClock, scaledClock } from '../../source/sim/clock.js';

describe('clocks', () => {
  it('realClock follows Date.now', () => {
    const before = Date.now();
    const now = realClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('scaledClock runs speed times faster from its start', () => {
    let real = 1_000_000;
    const clock = scaledClock(60, 5_000_000, () => real);
    expect(clock.now()).toBe(5_000_000);
    real += 1_000;
    expect(clock.now()).toBe(5_060_000);
    real += 60_000;
    expect(clock.now()).toBe(5_000_000 + 61 * 60_000);
  });

  it('scaledClock starts at real now by default', () => {
    let real = 42_000;
    const clock = scaledClock(2, undefined, () => real);
    expect(clock.now()).toBe(42_000);
    real += 500;
    expect(clock.now()).toBe(43_000);
  });

  it('anchoredClock: a clock made later from the same anchor reads the same fleet now (the UI thread and the fleet worker)', () => {
    let real = 1_000_333;
    const anchor = { realStart: real, fleetStart: 7_000_000 };
    const ui = anchoredClock(60, anchor, () => real);
    real += 2_357; // the worker starts later
    const worker = anchoredClock(60, anchor, () => real);
    expect(worker.now()).toBe(ui.now());
    expect(worker.now()).toBe(7_000_000 + 2_357 * 60);
    real += 1;
    expect(worker.now()).toBe(ui.now());
    expect(() => anchoredClock(-1, anchor)).toThrow(/speed/);
  });

  it('rejects a speed that is not a positive number', () => {
    expect(() => scaledClock(0)).toThrow(/speed/);
    expect(() => scaledClock(Number.NaN)).toThrow(/speed/);
  });
});

describe('fleetClock', () => {
  it('changes speed, pauses and resumes without fleet time jumping or going back', () => {
    let real = 1000;
    const clock = fleetClock(2, 50_000, () => real);
    real += 1000;
    expect(clock.now()).toBe(52_000);
    clock.setSpeed(60);
    expect(clock.now()).toBe(52_000);
    real += 1000;
    expect(clock.now()).toBe(112_000);
    clock.pause();
    real += 5000;
    expect([clock.now(), clock.isPaused()]).toEqual([112_000, true]);
    clock.setSpeed(1);
    real += 5000;
    expect(clock.now()).toBe(112_000);
    clock.resume();
    real += 1000;
    expect([clock.now(), clock.speed(), clock.isPaused()]).toEqual([113_000, 1, false]);
    expect(() => clock.setSpeed(0)).toThrow('clock speed must be a positive number, got 0');
    expect(clock.speed()).toBe(1);
  });
});
