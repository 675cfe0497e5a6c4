// Runs the checklist for one instance: gathers every piece of evidence at once (status, metrics, console output,
// logs), then reveals the steps in the reference order Status → Metrics → Logs as each and its predecessors are
// in, so the run reads like the troubleshooting story while taking only as long as the slowest call.
import type { AwsApi } from '../aws/api.js';
import type { Instance } from '../aws/types.js';
import { conclude, evaluateLogs, evaluateMetrics, evaluateStatus, LOG_FILTER_PATTERN, STEP_TITLES, triageMetricQueries } from '../triage/checklist.js';
import type { Evidence, LogsOutcome, MetricsOutcome, StepOutcome } from '../triage/checklist.js';
import { eventsOfInstance, pickLogGroups } from '../triage/log-sources.js';
import type { ChecklistRun, ChecklistStep } from '../triage/types.js';
import type { Clock } from './clock.js';
import { asAwsError } from './errors.js';
import { isNitroType } from './metric-specs.js';
import { createStore } from './store.js';
import type { Store } from './types.js';

/** How far back the checklist looks. */
export const TRIAGE_LOOKBACK_MS = 3 * 3_600_000;
/** Events fetched per log group: enough for the incident, bounded for a noisy group. */
const EVENTS_PER_GROUP = 500;

export interface TriageRunner extends Store<ChecklistRun | undefined> {
  /** Starts a run for the instance, cancelling any run in progress. */
  run(instance: Instance): void;
  /** Cancels the run in progress (its calls are aborted); the partial run stays on screen. */
  cancel(): void;
}

export interface TriageRunnerOptions {
  readonly api: AwsApi;
  readonly clock: Clock;
  readonly onError?: (error: unknown) => void;
}

interface Outcomes {
  status?: StepOutcome;
  metrics?: MetricsOutcome;
  logs?: LogsOutcome;
}

const STEP_IDS: readonly ChecklistStep['id'][] = ['status', 'metrics', 'logs'];

/** The run as shown: a step's outcome appears only once every step before it has one (fixed order). */
export function presentRun(base: Pick<ChecklistRun, 'instanceId' | 'instanceName' | 'startedAt'>, outcomes: Outcomes, now: number): ChecklistRun {
  let isRevealing = true;
  const revealed: Outcomes = {};
  const steps = STEP_IDS.map((id): ChecklistStep => {
    const outcome = outcomes[id];
    isRevealing = isRevealing && outcome !== undefined;
    if (!isRevealing || outcome === undefined) return { id, title: STEP_TITLES[id], state: 'running', result: '', details: [] };
    Object.assign(revealed, { [id]: outcome });
    return { id, title: STEP_TITLES[id], state: outcome.state, result: outcome.result, details: outcome.details };
  });
  const { findings, conclusion } = conclude(revealed);
  return { ...base, steps, findings, conclusion: isRevealing ? conclusion : undefined, finishedAt: isRevealing ? now : undefined };
}

/** Creates the runner; the store holds the latest run (undefined before the first). */
export function createTriageRunner(options: TriageRunnerOptions): TriageRunner {
  const { api, clock } = options;
  const store = createStore<ChecklistRun | undefined>(undefined);
  let controller: AbortController | undefined;

  const settle = <T>(promise: Promise<T>): Promise<Evidence<T>> =>
    promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => {
        options.onError?.(error);
        return { ok: false as const, error: asAwsError(error) };
      },
    );

  const gatherLogs = async (instance: Instance, since: Date, now: Date, signal: AbortSignal) => {
    const groups = pickLogGroups(instance, await api.listLogGroups(undefined, { signal }));
    const lists = await Promise.all(
      groups.map((g) => api.filterLogEvents(g.name, since, now, { signal, pattern: LOG_FILTER_PATTERN, limit: EVENTS_PER_GROUP })),
    );
    return { groups: groups.map((g) => g.name), events: eventsOfInstance(instance.id, lists.flat()) };
  };

  const run = (instance: Instance): void => {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    const { signal } = own;
    const startedAt = clock.now();
    const base = { instanceId: instance.id, instanceName: instance.name === '' ? instance.id : instance.name, startedAt };
    const outcomes: Outcomes = {};
    const show = (): void => {
      if (controller === own) store.set(presentRun(base, outcomes, clock.now()));
    };
    show();

    const now = new Date(startedAt);
    const since = new Date(startedAt - TRIAGE_LOOKBACK_MS);
    const status = settle(api.describeStatuses([instance.id], { signal }).then((list) => list.find((s) => s.instanceId === instance.id)));
    const metrics = settle(api.getMetricData(triageMetricQueries(instance), since, now, { signal }));
    const consoleOutput = settle(api.getConsoleOutput(instance.id, { signal, latest: isNitroType(instance.type) }));
    const logs = settle(gatherLogs(instance, since, now, signal));

    void status.then((e) => {
      outcomes.status = evaluateStatus(e);
      show();
    });
    void metrics.then((e) => {
      outcomes.metrics = evaluateMetrics(e);
      show();
    });
    void Promise.all([consoleOutput, logs]).then(([c, l]) => {
      outcomes.logs = evaluateLogs({ console: c, logs: l, instance, since, now });
      show();
    });
  };

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    run,
    cancel() {
      controller?.abort();
      controller = undefined;
    },
  };
}
