// Runs triage for one instance in the background: the checklist shows Status → Metrics → Logs → Diagnosis as
// running until the round is in (one round of parallel calls), then every step's result and the engine's output.
import { setMaxListeners } from 'node:events';
import type { AwsApi } from '../aws/api.js';
import type { Instance } from '../domain/types.js';
import type { CommandTarget } from '../domain/target.js';
import type { RunbookId } from '../triage/runbooks/index.js';
import { STEP_TITLES, stepsOf } from '../triage/steps.js';
import type { ChecklistStep } from '../triage/types.js';
import type { ChecklistRun, SinceFix } from '../triage/run.js';
import type { Clock } from './clock.js';
import { createStore } from './store.js';
import type { Store } from './types.js';
import { triageRound } from './triage-round.js';

/** How far back the checklist looks. */
export const TRIAGE_LOOKBACK_MS = 3 * 3_600_000;

export interface TriageRunner extends Store<ChecklistRun | undefined> {
  /** Starts a run for the instance (optionally a given runbook), cancelling any run in progress. */
  run(instance: Instance, options?: TriageRunOptions): void;
  /** Cancels the run in progress (its calls are aborted). */
  cancel(): void;
}

export interface TriageRunOptions {
  readonly runbook?: RunbookId;
  /** A fix applied to the instance: the run looks only at what happened since (at least MIN_LOOKBACK_MS). */
  readonly since?: SinceFix;
  /** The user's consent (--diagnostics, the preview confirmed): the round runs the host checks through SSM. */
  readonly hostChecks?: boolean;
}

/** The shortest window after a fix: anything earlier would reach back before the fix. */
export const MIN_LOOKBACK_MS = 60_000;

/** How far back a run looks: 3 h, or exactly since the last fix (evidence from before it is the incident's). */
export function lookbackFor(now: number, since: TriageRunOptions['since']): number {
  if (since === undefined) return TRIAGE_LOOKBACK_MS;
  return Math.min(TRIAGE_LOOKBACK_MS, Math.max(MIN_LOOKBACK_MS, now - since.at));
}

export interface TriageRunnerOptions {
  readonly api: AwsApi;
  /** Where the calls go: the commands the engine prints name it. */
  readonly target?: CommandTarget;
  /** The instance's own target (several regions or profiles); overrides `target`. */
  readonly targetFor?: (instance: Instance) => CommandTarget;
  readonly clock: Clock;
  readonly onError?: (error: unknown) => void;
  readonly snsTopicArn?: string;
}

const STEP_IDS: readonly ChecklistStep['id'][] = ['status', 'metrics', 'logs', 'diagnosis'];

/** Creates the runner; the store holds the latest run (undefined before the first). */
export function createTriageRunner(options: TriageRunnerOptions): TriageRunner {
  const { api, clock } = options;
  const store = createStore<ChecklistRun | undefined>(undefined);
  let controller: AbortController | undefined;

  const run = (instance: Instance, runOptions: TriageRunOptions = {}): void => {
    controller?.abort();
    const own = new AbortController();
    // One signal fans out to every call of a round (a dozen or more SDK calls, each listening): without this Node
    // prints MaxListenersExceededWarning to stderr, which would tear the UI.
    setMaxListeners(100, own.signal);
    controller = own;
    const startedAt = clock.now();
    const base = {
      instanceId: instance.id,
      instanceName: instance.name === '' ? instance.id : instance.name,
      startedAt,
      ...(runOptions.runbook === undefined ? {} : { runbookId: runOptions.runbook }),
      ...(runOptions.since === undefined ? {} : { since: runOptions.since }),
    };
    const ids = runOptions.hostChecks === true ? [...STEP_IDS.slice(0, 3), 'host' as const, 'diagnosis' as const] : STEP_IDS;
    const running = ids.map((id): ChecklistStep => ({ id, title: STEP_TITLES[id], state: 'running', result: '', details: [] }));
    store.set({ ...base, steps: running, findings: [], conclusion: undefined, finishedAt: undefined });
    triageRound(api, instance, {
      now: startedAt,
      ...((options.targetFor?.(instance) ?? options.target) === undefined ? {} : { target: options.targetFor?.(instance) ?? options.target }),
      lookbackMs: lookbackFor(startedAt, runOptions.since),
      ...(runOptions.since === undefined ? {} : { isSinceFix: true }),
      ...(runOptions.hostChecks === true ? { hostChecks: { clock } } : {}),
      signal: own.signal,
      ...(runOptions.runbook === undefined ? {} : { runbook: runOptions.runbook }),
      ...(options.snsTopicArn === undefined ? {} : { snsTopicArn: options.snsTopicArn }),
    }).then(
      (engine) => {
        if (controller !== own) return;
        const { steps, findings, conclusion } = stepsOf(engine);
        store.set({ ...base, steps, findings, conclusion, finishedAt: clock.now(), engine });
      },
      (error: unknown) => {
        // gatherEvidence turns call failures into missing items, so only a bug lands here: show it on the run.
        options.onError?.(error);
        if (controller !== own) return;
        const text = error instanceof Error ? error.message : String(error);
        const failed = running.map((s) => ({ ...s, state: 'failed' as const, result: `triage failed: ${text}` }));
        store.set({ ...base, steps: failed, findings: [], conclusion: { severity: 'critical', text: `Triage failed: ${text}`, at: undefined }, finishedAt: clock.now() });
      },
    );
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
