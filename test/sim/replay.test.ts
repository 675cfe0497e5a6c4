// The story replay's timeline: every narrated moment is one the oom fleet produces, in the story's order.
import { describe, expect, it } from 'vitest';
import { fleetClock } from '../../source/sim/clock.js';
import { dueLines, OOM_NARRATION, oomMoments, oomReplay, QUIET_BEFORE_RAMP_MS, replayStart, replayT0 } from '../../source/sim/replay.js';
import { OOM_TIMELINE, oomKills } from '../../source/sim/scenarios/oom.js';
import { PAGE_DELAY_MS } from '../../source/sim/story-start.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const MIN = 60_000;

describe('the oom replay', () => {
  it('places each moment where the fleet produces it', () => {
    for (const seed of [1, 7, 42]) {
      const m = oomMoments(seed, T0);
      const world = createWorld({ scenario: 'oom', seed, fleetSize: 0, clock: { now: () => T0 + PAGE_DELAY_MS }, t0: T0 });
      const mem = (t: number): number =>
        world.datapoints({ namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: { InstanceId: ML_SERVER_ID } }, t, t + MIN, 60, 'Maximum').values[0] ?? NaN;
      expect(m.quiet).toBe(T0 + OOM_TIMELINE.rampStart - QUIET_BEFORE_RAMP_MS);
      expect(m.traffic).toBe(T0 + OOM_TIMELINE.rampStart);
      expect(mem(m.memory90)).toBeGreaterThanOrEqual(90);
      expect(mem(m.memory90 - MIN)).toBeLessThan(90);
      expect(m.kill).toBe(oomKills(T0, seed)[0]);
      expect(m.allocation).toBe(m.kill - 2000);
      expect(m.page).toBe(T0 + PAGE_DELAY_MS);
      expect([m.quiet, m.traffic, m.memory90, m.allocation, m.kill, m.page]).toEqual([m.quiet, m.traffic, m.memory90, m.allocation, m.kill, m.page].sort((a, b) => a - b));
    }
  });

  it('narrates the story in order with the fleet times in the text', () => {
    const timeline = oomReplay(1, T0);
    expect(timeline.map((l) => l.moment)).toEqual(['quiet', 'traffic', 'memory90', 'allocation', 'kill', 'page']);
    expect(timeline.map((l) => l.text.slice(0, 8))).toEqual(['01:44:52', '02:04:52', expect.stringMatching(/^02:[34]\d:00$/), '02:45:10', '02:45:12', '02:49:52']);
    expect(timeline[0]?.offset).toBe(0);
    expect(OOM_NARRATION.every((l) => l.text.startsWith('{time}'))).toBe(true);
  });

  it('a replay fleet starts in the quiet before the ramp, and a paused clock says nothing new', () => {
    let real = 0;
    const now = Date.UTC(2026, 0, 1, 9, 0, 0);
    const clock = fleetClock(60, now, () => real);
    const t0 = replayT0(clock.now());
    expect(replayStart(t0)).toBe(now);
    const timeline = oomReplay(1, t0);
    real = 25_000; // 25 fleet minutes in: the quiet and the traffic rise have been said
    expect(dueLines(timeline, now - 1, clock.now()).map((l) => l.moment)).toEqual(['quiet', 'traffic']);
    clock.pause();
    const at = clock.now();
    real = 500_000;
    expect(dueLines(timeline, at, clock.now())).toEqual([]);
    clock.resume();
    real = 600_000;
    expect(dueLines(timeline, at, clock.now()).map((l) => l.moment)).toEqual(['memory90', 'allocation', 'kill', 'page']);
  });
});
