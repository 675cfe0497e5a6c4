// What a lesson observes of the fleet and the app's stores: the incident instance's facts read through the AwsApi
// every few seconds (the app always speaks AWS, never the sim world), the finished triage runs as the app's engine
// concluded them, and the journal's confirmed actions. A read that fails leaves its fact out ("not yet").
import type { Alarm } from '../domain/action-types.js';
import type { Instance } from '../domain/types.js';
import type { AwsApi } from '../aws/api.js';
import { defaultRoute, INTERNET_PROBE, naclVerdict, SSH_PORT, sshAccess, cidrContains } from '../triage/network-checks.js';
import type { ChecklistRun } from '../triage/run.js';
import type { JournalEntry } from '../triage/journal.js';
import type { Clock, TimerHandle } from './clock.js';
import { createStore } from './store.js';
import type { Store } from './types.js';
import { ROOT_DISK_DIMENSIONS } from './metric-specs.js';
import type { FleetFacts, LessonRun } from '../lessons/engine.js';

/** The fleet facts and a finished run, as the lesson engine reads them (one definition: lessons/engine.ts). */
export type ObservedFleet = FleetFacts;
export type ObservedRun = LessonRun;

export interface LessonFacts {
  readonly incidentId: string | undefined;
  readonly fleet: ObservedFleet | undefined;
  readonly runs: readonly ObservedRun[];
  readonly actions: readonly { readonly instanceId: string; readonly kind: string; readonly at: number }[];
  readonly isReportSaved: boolean;
}

export interface LessonObserver extends Store<LessonFacts> {
  start(): void;
  stop(): void;
  /** Reads the fleet now (single-flight: a read in progress is joined). */
  refreshNow(): Promise<void>;
  /** The app wrote a report (the export path). */
  noteReportSaved(): void;
}

export interface LessonObserverOptions {
  readonly api: AwsApi;
  /** DescribeAlarms for one instance (the write path's reader); a rejection leaves the alarms unknown. */
  readonly alarmsFor: (instanceId: string) => Promise<readonly Alarm[]>;
  readonly triage: Store<ChecklistRun | undefined>;
  readonly journal: Store<{ readonly journal: readonly JournalEntry[]; readonly current?: { readonly phase: string } | undefined }>;
  readonly clock: Clock;
  /** The incident instance's Name tag. */
  readonly instanceName: string;
  /** Real ms between fleet reads (default 3000). */
  readonly intervalMs?: number;
  /**
   * The trainee's address (a /32) when known: port 22 must be open to it by a rule that does not also open it to the
   * whole internet (0.0.0.0/0 is not "allow SSH from you"). Unknown: port 22 must be open to the internet.
   */
  readonly callerCidr?: string;
}

/** The finished run as a lesson sees it: the engine's own cause and health, never re-derived. */
export function observedRun(run: ChecklistRun): ObservedRun | undefined {
  if (run.engine === undefined || run.finishedAt === undefined) return undefined;
  const runbook = run.runbookId ?? run.engine.runbook?.id;
  return {
    instanceId: run.instanceId,
    cause: run.engine.result.diagnosis.cause,
    healthy: run.engine.result.diagnosis.healthy,
    isSinceFix: run.since !== undefined,
    ...(runbook === undefined ? {} : { runbook }),
    at: run.finishedAt,
  };
}

/** The journal's succeeded, confirmed actions. */
export function observedActions(journal: readonly JournalEntry[]): LessonFacts['actions'] {
  return journal.filter((e) => e.outcome === 'succeeded' && e.confirmedAt !== undefined).map((e) => ({ instanceId: e.instanceId, kind: e.kind, at: e.endedAt }));
}

/** The newest value of a series, if any. */
const newest = (values: readonly number[] | undefined): number | undefined => (values === undefined || values.length === 0 ? undefined : values[values.length - 1]);

const errorText = (what: string, e: unknown): string => `${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;

/**
 * Port 22 from the caller (or the internet): a security group rule, the NACL both ways, a default route to an IGW, a
 * public address. With a known caller, a rule that also admits the internet does not count.
 */
async function sshReachable(api: AwsApi, instance: Instance, hasPublicIp: boolean, callerCidr: string | undefined): Promise<boolean> {
  if (!hasPublicIp || instance.subnetId === undefined || instance.vpcId === undefined) return false;
  const [groups, table, acl] = await Promise.all([
    api.describeSecurityGroups(instance.securityGroups.map((g) => g.id)),
    api.describeRouteTableForSubnet(instance.subnetId, instance.vpcId),
    api.describeNetworkAclForSubnet(instance.subnetId),
  ]);
  const address = callerCidr?.split('/')[0] ?? INTERNET_PROBE;
  const access = sshAccess(groups);
  const isForCaller = (c: string): boolean => cidrContains(c, `${address}/32`) && (callerCidr === undefined || !cidrContains(c, `${INTERNET_PROBE}/32`));
  const isAllowed = access.cidrs.some((c) => !c.includes(':') && isForCaller(c));
  const route = defaultRoute(table);
  return isAllowed && route !== undefined && route.target.startsWith('igw-') && naclVerdict(acl, 'inbound', SSH_PORT, address).action === 'allow';
}

/** The polling observer; nothing runs until start(), and stop() leaves no timer behind. */
export function createLessonObserver(options: LessonObserverOptions): LessonObserver {
  const { api, clock } = options;
  const interval = options.intervalMs ?? 3000;
  const store = createStore<LessonFacts>({ incidentId: undefined, fleet: undefined, runs: [], actions: [], isReportSaved: false });
  let timer: TimerHandle | undefined;
  let inFlight: Promise<void> | undefined;
  let isRunning = false;
  let initialVcpus: number | undefined;
  const unsubscribes: (() => void)[] = [];

  const onTriage = (): void => {
    const run = options.triage.getSnapshot();
    const seen = run === undefined ? undefined : observedRun(run);
    if (seen === undefined) return;
    const runs = store.getSnapshot().runs;
    if (runs.some((r) => r.instanceId === seen.instanceId && r.at === seen.at)) return;
    store.update((s) => ({ ...s, runs: [...s.runs, seen] }));
  };
  const onJournal = (): void => {
    const actions = observedActions(options.journal.getSnapshot().journal);
    if (actions.length !== store.getSnapshot().actions.length) store.update((s) => ({ ...s, actions }));
  };

  async function read(): Promise<void> {
    // Facts read while an action runs are half-way states (one alarm of four, a stopped instance): wait for its end.
    if (options.journal.getSnapshot().current?.phase === 'running') return;
    const failures: string[] = [];
    const attempt = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (e) {
        failures.push(errorText(what, e));
        return undefined;
      }
    };
    let id = store.getSnapshot().incidentId;
    const list = await attempt('ec2:DescribeInstances', () => (id === undefined ? api.listInstances() : api.listInstances({ instanceIds: [id] })));
    const instance = list?.find((i) => (id === undefined ? i.name === options.instanceName : i.id === id));
    id ??= instance?.id;
    if (instance === undefined || id === undefined) {
      store.update((s) => ({ ...s, incidentId: id, fleet: { at: clock.now(), failures: failures.length > 0 ? failures : [`no instance named ${options.instanceName}`] } }));
      return;
    }
    const instanceId = id;
    const end = new Date(clock.now());
    const start = new Date(end.getTime() - 15 * 60_000);
    const agent = (metricName: string, extra: Readonly<Record<string, string>>) => ({
      id: metricName === 'mem_used_percent' ? 'mem' : 'disk', namespace: 'CWAgent', metricName, dimensions: { InstanceId: instanceId, ...extra }, stat: 'Average', period: 60,
    });
    const [statuses, types, batch, alarms, addresses] = await Promise.all([
      attempt('ec2:DescribeInstanceStatus', () => api.describeStatuses([instanceId])),
      attempt('ec2:DescribeInstanceTypes', () => api.describeInstanceTypes([instance.type])),
      attempt('cloudwatch:GetMetricData', () => api.getMetricData([agent('mem_used_percent', {}), agent('disk_used_percent', ROOT_DISK_DIMENSIONS)], start, end)),
      attempt('cloudwatch:DescribeAlarms', () => options.alarmsFor(instanceId)),
      api.describeAddresses === undefined ? Promise.resolve([]) : attempt('ec2:DescribeAddresses', () => api.describeAddresses?.(instanceId) ?? Promise.resolve([])),
    ]);
    const hasPublicIp = addresses === undefined ? undefined : instance.publicIp !== undefined || addresses.length > 0;
    const reach = hasPublicIp === undefined ? undefined : await attempt('ssh reachability', () => sshReachable(api, instance, hasPublicIp, options.callerCidr));
    const status = statuses?.find((s) => s.instanceId === instanceId);
    const typeInfo = types?.find((t) => t.type === instance.type);
    initialVcpus ??= typeInfo?.vcpus;
    // Unlimited mode fixes a credit-starved instance as surely as a bigger type: read it where it applies.
    const creditMode = typeInfo?.isBurstable !== true || api.describeCreditMode === undefined
      ? undefined
      : await attempt('ec2:DescribeInstanceCreditSpecifications', () => api.describeCreditMode?.(instanceId) ?? Promise.resolve(undefined));
    const series = (key: string) => batch?.series.find((s) => s.id === key)?.values;
    const fleet: ObservedFleet = {
      at: clock.now(),
      type: instance.type,
      state: instance.state,
      ...(typeInfo === undefined ? {} : { memoryGib: typeInfo.memoryMiB / 1024, vcpus: typeInfo.vcpus, isBurstable: typeInfo.isBurstable }),
      ...(initialVcpus === undefined ? {} : { initialVcpus }),
      ...(status === undefined ? {} : { systemCheck: status.system.status, instanceCheck: status.instance.status }),
      ...(newest(series('mem')) === undefined ? {} : { memPercent: newest(series('mem')) }),
      ...(newest(series('disk')) === undefined ? {} : { diskPercent: newest(series('disk')) }),
      ...(alarms === undefined ? {} : { alarms: alarms.map((a) => ({ name: a.name, metric: a.metricName, threshold: a.threshold, actions: a.alarmActions })) }),
      ...(reach === undefined ? {} : { sshReachable: reach }),
      ...(creditMode === undefined ? {} : { creditMode }),
      ...(hasPublicIp === undefined ? {} : { hasPublicIp }),
      failures,
    };
    store.update((s) => ({ ...s, incidentId: instanceId, fleet }));
  }

  const refreshNow = (): Promise<void> => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const schedule = (): void => {
    if (!isRunning) return;
    timer = clock.setTimeout(() => {
      void refreshNow().finally(schedule);
    }, interval);
  };
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    refreshNow,
    noteReportSaved: () => store.update((s) => (s.isReportSaved ? s : { ...s, isReportSaved: true })),
    start() {
      if (isRunning) return;
      isRunning = true;
      unsubscribes.push(options.triage.subscribe(onTriage), options.journal.subscribe(onJournal));
      onTriage();
      onJournal();
      void refreshNow().finally(schedule);
    },
    stop() {
      isRunning = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      for (const u of unsubscribes.splice(0)) u();
    },
  };
}
