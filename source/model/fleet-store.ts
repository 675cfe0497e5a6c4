// The fleet table's data: instances and status checks every refreshSeconds, the CPU column from one batched
// GetMetricData per metric period, and the ALARM column from one DescribeAlarms (StateValue=ALARM) every
// refreshSeconds. Each part is its own Loadable and poller, so one failing call degrades only its column.
import type { AwsApi } from '../aws/api.js';
import type { OriginFailure } from '../domain/origin.js';
import type { Instance, InstanceStatus, MetricQuery } from '../domain/types.js';
import type { Clock } from './clock.js';
import { asAwsError, isAbort } from './errors.js';
import { failed, idle, loading, settled, succeeded } from './loadable.js';
import { closedPoints, CPU_SPEC, monitoringPeriod } from './metric-specs.js';
import { createPoller } from './poller.js';
import type { Poller } from './poller.js';
import { createStore } from './store.js';
import type { FleetSnapshot, Loadable, Store } from './types.js';

/** CloudWatch publishes a period's datapoint a little after the period closes; fetch after this lag. */
export const METRIC_LAG_MS = 10_000;
/** How far back the CPU column looks for the latest datapoint (three basic-monitoring periods). */
const CPU_WINDOW_MS = 15 * 60_000;

export interface FleetStore extends Store<FleetSnapshot> {
  start(): void;
  stop(): void;
  /** Refreshes instances and statuses now (single-flight), then the CPU column if it has never loaded. */
  refreshNow(): Promise<void>;
  /** Refreshes the CPU column now (single-flight). */
  refreshCpuNow(): Promise<void>;
  /**
   * The origins changed (`:region`, `:profile`): the pollers stop (aborting their calls), the rows `keep` rejects
   * go at once, and the pollers start again on the new set.
   */
  restart(keep: (instance: Instance) => boolean): void;
}

export interface FleetStoreOptions {
  readonly api: AwsApi;
  readonly clock: Clock;
  readonly refreshSeconds: number;
  /** Told of failed refreshes, for the log file. */
  readonly onError?: (error: unknown) => void;
  /** The origins whose last listing failed (aws/multi-api.ts), read after each listing. */
  readonly originFailures?: () => readonly OriginFailure[];
}

/**
 * One CPU query per running instance (CPU_SPEC: the chart's statistic at the instance's monitoring period); returns
 * the queries and a query-id → instance-id map.
 */
export function cpuQueries(instances: readonly Instance[]): { queries: MetricQuery[]; owner: Map<string, string> } {
  const queries: MetricQuery[] = [];
  const owner = new Map<string, string>();
  for (const instance of instances) {
    if (instance.state !== 'running') continue;
    const id = `c${queries.length}`;
    owner.set(id, instance.id);
    queries.push({
      id,
      namespace: CPU_SPEC.namespace,
      metricName: CPU_SPEC.metricName,
      dimensions: { InstanceId: instance.id },
      stat: CPU_SPEC.stat,
      period: monitoringPeriod(instance),
    });
  }
  return { queries, owner };
}

/** Creates the fleet store (stopped). */
export function createFleetStore(options: FleetStoreOptions): FleetStore {
  const { api, clock } = options;
  const store = createStore<FleetSnapshot>({ instances: idle(), statuses: idle(), cpu: idle(), alarms: idle() });
  const patch = (change: Partial<FleetSnapshot>): void => {
    const s = store.getSnapshot();
    const next = { ...s, ...change };
    if (next.instances !== s.instances || next.statuses !== s.statuses || next.cpu !== s.cpu || next.alarms !== s.alarms || next.originFailures !== s.originFailures) store.set(next);
  };

  const refreshList = async (signal: AbortSignal): Promise<void> => {
    const before = store.getSnapshot();
    patch({ instances: loading(before.instances), statuses: loading(before.statuses) });
    const [instances, statuses] = await Promise.allSettled([
      api.listInstances({ signal }),
      api.describeStatuses(undefined, { signal }),
    ]);
    const s = store.getSnapshot();
    if (signal.aborted) {
      patch({ instances: settled(s.instances), statuses: settled(s.statuses) });
      throw new DOMException('fleet refresh aborted', 'AbortError');
    }
    const now = clock.now();
    const apply = <T, R>(current: Loadable<R>, result: PromiseSettledResult<T>, map: (value: T) => R): Loadable<R> =>
      result.status === 'fulfilled' ? succeeded(current, map(result.value), now) : failed(current, asAwsError(result.reason));
    const failures = options.originFailures?.();
    patch({
      instances: apply(s.instances, instances, (list) => list),
      statuses: apply(s.statuses, statuses, (list) => indexStatuses(list)),
      ...(failures === undefined || sameFailures(s.originFailures, failures) ? {} : { originFailures: failures }),
    });
    if (instances.status === 'fulfilled' && store.getSnapshot().cpu.updatedAt === undefined) void cpuPoller.refreshNow();
    // Back off when nothing worked or AWS asked us to slow down; one denied call alone should not slow the other.
    const errors = [instances, statuses].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const throttled = errors.find((e) => asAwsError(e).kind === 'throttled');
    if (throttled !== undefined) throw throttled;
    if (errors.length === 2) throw errors[0];
  };

  const refreshCpu = async (signal: AbortSignal): Promise<void> => {
    const list = store.getSnapshot().instances.data;
    if (list === undefined) return; // nothing to ask about yet; the first instance list triggers a refresh
    const { queries, owner } = cpuQueries(list);
    if (queries.length === 0) {
      patch({ cpu: succeeded(store.getSnapshot().cpu, new Map(), clock.now()) });
      return;
    }
    patch({ cpu: loading(store.getSnapshot().cpu) });
    const end = clock.now();
    try {
      const batch = await api.getMetricData(queries, new Date(end - CPU_WINDOW_MS), new Date(end), { signal });
      const latest = new Map<string, number>();
      const periodOf = new Map(queries.map((q) => [q.id, q.period]));
      for (const series of batch.series) {
        const instanceId = owner.get(series.id);
        // The last closed period, as the chart's "now" (a period in progress is partial and still moving).
        const closed = closedPoints(series.timestamps.map((t) => t.getTime()), series.values, periodOf.get(series.id) ?? 300, end);
        const value = closed.values.at(-1);
        if (instanceId !== undefined && value !== undefined) latest.set(instanceId, value);
      }
      patch({ cpu: succeeded(store.getSnapshot().cpu, latest, clock.now()) });
    } catch (error) {
      const cpu = store.getSnapshot().cpu;
      patch({ cpu: isAbort(error, signal) ? settled(cpu) : failed(cpu, asAwsError(error)) });
      throw error;
    }
  };

  const refreshAlarms = async (signal: AbortSignal): Promise<void> => {
    patch({ alarms: loading(store.getSnapshot().alarms) });
    try {
      const counts = await api.alarmingInstances({ signal });
      patch({ alarms: succeeded(store.getSnapshot().alarms, counts, clock.now()) });
    } catch (error) {
      const alarms = store.getSnapshot().alarms;
      patch({ alarms: isAbort(error, signal) ? settled(alarms) : failed(alarms, asAwsError(error)) });
      throw error;
    }
  };

  const listPoller: Poller = createPoller({
    clock,
    task: refreshList,
    schedule: () => ({ kind: 'interval', intervalMs: Math.max(1, options.refreshSeconds) * 1000 }),
    onError: options.onError,
  });
  const cpuPoller: Poller = createPoller({
    clock,
    task: refreshCpu,
    // One period for the whole column: 60 s as soon as one running instance has detailed monitoring.
    schedule: () => {
      const list = store.getSnapshot().instances.data ?? [];
      const periods = list.filter((i) => i.state === 'running').map(monitoringPeriod);
      return { kind: 'aligned', periodMs: Math.min(300, ...periods) * 1000, lagMs: METRIC_LAG_MS };
    },
    onError: options.onError,
  });

  const alarmPoller: Poller = createPoller({
    clock,
    task: refreshAlarms,
    schedule: () => ({ kind: 'interval', intervalMs: Math.max(1, options.refreshSeconds) * 1000 }),
    onError: options.onError,
  });

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    start() {
      listPoller.start();
      cpuPoller.start();
      alarmPoller.start();
    },
    stop() {
      listPoller.stop();
      cpuPoller.stop();
      alarmPoller.stop();
    },
    refreshNow: async () => {
      void alarmPoller.refreshNow();
      await listPoller.refreshNow();
    },
    refreshCpuNow: () => cpuPoller.refreshNow(),
    restart(keep) {
      listPoller.stop();
      cpuPoller.stop();
      alarmPoller.stop();
      const s = store.getSnapshot();
      const data = s.instances.data;
      const failures = options.originFailures?.();
      patch({
        ...(data === undefined ? {} : { instances: { ...s.instances, data: data.filter(keep) } }),
        ...(failures === undefined ? {} : { originFailures: failures }),
      });
      listPoller.start();
      cpuPoller.start();
      alarmPoller.start();
    },
  };
}

/** Same origins failing the same way: the snapshot keeps its array, so nothing re-renders. */
function sameFailures(a: readonly OriginFailure[] | undefined, b: readonly OriginFailure[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return a.every((f, i) => f.origin === b[i]?.origin && f.error.kind === b[i]?.error.kind && f.error.message === b[i]?.error.message);
}

/** Statuses by instance id, built in one pass. */
export function indexStatuses(list: readonly InstanceStatus[]): ReadonlyMap<string, InstanceStatus> {
  const map = new Map<string, InstanceStatus>();
  for (const status of list) map.set(status.instanceId, status);
  return map;
}
