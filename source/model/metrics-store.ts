// The selected instance's charts: every series in one GetMetricData call, refreshed just after each period closes.
// Selecting another instance (or range) aborts the fetch in flight and fetches at once.
import type { AwsApi } from '../aws/api.js';
import type { Instance } from '../aws/types.js';
import type { Clock } from './clock.js';
import { asAwsError, isAbort } from './errors.js';
import { METRIC_LAG_MS } from './fleet-store.js';
import { failed, idle, loading, settled, succeeded } from './loadable.js';
import { chartPeriod, chartQueries, chartSpecs, RANGE_SECONDS, toCharts } from './metric-specs.js';
import { createPoller } from './poller.js';
import { createStore } from './store.js';
import type { MetricsSnapshot, RangeKey, Store } from './types.js';

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
}

const sameTarget = (a: Instance | undefined, b: Instance | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.id === b.id && a.type === b.type && a.isDetailedMonitoring === b.isDetailedMonitoring);

/** Creates the metrics store (stopped, nothing selected). */
export function createMetricsStore(options: MetricsStoreOptions): MetricsStore {
  const { api, clock } = options;
  let selected: Instance | undefined;
  let isStarted = false;
  const initialRange = options.range ?? '1h';
  const store = createStore<MetricsSnapshot>({ instanceId: undefined, range: initialRange, period: 300, charts: idle(), isAgentReporting: undefined });

  const refresh = async (signal: AbortSignal): Promise<void> => {
    const instance = selected;
    if (instance === undefined) return;
    const { range, period } = store.getSnapshot();
    const specs = chartSpecs(instance);
    store.update((s) => ({ ...s, charts: loading(s.charts) }));
    const end = clock.now();
    try {
      const batch = await api.getMetricData(chartQueries(instance, specs, period), new Date(end - RANGE_SECONDS[range] * 1000), new Date(end), { signal });
      if (signal.aborted) throw new DOMException('metrics refresh aborted', 'AbortError');
      const charts = toCharts(specs, batch.series);
      const mem = charts.find((c) => c.key === 'mem');
      store.update((s) => ({ ...s, charts: succeeded(s.charts, charts, clock.now()), isAgentReporting: (mem?.values.length ?? 0) > 0 }));
    } catch (error) {
      // An aborted fetch belongs to a previous selection: the new one already reset the snapshot.
      if (isAbort(error, signal)) {
        if (selected === instance) store.update((s) => ({ ...s, charts: settled(s.charts) }));
      } else {
        store.update((s) => ({ ...s, charts: failed(s.charts, asAwsError(error)) }));
      }
      throw error;
    }
  };

  const poller = createPoller({
    clock,
    task: refresh,
    schedule: () => ({ kind: 'aligned', periodMs: store.getSnapshot().period * 1000, lagMs: METRIC_LAG_MS }),
    onError: options.onError,
  });

  /** New target or range: reset the charts (old data would be mislabelled) and fetch now if running. */
  const retarget = (instance: Instance | undefined, range: RangeKey): void => {
    selected = instance;
    store.set({
      instanceId: instance?.id,
      range,
      period: instance === undefined ? 300 : chartPeriod(instance, range),
      charts: idle(),
      isAgentReporting: undefined,
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
