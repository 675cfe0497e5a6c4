// Pure metric generators: the value of metric M of an instance at time t is a function of its profile and t,
// so nothing is stored and a 10,000-instance fleet costs no memory until someone asks for a series.
import type { BurstCredits } from './catalog.js';
import { hashString, noise, smoothNoise } from './rng.js';
import type { SimDatapoints, SimStatistic } from './types.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** What a metric generator needs to know about one instance (derived on demand, never stored per series). */
export interface MetricProfile {
  readonly seed: number;
  /** CPUUtilization % at the daily mean load. */
  readonly baseCpu: number;
  /** NetworkIn bytes per minute at the daily mean load. */
  readonly netBytesPerMin: number;
  /** NetworkOut / NetworkIn. */
  readonly outRatio: number;
  /** Average packet size in bytes, to turn bytes into packet counts. */
  readonly packetBytes: number;
  /** EBS bytes written per minute at the daily mean load. */
  readonly ebsBytesPerMin: number;
  /** CWAgent mem_used_percent mean. */
  readonly memBase: number;
  /** CWAgent disk_used_percent at launch; the root volume fills slowly after. */
  readonly diskBase: number;
  readonly vcpus: number;
  readonly launchTime: number;
  readonly isNitro: boolean;
  readonly hasAgent: boolean;
  readonly credits: BurstCredits | undefined;
}

/** Reads another metric of the same instance (with scenario overrides applied), for derived metrics. */
export type PeerSampler = (metricName: string, t: number) => number;

export interface MetricDef {
  readonly namespace: 'AWS/EC2' | 'CWAgent';
  readonly name: string;
  readonly unit: 'Percent' | 'Bytes' | 'Count';
  /** 'monitoring' follows the instance (60 s detailed, 300 s basic); a number is fixed whatever the monitoring. */
  readonly resolution: 'monitoring' | 60 | 300;
  /** One raw datapoint is a statistic set of per-minute samples (EC2 basic monitoring), not a single value. */
  readonly isStatSet: boolean;
  /** Extra dimensions besides InstanceId. */
  readonly extraDimensions: Readonly<Record<string, string>>;
  readonly appliesTo: (p: MetricProfile) => boolean;
  /** The raw sample at minute `t`. */
  readonly sample: (p: MetricProfile, t: number, peer: PeerSampler) => number;
}

/** 0 at 06:00 UTC, 1 at 18:00 UTC: US daytime traffic. */
export function diurnal(t: number): number {
  const hours = (t % DAY) / HOUR;
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (hours - 18)) / 24);
}

/** Traffic factor around 1: daily cycle times a slow per-instance wander. */
export function load(p: MetricProfile, t: number): number {
  const wander = smoothNoise(p.seed, 1, t / (30 * MINUTE));
  return (0.6 + 0.8 * diurnal(t)) * (0.85 + 0.3 * wander);
}

/** Per-minute white noise in [0, 1) for one metric key. */
export function jitter(p: MetricProfile, key: string, t: number): number {
  return noise(p.seed, hashString(key), Math.floor(t / MINUTE));
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const always = (): boolean => true;
const nitroOnly = (p: MetricProfile): boolean => p.isNitro;
const agentOnly = (p: MetricProfile): boolean => p.hasAgent;
const zero = (): number => 0;

const cpu = (p: MetricProfile, t: number): number =>
  clamp(p.baseCpu * load(p, t) * (0.9 + 0.2 * jitter(p, 'cpu', t)), 0.1, 100);
const netIn = (p: MetricProfile, t: number): number =>
  Math.round(p.netBytesPerMin * load(p, t) * (0.85 + 0.3 * jitter(p, 'in', t)));
const netOut = (p: MetricProfile, t: number): number =>
  Math.round(p.netBytesPerMin * p.outRatio * load(p, t) * (0.85 + 0.3 * jitter(p, 'out', t)));
const ebsWrite = (p: MetricProfile, t: number): number =>
  Math.round(p.ebsBytesPerMin * (0.5 + 0.5 * load(p, t)) * (0.6 + 0.8 * jitter(p, 'ebsw', t)));
const ebsRead = (p: MetricProfile, t: number): number =>
  Math.round(p.ebsBytesPerMin * 0.3 * (0.2 + 1.6 * jitter(p, 'ebsr', t) ** 3));

// Credits: one credit is one vCPU at 100% for a minute. The balance is a closed form of the long-run average,
// so it needs no integration; a scenario that drains credits overrides it.
const creditUsage = (p: MetricProfile, t: number, peer: PeerSampler): number => {
  let used = 0;
  for (let m = t - 5 * MINUTE; m < t; m += MINUTE) used += (p.vcpus * peer('CPUUtilization', m)) / 100;
  return used;
};
const creditBalance = (p: MetricProfile, t: number): number => {
  const c = p.credits;
  if (c === undefined) return 0;
  const netPerHour = c.creditsPerHour - (p.vcpus * 60 * p.baseCpu) / 100;
  const earned = netPerHour * ((t - p.launchTime) / HOUR);
  return clamp(earned - 3 * jitter(p, 'credit', t), 0, c.maxBalance);
};

const ec2 = (
  name: string,
  unit: MetricDef['unit'],
  sample: MetricDef['sample'],
  appliesTo: MetricDef['appliesTo'] = always,
  resolution: MetricDef['resolution'] = 'monitoring',
): MetricDef => ({
  namespace: 'AWS/EC2',
  name,
  unit,
  resolution,
  isStatSet: resolution === 'monitoring',
  extraDimensions: {},
  appliesTo,
  sample,
});

const agent = (name: string, extraDimensions: Record<string, string>, sample: MetricDef['sample']): MetricDef => ({
  namespace: 'CWAgent',
  name,
  unit: 'Percent',
  resolution: 60,
  isStatSet: false,
  extraDimensions,
  appliesTo: agentOnly,
  sample,
});

/** Every metric the fleet publishes, in ListMetrics order. Status checks are 1-minute and credits 5-minute, as on AWS. */
export const METRIC_DEFS: readonly MetricDef[] = [
  ec2('CPUUtilization', 'Percent', cpu),
  ec2('NetworkIn', 'Bytes', netIn),
  ec2('NetworkOut', 'Bytes', netOut),
  ec2('NetworkPacketsIn', 'Count', (p, t, peer) => Math.round(peer('NetworkIn', t) / p.packetBytes)),
  ec2('NetworkPacketsOut', 'Count', (p, t, peer) => Math.round(peer('NetworkOut', t) / p.packetBytes)),
  // Nitro instances without instance store report these as 0, exactly as AWS does.
  ec2('DiskReadBytes', 'Bytes', zero),
  ec2('DiskWriteBytes', 'Bytes', zero),
  ec2('DiskReadOps', 'Count', zero),
  ec2('DiskWriteOps', 'Count', zero),
  ec2('EBSReadBytes', 'Bytes', ebsRead, nitroOnly),
  ec2('EBSWriteBytes', 'Bytes', ebsWrite, nitroOnly),
  ec2('EBSReadOps', 'Count', (_p, t, peer) => Math.round(peer('EBSReadBytes', t) / 32_768), nitroOnly),
  ec2('EBSWriteOps', 'Count', (_p, t, peer) => Math.round(peer('EBSWriteBytes', t) / 16_384), nitroOnly),
  ec2('StatusCheckFailed', 'Count', (_p, t, peer) =>
    Math.max(peer('StatusCheckFailed_System', t), peer('StatusCheckFailed_Instance', t)), always, 60),
  ec2('StatusCheckFailed_System', 'Count', zero, always, 60),
  ec2('StatusCheckFailed_Instance', 'Count', zero, always, 60),
  ec2('CPUCreditUsage', 'Count', creditUsage, (p) => p.credits !== undefined, 300),
  ec2('CPUCreditBalance', 'Count', creditBalance, (p) => p.credits !== undefined, 300),
  // Standard credit mode: instances never borrow ahead (that is unlimited mode), so surplus metrics stay 0.
  ec2('CPUSurplusCreditBalance', 'Count', zero, (p) => p.credits !== undefined, 300),
  ec2('CPUSurplusCreditsCharged', 'Count', zero, (p) => p.credits !== undefined, 300),
  agent('mem_used_percent', {}, (p, t) =>
    clamp(p.memBase + 6 * (diurnal(t) - 0.5) + 3 * (smoothNoise(p.seed, 2, t / (20 * MINUTE)) - 0.5) +
      jitter(p, 'mem', t), 1, 99.5)),
  agent('disk_used_percent', { path: '/', device: 'nvme0n1p1', fstype: 'xfs' }, (p, t) =>
    clamp(p.diskBase + (0.15 * (t - p.launchTime)) / DAY + 0.02 * jitter(p, 'disk', t), 1, 100)),
];

const BY_KEY = new Map(METRIC_DEFS.map((d) => [`${d.namespace}|${d.name}`, d]));

/** The definition of a metric; undefined for one the fleet does not publish. */
export function metricDef(namespace: string, name: string): MetricDef | undefined {
  return BY_KEY.get(`${namespace}|${name}`);
}

/** Raw resolution in seconds of a metric on an instance with the given monitoring. */
export function rawResolution(def: MetricDef, monitoring: 'enabled' | 'disabled'): number {
  if (def.resolution !== 'monitoring') return def.resolution;
  return monitoring === 'enabled' ? 60 : 300;
}

/** A raw series as the aggregator sees it. Times in epoch ms. */
export interface RawSeries {
  readonly resolutionSec: number;
  readonly isStatSet: boolean;
  /** First instant with data (inclusive): launch or start. */
  readonly from: number;
  /** First instant without data (exclusive): just after now, or the stop time. */
  readonly to: number;
  readonly unit: string;
  /** Sample at a whole minute. */
  readonly sample: (t: number) => number;
}

const alignDown = (t: number, step: number): number => Math.floor(t / step) * step;

/**
 * Where CloudWatch starts the buckets of a query: a high-resolution period (under 60 s) at StartTime rounded down
 * to the period; otherwise at StartTime rounded down by its age — to the minute under 15 days, to 5 minutes
 * under 63 days, to the hour beyond (GetMetricStatistics' and GetMetricData's documented rounding).
 */
export function queryStart(start: number, now: number, periodSec: number): number {
  if (periodSec < 60) return alignDown(start, periodSec * 1000);
  const age = now - start;
  if (age < 15 * DAY) return alignDown(start, MINUTE);
  if (age < 63 * DAY) return alignDown(start, 5 * MINUTE);
  return alignDown(start, HOUR);
}

/**
 * Aggregates a raw series over [start, end) into buckets of `periodSec` starting at `start` (already rounded by
 * queryStart), like CloudWatch: no bucket is stamped before the query's start. A statistic-set datapoint counts
 * all its minute samples taken so far, so the current partial bucket already shows what happened in it.
 */
export function aggregate(series: RawSeries, start: number, end: number, periodSec: number, stat: SimStatistic): SimDatapoints {
  const period = periodSec * 1000;
  const res = series.resolutionSec * 1000;
  let ts = alignDown(Math.max(start, series.from), res);
  if (ts < start) ts += res;
  const stop = Math.min(end, series.to);
  const timestamps: number[] = [];
  const sums: number[] = [];
  const mins: number[] = [];
  const maxs: number[] = [];
  const counts: number[] = [];
  for (; ts < stop; ts += res) {
    const setEnd = series.isStatSet ? Math.min(ts + res, series.to) : ts + 1;
    const bucket = start + alignDown(ts - start, period);
    for (let m = Math.max(ts, Math.ceil(series.from / MINUTE) * MINUTE); m < setEnd; m += MINUTE) {
      const v = series.sample(m);
      // NaN is a gap (the instance was off): no sample, and no bucket unless another sample falls in it.
      if (Number.isNaN(v)) continue;
      const last = timestamps.length - 1;
      if (timestamps[last] !== bucket) {
        timestamps.push(bucket);
        sums.push(v);
        mins.push(v);
        maxs.push(v);
        counts.push(1);
      } else {
        sums[last] = (sums[last] ?? 0) + v;
        mins[last] = Math.min(mins[last] ?? v, v);
        maxs[last] = Math.max(maxs[last] ?? v, v);
        counts[last] = (counts[last] ?? 0) + 1;
      }
    }
  }
  const values = timestamps.map((_, i) => {
    const sum = sums[i] ?? 0;
    const count = counts[i] ?? 1;
    switch (stat) {
      case 'Average':
        return sum / count;
      case 'Sum':
        return sum;
      case 'Minimum':
        return mins[i] ?? 0;
      case 'Maximum':
        return maxs[i] ?? 0;
      case 'SampleCount':
        return count;
    }
  });
  return { timestamps, values, unit: series.unit };
}
