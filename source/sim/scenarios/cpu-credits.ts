// High CPU, the burstable kind: the ML server was moved to a t3.large (standard credit mode) to save money. A
// nightly re-scoring job raised demand to ~62% 23 hours before T0; a t3.large earns 36 credits/h (its 30% baseline
// on 2 vCPUs), so the balance drains from the 864 maximum to 0 at T0−40 min. From then on CPUUtilization is pinned
// at the 30% baseline while demand stays higher, inference latency climbs, and CPUSurplusCreditBalance stays 0
// (standard mode never borrows). Status checks ok; nothing on the console.
import { burstCredits } from '../catalog.js';
import { noise } from '../rng.js';
import { HOUR, MIN, atSecond } from './incident.js';
import { appLine, LOG_GROUPS, SLOT_MS } from './logs.js';
import type { MetricOverride, ScenarioContext, ScenarioDefinition, ScenarioOverrides, TimedLine } from './types.js';

const TYPE = 't3.large';
/** Offsets from T0 (ms). */
export const CPU_CREDITS_TIMELINE = { demandRose: -23 * HOUR, creditsExhausted: -40 * MIN } as const;

function build({ t0, seed }: ScenarioContext): ScenarioOverrides {
  const credits = burstCredits(TYPE) ?? { baselinePercent: 30, creditsPerHour: 36, maxBalance: 864 };
  const rose = atSecond(t0 + CPU_CREDITS_TIMELINE.demandRose);
  const empty = atSecond(t0 + CPU_CREDITS_TIMELINE.creditsExhausted);
  const w = (key: number, t: number): number => noise(seed, key, Math.floor(t / MIN));
  const demand = (t: number): number => 58 + 8 * w(0xc4, t);
  const cpu: MetricOverride = (t, base) => {
    if (t < rose) return Math.min(base, credits.baselinePercent - 2);
    if (t < empty) return demand(t);
    return credits.baselinePercent - 0.4 * w(0xc5, t);
  };
  const balance: MetricOverride = (t) => {
    if (t < rose) return credits.maxBalance;
    if (t >= empty) return 0;
    return Math.round(credits.maxBalance * ((empty - t) / (empty - rose)) * 100) / 100;
  };
  const latency = (t: number): number => (t < empty ? 1 : 1 + Math.min(6, (t - empty) / (5 * MIN)));
  const warnings = (from: number, to: number): TimedLine[] => {
    const out: TimedLine[] = [];
    for (let slot = Math.max(Math.floor(from / SLOT_MS), Math.ceil(empty / SLOT_MS)) * SLOT_MS; slot < to; slot += SLOT_MS) {
      const t = slot + 200_000;
      const p95 = Math.round(180 * latency(t) * (0.9 + 0.2 * noise(seed, 0xc6, slot / SLOT_MS)));
      out.push(appLine(t, 'WARNING', `Inference p95 latency ${p95} ms exceeds SLO (500 ms); 4/4 workers busy, queue depth ${40 + Math.round(30 * latency(t) * (0.8 + 0.4 * noise(seed, 0xc7, slot / SLOT_MS)))}`));
    }
    return out.filter((l) => l.t >= from && l.t < to);
  };
  return {
    instance: (base) => ({ ...base, type: TYPE }),
    metrics: { CPUUtilization: cpu, CPUCreditBalance: balance },
    demand: { CPUUtilization: demand },
    logLines: (group, from, to) => (group === LOG_GROUPS.app ? warnings(from, to) : []),
    app: { traffic: () => 1, isServing: () => true, latency },
  };
}

/** The ML server, now a t3.large, has spent its CPU credits and is throttled at its 30% baseline. */
export const CPU_CREDITS_SCENARIO: ScenarioDefinition = {
  name: 'cpu-credits',
  summary: 'pettracker-ml-server (t3.large) ran out of CPU credits 40 min ago: throttled at its 30% baseline',
  build,
};
