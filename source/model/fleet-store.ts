// The fleet table's data: instances and status checks every refreshSeconds, the CPU column from one batched
// GetMetricData per metric period, and the ALARM column from one DescribeAlarms (StateValue=ALARM) every
// refreshSeconds. Each part is its own Loadable and poller, so one failing call degrades only its column. Above
// LARGE_FLEET instances the CPU column asks only for the rows that matter (those on screen, then the filter's
// matches, as the UI reports them), since GetMetricData is billed per metric requested.
import type { AwsApi } from '../aws/api.js';
import type { OriginFailure } from '../domain/origin.js';
import type { Instance, InstanceStatus, MetricQuery } from '../domain/types.js';
import { budgetHooks, PRIORITY, type Budget } from './budget.js';
import type { Clock, TimerHandle } from './clock.js';
import { asAwsError, isAbort } from './errors.js';
import { failed, idle, loading, settled, succeeded } from './loadable.js';
import { closedPoints, CPU_SPEC, monitoringPeriod } from './metric-specs.js';
import { createPoller } from './poller.js';
import type { Poller } from './poller.js';
import { createStore } from './store.js';
import type { FleetSnapshot, Loadable, Store } from './types.js';

/** CloudWatch publishes a period's datapoint a little after the period closes; fetch after this lag. */
export const METRIC_LAG_MS = 10_000;
/** Above this many instances the CPU column asks only for the rows the UI reports as visible or matching. */
export const LARGE_FLEET = 500;

/** Instances one list refresh interval covers before a big fleet's list slows down. */
export const LIST_STEP = 2_500;

/**
 * Seconds between list refreshes (DescribeInstances and DescribeInstanceStatus): --refresh, but at least 15 s per
 * whole LIST_STEP instances (60 s at 10,000). Measured: a 10,009-instance refresh parses ~2 s of responses,
 * 12.6 % of a core at 15 s while nobody touches the app; EC2 runs the status checks once a minute, so a faster
 * poll at that size shows nothing newer. `r` refreshes at once whatever the size.
 */
export function listIntervalSeconds(refreshSeconds: number, instances: number): number {
  return Math.max(Math.max(1, refreshSeconds), 15 * Math.floor(instances / LIST_STEP));
}
/** How long the set of visible rows must hold still before the CPU column asks for rows it has no value for. */
const VISIBLE_SETTLE_MS = 500;
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
   * The rows that matter, most important first (on screen, then the filter's matches): above LARGE_FLEET the CPU
   * column asks only for the first LARGE_FLEET of them, and asks at once for any it has not asked for yet.
   */
  setVisible(ids: readonly string[]): void;
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
  /** The app's call budget: the pollers report their cadence to it and ask it before each timed tick. */
  readonly budget?: Budget;
  /** The origins whose last listing failed (aws/multi-api.ts), read after each listing. */
  readonly originFailures?: () => readonly OriginFailure[];
  /** Fleet size above which the CPU column asks only for the rows that matter (default LARGE_FLEET). */
  readonly largeFleet?: number;
}

/** The running instances the CPU column asks about: all of them, or above `large` only the first `large` wanted ids. */
export function cpuTargets(instances: readonly Instance[], wanted: readonly string[] | undefined, large: number): Instance[] {
  const running = instances.filter((i) => i.state === 'running');
  if (instances.length <= large) return running;
  if (wanted === undefined) return [];
  const byId = new Map(running.map((i) => [i.id, i]));
  const out: Instance[] = [];
  const seen = new Set<string>();
  for (const id of wanted) {
    if (out.length >= large) break;
    const instance = byId.get(id);
    if (instance === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push(instance);
  }
  return out;
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
  const { budget } = options;
  const large = options.largeFleet ?? LARGE_FLEET;
  const store = createStore<FleetSnapshot>({ instances: idle(), statuses: idle(), cpu: idle(), alarms: idle(), cpuScope: undefined });
  const patch = (change: Partial<FleetSnapshot>): void => {
    const s = store.getSnapshot();
    const next = { ...s, ...change };
    if (next.instances !== s.instances || next.statuses !== s.statuses || next.cpu !== s.cpu || next.alarms !== s.alarms || next.cpuScope !== s.cpuScope || next.originFailures !== s.originFailures) store.set(next);
  };
  /** The rows the UI says matter (setVisible), and the ids the CPU column last asked for. */
  let wanted: readonly string[] | undefined;
  let asked: ReadonlySet<string> = new Set();
  let cpuMetrics = 0;
  let settleTimer: TimerHandle | undefined;
  const fleetSize = (): number => store.getSnapshot().instances.data?.length ?? 0;

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
    // A large fleet waits for the UI to say which rows are on screen: asking for all would be the bill we avoid.
    if (list.length > large && wanted === undefined) return;
    const targets = cpuTargets(list, wanted, large);
    const { queries, owner } = cpuQueries(targets);
    // Every wanted id this refresh considered, stopped ones too: showing them again is no reason to ask again.
    asked = new Set([...targets.map((i) => i.id), ...(wanted ?? []).slice(0, large)]);
    const fresh = list.length > large ? { asked: targets.length, total: list.length } : undefined;
    const prior = store.getSnapshot().cpuScope;
    const scope = fresh !== undefined && prior?.asked === fresh.asked && prior.total === fresh.total ? prior : fresh;
    if (queries.length !== cpuMetrics) {
      cpuMetrics = queries.length;
      budget?.report({ ...cpuPoller.status, priority: PRIORITY.cpuColumn, metricsPerRefresh: cpuMetrics });
    }
    if (queries.length === 0) {
      patch({ cpu: succeeded(store.getSnapshot().cpu, new Map(), clock.now()), cpuScope: scope });
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
      patch({ cpu: succeeded(store.getSnapshot().cpu, latest, clock.now()), cpuScope: scope });
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
    schedule: () => ({ kind: 'interval', intervalMs: listIntervalSeconds(options.refreshSeconds, fleetSize()) * 1000 }),
    onError: options.onError,
    // DescribeInstances and DescribeInstanceStatus, a page of up to 1,000 each.
    ...budgetHooks(budget, 'instances', PRIORITY.fleet, () => 2 * Math.max(1, Math.ceil(fleetSize() / 1000))),
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
    ...budgetHooks(budget, 'CPU column', PRIORITY.cpuColumn, () => Math.max(1, Math.ceil(cpuMetrics / 500)), () => cpuMetrics),
  });

  const alarmPoller: Poller = createPoller({
    clock,
    task: refreshAlarms,
    schedule: () => ({ kind: 'interval', intervalMs: Math.max(1, options.refreshSeconds) * 1000 }),
    onError: options.onError,
    ...budgetHooks(budget, 'alarms', PRIORITY.fleet, () => 1),
  });

  /** Asks at once (after the rows hold still a moment) for rows on screen the column has not asked about. */
  const askForNewRows = (): void => {
    if (settleTimer !== undefined) clock.clearTimeout(settleTimer);
    settleTimer = clock.setTimeout(() => {
      settleTimer = undefined;
      if (cpuPoller.isRunning) void cpuPoller.restart();
    }, VISIBLE_SETTLE_MS);
  };

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
      if (settleTimer !== undefined) clock.clearTimeout(settleTimer);
      settleTimer = undefined;
    },
    refreshNow: async () => {
      void alarmPoller.refreshNow();
      await listPoller.refreshNow();
    },
    refreshCpuNow: () => cpuPoller.refreshNow(),
    setVisible(ids) {
      wanted = ids;
      if (fleetSize() <= large) return;
      const shown = ids.slice(0, large);
      if (!shown.some((id) => !asked.has(id))) return;
      // The first rows of a large fleet are asked for at once; later ones once scrolling holds still.
      if (asked.size === 0 && cpuPoller.isRunning) void cpuPoller.restart();
      else askForNewRows();
    },
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
