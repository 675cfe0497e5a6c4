// The budget's shapes, apart from its logic so model/types.ts can name them without an import cycle.
import type { PollerStatus } from './poller.js';

/** The services the app calls, as the budget view groups them. */
export type Service = 'ec2' | 'cloudwatch' | 'logs' | 'ssm';
export const SERVICES: readonly Service[] = ['ec2', 'cloudwatch', 'logs', 'ssm'];

/** Who goes first under a cap (lower first). */
export const PRIORITY = { selected: 0, fleet: 1, cpuColumn: 2 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];
/** One poller as the budget view shows it: its cadence and how many metrics one refresh requests. */
export interface PollerEntry extends PollerStatus {
  readonly priority: Priority;
  /** Metrics one refresh asks GetMetricData for (0 for non-CloudWatch pollers). */
  readonly metricsPerRefresh: number;
}

export interface BudgetSnapshot {
  /** Real-time ms (the budget's own clock) of the last change. */
  readonly at: number;
  /** Start times of the calls of the last minute, by service. */
  readonly recent: Readonly<Record<Service, readonly number[]>>;
  /** Calls answered "throttled" since the app started. */
  readonly throttles: number;
  readonly pollers: readonly PollerEntry[];
  /** --max-calls-per-minute, when set. */
  readonly maxCallsPerMinute: number | undefined;
}
