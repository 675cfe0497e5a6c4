// The composition of model/: one AwsApi wrapped for activity counting, shared by the fleet, metrics and triage.
import type { AwsActions } from '../aws/actions.js';
import type { AwsApi } from '../aws/api.js';
import { createActionRunner } from './action-runner.js';
import { createActivityTracker, withActivity, withBudget } from './activity.js';
import { createBudget } from './budget.js';
import { commandTargetFor, commandTargetOf } from './command-target.js';
import type { Clock } from './clock.js';
import { createFleetStore } from './fleet-store.js';
import { createLogsStore } from './logs-store.js';
import { createMetricsStore } from './metrics-store.js';
import { createTriageRunner } from './triage-runner.js';
import { lastFix } from '../triage/journal.js';
import type { ActionsSnapshot, JournalFileState } from './actions-types.js';
import type { SavedFile } from './saved-file.js';
import { createSessionStore } from './session-store.js';
import type { SessionNote } from './session-types.js';
import { createRunHistory, withChanges, type RunHistory } from './run-history.js';
import { sessionReport } from './session-report.js';
import { createStore } from './store.js';
import type { ChecklistRun, RestoredFrom } from '../triage/run.js';
import type { JournalEntry } from '../triage/journal.js';
import type { AppModel, ConnectOutcome, SessionRunner, Target } from './types.js';
import { connectPlan } from './connect.js';
import { asAwsError } from './errors.js';
import { createInspectStore } from './inspect-store.js';
import { createOriginsModel, type OriginControl, type OriginsOptions } from './origins-store.js';
import { originKey } from '../domain/origin.js';
import { describeAwsError } from '../domain/aws-error.js';
import type { ManagedInstance } from '../domain/host-checks.js';
import type { Instance } from '../domain/types.js';
import type { AwsApi as Api } from '../aws/api.js';

export interface AppModelOptions {
  readonly api: AwsApi;
  readonly target: Target;
  readonly isReadOnly: boolean;
  /** Fleet list/status cadence, in clock seconds. */
  readonly refreshSeconds: number;
  readonly clock: Clock;
  /** Told of every failed background call (for --log-file); the stores already show errors. */
  readonly onError?: (error: unknown) => void;
  /** Writes a report (the CLI's file writer); resolves to the path written. Without it, export is unavailable. */
  readonly saveReport?: (suggestedName: string, markdown: string) => Promise<SavedFile>;
  /** SNS topic for the recommended alarms' --alarm-actions. */
  readonly alarmTopic?: string;
  /** The write path (loaded on first use); in read-only mode its clients refuse every mutating call anyway. */
  readonly actions: () => Promise<AwsActions>;
  /** Who acts, for the journal and the report. */
  readonly who: string;
  /** Saves a generated file (the agent script) like a report; resolves to the path written. */
  /** `at`: a path the user typed (a folder takes `suggestedName` inside it). */
  readonly saveFile?: (suggestedName: string, text: string, at?: string) => Promise<SavedFile>;
  /** --diagnostics: the user allows host checks (each session confirms the scripts' preview once). */
  readonly hasDiagnostics?: boolean;
  /** Keeps the journal on disk (the action in flight and every action taken); resolves where it is. */
  readonly persistJournal?: (snapshot: ActionsSnapshot) => JournalFileState | undefined;
  /** Runs `aws ssm start-session` with the terminal (the CLI's); without it `c` only shows the SSH line. */
  readonly session?: SessionRunner;
  /** --max-calls-per-minute: the cap the pollers share by priority (none when absent). */
  readonly maxCallsPerMinute?: number;
  /** Who a note typed with `n` is by: --name, else user@host (without it, `who`). */
  readonly author?: string;
  /** --resume: what the session file held. */
  readonly resume?: ResumedSession;
  /** Several regions/profiles (aws/multi-api.ts): the composite's origin control, and each profile's account id. */
  readonly origins?: { readonly control: OriginControl } & OriginsOptions;
}

/** A session reopened from its file: the notes, the journal, each instance's runs (marked restored). */
export interface ResumedSession extends RestoredFrom {
  readonly notes: readonly SessionNote[];
  readonly journal: readonly JournalEntry[];
  readonly runs: RunHistory;
}

/** SSM's entry for the instance (undefined: not managed), or in words why it could not be read. */
async function managedOf(api: Api, instanceId: string): Promise<ManagedInstance | undefined | string> {
  if (api.describeInstanceInformation === undefined) return 'ssm:DescribeInstanceInformation is not available here';
  try {
    return (await api.describeInstanceInformation([instanceId])).find((m) => m.instanceId === instanceId);
  } catch (e) {
    return describeAwsError(asAwsError(e));
  }
}

/** `c`: decide (connect.ts), then run the session in the foreground or hand back the SSH line. */
async function connectTo(api: Api, session: SessionRunner | undefined, target: AppModel['commandTarget'], instance: Instance): Promise<ConnectOutcome> {
  const [managed, image] = await Promise.all([
    managedOf(api, instance.id),
    // The AMI's name only picks the SSH user: a failed read leaves it to SSM's platform or "depends on the AMI".
    instance.imageId === undefined || api.describeImage === undefined ? undefined : api.describeImage(instance.imageId).catch(() => undefined),
  ]);
  const facts = {
    instance,
    managed,
    imageName: image?.name,
    hasAwsCli: session?.hasCommand('aws') ?? false,
    hasPlugin: session?.hasCommand('session-manager-plugin') ?? false,
  };
  const plan = connectPlan(facts, target);
  if (plan.kind === 'ssh' || session === undefined) {
    return { kind: 'ssh', instanceId: instance.id, plan: plan.kind === 'ssh' ? plan : { kind: 'ssh', reason: 'sessions cannot be started here', command: '', notes: [] } };
  }
  const ended = await session.run(plan.argv);
  return { kind: 'session', instanceId: instance.id, ...ended };
}

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** ec2-triage-<instance>-<YYYYMMDD-HHMMSS>.md */
export function reportFileName(instanceId: string, at: number): string {
  return `ec2-triage-${instanceId}-${stamp(at)}.md`;
}

/** journal-<YYYYMMDD-HHMMSS>-<pid>.md: one file per session. */
export function journalFileName(startedAt: number, pid: number): string {
  return `journal-${stamp(startedAt)}-${pid}.md`;
}

/** Wires the stores; nothing runs until start(), and stop() leaves no timers or calls behind. */
export function createAppModel(options: AppModelOptions): AppModel {
  const { clock, onError } = options;
  const activity = createActivityTracker(() => clock.now());
  // The budget counts in real time (the pollers' timers are real ms; a demo clock runs `speed` times faster).
  const budget = createBudget({ now: () => clock.now() / (clock.speed ?? 1), maxCallsPerMinute: options.maxCallsPerMinute });
  const api = withBudget(withActivity(options.api, activity), budget);
  const control = options.origins?.control;
  const fleet = createFleetStore({ api, clock, refreshSeconds: options.refreshSeconds, onError, budget, ...(control === undefined ? {} : { originFailures: () => control.failures() }) });
  // Switching origins keeps every row still in the set (and so the selection on it); the rest go at once.
  const origins = control === undefined
    ? undefined
    : createOriginsModel(control, (now) => {
        const kept = new Set(now.map(originKey));
        fleet.restart((i) => i.region === undefined || kept.has(originKey({ region: i.region, ...(i.profile === undefined ? {} : { profile: i.profile }) })));
      }, options.origins);
  const metrics = createMetricsStore({ api, clock, onError, budget });
  const logs = createLogsStore({ api, clock });
  const commandTarget = commandTargetOf(options.target);
  const targetFor = (instance: Instance) => commandTargetFor(commandTarget, instance);
  const triage = createTriageRunner({ api, clock, onError, target: commandTarget, targetFor, ...(options.alarmTopic === undefined ? {} : { snsTopicArn: options.alarmTopic }) });
  const actions = createActionRunner({
    actions: options.actions,
    api,
    clock,
    isReadOnly: options.isReadOnly,
    who: options.who,
    // Every 2 s of real AWS; on a faster training fleet, often enough to see each state it passes through.
    liveRefreshMs: Math.max(250, Math.round(2000 / (clock.speed ?? 1))),
    onInstanceChanged: () => void fleet.refreshNow(),
    ...(onError === undefined ? {} : { onError }),
    ...(options.persistJournal === undefined ? {} : { persist: options.persistJournal }),
    ...(options.resume === undefined ? {} : { journal: options.resume.journal }),
  });
  const resume = options.resume;
  const session = createSessionStore({
    who: options.who,
    clock,
    ...(options.author === undefined ? {} : { author: options.author }),
    ...(resume === undefined ? {} : { initial: { notes: resume.notes, resumedFrom: { path: resume.path, savedAt: resume.savedAt } } }),
  });
  const { saveReport, saveFile } = options;
  const inspect = createInspectStore(api, onError);
  let isConfirmed = false;
  const diagnostics = options.hasDiagnostics === true
    ? {
        isConfirmed: () => isConfirmed,
        confirm: () => {
          isConfirmed = true;
        },
      }
    : undefined;
  // Each instance's runs (the last, the incident before a fix, those restored by --resume). The pane shows the
  // runner's run, with what changed since the restored one once it is done, or a restored run until a new one starts.
  const runs = createRunHistory(resume?.runs);
  const shown = createStore<ChecklistRun | undefined>(undefined);
  triage.subscribe(() => {
    const raw = triage.getSnapshot();
    if (raw === undefined) return;
    const run = withChanges(raw, runs.getSnapshot().get(raw.instanceId));
    runs.record(run);
    shown.set(run);
  });
  return {
    target: options.target,
    commandTarget,
    commandTargetFor: targetFor,
    isReadOnly: options.isReadOnly,
    clock: { now: () => clock.now() },
    fleet,
    metrics,
    triage: { getSnapshot: shown.getSnapshot, subscribe: shown.subscribe },
    session,
    runs,
    activity,
    budget,
    actions,
    logs,
    ...(options.alarmTopic === undefined ? {} : { alarmTopic: options.alarmTopic }),
    ...(saveFile === undefined ? {} : { saveFile }),
    inspect,
    ...(origins === undefined ? {} : { origins }),
    connect: (instance) => connectTo(api, options.session, targetFor(instance), instance),
    ...(diagnostics === undefined ? {} : { diagnostics }),
    selectInstance(instance) {
      metrics.select(instance);
      // A resumed session shows each instance's restored run as it is selected, until a new run is started.
      const restored = instance === undefined ? undefined : runs.getSnapshot().get(instance.id)?.last;
      const current = shown.getSnapshot();
      if (restored?.restored !== undefined && (current === undefined || current.restored !== undefined)) shown.set(restored);
    },
    setVisibleInstances: (ids) => fleet.setVisible(ids),
    setRange: (range) => metrics.setRange(range),
    runTriage(instance, runOptions) {
      // After a fix, "is it healthy now?" is the question: the run looks only since the fix was confirmed.
      const fix = lastFix(actions.getSnapshot().journal, instance.id);
      triage.run(instance, {
        ...runOptions,
        ...(fix?.confirmedAt === undefined ? {} : { since: { at: fix.confirmedAt, what: fix.title } }),
        // Host checks only with the flag and the preview confirmed: the model is the consent's gate, aws/ the script's.
        ...(diagnostics?.isConfirmed() === true ? { hostChecks: true } : {}),
      });
    },
    ...(saveReport === undefined
      ? {}
      : {
          async exportReport(run) {
            if (run.engine === undefined) throw new Error('the triage run has not finished yet');
            // The report is the session's: the runs (restored ones too), the actions and the notes of the instance.
            const markdown = sessionReport(run, { journal: actions.getSnapshot().journal, notes: session.getSnapshot().notes, runs: runs.getSnapshot().get(run.instanceId) });
            return saveReport(reportFileName(run.instanceId, run.startedAt), markdown);
          },
        }),
    refreshNow() {
      // `r` after `aws sso login` or a rewritten credentials file must use them: read the chain again first.
      api.renewCredentials?.();
      // Each poller is single-flight: a refresh already running is joined, not doubled.
      void fleet.refreshNow();
      void fleet.refreshCpuNow();
      void metrics.refreshNow();
    },
    start() {
      fleet.start();
      metrics.start();
      // The account ids wait for the first listing's answer: the SDK is loaded by then, and the first frame drawn.
      if (origins !== undefined) {
        const stop = fleet.subscribe(() => {
          const { instances } = fleet.getSnapshot();
          if (instances.data === undefined && instances.error === undefined) return;
          stop();
          origins.loadAccounts();
        });
      }
    },
    stop() {
      fleet.stop();
      metrics.stop();
      logs.close();
      triage.cancel();
      actions.stop();
      inspect.close();
      origins?.stop();
    },
  };
}
