import { describe, expect, it } from 'vitest';
import { burstCredits } from '../../source/sim/catalog.js';
import { aggregate, diurnal, METRIC_DEFS, metricDef, queryStart, rawResolution } from '../../source/sim/metrics.js';
import type { MetricProfile, RawSeries } from '../../source/sim/metrics.js';

const MIN = 60_000;
const H = 3_600_000;
const T = Date.UTC(2024, 0, 15, 0, 0, 0);

// Minute m (since T) has value m: easy to check sums by hand.
const linear = (over: Partial<RawSeries> = {}): RawSeries => ({
  resolutionSec: 60,
  isStatSet: false,
  from: T,
  to: T + 10 * H,
  unit: 'Count',
  sample: (t) => (t - T) / MIN,
  ...over,
});

describe('aggregate', () => {
  it.each([
    ['Sum', [0 + 1 + 2 + 3 + 4, 5 + 6 + 7 + 8 + 9]],
    ['Average', [2, 7]],
    ['Minimum', [0, 5]],
    ['Maximum', [4, 9]],
    ['SampleCount', [5, 5]],
  ] as const)('computes %s over 5-minute buckets of 1-minute data', (stat, expected) => {
    const d = aggregate(linear(), T, T + 10 * MIN, 300, stat);
    expect(d.timestamps).toEqual([T, T + 5 * MIN]);
    expect(d.values).toEqual(expected);
    expect(d.unit).toBe('Count');
  });

  it('starts the buckets at the query start, never stamping a datapoint before it (issue 9)', () => {
    const start = T + 7 * MIN;
    const d = aggregate(linear(), start, T + 27 * MIN, 600, 'SampleCount');
    expect(d.timestamps).toEqual([start, start + 10 * MIN]);
    expect(d.values).toEqual([10, 10]);
    expect(Math.min(...d.timestamps)).toBeGreaterThanOrEqual(start);
    // Minutes 7..16 fall in the first bucket: the sum of m over them.
    expect(aggregate(linear(), start, T + 17 * MIN, 600, 'Sum').values).toEqual([7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16]);
  });

  it('excludes the end and anything at or after `to` (now), keeping a partial bucket', () => {
    const d = aggregate(linear({ to: T + 7 * MIN + 1 }), T, T + H, 300, 'SampleCount');
    expect(d.timestamps).toEqual([T, T + 5 * MIN]);
    expect(d.values).toEqual([5, 3]);
    expect(aggregate(linear(), T, T + 5 * MIN, 300, 'Sum').timestamps).toEqual([T]);
  });

  it('starts at the first minute on or after `from` (launch)', () => {
    const d = aggregate(linear({ from: T + 2 * MIN + 30_000 }), T, T + 5 * MIN, 300, 'Minimum');
    expect(d.values).toEqual([3]);
  });

  it('treats basic-monitoring points as statistic sets of the minute samples taken so far', () => {
    const basic = linear({ resolutionSec: 300, isStatSet: true, to: T + 7 * MIN + 1 });
    expect(aggregate(basic, T, T + H, 300, 'Average').values).toEqual([2, 6]);
    expect(aggregate(basic, T, T + H, 300, 'SampleCount').values).toEqual([5, 3]);
    // A 60-second query of 5-minute data shows one point per 5 minutes, stamped at the set's start.
    const fine = aggregate(basic, T, T + H, 60, 'Maximum');
    expect(fine.timestamps).toEqual([T, T + 5 * MIN]);
    expect(fine.values).toEqual([4, 7]);
  });

  it('single-value series (status checks, agent, credits) take one sample per datapoint', () => {
    const credits = linear({ resolutionSec: 300 });
    const d = aggregate(credits, T, T + 15 * MIN, 300, 'SampleCount');
    expect(d.values).toEqual([1, 1, 1]);
    expect(aggregate(credits, T, T + 15 * MIN, 900, 'Sum').values).toEqual([0 + 5 + 10]);
  });

  it('returns nothing for an empty window', () => {
    expect(aggregate(linear({ from: T + H }), T, T + H, 300, 'Average').timestamps).toEqual([]);
  });
});

describe('queryStart (CloudWatch rounds StartTime down by its age)', () => {
  const DAY = 24 * H;
  const start = T + 7 * MIN + 13_000;
  it.each([
    ['under 15 days: to the minute', 1 * DAY, 300, T + 7 * MIN],
    ['15 to 63 days: to 5 minutes', 20 * DAY, 60, T + 5 * MIN],
    ['beyond 63 days: to the hour', 70 * DAY, 3600, T],
    ['a high-resolution period: to the period', 0, 10, T + 7 * MIN + 10_000],
  ] as const)('%s', (_name, age, period, expected) => {
    expect(queryStart(start, start + age, period)).toBe(expected);
  });
});

describe('metric definitions', () => {
  const profile: MetricProfile = {
    seed: 9, baseCpu: 30, netBytesPerMin: 1e7, outRatio: 0.5, packetBytes: 1000, ebsBytesPerMin: 1e6,
    memBase: 50, diskBase: 40, vcpus: 2, launchTime: T - 10 * 24 * H, isNitro: true, hasAgent: true,
    credits: burstCredits('t3.micro'),
  };
  const peer = (name: string, t: number): number => metricDef(name === 'mem_used_percent' || name === 'disk_used_percent' ? 'CWAgent' : 'AWS/EC2', name)?.sample(profile, t, peer) ?? 0;

  it('uses CloudWatch units', () => {
    expect(metricDef('AWS/EC2', 'CPUUtilization')?.unit).toBe('Percent');
    expect(metricDef('AWS/EC2', 'NetworkIn')?.unit).toBe('Bytes');
    expect(metricDef('AWS/EC2', 'NetworkPacketsOut')?.unit).toBe('Count');
    expect(metricDef('AWS/EC2', 'StatusCheckFailed_System')?.unit).toBe('Count');
    expect(metricDef('CWAgent', 'mem_used_percent')?.unit).toBe('Percent');
    expect(metricDef('AWS/EC2', 'mem_used_percent')).toBeUndefined();
  });

  it('follows the monitoring for EC2 metrics and is fixed for status checks, credits and the agent', () => {
    const cpu = metricDef('AWS/EC2', 'CPUUtilization');
    if (cpu === undefined) throw new Error('no cpu');
    expect(rawResolution(cpu, 'enabled')).toBe(60);
    expect(rawResolution(cpu, 'disabled')).toBe(300);
    expect(rawResolution(metricDef('AWS/EC2', 'StatusCheckFailed')!, 'disabled')).toBe(60);
    expect(rawResolution(metricDef('AWS/EC2', 'CPUCreditBalance')!, 'enabled')).toBe(300);
    expect(rawResolution(metricDef('CWAgent', 'mem_used_percent')!, 'disabled')).toBe(60);
  });

  it('produces values in their natural ranges with a daily cycle', () => {
    for (let t = T; t < T + 24 * H; t += 7 * MIN) {
      for (const def of METRIC_DEFS) {
        const v = def.sample(profile, t, peer);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        if (def.unit === 'Percent') expect(v).toBeLessThanOrEqual(100);
      }
    }
    expect(diurnal(Date.UTC(2024, 0, 15, 18))).toBeCloseTo(1);
    expect(diurnal(Date.UTC(2024, 0, 15, 6))).toBeCloseTo(0);
    const cpu = metricDef('AWS/EC2', 'CPUUtilization')!;
    const peak = cpu.sample(profile, Date.UTC(2024, 0, 15, 18), peer);
    const trough = cpu.sample(profile, Date.UTC(2024, 0, 15, 6), peer);
    expect(peak).toBeGreaterThan(trough);
  });

  it('reports 0 for instance-store disk metrics and 0/1 status checks on a healthy Nitro instance', () => {
    for (const name of ['DiskReadBytes', 'DiskWriteBytes', 'DiskReadOps', 'DiskWriteOps', 'StatusCheckFailed']) {
      expect(metricDef('AWS/EC2', name)?.sample(profile, T, peer)).toBe(0);
    }
    expect(metricDef('AWS/EC2', 'EBSWriteBytes')?.sample(profile, T, peer)).toBeGreaterThan(0);
  });

  it('keeps an idle burstable instance at its maximum credit balance', () => {
    const idle = { ...profile, baseCpu: 2 };
    expect(metricDef('AWS/EC2', 'CPUCreditBalance')?.sample(idle, T, peer)).toBeGreaterThan(280);
    const usage = metricDef('AWS/EC2', 'CPUCreditUsage')?.sample(profile, T, peer) ?? 0;
    expect(usage).toBeGreaterThan(0);
    expect(usage).toBeLessThan(10); // 2 vCPUs × 5 minutes = 10 credits at 100%
  });
});
