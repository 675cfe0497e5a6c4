// Runs the write path: a previewed plan is checked with DryRun, confirmed, then executed step by step (the same
// steps the preview showed), with the instance refreshed while it runs and every outcome journalled for the
// timeline and the report. One action at a time; nothing is retried.
import { INSTANCE_ACTION_IAM } from '../domain/action-types.js';
import type { AwsActions } from '../aws/actions.js';
import type { AwsApi } from '../aws/api.js';
import { AwsFailure, toAwsError } from '../aws/errors.js';
import type { Instance } from '../domain/types.js';
import { describeActionError } from '../triage/action-errors.js';
import { recommendedResize, resizeCandidates, stepLabel, type PlanStep } from '../triage/write-plan.js';
import type { JournalEntry, JournalOutcome } from '../triage/journal.js';
import type { ActionRun, ActionsModel, ActionsSnapshot, JournalFileState, LiveInstance, PermissionState, StepProgress } from './actions-types.js';
import { interruptedDetail, stepDone } from './in-flight.js';
import type { Clock, TimerHandle } from './clock.js';
import { createStore } from './store.js';
import type { Loadable } from './types.js';

export interface ActionRunnerOptions {
  /** Loaded on first use (the SDK is a lazy chunk). */
  readonly actions: () => Promise<AwsActions>;
  readonly api: AwsApi;
  readonly clock: Clock;
  readonly isReadOnly: boolean;
  /** Who acts, for the journal: the local user and the AWS profile. */
  readonly who: string;
  /** Told when an action changed an instance, so the fleet refreshes. */
  readonly onInstanceChanged?: (instanceId: string) => void;
  readonly onError?: (error: unknown) => void;
  /** Real ms between refreshes of the instance while an action runs. */
  readonly liveRefreshMs?: number;
  /**
   * Keeps the journal on disk: called on every change (the action in flight, its steps, its last read state, the
   * journal), so even a kill leaves the last known state; tells where the file is.
   */
  readonly persist?: (snapshot: ActionsSnapshot) => JournalFileState | undefined;
  /** --resume: the journal of the session reopened (new entries follow it, their ids after its). */
  readonly journal?: readonly JournalEntry[];
}

const idle = <T>(): Loadable<T> => ({ data: undefined, updatedAt: undefined, error: undefined, isLoading: true });
const errorOf = (e: unknown, action: string) => (e instanceof AwsFailure ? e.error : toAwsError(e, action));
const IAM: Readonly<Record<PlanStep['kind'], string>> = {
  ...INSTANCE_ACTION_IAM,
  wait: 'ec2:DescribeInstances',
  'put-alarm': 'cloudwatch:PutMetricAlarm',
};

export function createActionRunner(options: ActionRunnerOptions): ActionsModel {
  const { clock, api } = options;
  const restored = options.journal ?? [];
  const store = createStore<ActionsSnapshot>({ current: undefined, journal: restored, alarms: undefined, resize: undefined, agent: undefined });
  let nextId = Math.max(0, ...restored.map((e) => e.id)) + 1;
  let instanceOf: Instance | undefined;
  let liveTimer: TimerHandle | undefined;
  let stopped = false;
  const controller = new AbortController();
  if (options.persist !== undefined) {
    const persist = options.persist;
    store.subscribe(() => {
      const file = persist(store.getSnapshot());
      const known = store.getSnapshot().journalFile;
      if (file !== undefined && (file.path !== known?.path || file.failure !== known.failure)) store.update((s) => ({ ...s, journalFile: file }));
    });
  }
  /** The run is still the one running (not finished, not interrupted by the app ending). */
  const isRunning = (id: number): boolean => store.getSnapshot().current?.id === id && store.getSnapshot().current?.phase === 'running';

  const setRun = (id: number, change: (run: ActionRun) => ActionRun): void =>
    store.update((s) => (s.current?.id === id ? { ...s, current: change(s.current) } : s));
  /** Changes step `index` of run `id` (and, with `run`, the run itself). */
  const setStep = (id: number, index: number, step: Partial<StepProgress>, run: Partial<ActionRun> = {}): void =>
    setRun(id, (r) => ({ ...r, ...run, steps: r.steps.map((s, i) => (i === index ? { ...s, ...step } : s)) }));

  const journal = (run: ActionRun, outcome: JournalOutcome, detail: readonly string[]): void => {
    const { kind, instanceId, title, calls, commands, notes } = run.plan;
    const entry: JournalEntry = {
      id: run.id,
      kind,
      instanceId,
      title,
      calls,
      commands,
      notes,
      who: options.who,
      previewedAt: run.openedAt,
      confirmedAt: run.startedAt,
      endedAt: clock.now(),
      outcome,
      detail,
    };
    store.update((s) => ({ ...s, journal: [...s.journal, entry] }));
  };

  const refreshLive = async (id: number, instanceId: string): Promise<void> => {
    try {
      const [[instance], statuses] = await Promise.all([api.listInstances({ instanceIds: [instanceId] }), api.describeStatuses([instanceId])]);
      if (instance === undefined) return;
      const status = statuses.find((s) => s.instanceId === instanceId);
      const live: LiveInstance = { state: instance.state, type: instance.type, system: status?.system.status, instance: status?.instance.status, at: clock.now() };
      setRun(id, (run) => ({ ...run, live }));
    } catch (error) {
      options.onError?.(error);
    }
  };

  const startLive = (id: number, instanceId: string): void => {
    const tick = (): void => {
      void refreshLive(id, instanceId).finally(() => {
        if (store.getSnapshot().current?.id === id && store.getSnapshot().current?.phase === 'running' && !stopped) {
          liveTimer = clock.setTimeout(tick, options.liveRefreshMs ?? 2000);
        }
      });
    };
    tick();
  };

  const checkPermissions = async (run: ActionRun): Promise<void> => {
    const actions = await options.actions();
    for (const check of run.plan.permissionChecks) {
      const error = await actions.checkPermission(check.action, run.plan.instanceId, check.instanceType);
      if (error !== undefined) {
        const words = describeActionError(error, { plan: run.plan.kind, step: `DryRun ${IAM[check.action]}`, ...(instanceOf === undefined ? {} : { state: instanceOf.state, az: instanceOf.az }) });
        const permission: PermissionState = { kind: 'refused', text: words.text, advice: words.advice };
        return setRun(run.id, (r) => ({ ...r, permission }));
      }
    }
    setRun(run.id, (r) => ({ ...r, permission: { kind: 'allowed' } }));
  };

  const execute = async (run: ActionRun): Promise<void> => {
    const actions = await options.actions();
    const id = run.plan.instanceId;
    const done = (): string[] => (store.getSnapshot().current?.steps ?? []).filter((s) => s.status === 'done').map(stepDone);
    for (const [index, step] of run.plan.steps.entries()) {
      if (!isRunning(run.id)) return;
      const at = clock.now();
      setStep(run.id, index, { status: 'running', startedAt: at });
      try {
        switch (step.kind) {
          case 'stop':
            await actions.stopInstance(id);
            break;
          case 'start':
            await actions.startInstance(id);
            break;
          case 'reboot':
            await actions.rebootInstance(id);
            break;
          case 'modify-type':
            await actions.setInstanceType(id, step.instanceType);
            break;
          case 'wait':
            await actions.waitFor(id, step.target, { signal: controller.signal });
            break;
          case 'put-alarm':
            await actions.putMetricAlarm(step.spec);
            break;
        }
      } catch (error) {
        // Interrupted meanwhile (the app is ending): the journal already says where it stopped.
        if (!isRunning(run.id)) return;
        const current = store.getSnapshot().current;
        const words = describeActionError(errorOf(error, IAM[step.kind]), {
          plan: run.plan.kind,
          step: stepLabel(step),
          ...(current?.live === undefined ? {} : { state: current.live.state }),
          ...(instanceOf === undefined ? {} : { az: instanceOf.az, instanceType: run.plan.kind === 'resize' ? (current?.live?.type ?? instanceOf.type) : instanceOf.type }),
        });
        const end = clock.now();
        setStep(run.id, index, { status: 'failed', endedAt: end }, { phase: 'failed', endedAt: end, error: words });
        const failed = store.getSnapshot().current ?? run;
        journal(failed, 'failed', [...done(), `${stepLabel(step)}: failed — ${words.text}`, ...words.advice]);
        options.onInstanceChanged?.(id);
        return;
      }
      if (!isRunning(run.id)) return;
      setStep(run.id, index, { status: 'done', endedAt: clock.now() });
      if (step.kind !== 'wait' && step.kind !== 'put-alarm') options.onInstanceChanged?.(id);
    }
    if (!isRunning(run.id)) return;
    const end = clock.now();
    setRun(run.id, (r) => ({ ...r, phase: 'succeeded', endedAt: end }));
    journal(store.getSnapshot().current ?? run, 'succeeded', done());
    options.onInstanceChanged?.(id);
    if (run.plan.kind === 'alarms') model.loadAlarms(id);
  };

  const load = <K extends 'alarms' | 'resize' | 'agent', T>(key: K, instanceId: string, fetch: () => Promise<T>): void => {
    store.update((s) => ({ ...s, [key]: { instanceId, data: { ...idle<T>(), data: s[key]?.instanceId === instanceId ? s[key].data.data : undefined } } }));
    fetch().then(
      (data) => store.update((s) => (s[key]?.instanceId === instanceId ? { ...s, [key]: { instanceId, data: { data, updatedAt: clock.now(), error: undefined, isLoading: false } } } : s)),
      (error: unknown) => {
        options.onError?.(error);
        store.update((s) =>
          s[key]?.instanceId === instanceId ? { ...s, [key]: { instanceId, data: { ...s[key].data, error: errorOf(error, key), isLoading: false } } } : s,
        );
      },
    );
  };

  const model: ActionsModel = {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    preview(plan, instance) {
      if (store.getSnapshot().current?.phase === 'running') return;
      instanceOf = instance;
      const id = nextId++;
      const permission: PermissionState = options.isReadOnly
        ? { kind: 'read-only' }
        : plan.permissionChecks.length === 0
          ? { kind: 'not-applicable' }
          : { kind: 'checking' };
      const run: ActionRun = { id, plan, phase: 'preview', permission, steps: plan.steps.map((s) => ({ label: stepLabel(s), status: 'pending' })), openedAt: clock.now() };
      store.update((s) => ({ ...s, current: run }));
      if (permission.kind === 'checking') {
        checkPermissions(run).catch((error: unknown) => {
          options.onError?.(error);
          const words = describeActionError(errorOf(error, 'DryRun'), { plan: plan.kind, step: 'DryRun' });
          setRun(id, (r) => ({ ...r, permission: { kind: 'refused', text: words.text, advice: words.advice } }));
        });
      }
    },
    confirm() {
      const run = store.getSnapshot().current;
      if (run === undefined || run.phase !== 'preview' || options.isReadOnly) return;
      if (run.permission.kind !== 'allowed' && run.permission.kind !== 'not-applicable') return;
      const startedAt = clock.now();
      const running: ActionRun = { ...run, phase: 'running', startedAt };
      store.update((s) => ({ ...s, current: running }));
      // Alarms do not change the instance: nothing to follow there.
      if (run.plan.kind !== 'alarms') startLive(run.id, run.plan.instanceId);
      execute(running).catch((error: unknown) => options.onError?.(error));
    },
    cancel() {
      const run = store.getSnapshot().current;
      if (run === undefined || run.phase !== 'preview') return;
      const outcome: JournalOutcome = run.permission.kind === 'read-only' ? 'not sent (read-only)' : run.permission.kind === 'refused' ? 'refused by DryRun' : 'cancelled';
      journal(run, outcome, run.permission.kind === 'refused' ? [run.permission.text] : []);
      store.update((s) => ({ ...s, current: { ...run, phase: 'cancelled', endedAt: clock.now() } }));
    },
    interrupt(reason) {
      const run = store.getSnapshot().current;
      if (run === undefined || run.phase !== 'running') return;
      if (liveTimer !== undefined) clock.clearTimeout(liveTimer);
      const interrupted: ActionRun = { ...run, phase: 'interrupted', endedAt: clock.now(), interruptedBy: reason };
      store.update((s) => ({ ...s, current: interrupted }));
      journal(interrupted, 'interrupted', interruptedDetail(run, reason));
    },
    dismiss() {
      store.update((s) => (s.current === undefined || s.current.phase === 'running' ? s : { ...s, current: undefined }));
    },
    loadAlarms(instanceId) {
      load('alarms', instanceId, async () => (await options.actions()).alarmsForInstance(instanceId));
    },
    loadResizeOptions(instance) {
      load('resize', instance.id, async () => {
        const { current, catalogue } = await (await options.actions()).resizeCatalogue(instance.type);
        const candidates = current === undefined ? [] : resizeCandidates(current, catalogue);
        return { current, candidates, recommended: current === undefined ? undefined : recommendedResize(current, candidates) };
      });
    },
    loadAgentMetrics(instanceId) {
      load('agent', instanceId, async () => (await options.actions()).agentMetrics(instanceId));
    },
    stop() {
      stopped = true;
      controller.abort();
      if (liveTimer !== undefined) clock.clearTimeout(liveTimer);
    },
  };
  return model;
}

