// What the UI reads from model/: framework-free stores with snapshots (for useSyncExternalStore) and intents.
import type { Instance, InstanceStatus } from '../domain/types.js';
import type { CommandTarget } from '../domain/target.js';
import type { OriginFailure } from '../domain/origin.js';
import type { SavedFile } from './saved-file.js';
import type { RunbookId } from '../triage/runbooks/index.js';
import type { ChecklistRun } from '../triage/run.js';
import type { ActionsModel } from './actions-types.js';
import type { LogsModel } from './logs-types.js';
import type { Loadable, Store } from './store-types.js';
import type { InspectModel } from './inspect-store.js';
import type { ConnectPlan } from './connect.js';
import type { FollowModel } from './follow-types.js';
import type { SessionModel } from './session-types.js';
import type { BudgetSnapshot } from './budget-types.js';
import type { RunHistory } from './run-history.js';
import type { OriginsModel } from './origins-store.js';

export type { Loadable, Store } from './store-types.js';

/** The fleet: instances, their status checks and CPU now. */
export interface FleetSnapshot {
  readonly instances: Loadable<readonly Instance[]>;
  readonly statuses: Loadable<ReadonlyMap<string, InstanceStatus>>;
  /** Latest CPUUtilization per instance id. */
  readonly cpu: Loadable<ReadonlyMap<string, number>>;
  /** Metric alarms in ALARM state per instance id (instances without one are absent). */
  readonly alarms: Loadable<ReadonlyMap<string, number>>;
  /** Set when the fleet is large and the CPU column asked only for the rows that matter: how many, of how many. */
  readonly cpuScope?: { readonly asked: number; readonly total: number } | undefined;
  /** Several origins: the ones whose last listing failed (their rows are missing; one line each in the list). */
  readonly originFailures?: readonly OriginFailure[];
}

export type RangeKey = '1h' | '3h' | '12h' | '24h';
export const RANGES: readonly RangeKey[] = ['1h', '3h', '12h', '24h'];

/** Summary numbers of a series. */
export interface SeriesStats {
  readonly current: number;
  readonly min: number;
  readonly avg: number;
  readonly max: number;
}

/** One chart of the metrics pane. */
export interface ChartSeries {
  readonly key: string;
  readonly title: string;
  /** The title where the full one does not fit ('CPU'). */
  readonly shortTitle?: string;
  /** CloudWatch unit: 'Percent', 'Bytes', 'Count'. */
  readonly unit: string;
  /** The CloudWatch statistic ('Average') and its period in seconds, said in the pane. */
  readonly stat?: string;
  readonly period?: number;
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
  /** undefined when the series has no datapoints. */
  readonly stats: SeriesStats | undefined;
}

/** One instance's charts, read at one range and period. */
export interface InstanceMetrics {
  readonly instanceId: string;
  readonly range: RangeKey;
  /** Seconds: 60 with detailed monitoring, 300 otherwise. */
  readonly period: number;
  readonly charts: Loadable<readonly ChartSeries[]>;
  /** false when the CloudWatch Agent has no mem/disk data for the instance; undefined until known. */
  readonly isAgentReporting: boolean | undefined;
}

/**
 * The charts keyed by instance id: the followed instance and the last few followed, at the current range. A
 * reader asks for an instance's entry (metricsOf), so no render can pair one instance's charts with another's name.
 */
export interface MetricsSnapshot {
  readonly range: RangeKey;
  readonly byInstance: ReadonlyMap<string, InstanceMetrics>;
}

/** Calls in flight and the last refresh, for the footer. */
export interface ActivitySnapshot {
  readonly inFlight: number;
  readonly lastRefreshAt: number | undefined;
}

/** Where the app is pointed, for the header. */
export type Target =
  | {
      readonly kind: 'demo';
      readonly scenario: string;
      readonly speed: number;
      readonly region: string;
      /** The port this run serves the fleet on over HTTP (`learn`); printed commands go there. */
      readonly servedPort?: number;
    }
  | { readonly kind: 'aws'; readonly region: string; readonly profile: string | undefined; readonly endpointUrl: string | undefined };

/** Runs a command with the terminal (the TUI suspended meanwhile); the CLI provides it. */
export interface SessionRunner {
  /** True when an executable of that name is on PATH. */
  hasCommand(name: string): boolean;
  /** Runs argv in the foreground; resolves when it ends. */
  run(argv: readonly string[]): Promise<{ readonly exitCode: number | undefined; readonly error?: string }>;
}

/** What `c` did: ran a session (and how it ended), or found why not and the SSH line instead. */
export type ConnectOutcome =
  | { readonly kind: 'session'; readonly instanceId: string; readonly exitCode: number | undefined; readonly error?: string }
  | { readonly kind: 'ssh'; readonly instanceId: string; readonly plan: Extract<ConnectPlan, { kind: 'ssh' }> };

/** The session's consent to host checks. */
export interface HostCheckConsent {
  isConfirmed(): boolean;
  /** The preview was confirmed (Enter): from now on every triage run includes the host checks. */
  confirm(): void;
}

/** Everything the UI needs: stores to read, intents to call. */
export interface AppModel {
  readonly target: Target;
  /** What every printed command and plan names: region, profile, endpoint (the training fleet's sim port). */
  readonly commandTarget: CommandTarget;
  /** The instance's own target (its region and profile when several are shown); model/command-target.ts targetOf. */
  commandTargetFor?(instance: Instance): CommandTarget;
  readonly isReadOnly: boolean;
  readonly clock: { now(): number };
  readonly fleet: Store<FleetSnapshot>;
  readonly metrics: Store<MetricsSnapshot>;
  readonly triage: Store<ChecklistRun | undefined>;
  /** The incident session: notes and pointers, followers, the session file (issue 13). */
  readonly session: SessionModel;
  /** Each instance's triage runs this session (and those restored by --resume): the session file keeps them. */
  readonly runs: Store<RunHistory>;
  readonly activity: Store<ActivitySnapshot>;
  /** Calls per minute by service, throttles, every poller's cadence (the footer and `:budget`); optional for fakes. */
  readonly budget?: Store<BudgetSnapshot>;
  /** The write path: previews, DryRun checks, running actions, the journal, alarms, resize options, the agent. */
  readonly actions: ActionsModel;
  /** SNS topic from --alarm-topic for the recommended alarms. */
  readonly alarmTopic?: string;
  /** The log view's data (l): the selected instance's console output and log groups, followed live. */
  readonly logs?: LogsModel;
  /** Saves a generated file (the agent script); resolves to the path written. */
  saveFile?(suggestedName: string, text: string, at?: string): Promise<SavedFile>;
  /** The UI's selection changed: the metrics store follows it. */
  selectInstance(instance: Instance | undefined): void;
  setRange(range: RangeKey): void;
  /** The list's rows that matter, on screen first then the filter's matches: a large fleet's CPU column asks only for them. */
  setVisibleInstances?(ids: readonly string[]): void;
  /** Run the checklist for an instance in the background (replaces a run in progress). */
  runTriage(instance: Instance, options?: { readonly runbook?: RunbookId }): void;
  /**
   * --diagnostics: host checks may run. Until the user confirmed the scripts' preview once this session, a run
   * makes no SSM call; confirmed, every run includes them. Absent without the flag.
   */
  readonly diagnostics?: HostCheckConsent;
  /** Writes the run's Markdown incident report; resolves to the path written (rejects with a one-line Error). */
  exportReport?(run: ChecklistRun): Promise<SavedFile>;
  /** The describe (`d`) and raw (`y`) views' reads; optional so a model without them still satisfies the UI. */
  readonly inspect?: InspectModel;
  /** `c`: an SSM session in the foreground, or why not and the SSH line; rejects only on a bug. */
  connect?(instance: Instance): Promise<ConnectOutcome>;
  /** `follow`: the link to the driver; present only in a follower's model (which has no AWS clients). */
  readonly follow?: FollowModel;
  /** The origin set (regions × profiles) and account ids; present on the real-AWS path. */
  readonly origins?: OriginsModel;
  /** Refresh every store now (the `r` key); optional so a model without it still satisfies the UI. */
  refreshNow?(): void;
  start(): void;
  stop(): void;
}
