// A fake AppModel for UI tests: stores you push snapshots into, and a record of the intents called.
import { commandTargetOf } from '../../source/model/command-target.js';
import type { Instance, InstanceStatus, StatusCheck } from '../../source/domain/types.js';
import type {
  ActivitySnapshot,
  AppModel,
  ChartSeries,
  FleetSnapshot,
  InstanceMetrics,
  Loadable,
  MetricsSnapshot,
  RangeKey,
  Store,
  Target,
} from '../../source/model/types.js';
import type { ChecklistRun } from '../../source/triage/run.js';
import { createSessionStore } from '../../source/model/session-store.js';
import type { RunHistory } from '../../source/model/run-history.js';
import type { ActionsModel, ActionsSnapshot } from '../../source/model/actions-types.js';
import type { ActionPlan } from '../../source/triage/write-plan.js';

export interface FakeStore<S> extends Store<S> {
  set(next: S): void;
  update(change: (old: S) => S): void;
}

export function fakeStore<S>(initial: S): FakeStore<S> {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      snapshot = next;
      for (const l of [...listeners]) l();
    },
    update(change) {
      this.set(change(snapshot));
    },
  };
}

export const T0 = Date.UTC(2024, 5, 1, 3, 0, 0);

export function loaded<T>(data: T, updatedAt = T0): Loadable<T> {
  return { data, updatedAt, error: undefined, isLoading: false };
}

export function loading<T>(): Loadable<T> {
  return { data: undefined, updatedAt: undefined, error: undefined, isLoading: true };
}

export function makeInstance(n: number, overrides: Partial<Instance> = {}): Instance {
  const id = `i-${n.toString(16).padStart(17, '0')}`;
  return {
    id,
    name: `web-${String(n).padStart(5, '0')}`,
    tags: { Name: `web-${String(n).padStart(5, '0')}`, team: n % 2 === 0 ? 'checkout' : 'search' },
    type: 't3.micro',
    state: 'running',
    az: 'us-east-1a',
    launchTime: undefined,
    platformDetails: 'Linux/UNIX',
    architecture: 'x86_64',
    isDetailedMonitoring: false,
    publicIp: undefined,
    privateIp: '10.0.0.1',
    keyName: undefined,
    securityGroups: [],
    subnetId: undefined,
    vpcId: undefined,
    imageId: undefined,
    stateReason: undefined,
    stateTransitionReason: undefined,
    ...overrides,
  };
}

export const OK_CHECK: StatusCheck = { status: 'ok', details: [{ name: 'reachability', status: 'passed', impairedSince: undefined }] };

export function impaired(since = new Date(T0 - 15 * 60_000)): StatusCheck {
  return { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: since }] };
}

export function makeStatus(instance: Instance, overrides: Partial<InstanceStatus> = {}): InstanceStatus {
  return {
    instanceId: instance.id,
    state: instance.state,
    az: instance.az,
    system: OK_CHECK,
    instance: OK_CHECK,
    ebs: undefined,
    events: [],
    ...overrides,
  };
}

/** A fleet snapshot of these instances, all checks ok, all at CPU 10 %, none in ALARM: problems-first is name order. */
export function makeFleet(instances: readonly Instance[]): FleetSnapshot {
  return {
    instances: loaded(instances),
    statuses: loaded(new Map(instances.map((i) => [i.id, makeStatus(i)]))),
    cpu: loaded(new Map(instances.map((i) => [i.id, 10]))),
    alarms: loaded(new Map()),
  };
}

export function makeSeries(key: string, title: string, unit: string, values: readonly number[]): ChartSeries {
  const finite = values.filter(Number.isFinite);
  return {
    key,
    title,
    unit,
    timestamps: values.map((_, i) => T0 - (values.length - i) * 300_000),
    values,
    stats:
      finite.length === 0
        ? undefined
        : {
            current: finite[finite.length - 1] ?? 0,
            min: Math.min(...finite),
            max: Math.max(...finite),
            avg: finite.reduce((a, b) => a + b, 0) / finite.length,
          },
  };
}

/** A metrics snapshot holding `entry` for `instance` (at the entry's range). */
export function metricsFor(instance: Instance, entry: Omit<InstanceMetrics, 'instanceId'>): MetricsSnapshot {
  return { range: entry.range, byInstance: new Map([[instance.id, { ...entry, instanceId: instance.id }]]) };
}

export interface FakeModel {
  readonly model: AppModel;
  readonly fleet: FakeStore<FleetSnapshot>;
  readonly metrics: FakeStore<MetricsSnapshot>;
  readonly triage: FakeStore<ChecklistRun | undefined>;
  readonly activity: FakeStore<ActivitySnapshot>;
  readonly actions: FakeStore<ActionsSnapshot>;
  readonly calls: {
    readonly selected: (Instance | undefined)[];
    readonly ranges: RangeKey[];
    readonly triaged: Instance[];
    /** The options of each runTriage call, in order (runbook picks). */
    readonly triageOptions: ({ readonly runbook?: string } | undefined)[];
    /** Per runTriage call: whether the host checks' consent was given then (--diagnostics confirmed). */
    readonly triageWithHostChecks: boolean[];
    readonly exported: ChecklistRun[];
    refreshes: number;
    /** Plans the UI asked to preview, confirms and cancels, and the loads of the dialogs ('alarms i-…'). */
    readonly previews: ActionPlan[];
    confirms: number;
    cancels: number;
    readonly loads: string[];
    /** Why the app said it was ending while an action ran (model.actions.interrupt). */
    readonly interrupts: string[];
  };
  setNow(ms: number): void;
}

export interface FakeModelOptions {
  readonly instances?: readonly Instance[];
  readonly target?: Target;
  readonly isReadOnly?: boolean;
  readonly hasRefresh?: boolean;
  /** --diagnostics: the model carries the host checks' consent (unconfirmed at first). */
  readonly hasDiagnostics?: boolean;
  /** What exportReport does: resolve to a path, or reject. Absent: the model has no export. */
  readonly exportReport?: (run: ChecklistRun) => Promise<string>;
}

export function createFakeModel(options: FakeModelOptions = {}): FakeModel {
  let now = T0 + 3_000;
  let isConfirmed = false;
  const fleet = fakeStore<FleetSnapshot>(
    options.instances === undefined
      ? { instances: loading(), statuses: loading(), cpu: loading(), alarms: loading() }
      : makeFleet(options.instances),
  );
  const metrics = fakeStore<MetricsSnapshot>({ range: '3h', byInstance: new Map() });
  const triage = fakeStore<ChecklistRun | undefined>(undefined);
  const activity = fakeStore<ActivitySnapshot>({ inFlight: 0, lastRefreshAt: T0 });
  const calls: FakeModel['calls'] = { selected: [], ranges: [], triaged: [], triageOptions: [], triageWithHostChecks: [], exported: [], refreshes: 0, previews: [], confirms: 0, cancels: 0, loads: [], interrupts: [] };
  const actionsStore = fakeStore<ActionsSnapshot>({ current: undefined, journal: [], alarms: undefined, resize: undefined, agent: undefined });
  const actions: ActionsModel = {
    getSnapshot: actionsStore.getSnapshot,
    subscribe: actionsStore.subscribe,
    preview: (plan) => void calls.previews.push(plan),
    confirm: () => void (calls.confirms += 1),
    cancel: () => void (calls.cancels += 1),
    interrupt: (reason) => void calls.interrupts.push(reason),
    dismiss: () => actionsStore.update((s) => ({ ...s, current: undefined })),
    loadAlarms: (id) => void calls.loads.push(`alarms ${id}`),
    loadResizeOptions: (i) => void calls.loads.push(`resize ${i.id}`),
    loadAgentMetrics: (id) => void calls.loads.push(`agent ${id}`),
    stop: () => undefined,
  };
  const target: AppModel['target'] = options.target ?? { kind: 'demo', scenario: 'oom', speed: 10, region: 'us-east-1' };
  // The real session store (pure): notes typed in a pane test land where the app's would.
  const session = createSessionStore({ who: 'tester@host (training fleet)', author: 'tester@host', clock: { now: () => now } });
  const model: AppModel = {
    target,
    commandTarget: commandTargetOf(target, {}),
    isReadOnly: options.isReadOnly ?? false,
    clock: { now: () => now },
    fleet,
    metrics,
    triage,
    session,
    runs: fakeStore<RunHistory>(new Map()),
    activity,
    actions,
    selectInstance: (i) => calls.selected.push(i),
    setRange: (r) => {
      calls.ranges.push(r);
      metrics.update((m) => ({ ...m, range: r }));
    },
    runTriage: (i, o) => {
      calls.triaged.push(i);
      calls.triageOptions.push(o);
      calls.triageWithHostChecks.push(isConfirmed);
    },
    ...(options.hasDiagnostics === true
      ? {
          diagnostics: {
            isConfirmed: () => isConfirmed,
            confirm: () => {
              isConfirmed = true;
            },
          },
        }
      : {}),
    ...(options.exportReport === undefined
      ? {}
      : {
          exportReport: (run: ChecklistRun) => {
            calls.exported.push(run);
            return (options.exportReport as (r: ChecklistRun) => Promise<string>)(run).then((path) => ({ path }));
          },
        }),
    start: () => undefined,
    stop: () => undefined,
    ...(options.hasRefresh === false ? {} : { refreshNow: () => (calls.refreshes += 1) }),
  };
  return { model, fleet, metrics, triage, activity, actions: actionsStore, calls, setNow: (ms) => (now = ms) };
}
