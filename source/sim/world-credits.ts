// Unlimited CPU credits: from the switch on, nothing throttles the instance. CPUUtilization follows what the
// workload asks for (the scenario's `demand`), the credit balance is spent first and stays 0 while demand is above
// the baseline, and the excess accrues as surplus credits (CPUSurplusCreditBalance), charged once the surplus
// reaches the balance a day of earning would give — as AWS's unlimited mode does.
import type { BurstCredits } from './catalog.js';
import type { MetricOverride, ScenarioOverrides } from './scenarios/types.js';
import type { SimCreditSpec } from './world-fixes.js';

type Overrides = Readonly<Partial<Record<string, MetricOverride>>>;

const MIN = 60_000;

/** The scenario's metric overrides with the credit mode applied (unchanged unless unlimited and a demand is known). */
export function creditModeOverrides(
  scenario: ScenarioOverrides | undefined,
  spec: SimCreditSpec,
  credits: BurstCredits | undefined,
  vcpus: number,
): Overrides | undefined {
  const metrics = scenario?.metrics;
  const demand = scenario?.demand?.CPUUtilization;
  const since = spec.since;
  if (spec.mode !== 'unlimited' || since === undefined || credits === undefined || demand === undefined) return metrics;
  const before = (name: string, t: number, base: number): number => metrics?.[name]?.(t, base) ?? base;
  /** Credits per minute spent above what the instance earns. */
  const excess = (t: number, base: number): number => (Math.max(0, demand(t, base) - credits.baselinePercent) * vcpus) / 100;
  const atSwitch = (base: number): number => before('CPUCreditBalance', since, base);
  const spent = (t: number, base: number): number => excess(t, base) * ((t - since) / MIN);
  const after = (name: string, value: (t: number, base: number) => number): MetricOverride => (t, base) =>
    t < since ? before(name, t, base) : value(t, base);
  return {
    ...metrics,
    CPUUtilization: after('CPUUtilization', demand),
    CPUCreditBalance: after('CPUCreditBalance', (t, base) => Math.max(0, atSwitch(base) - spent(t, base))),
    CPUSurplusCreditBalance: after('CPUSurplusCreditBalance', (t, base) =>
      Math.min(credits.maxBalance, Math.max(0, spent(t, base) - atSwitch(base)))),
    CPUSurplusCreditsCharged: after('CPUSurplusCreditsCharged', (t, base) =>
      spent(t, base) - atSwitch(base) > credits.maxBalance ? Math.round(excess(t, base) * 5 * 100) / 100 : 0),
  };
}
