// The selected instance's charts: every series in one GetMetricData call, refreshed just after each period closes.
// Selecting another instance (or range) aborts the fetch in flight and fetches at once. The charts are kept by
// instance id, so what is shown under a name is always that instance's.
import type { AwsApi } from '../aws/api.js';
import type { Instance } from '../domain/types.js';
import { budgetHooks, PRIORITY, type Budget } from './budget.js';
import type { Clock } from './clock.js';
import { asAwsError, isAbort } from './errors.js';
import { METRIC_LAG_MS } from './fleet-store.js';
import { failed, idle, loading, settled, succeeded } from './loadable.js';
import { chartPeriod, chartQueries, chartSpecs, RANGE_SECONDS, toCharts } from './metric-specs.js';
import { createPoller } from './poller.js';
import { createStore } from './store.js';
import type { ChartSeries, InstanceMetrics, Loadable, MetricsSnapshot, RangeKey, Store } from './types.js';

export interface MetricsStore extends Store<MetricsSnapshot> {
  /** Follow another instance (undefined: none). The same id with the same type/monitoring is a no-op. */
  select(instance: Instance | undefined): void;
  setRange(range: RangeKey): void;
  start(): void;
  stop(): void;
  refreshNow(): Promise<void>;
}

export interface MetricsStoreOptions {
  readonly api: AwsApi;
  readonly clock: Clock;
  readonly range?: RangeKey;
  readonly onError?: (error: unknown) => void;
  /** The app's call budget: the selected instance's charts come first in it. */
  readonly budget?: Budget;
}

/** Instances whose charts are kept: moving back to one shows its charts at once while they refresh. */
export const KEPT_INSTANCES = 8;

const NOTHING_YET: Loadable<readonly ChartSeries[]> = idle();

/** The instance's charts at the snapshot's range, or an empty entry: never another instance's charts. */
export function metricsOf(snapshot: MetricsSnapshot, instance: Instance): InstanceMetrics {
  const entry = snapshot.byInstance.get(instance.id);
  const period = chartPeriod(instance, snapshot.range);
  if (entry !== undefined && entry.range === snapshot.range && entry.period === period) return entry;
  return { instanceId: instance.id, range: snapshot.range, period, charts: NOTHING_YET, isAgentReporting: undefined };
}

const sameTarget = (a: Instance | undefined, b: Instance | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.id === b.id && a.type === b.type && a.isDetailedMonitoring === b.isDetailedMonitoring);

/** Creates the metrics store (stopped, nothing selected). */
export function createMetricsStore(options: MetricsStoreOptions): MetricsStore {
  const { api, clock } = options;
  let selected: Instance | undefined;
  let isStarted = false;
  const store = createStore<MetricsSnapshot>({ range: options.range ?? '1h', byInstance: new Map() });

  /** Changes one instance's entry (if still kept); the others stay as they are. */
  const patch = (id: string, change: (entry: InstanceMetrics) => InstanceMetrics): void => {
    store.update((s) => {
      const entry = s.byInstance.get(id);
      if (entry === undefined) return s;
      const next = change(entry);
      return next === entry ? s : { ...s, byInstance: new Map(s.byInstance).set(id, next) };
    });
  };

  const refresh = async (signal: AbortSignal): Promise<void> => {
    const instance = selected;
    if (instance === undefined) return;
    const { range } = store.getSnapshot();
    const { period } = metricsOf(store.getSnapshot(), instance);
    const specs = chartSpecs(instance);
    patch(instance.id, (e) => ({ ...e, charts: loading(e.charts) }));
    const end = clock.now();
    try {
      const batch = await api.getMetricData(chartQueries(instance, specs, period), new Date(end - RANGE_SECONDS[range] * 1000), new Date(end), { signal });
      if (signal.aborted) throw new DOMException('metrics refresh aborted', 'AbortError');
      const charts = toCharts(specs, batch.series, period, end);
      const mem = charts.find((c) => c.key === 'mem');
      patch(instance.id, (e) => ({ ...e, charts: succeeded(e.charts, charts, clock.now()), isAgentReporting: (mem?.values.length ?? 0) > 0 }));
    } catch (error) {
      // Keyed by instance: an aborted fetch (another instance was selected) only settles its own entry.
      patch(instance.id, (e) => ({ ...e, charts: isAbort(error, signal) ? settled(e.charts) : failed(e.charts, asAwsError(error)) }));
      throw error;
    }
  };

  const poller = createPoller({
    clock,
    task: refresh,
    schedule: () => ({ kind: 'aligned', periodMs: (selected === undefined ? 300 : chartPeriod(selected, store.getSnapshot().range)) * 1000, lagMs: METRIC_LAG_MS }),
    onError: options.onError,
    // One GetMetricData call for every chart of the selected instance.
    ...budgetHooks(options.budget, 'charts', PRIORITY.selected, () => 1, () => (selected === undefined ? 0 : chartSpecs(selected).length)),
  });

  /** Follow `instance` at `range`: its kept entry if it was read at this range and period, else a new one. */
  const retarget = (instance: Instance | undefined, range: RangeKey): void => {
    selected = instance;
    store.update((s) => {
      // Another range makes every kept chart wrong: start over.
      const kept = new Map(range === s.range ? s.byInstance : []);
      if (instance !== undefined) {
        const entry = metricsOf({ range, byInstance: kept }, instance);
        kept.delete(instance.id);
        kept.set(instance.id, entry); // the most recent last
        for (const id of kept.keys()) if (kept.size > KEPT_INSTANCES) kept.delete(id);
      }
      return { range, byInstance: kept };
    });
    if (instance === undefined) {
      poller.stop();
      return;
    }
    if (!isStarted) return;
    if (poller.isRunning) void poller.restart();
    else poller.start();
  };

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    select(instance) {
      if (sameTarget(instance, selected)) {
        selected = instance ?? selected;
        return;
      }
      retarget(instance, store.getSnapshot().range);
    },
    setRange(range) {
      if (range === store.getSnapshot().range) return;
      retarget(selected, range);
    },
    start() {
      isStarted = true;
      if (selected !== undefined) poller.start();
    },
    stop() {
      isStarted = false;
      poller.stop();
    },
    refreshNow: () => poller.refreshNow(),
  };
}
