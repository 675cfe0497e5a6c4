// The app's API budget: calls per minute by service, throttles seen, every poller's cadence, and an optional cap
// (--max-calls-per-minute) shared by the pollers by priority. The cap is a token bucket refilled at N per minute
// (holding at most one minute's worth); every call the app makes takes a token, whoever makes it (a triage run is
// never refused, but it spends the budget the pollers then wait for). A poller's timed tick is admitted only when
// the bucket holds its expected calls above the reserve kept for the pollers that matter more, and no poller that
// matters more is waiting: the selected instance's charts first, then the fleet list, the CPU column last.
import type { AwsApi } from '../aws/api.js';
import { SERVICES, type BudgetSnapshot, type PollerEntry, type Priority, type Service } from './budget-types.js';
import type { PollerGate, PollerOptions } from './poller.js';
import { createStore } from './store.js';
import type { Store } from './store-types.js';

export { PRIORITY, SERVICES, type BudgetSnapshot, type PollerEntry, type Priority, type Service } from './budget-types.js';

/** Which service each AwsApi read goes to. */
export const SERVICE_OF: Readonly<Partial<Record<keyof AwsApi, Service>>> = {
  listInstances: 'ec2',
  describeStatuses: 'ec2',
  describeInstanceTypes: 'ec2',
  getConsoleOutput: 'ec2',
  describeSecurityGroups: 'ec2',
  describeSubnet: 'ec2',
  describeRouteTableForSubnet: 'ec2',
  describeNetworkAclForSubnet: 'ec2',
  describeKeyPair: 'ec2',
  describeInternetGatewayForVpc: 'ec2',
  describeInstanceRaw: 'ec2',
  describeVolumes: 'ec2',
  describeAddresses: 'ec2',
  describeImage: 'ec2',
  describeCreditMode: 'ec2',
  getMetricData: 'cloudwatch',
  alarmingInstances: 'cloudwatch',
  listLogGroups: 'logs',
  filterLogEvents: 'logs',
  describeInstanceInformation: 'ssm',
  sendHostCheck: 'ssm',
  getCommandInvocation: 'ssm',
};

/** The share of the bucket a poller of each priority must leave for those that matter more. */
const RESERVE: Readonly<Record<Priority, number>> = { 0: 0, 1: 0.1, 2: 0.25 };

export interface Budget extends Store<BudgetSnapshot> {
  /** `calls` calls to a service started now (takes tokens). */
  recordCalls(service: Service, calls: number): void;
  /** A call came back throttled. */
  recordThrottle(): void;
  /** The gate a poller asks before a timed tick; `calls()` is what its next refresh is expected to cost. */
  gate(name: string, priority: Priority, calls: () => number): PollerGate;
  /** A poller's status changed (its interval, its state, its metrics per refresh). */
  report(entry: PollerEntry): void;
}

const WINDOW_MS = 60_000;

/** Calls of the minute before `now`, by service. */
export function callsPerMinute(snapshot: BudgetSnapshot, now: number): Record<Service, number> {
  const out = { ec2: 0, cloudwatch: 0, logs: 0, ssm: 0 };
  for (const service of SERVICES) out[service] = snapshot.recent[service].filter((t) => t > now - WINDOW_MS).length;
  return out;
}

/** A budget on `now` (real ms: the pollers' timers run in real time); a cap only when maxCallsPerMinute is set. */
export function createBudget(options: { readonly now: () => number; readonly maxCallsPerMinute?: number | undefined }): Budget {
  const { now } = options;
  const cap = options.maxCallsPerMinute;
  if (cap !== undefined && (!Number.isFinite(cap) || cap <= 0)) throw new Error(`max calls per minute must be a positive number, got ${cap}`);
  const store = createStore<BudgetSnapshot>({ at: now(), recent: { ec2: [], cloudwatch: [], logs: [], ssm: [] }, throttles: 0, pollers: [], maxCallsPerMinute: cap });
  let tokens = cap ?? 0;
  let filledAt = now();
  /** Priorities of pollers denied and not yet admitted. */
  const waiting = new Map<string, Priority>();

  const refill = (): void => {
    if (cap === undefined) return;
    const t = now();
    tokens = Math.min(cap, tokens + ((t - filledAt) * cap) / WINDOW_MS);
    filledAt = t;
  };

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    recordCalls(service, calls) {
      if (calls <= 0) return;
      refill();
      tokens -= calls; // may go below zero: a user's triage is never refused, the pollers wait it out
      const t = now();
      store.update((s) => ({
        ...s,
        at: t,
        recent: { ...s.recent, [service]: [...s.recent[service].filter((x) => x > t - WINDOW_MS), ...Array.from({ length: calls }, () => t)] },
      }));
    },
    recordThrottle() {
      store.update((s) => ({ ...s, at: now(), throttles: s.throttles + 1 }));
    },
    gate(name, priority, calls) {
      return {
        admit() {
          if (cap === undefined) return 0;
          refill();
          const reserve = RESERVE[priority] * cap;
          // A refresh bigger than the bucket can ever hold is admitted when the bucket is full above the reserve.
          const cost = Math.min(Math.max(1, calls()), cap - reserve);
          const isBehindOthers = [...waiting].some(([other, p]) => other !== name && p < priority);
          if (!isBehindOthers && tokens - cost >= reserve) {
            waiting.delete(name);
            return 0;
          }
          waiting.set(name, priority);
          const missing = Math.max(1, reserve + cost - tokens);
          return Math.max(1_000, Math.ceil((missing * WINDOW_MS) / cap));
        },
      };
    },
    report(entry) {
      if (entry.state !== 'waiting for budget') waiting.delete(entry.name);
      store.update((s) => {
        const others = s.pollers.filter((p) => p.name !== entry.name);
        return { ...s, at: now(), pollers: [...others, entry].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name)) };
      });
    },
  };
}

/**
 * CloudWatch GetMetricData's public price, used for an ESTIMATE only: USD per 1,000 metrics requested, us-east-1,
 * as listed on the CloudWatch pricing page (https://aws.amazon.com/cloudwatch/pricing/, "API requests") and
 * recorded on the date below. Other regions, the free tier and discounts are not taken into account.
 */
export const GET_METRIC_DATA_PRICE = {
  usdPerThousandMetrics: 0.01,
  region: 'us-east-1',
  asOf: '2026-12-04',
  source: 'https://aws.amazon.com/cloudwatch/pricing/',
} as const;

/** Metrics requested per hour by pollers refreshing `metricsPerRefresh` metrics every `intervalMs` real ms. */
export function metricsPerHour(pollers: readonly Pick<PollerEntry, 'metricsPerRefresh' | 'intervalMs' | 'state'>[]): number {
  let total = 0;
  for (const p of pollers) {
    if (p.state === 'idle' || p.metricsPerRefresh <= 0 || p.intervalMs <= 0) continue;
    total += (p.metricsPerRefresh * 3_600_000) / p.intervalMs;
  }
  return total;
}

/** The estimated USD per hour of requesting `perHour` metrics per hour at GET_METRIC_DATA_PRICE. */
export function costPerHour(perHour: number): number {
  return (perHour / 1000) * GET_METRIC_DATA_PRICE.usdPerThousandMetrics;
}

/** All calls of the last minute. */
export function totalCallsPerMinute(snapshot: BudgetSnapshot, now: number): number {
  const by = callsPerMinute(snapshot, now);
  return SERVICES.reduce((sum, s) => sum + by[s], 0);
}

/** The poller options that tie a poller to the budget (none without one). */
export function budgetHooks(
  budget: Budget | undefined,
  name: string,
  priority: Priority,
  calls: () => number,
  metrics: () => number = () => 0,
): Pick<PollerOptions, 'name' | 'gate' | 'onStatus'> {
  if (budget === undefined) return { name };
  return {
    name,
    gate: budget.gate(name, priority, calls),
    onStatus: (status) => budget.report({ ...status, priority, metricsPerRefresh: metrics() }),
  };
}
