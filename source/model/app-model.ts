// The composition of model/: one AwsApi wrapped for activity counting, shared by the fleet, metrics and triage.
import type { AwsActions } from '../aws/actions.js';
import type { AwsApi } from '../aws/api.js';
import { createActionRunner } from './action-runner.js';
import { createActivityTracker, withActivity } from './activity.js';
import { commandTargetFor, commandTargetOf } from './command-target.js';
import type { Clock } from './clock.js';
import { createFleetStore } from './fleet-store.js';
import { createLogsStore } from './logs-store.js';
import { createMetricsStore } from './metrics-store.js';
import { createTriageRunner } from './triage-runner.js';
import { lastFix } from '../triage/journal.js';
import { renderReport } from '../triage/report.js';
import type { TriageRun } from '../triage/run.js';
import type { ActionsSnapshot, JournalFileState } from './actions-types.js';
import type { SavedFile } from './saved-file.js';
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
  /** Several regions/profiles (aws/multi-api.ts): the composite's origin control, and each profile's account id. */
  readonly origins?: { readonly control: OriginControl } & OriginsOptions;
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
  const api = withActivity(options.api, activity);
  const control = options.origins?.control;
  const fleet = createFleetStore({ api, clock, refreshSeconds: options.refreshSeconds, onError, ...(control === undefined ? {} : { originFailures: () => control.failures() }) });
  // Switching origins keeps every row still in the set (and so the selection on it); the rest go at once.
  const origins = control === undefined
    ? undefined
    : createOriginsModel(control, (now) => {
        const kept = new Set(now.map(originKey));
        fleet.restart((i) => i.region === undefined || kept.has(originKey({ region: i.region, ...(i.profile === undefined ? {} : { profile: i.profile }) })));
      }, options.origins);
  const metrics = createMetricsStore({ api, clock, onError });
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
  // The last full-window run of each instance: what the report tells as the incident once a fix was made.
  const incidents = new Map<string, TriageRun>();
  triage.subscribe(() => {
    const run = triage.getSnapshot();
    if (run?.engine !== undefined && run.since === undefined) incidents.set(run.instanceId, run.engine);
  });
  return {
    target: options.target,
    commandTarget,
    commandTargetFor: targetFor,
    isReadOnly: options.isReadOnly,
    clock: { now: () => clock.now() },
    fleet,
    metrics,
    triage,
    activity,
    actions,
    logs,
    ...(options.alarmTopic === undefined ? {} : { alarmTopic: options.alarmTopic }),
    ...(saveFile === undefined ? {} : { saveFile }),
    inspect,
    ...(origins === undefined ? {} : { origins }),
    connect: (instance) => connectTo(api, options.session, targetFor(instance), instance),
    ...(diagnostics === undefined ? {} : { diagnostics }),
    selectInstance: (instance) => metrics.select(instance),
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
            const journal = actions.getSnapshot().journal.filter((e) => e.instanceId === run.instanceId);
            // After a fix the report still tells the whole incident: the diagnosis before, the actions, the check after.
            const before = run.since === undefined ? undefined : incidents.get(run.instanceId);
            const markdown =
              before === undefined || run.since === undefined
                ? renderReport(run.engine, journal)
                : renderReport(before, journal, { run: run.engine, since: run.since });
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
