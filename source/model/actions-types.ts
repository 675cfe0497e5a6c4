// What the UI reads of the write path: the action being previewed or run, the journal of every action, and the
// alarms / resize / agent data the dialogs show. Framework-free, like the other stores.
import type { Alarm } from '../domain/action-types.js';
import type { CheckStatus, Instance, InstanceStateName, InstanceTypeInfo } from '../domain/types.js';
import type { AgentMetricsSeen } from '../triage/agent-config.js';
import type { JournalEntry } from '../triage/journal.js';
import type { ActionPlan } from '../triage/write-plan.js';
import type { Loadable, Store } from './store-types.js';

/** The DryRun check of a previewed action. */
export type PermissionState =
  | { readonly kind: 'read-only' }
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'allowed' }
  | { readonly kind: 'refused'; readonly text: string; readonly advice: readonly string[] };

export interface StepProgress {
  readonly label: string;
  readonly status: 'pending' | 'running' | 'done' | 'failed';
  readonly startedAt?: number;
  readonly endedAt?: number;
}

/** 'interrupted': the app was ended while it ran (the journal says where it stopped and how to finish it). */
export type ActionPhase = 'preview' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** The instance as the action last saw it (refreshed while it runs). */
export interface LiveInstance {
  readonly state: InstanceStateName;
  readonly type: string;
  readonly system: CheckStatus | undefined;
  readonly instance: CheckStatus | undefined;
  readonly at: number;
}

export interface ActionRun {
  readonly id: number;
  readonly plan: ActionPlan;
  readonly phase: ActionPhase;
  readonly permission: PermissionState;
  readonly steps: readonly StepProgress[];
  readonly openedAt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly live?: LiveInstance;
  readonly error?: { readonly text: string; readonly advice: readonly string[] };
  /** What ended the app while the action ran (q, Ctrl-C, SIGTERM, SIGHUP). */
  readonly interruptedBy?: string;
}

/** Where the journal is kept on disk; `failure` says, in a sentence, why it is elsewhere or behind. */
export interface JournalFileState {
  readonly path: string;
  readonly failure?: string;
}

export interface ResizeOptions {
  readonly current: InstanceTypeInfo | undefined;
  readonly candidates: readonly InstanceTypeInfo[];
  readonly recommended: InstanceTypeInfo | undefined;
}

export interface ActionsSnapshot {
  readonly current: ActionRun | undefined;
  readonly journal: readonly JournalEntry[];
  readonly alarms: { readonly instanceId: string; readonly data: Loadable<readonly Alarm[]> } | undefined;
  readonly resize: { readonly instanceId: string; readonly data: Loadable<ResizeOptions> } | undefined;
  readonly agent: { readonly instanceId: string; readonly data: Loadable<AgentMetricsSeen> } | undefined;
  /** The journal's file, once something was written to it. */
  readonly journalFile?: JournalFileState;
}

/** The write path's intents. */
export interface ActionsModel extends Store<ActionsSnapshot> {
  /** Shows a plan: DryRun checks start at once (unless read-only). Replaces a previous preview, never a running action. */
  preview(plan: ActionPlan, instance: Instance): void;
  /** Runs the previewed plan; refused unless the preview is open, permission allowed and writes enabled. */
  confirm(): void;
  /** Cancels the preview (journalled); a running action is not interrupted. */
  cancel(): void;
  /**
   * The app is ending (`reason`: q, Ctrl-C, a signal) while an action runs: journals it as interrupted with the step
   * it reached, its last known state and the command that finishes it. Nothing more is sent for it. No-op otherwise.
   */
  interrupt(reason: string): void;
  /** Forgets a finished action's dialog state (its journal entry stays). */
  dismiss(): void;
  loadAlarms(instanceId: string): void;
  loadResizeOptions(instance: Instance): void;
  loadAgentMetrics(instanceId: string): void;
  stop(): void;
}
