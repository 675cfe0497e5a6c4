// Gathers the triage engine's Evidence for one instance: every call starts as soon as what it needs is known, so a
// run takes at most two round-trips (its longest chain of dependent calls), not the sum of its calls:
//   instance known (the TUI's `t`): round 1 = status, types, metrics, console, network, the fresh description and
//     the log-group listing; round 2 = the picked groups' events (the only call that needs another's answer).
//   instance to find (`check NAME|ID`): round 1 = the lookup and the log-group listing (which needs no instance);
//     round 2 = everything else, the picked groups' events included.
// (The host checks, only with the user's consent, poll their commands: they are outside this bound.)
import type { AwsApi, CallOptions } from '../aws/api.js';
import type { Instance, InstanceTypeInfo, LogGroup, MetricQuery, MetricSeries } from '../domain/types.js';
import { familyLadder, previousSizeName } from '../domain/instance-types.js';
import type { CommandTarget } from '../domain/target.js';
import type { Evidence, Item, LogGroupEvidence, MetricEvidence, MetricKey, NetworkEvidence } from '../triage/evidence.js';
import { missing, missingFromError } from '../triage/evidence.js';
import { eventsOfInstance, pickLogGroups } from '../triage/log-sources.js';
import type { CallRecord } from '../triage/timeline.js';
import { asAwsError } from './errors.js';
import { gatherHostChecks } from './host-checks.js';
import type { HostCheckOptions } from './host-checks.js';
import { isNitroType, monitoringPeriod, ROOT_DISK_DIMENSIONS } from './metric-specs.js';

export interface GatherOptions {
  readonly now: number;
  /** Where the calls go, for the commands the engine prints; defaults to the API's region alone. */
  readonly target?: CommandTarget;
  /** Metrics and logs cover [at − lookback, at]; `at` defaults to now (a chosen incident time otherwise). */
  readonly at?: number;
  readonly lookbackMs?: number;
  /** The window starts at a fix (triage after an action): console lines of a boot the fix ended are before it. */
  readonly isSinceFix?: boolean;
  readonly signal?: AbortSignal;
  readonly onCall?: (call: CallRecord) => void;
  /** Wall time for call durations (the fleet clock may run faster than real time). */
  readonly realNow?: () => number;
  /**
   * The user's consent to host checks (--diagnostics, and the preview confirmed): present, the round runs them
   * through SSM; absent, Evidence.host stays absent and no SSM call is made at all.
   */
  readonly hostChecks?: Pick<HostCheckOptions, 'clock' | 'pollMs' | 'timeoutMs'>;
}

/** Three hours: the reference story's window (CPU climbing for 40 min, the kill, the outage). */
export const DEFAULT_LOOKBACK_MS = 3 * 3_600_000;
const EVENTS_PER_GROUP = 500;
// The checklist's pattern plus the other runbooks' signatures (any term matches).
export const EVIDENCE_LOG_PATTERN =
  '?"Out of memory" ?"Killed process" ?"oom-kill" ?CRITICAL ?ERROR ?"No space left" ?"Read-only file system" ?"Kernel panic" ?"EXT4-fs error" ?sshd ?"soft lockup"';

/** The metric queries the engine reads (see MetricKey in triage/evidence.ts). */
export function evidenceQueries(instance: Instance): { key: MetricKey; query: MetricQuery }[] {
  const period = monitoringPeriod(instance);
  const dims = { InstanceId: instance.id };
  const ec2 = (key: MetricKey, metricName: string, stat: string, p = period) => ({
    key,
    query: { id: key, namespace: 'AWS/EC2', metricName, dimensions: dims, stat, period: p },
  });
  const ebs = isNitroType(instance.type);
  const list = [
    ec2('cpuAvg', 'CPUUtilization', 'Average'),
    ec2('cpuMax', 'CPUUtilization', 'Maximum'),
    ec2('netIn', 'NetworkIn', 'Sum'),
    ec2('netOut', 'NetworkOut', 'Sum'),
    ec2('ebsReadBytes', ebs ? 'EBSReadBytes' : 'DiskReadBytes', 'Sum'),
    ec2('ebsWriteBytes', ebs ? 'EBSWriteBytes' : 'DiskWriteBytes', 'Sum'),
    // Status-check metrics are always per minute, whatever the monitoring.
    ec2('statusFailedSystem', 'StatusCheckFailed_System', 'Maximum', 60),
    ec2('statusFailedInstance', 'StatusCheckFailed_Instance', 'Maximum', 60),
    { key: 'mem' as const, query: { id: 'mem', namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: dims, stat: 'Maximum', period: 60 } },
    {
      key: 'disk' as const,
      query: { id: 'disk', namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: { ...dims, ...ROOT_DISK_DIMENSIONS }, stat: 'Maximum', period: 60 },
    },
  ];
  if (instance.type.startsWith('t')) list.push(ec2('cpuCreditBalance', 'CPUCreditBalance', 'Minimum', 300));
  return list;
}

const AGENT_KEYS: ReadonlySet<MetricKey> = new Set(['mem', 'disk']);

function toMetricEvidence(key: MetricKey, raw: MetricSeries | undefined, period: number, boundary: number | undefined): Item<MetricEvidence> {
  const series = raw === undefined || boundary === undefined ? raw : afterBoundary(raw, boundary);
  if (raw !== undefined && raw.values.length > 0 && series?.values.length === 0) {
    return missing('not-yet', `no ${key} datapoint since the instance started (or the fix) yet (one comes every ${period} s)`, 'cloudwatch:GetMetricData');
  }
  if (series === undefined || series.values.length === 0) {
    return AGENT_KEYS.has(key)
      ? missing('no-agent', 'CloudWatch Agent not reporting (no CWAgent data for this instance)', 'cloudwatch:GetMetricData')
      : missing('no-data', `no ${key} datapoints in the window`, 'cloudwatch:GetMetricData');
  }
  return { period, timestamps: series.timestamps, values: series.values };
}

/** The datapoints whose period starts at or after `boundary` (a period that began before a fix mixes in its past). */
function afterBoundary(series: MetricSeries, boundary: number): MetricSeries {
  const keep = series.timestamps.map((t, i) => [t, i] as const).filter(([t]) => t.getTime() >= boundary).map(([, i]) => i);
  return { ...series, timestamps: keep.map((i) => series.timestamps[i] as Date), values: keep.map((i) => series.values[i] as number) };
}

/**
 * An instance still to be found (check's argument): the round's first call, alongside the log-group listing that
 * needs no instance; its rejection (no such instance, an ambiguous name) rejects the round.
 */
export interface InstanceLookup {
  /** What the lookup asks for, for the call record ('ec2:DescribeInstances'). */
  readonly operation: string;
  readonly find: (options: CallOptions) => Promise<Instance>;
  /** The round's "now" once the lookup has answered (the endpoint's clock, told by that answer); else options.now. */
  readonly now?: () => number;
}

/** The instance a round triages: known (re-described in the round), or to be found first. */
export type TriageSubject = Instance | InstanceLookup;

const isLookup = (subject: TriageSubject): subject is InstanceLookup => 'find' in subject;

/** Gathers everything for one instance; failures become `{ missing }` items, never a rejected round (a failed lookup does reject). */
export async function gatherEvidence(fleetApi: AwsApi, subject: TriageSubject, options: GatherOptions): Promise<Evidence> {
  // Several origins: every call of this run goes to the origin that listed the instance (its logs, its types). A
  // lookup by name (check) has one origin: check refuses more.
  const api = isLookup(subject) ? fleetApi : (fleetApi.scopeTo?.(subject.id) ?? fleetApi);
  const { signal } = options;
  const realNow = options.realNow ?? Date.now;
  let now = options.now;

  /** Runs one call and records it; a failure is recorded and rethrown. */
  const recorded = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    const startedAt = new Date(now);
    const realStart = realNow();
    try {
      const value = await call();
      options.onCall?.({ operation, startedAt, durationMs: realNow() - realStart, outcome: 'ok' });
      return value;
    } catch (error) {
      options.onCall?.({ operation, startedAt, durationMs: realNow() - realStart, outcome: 'error', error: asAwsError(error) });
      throw error;
    }
  };
  /** Runs one call, records it, and turns a failure into a missing item. */
  const item = async <T>(operation: string, call: () => Promise<T>): Promise<Item<T>> => {
    try {
      return await recorded(operation, call);
    } catch (error) {
      return missingFromError(asAwsError(error), operation);
    }
  };

  // Round 1, whatever the subject: the listing needs no instance (the groups are picked once it is known).
  const listing = item('logs:DescribeLogGroups', () => api.listLogGroups(undefined, { signal }));
  let instance: Instance;
  let fresh: Promise<Item<Instance[]>>;
  if (isLookup(subject)) {
    // The lookup is this round's description of the instance: no second DescribeInstances.
    instance = await recorded(subject.operation, () => subject.find(signal === undefined ? {} : { signal }));
    now = subject.now?.() ?? now;
    fresh = Promise.resolve([instance]);
  } else {
    instance = subject;
    fresh = item('ec2:DescribeInstances', () => api.listInstances({ signal, instanceIds: [instance.id] }));
  }
  const at = options.at ?? now;
  const from = new Date(at - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS));
  const to = new Date(at);
  const status = item('ec2:DescribeInstanceStatus', async () => {
    const list = await api.describeStatuses([instance.id], { signal });
    const found = list.find((s) => s.instanceId === instance.id);
    if (found === undefined) throw new Error(`no status for ${instance.id}`);
    return found;
  });
  // Up the family for more memory; the size below on its own, since many families have none (c5.medium).
  const below = previousSizeName(instance.type);
  const types = item('ec2:DescribeInstanceTypes', async () => {
    const [ladder, smaller] = await Promise.all([
      api.describeInstanceTypes(familyLadder(instance.type), { signal }).catch(() => api.describeInstanceTypes([instance.type], { signal })),
      below === undefined ? [] : api.describeInstanceTypes([below], { signal }).catch(() => []),
    ]);
    return [...smaller, ...ladder];
  });
  const specs = evidenceQueries(instance);
  const metrics = item('cloudwatch:GetMetricData', () => api.getMetricData(specs.map((s) => s.query), from, to, { signal }));
  const consoleOutput = item('ec2:GetConsoleOutput', () => api.getConsoleOutput(instance.id, { signal, latest: isNitroType(instance.type) }));
  const logs = gatherLogs(api, instance, listing, from, to, item, signal);
  const network = gatherNetwork(api, instance, item, signal, options.target?.callerCidr);
  const consent = options.hostChecks;
  const host = consent === undefined
    ? Promise.resolve(undefined)
    : gatherHostChecks(api, instance.id, {
      ...consent,
      realNow,
      ...(signal === undefined ? {} : { signal }),
      ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
    });

  const [freshList, statusItem, typeList, batch, consoleItem, logItem, networkItem, hostItem] = await Promise.all([
    fresh, status, types, metrics, consoleOutput, logs, network, host,
  ]);
  const current = Array.isArray(freshList) ? (freshList.find((i) => i.id === instance.id) ?? instance) : instance;
  const typeInfos = Array.isArray(typeList) ? (typeList as InstanceTypeInfo[]) : undefined;
  const typeInfo = typeInfos?.find((t) => t.type === instance.type);
  const metricItems: Partial<Record<MetricKey, Item<MetricEvidence>>> = {};
  // Datapoints from before the instance last started (a stop and start, a resize) describe its previous run, not
  // how it is now; after a fix, only those since it count.
  const launched = current.launchTime?.getTime();
  // (A launch "after" the window's end is a clock ahead of ours — a training fleet running fast: still a restart.)
  const restartedInWindow = launched !== undefined && launched > from.getTime();
  const boundary = options.isSinceFix === true ? Math.max(from.getTime(), launched ?? 0) : restartedInWindow ? launched : undefined;
  for (const { key, query } of specs) {
    metricItems[key] =
      'missing' in (batch as object) && !('series' in (batch as object))
        ? (batch as ReturnType<typeof missing>)
        : toMetricEvidence(key, (batch as { series: readonly MetricSeries[] }).series.find((s) => s.id === query.id), query.period, boundary);
  }
  return {
    target: options.target ?? { region: api.region },
    gatheredAt: new Date(now),
    window: { from, to, ...(options.isSinceFix === true ? { isSinceFix: true } : {}) },
    instance: current,
    status: statusItem,
    typeInfo: typeInfo ?? (typeInfos === undefined ? (typeList as ReturnType<typeof missing>) : missing('error', `type ${instance.type} not described`)),
    familyTypes: typeInfos ?? (typeList as ReturnType<typeof missing>),
    metrics: metricItems,
    consoleOutput: consoleItem,
    logs: logItem,
    network: networkItem,
    ...(hostItem === undefined ? {} : { host: hostItem }),
  };
}

type ItemFn = <T>(action: string, call: () => Promise<T>) => Promise<Item<T>>;

/** The picked groups' events, read as soon as the listing (started in round 1) is in. */
async function gatherLogs(
  api: AwsApi,
  instance: Instance,
  listing: Promise<Item<LogGroup[]>>,
  from: Date,
  to: Date,
  item: ItemFn,
  signal?: AbortSignal,
): Promise<Item<readonly LogGroupEvidence[]>> {
  const listed = await listing;
  if (!Array.isArray(listed)) return listed as ReturnType<typeof missing>;
  const groups = pickLogGroups(instance, listed);
  if (groups.length === 0) {
    return missing('no-log-group', `no CloudWatch Logs group belongs to ${instance.name || instance.id} (name rule or ec2-triage:log-groups tag)`);
  }
  return Promise.all(
    groups.map(async (g): Promise<LogGroupEvidence> => {
      const events = await item('logs:FilterLogEvents', () =>
        api.filterLogEvents(g.name, from, to, { signal, pattern: EVIDENCE_LOG_PATTERN, limit: EVENTS_PER_GROUP }),
      );
      return { group: g.name, events: Array.isArray(events) ? eventsOfInstance(instance.id, events) : events };
    }),
  );
}

async function gatherNetwork(api: AwsApi, instance: Instance, item: ItemFn, signal?: AbortSignal, callerCidr?: string): Promise<NetworkEvidence> {
  const subnetId = instance.subnetId;
  const none = (what: string) => missing('not-applicable', `instance has no ${what}`);
  const vpcId = instance.vpcId;
  const [securityGroups, subnet, routeTable, networkAcl, keyPair, internetGateway] = await Promise.all([
    item('ec2:DescribeSecurityGroups', () => api.describeSecurityGroups(instance.securityGroups.map((g) => g.id), { signal })),
    subnetId === undefined ? none('subnet') : item('ec2:DescribeSubnets', () => api.describeSubnet(subnetId, { signal })),
    subnetId === undefined
      ? none('subnet')
      : item('ec2:DescribeRouteTables', () => api.describeRouteTableForSubnet(subnetId, instance.vpcId ?? '', { signal })),
    subnetId === undefined ? none('subnet') : item('ec2:DescribeNetworkAcls', () => api.describeNetworkAclForSubnet(subnetId, { signal })),
    instance.keyName === undefined ? none('key pair') : item('ec2:DescribeKeyPairs', () => api.describeKeyPair(instance.keyName ?? '', { signal })),
    vpcId === undefined ? none('VPC') : item('ec2:DescribeInternetGateways', () => api.describeInternetGatewayForVpc(vpcId, { signal })),
  ]);
  return { securityGroups, subnet, routeTable, networkAcl, keyPair, internetGateway, ...(callerCidr === undefined ? {} : { callerCidr }) };
}
