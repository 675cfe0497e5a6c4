// The API budget in words: the footer's compact part and the full view (`:budget`). Pure, from the budget's
// snapshot; the calls per minute are counted up to the snapshot's own time unless a later `now` is given (same
// clock: the budget's real-time ms).
import { callsPerMinute, costPerHour, GET_METRIC_DATA_PRICE, metricsPerHour, SERVICES, totalCallsPerMinute, type BudgetSnapshot } from '../model/budget.js';
import { pollerStatusText } from '../model/poller.js';
import { formatCount } from './format.js';

/** "$0.36", "$0.004", "$12.10": enough digits to tell a small estimate from nothing. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(1)}`;
  return `$${usd.toFixed(2)}`;
}

/** The estimated CloudWatch cost per hour of what the pollers request now. */
export function costOf(snapshot: BudgetSnapshot): { readonly metricsPerHour: number; readonly usdPerHour: number } {
  const perHour = metricsPerHour(snapshot.pollers);
  return { metricsPerHour: perHour, usdPerHour: costPerHour(perHour) };
}

/** Pollers not at their normal cadence, in words ("instances every 30 s: throttled"). */
export function slowedPollers(snapshot: BudgetSnapshot): string[] {
  return snapshot.pollers.filter((p) => p.state === 'throttled' || p.state === 'waiting for budget' || p.state === 'failing').map(pollerStatusText);
}

/** The footer's part: a slowed poller when there is one, else "42 calls/min · ~$0.36/h". */
export function budgetFooterText(snapshot: BudgetSnapshot, now = snapshot.at): string {
  const slowed = slowedPollers(snapshot);
  if (slowed.length > 0) return slowed.length === 1 ? (slowed[0] ?? '') : `${slowed[0] ?? ''} (+${slowed.length - 1})`;
  return `${formatCount(totalCallsPerMinute(snapshot, now))} calls/min · ~${formatUsd(costOf(snapshot).usdPerHour)}/h`;
}

/** The full budget view: calls/min by service, throttles, each poller's interval and state, the cost estimate. */
export function budgetLines(snapshot: BudgetSnapshot, now = snapshot.at): string[] {
  const by = callsPerMinute(snapshot, now);
  const cap = snapshot.maxCallsPerMinute === undefined ? 'no cap: --max-calls-per-minute' : `cap ${formatCount(snapshot.maxCallsPerMinute)}/min`;
  const { metricsPerHour: perHour, usdPerHour } = costOf(snapshot);
  const price = GET_METRIC_DATA_PRICE;
  const lines = [
    `Calls in the last minute: ${formatCount(totalCallsPerMinute(snapshot, now))} (${cap})`,
    `  ${SERVICES.map((s) => `${s} ${formatCount(by[s])}`).join(' · ')}`,
    `Throttled answers: ${formatCount(snapshot.throttles)}`,
    'Refresh:',
    ...(snapshot.pollers.length === 0 ? ['  no poller running'] : snapshot.pollers.map((p) => `  ${pollerStatusText(p)}${p.metricsPerRefresh > 0 ? ` · ${formatCount(p.metricsPerRefresh)} metrics each` : ''}`)),
    `CloudWatch estimate: ~${formatUsd(usdPerHour)}/h for ~${formatCount(perHour)} metrics requested per hour`,
    `  at $${price.usdPerThousandMetrics} per 1,000 metrics (GetMetricData, ${price.region}, pricing page as of ${price.asOf}); an estimate, not your bill`,
  ];
  return lines;
}
