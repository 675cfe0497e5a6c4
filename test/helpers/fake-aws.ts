// A scriptable AwsApi for model/ and triage/ tests: canned data, per-method failures, calls held until the test
// releases them (to observe in-flight states and aborts), and call counting.
import type { AwsApi, CallOptions } from '../../source/aws/api.js';
import type {
  AwsError,
  ConsoleOutput,
  Instance,
  InstanceStatus,
  InstanceTypeInfo,
  LogEvent,
  LogGroup,
  MetricBatch,
  MetricQuery,
  MetricSeries,
  StatusCheck,
} from '../../source/domain/types.js';
import type { NetworkAcl, RouteTable, SecurityGroup, Subnet } from '../../source/domain/network-types.js';
import type { CommandInvocation, HostCheckId, ManagedInstance } from '../../source/domain/host-checks.js';

export type Method = Exclude<keyof AwsApi, 'region' | 'renewCredentials' | 'serverNow' | 'describeInstanceRaw' | 'describeVolumes' | 'describeAddresses' | 'describeImage' | 'describeCreditMode' | 'scopeTo' | 'countRequests'>;

/** One scripted host-check answer: the statuses GetCommandInvocation reports in turn (the last one repeats). */
export interface ScriptedInvocation {
  readonly statuses: readonly string[];
  readonly stdout?: string;
  readonly stderr?: string;
  readonly responseCode?: number;
  readonly statusDetails?: string;
}

/** What aws/ throws: an Error carrying the AwsError. */
export class FakeAwsFailure extends Error {
  constructor(readonly error: AwsError) {
    super(error.message);
    this.name = 'AwsFailure';
  }
}

/** A series generator: datapoints for a query over [start, end). */
export type SeriesFn = (query: MetricQuery, start: Date, end: Date) => { timestamps: Date[]; values: number[] };

export interface FakeAwsData {
  instances?: Instance[];
  statuses?: InstanceStatus[];
  series?: SeriesFn;
  /** Metric alarms in ALARM per instance id. */
  alarming?: Record<string, number>;
  console?: Record<string, string>;
  logGroups?: LogGroup[];
  /** Events per group; filterLogEvents applies time and a plain substring/`?a ?b` pattern. */
  logEvents?: Record<string, LogEvent[]>;
  /** The network the SSH runbook reads; route tables and ACLs by subnet id; key pairs by name. */
  network?: {
    securityGroups?: SecurityGroup[];
    subnets?: Subnet[];
    routeTables?: Record<string, RouteTable>;
    acls?: Record<string, NetworkAcl>;
    keyPairs?: string[];
    /** vpcId → the attached internet gateway id. */
    internetGateways?: Record<string, string>;
  };
  /** The SSM side: managed instances (absent = not managed), and each check's scripted invocation. */
  ssm?: {
    managed?: ManagedInstance[];
    /** By check id; a check without a script answers Success with empty output. */
    invocations?: Partial<Record<HostCheckId, ScriptedInvocation>>;
  };
}

/** An Online managed instance with an Amazon Linux agent. */
export function makeManaged(instanceId: string, pingStatus = 'Online'): ManagedInstance {
  return { instanceId, pingStatus, lastPingAt: undefined, agentVersion: '3.3.40.0', platformName: 'Amazon Linux', platformVersion: '2023' };
}

export interface FakeAws extends AwsApi {
  readonly data: FakeAwsData;
  readonly calls: Record<Method, number>;
  readonly metricQueries: MetricQuery[][];
  readonly metricWindows: { start: Date; end: Date }[];
  /** Every sendHostCheck, in order. */
  readonly sentHostChecks: { instanceId: string; check: HostCheckId; commandId: string }[];
  /** The next `times` calls of a method throw this error (default: every call until cleared). */
  fail(method: Method, error: AwsError, times?: number): void;
  clearFailures(): void;
  /** Calls of a method wait until release() (or their signal aborts). */
  hold(method: Method): { release(): void };
  /** Calls aborted by their signal so far. */
  readonly aborted: number;
}

const ok: StatusCheck = { status: 'ok', details: [{ name: 'reachability', status: 'passed', impairedSince: undefined }] };

/** A running instance with sensible defaults. */
export function makeInstance(over: Partial<Instance> & { id: string }): Instance {
  return {
    name: '', tags: over.name === undefined ? {} : { Name: over.name }, type: 'c5.large', state: 'running', az: 'us-east-1a',
    launchTime: new Date(Date.UTC(2024, 0, 6, 0, 0, 0)), platformDetails: 'Linux/UNIX', architecture: 'x86_64',
    isDetailedMonitoring: false, publicIp: undefined, privateIp: '10.0.0.1', keyName: undefined, securityGroups: [],
    subnetId: undefined, vpcId: undefined, imageId: undefined, stateReason: undefined, stateTransitionReason: undefined,
    ...over,
  };
}

/** A status with both checks as given. */
export function makeStatus(instanceId: string, system: StatusCheck['status'] = 'ok', instance: StatusCheck['status'] = 'ok'): InstanceStatus {
  const check = (s: StatusCheck['status']): StatusCheck => (s === 'ok' ? ok : { status: s, details: [{ name: 'reachability', status: 'failed', impairedSince: undefined }] });
  return { instanceId, state: 'running', az: 'us-east-1a', system: check(system), instance: check(instance), ebs: ok, events: [] };
}

/** n running instances with ids i-000…, every third with detailed monitoring. */
export function makeFleet(n: number): Instance[] {
  return Array.from({ length: n }, (_, i) =>
    makeInstance({ id: `i-${i.toString(16).padStart(17, '0')}`, name: `gen-${i}`, isDetailedMonitoring: i % 3 === 0, state: i % 20 === 19 ? 'stopped' : 'running' }),
  );
}

/** A constant series at each period boundary of the window. */
export const constantSeries = (value: number): SeriesFn => (query, start, end) => {
  const step = query.period * 1000;
  const timestamps: Date[] = [];
  for (let t = Math.ceil(start.getTime() / step) * step; t < end.getTime(); t += step) timestamps.push(new Date(t));
  return { timestamps, values: timestamps.map(() => value) };
};

const matches = (pattern: string | undefined, message: string): boolean => {
  if (pattern === undefined || pattern.trim() === '') return true;
  const terms = [...pattern.matchAll(/\??"([^"]*)"|\??(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  return pattern.includes('?') ? terms.some((t) => message.includes(t)) : terms.every((t) => message.includes(t));
};

/** Creates the fake; `data` may be mutated by the test between calls. */
export function createFakeAws(data: FakeAwsData = {}): FakeAws {
  const calls: Record<Method, number> = {
    listInstances: 0, describeStatuses: 0, describeInstanceTypes: 0, getConsoleOutput: 0, getMetricData: 0, alarmingInstances: 0, listLogGroups: 0, filterLogEvents: 0,
    describeSecurityGroups: 0, describeSubnet: 0, describeRouteTableForSubnet: 0, describeNetworkAclForSubnet: 0, describeKeyPair: 0, describeInternetGatewayForVpc: 0,
    describeInstanceInformation: 0, sendHostCheck: 0, getCommandInvocation: 0,
  };
  const sentHostChecks: { instanceId: string; check: HostCheckId; commandId: string }[] = [];
  // commandId → the check it ran and how many times its invocation was read.
  const commands = new Map<string, { check: HostCheckId; instanceId: string; reads: number }>();
  const absent = (what: string): FakeAwsFailure => new FakeAwsFailure({ kind: 'not-found', message: `${what} does not exist` });
  const failures = new Map<Method, { error: AwsError; times: number }>();
  const holds = new Map<Method, Set<() => void>>();
  const metricQueries: MetricQuery[][] = [];
  const metricWindows: { start: Date; end: Date }[] = [];
  let aborted = 0;

  const enter = async (method: Method, options: CallOptions | undefined): Promise<void> => {
    calls[method] += 1;
    const signal = options?.signal;
    const abortError = (): FakeAwsFailure => {
      aborted += 1;
      return new FakeAwsFailure({ kind: 'aborted', message: 'Request aborted' });
    };
    if (signal?.aborted === true) throw abortError();
    const held = holds.get(method);
    if (held !== undefined) {
      await new Promise<void>((resolve, reject) => {
        held.add(resolve);
        signal?.addEventListener('abort', () => {
          held.delete(resolve);
          reject(abortError());
        }, { once: true });
      });
    } else {
      await Promise.resolve();
    }
    const failure = failures.get(method);
    if (failure !== undefined) {
      failure.times -= 1;
      if (failure.times <= 0) failures.delete(method);
      throw new FakeAwsFailure(failure.error);
    }
  };

  return {
    region: 'us-east-1',
    data,
    calls,
    metricQueries,
    metricWindows,
    sentHostChecks,
    get aborted() {
      return aborted;
    },
    fail(method, error, times = Number.POSITIVE_INFINITY) {
      failures.set(method, { error, times });
    },
    clearFailures() {
      failures.clear();
    },
    hold(method) {
      const waiting = new Set<() => void>();
      holds.set(method, waiting);
      return {
        release() {
          holds.delete(method);
          for (const resolve of waiting) resolve();
        },
      };
    },
    async listInstances(options) {
      await enter('listInstances', options);
      const all = data.instances ?? [];
      const ids = options?.instanceIds;
      const names = options?.names;
      return all.filter((i) => (ids === undefined || ids.includes(i.id)) && (names === undefined || names.includes(i.name)));
    },
    async describeStatuses(ids, options) {
      await enter('describeStatuses', options);
      const all = data.statuses ?? [];
      return ids === undefined ? all.slice() : all.filter((s) => ids.includes(s.instanceId));
    },
    async describeInstanceTypes(_types, options): Promise<InstanceTypeInfo[]> {
      await enter('describeInstanceTypes', options);
      return [];
    },
    async getConsoleOutput(instanceId, options): Promise<ConsoleOutput> {
      await enter('getConsoleOutput', options);
      return { instanceId, timestamp: undefined, text: data.console?.[instanceId] ?? '' };
    },
    async getMetricData(queries, start, end, options): Promise<MetricBatch> {
      await enter('getMetricData', options);
      metricQueries.push(queries.slice());
      metricWindows.push({ start, end });
      const series: MetricSeries[] = queries.map((q) => {
        const points = data.series?.(q, start, end) ?? { timestamps: [], values: [] };
        return { id: q.id, label: q.metricName, ...points, statusCode: 'Complete', messages: [] };
      });
      return { series, calls: Math.max(1, Math.ceil(queries.length / 500)) };
    },
    async alarmingInstances(options) {
      await enter('alarmingInstances', options);
      return new Map(Object.entries(data.alarming ?? {}));
    },
    async listLogGroups(prefix, options) {
      await enter('listLogGroups', options);
      return (data.logGroups ?? []).filter((g) => prefix === undefined || g.name.startsWith(prefix));
    },
    async filterLogEvents(group, start, end, options) {
      await enter('filterLogEvents', options);
      return (data.logEvents?.[group] ?? [])
        .filter((e) => e.timestamp >= start && e.timestamp < end && matches(options?.pattern, e.message))
        .slice(0, options?.limit ?? 1000);
    },
    async describeSecurityGroups(ids, options) {
      await enter('describeSecurityGroups', options);
      return (data.network?.securityGroups ?? []).filter((g) => ids.includes(g.groupId));
    },
    async describeSubnet(id, options) {
      await enter('describeSubnet', options);
      const subnet = data.network?.subnets?.find((s) => s.subnetId === id);
      if (subnet === undefined) throw absent(`subnet ${id}`);
      return subnet;
    },
    async describeRouteTableForSubnet(subnetId, _vpcId, options) {
      await enter('describeRouteTableForSubnet', options);
      const table = data.network?.routeTables?.[subnetId];
      if (table === undefined) throw absent(`route table for ${subnetId}`);
      return table;
    },
    async describeNetworkAclForSubnet(subnetId, options) {
      await enter('describeNetworkAclForSubnet', options);
      const acl = data.network?.acls?.[subnetId];
      if (acl === undefined) throw absent(`network ACL for ${subnetId}`);
      return acl;
    },
    async describeKeyPair(keyName, options) {
      await enter('describeKeyPair', options);
      return { keyName, exists: (data.network?.keyPairs ?? []).includes(keyName) };
    },
    async describeInternetGatewayForVpc(vpcId, options) {
      await enter('describeInternetGatewayForVpc', options);
      return { vpcId, internetGatewayId: data.network?.internetGateways?.[vpcId] };
    },
    async describeInstanceInformation(ids, options): Promise<ManagedInstance[]> {
      await enter('describeInstanceInformation', options);
      return (data.ssm?.managed ?? []).filter((m) => ids.includes(m.instanceId));
    },
    async sendHostCheck(instanceId, check, options) {
      await enter('sendHostCheck', options);
      const commandId = `cmd-${sentHostChecks.length + 1}-${check}`;
      sentHostChecks.push({ instanceId, check, commandId });
      commands.set(commandId, { check, instanceId, reads: 0 });
      return commandId;
    },
    async getCommandInvocation(commandId, instanceId, options): Promise<CommandInvocation> {
      await enter('getCommandInvocation', options);
      const sent = commands.get(commandId);
      if (sent === undefined || sent.instanceId !== instanceId) throw absent(`invocation ${commandId} on ${instanceId}`);
      const script = data.ssm?.invocations?.[sent.check] ?? { statuses: ['Success'] };
      const status = script.statuses[Math.min(sent.reads, script.statuses.length - 1)] ?? 'Success';
      sent.reads += 1;
      const isDone = status !== 'Pending' && status !== 'InProgress' && status !== 'Delayed';
      return {
        commandId, instanceId, status, statusDetails: script.statusDetails ?? status,
        responseCode: isDone ? (script.responseCode ?? (status === 'Success' ? 0 : 1)) : -1,
        stdout: isDone ? (script.stdout ?? '') : '', stderr: isDone ? (script.stderr ?? '') : '',
      };
    },
  };
}
