// The composition of model/: one AwsApi wrapped for activity counting, shared by the fleet, metrics and triage.
import type { AwsApi } from '../aws/api.js';
import { createActivityTracker, withActivity } from './activity.js';
import type { Clock } from './clock.js';
import { createFleetStore } from './fleet-store.js';
import { createMetricsStore } from './metrics-store.js';
import { createTriageRunner } from './triage-runner.js';
import type { AppModel, Target } from './types.js';

export interface AppModelOptions {
  readonly api: AwsApi;
  readonly target: Target;
  readonly isReadOnly: boolean;
  /** Fleet list/status cadence, in clock seconds. */
  readonly refreshSeconds: number;
  readonly clock: Clock;
  /** Told of every failed background call (for --log-file); the stores already show errors. */
  readonly onError?: (error: unknown) => void;
}

/** Wires the stores; nothing runs until start(), and stop() leaves no timers or calls behind. */
export function createAppModel(options: AppModelOptions): AppModel {
  const { clock, onError } = options;
  const activity = createActivityTracker(() => clock.now());
  const api = withActivity(options.api, activity);
  const fleet = createFleetStore({ api, clock, refreshSeconds: options.refreshSeconds, onError });
  const metrics = createMetricsStore({ api, clock, onError });
  const triage = createTriageRunner({ api, clock, onError });
  return {
    target: options.target,
    isReadOnly: options.isReadOnly,
    clock: { now: () => clock.now() },
    fleet,
    metrics,
    triage,
    activity,
    selectInstance: (instance) => metrics.select(instance),
    setRange: (range) => metrics.setRange(range),
    runTriage: (instance) => triage.run(instance),
    refreshNow() {
      // Each poller is single-flight: a refresh already running is joined, not doubled.
      void fleet.refreshNow();
      void fleet.refreshCpuNow();
      void metrics.refreshNow();
    },
    start() {
      fleet.start();
      metrics.start();
    },
    stop() {
      fleet.stop();
      metrics.stop();
      triage.cancel();
    },
  };
}
