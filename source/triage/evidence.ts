// Everything gathered for one instance in one round of calls. Each item is either its value or `{ missing }`
// with the reason, so every conclusion can also say what was NOT checked and why (denied, throttled, no agent…).
// model/ fills this from aws/; triage/ only reads it.
import type { AwsError, ConsoleOutput, Instance, InstanceStatus, InstanceTypeInfo, LogEvent } from '../domain/types.js';
import type { CommandTarget } from '../domain/target.js';
import type { HostCheckId, HostCheckOutput, ManagedInstance } from '../domain/host-checks.js';
import { SECTION_MARKER } from '../domain/host-checks.js';
import { describeAwsError } from '../domain/aws-error.js';
import type { InternetGatewayCheck, KeyPairCheck, NetworkAcl, RouteTable, SecurityGroup, Subnet } from '../domain/network-types.js';

/**
 * Why there is no value. Three kinds mean the thing was read and there was nothing (absent: 'no-agent',
 * 'no-log-group', 'no-data'); every other kind means it was not read at all (unknown: denied, throttled, an error
 * or timeout, not applicable, not gathered, no datapoint since a fix yet). Rules conclude from absent evidence,
 * never from unknown evidence. `action` names the API call / IAM action behind it ('ec2:DescribeInstanceStatus').
 */
export interface MissingReason {
  readonly kind: 'denied' | 'throttled' | 'error' | 'no-agent' | 'no-log-group' | 'no-data' | 'not-yet' | 'not-applicable' | 'not-gathered';
  readonly action?: string;
  /** One line, for the report's "not checked" list. */
  readonly message: string;
  /** The failed call's error, when a call failed. */
  readonly error?: AwsError;
}

export interface Missing {
  readonly missing: MissingReason;
}

/** A gathered value, or why there is none. */
export type Item<T> = T | Missing;

/** A metric series with its period (60 s detailed, 300 s basic, 60 s for the agent). Ascending by time. */
export interface MetricEvidence {
  readonly period: number;
  readonly timestamps: readonly Date[];
  readonly values: readonly number[];
}

/**
 * The series the engine reads, by key (namespace, metric, statistic):
 * cpuAvg/cpuMax AWS/EC2 CPUUtilization Average/Maximum · cpuCreditBalance CPUCreditBalance Minimum (burstable only)
 * · netIn/netOut NetworkIn/NetworkOut Sum · ebsReadBytes/ebsWriteBytes EBSReadBytes/EBSWriteBytes Sum
 * · statusFailedSystem/statusFailedInstance StatusCheckFailed_System/_Instance Maximum
 * · mem CWAgent mem_used_percent Maximum · disk CWAgent disk_used_percent Maximum (path '/').
 */
export type MetricKey =
  | 'cpuAvg' | 'cpuMax' | 'cpuCreditBalance' | 'netIn' | 'netOut' | 'ebsReadBytes' | 'ebsWriteBytes'
  | 'statusFailedSystem' | 'statusFailedInstance' | 'mem' | 'disk';

/** The events one log group gave for this instance in the window. */
export interface LogGroupEvidence {
  readonly group: string;
  readonly events: Item<readonly LogEvent[]>;
}

/** What the "Can't SSH" runbook reads. `callerCidr` is the user's public address (/32) when known. */
export interface NetworkEvidence {
  readonly securityGroups: Item<readonly SecurityGroup[]>;
  readonly subnet: Item<Subnet>;
  readonly routeTable: Item<RouteTable>;
  readonly networkAcl: Item<NetworkAcl>;
  readonly keyPair: Item<KeyPairCheck>;
  /** The VPC's attached internet gateway (none is a value too): the route fix creates one when there is none. */
  readonly internetGateway?: Item<InternetGatewayCheck>;
  readonly callerCidr?: string;
}

/** The root EBS volume (DescribeInstances BlockDeviceMappings + DescribeVolumes), for growing a full disk. */
export interface RootVolume {
  readonly volumeId: string;
  readonly sizeGiB: number;
  /** '/dev/xvda', '/dev/sda1'. */
  readonly device: string;
}

/**
 * The host checks (SSM Run Command), raw: triage/ parses them. Present only when the user allowed diagnostics; missing
 * with the reason when the instance is not managed, its agent is offline, or SSM refused.
 */
export interface HostEvidence {
  readonly managed: ManagedInstance;
  readonly checks: Readonly<Partial<Record<HostCheckId, Item<HostCheckOutput>>>>;
}

export interface Evidence {
  /** Where the calls went: every printed command names the same region, profile and endpoint. */
  readonly target: CommandTarget;
  /** When the round of calls ran (the engine never reads the clock). */
  readonly gatheredAt: Date;
  /** The window metrics and logs cover (around now, or around a chosen incident time). */
  readonly window: { readonly from: Date; readonly to: Date; readonly isSinceFix?: boolean };
  /** DescribeInstances: state, StateReason, StateTransitionReason, type, launch time, IPs, key, SGs, subnet. */
  readonly instance: Instance;
  readonly status: Item<InstanceStatus>;
  readonly typeInfo: Item<InstanceTypeInfo>;
  /** The family's types (c5.large, c5.xlarge…) for resize advice. */
  readonly familyTypes: Item<readonly InstanceTypeInfo[]>;
  /** A key absent from the record was not gathered. */
  readonly metrics: Readonly<Partial<Record<MetricKey, Item<MetricEvidence>>>>;
  readonly consoleOutput: Item<ConsoleOutput>;
  /** Missing as a whole when the groups could not be listed or none belongs to the instance. */
  readonly logs: Item<readonly LogGroupEvidence[]>;
  readonly network: NetworkEvidence;
  /** Optional: without it the disk-full advice looks the volume up in the command itself. */
  readonly rootVolume?: Item<RootVolume>;
  /** The host checks; absent (not gathered) unless diagnostics were allowed (--diagnostics). */
  readonly host?: Item<HostEvidence>;
}

/** Observed: read, with a value · absent: read, and there was nothing · unknown: not read (see MissingReason). */
export type EvidenceState = 'observed' | 'absent' | 'unknown';

const ABSENT: ReadonlySet<MissingReason['kind']> = new Set(['no-agent', 'no-log-group', 'no-data']);

/** Whether an item was observed, read and absent, or not read at all. */
export function stateOf(item: Item<unknown> | undefined): EvidenceState {
  const reason = missingReason(item);
  if (reason === undefined) return 'observed';
  return ABSENT.has(reason.kind) ? 'absent' : 'unknown';
}

/** True when the item was read (observed or absent): a rule may conclude from it. */
export const isRead = (item: Item<unknown> | undefined): boolean => stateOf(item) !== 'unknown';

/** True when the item is `{ missing }`. */
export function isMissing<T>(item: Item<T> | undefined): item is Missing | undefined {
  return item === undefined || (typeof item === 'object' && item !== null && 'missing' in item);
}

/** The value, or undefined when missing. */
export function valueOf<T>(item: Item<T> | undefined): T | undefined {
  return isMissing(item) ? undefined : (item as T);
}

/** The reason an item is missing (an absent key reads as not gathered). */
export function missingReason(item: Item<unknown> | undefined): MissingReason | undefined {
  if (item === undefined) return { kind: 'not-gathered', message: 'not gathered' };
  return isMissing(item) ? item.missing : undefined;
}

/** A failed call as a missing item, naming the IAM action: `missingFromError(e, 'ec2:DescribeInstanceStatus')`. */
export function missingFromError(error: AwsError, action: string): Missing {
  const kind = error.kind === 'denied' ? 'denied' : error.kind === 'throttled' ? 'throttled' : 'error';
  const named = error.kind === 'denied' && error.action !== undefined ? error.action : action;
  return { missing: { kind, action: named, message: describeAwsError(error), error } };
}

/** A missing item for a reason other than a failed call. */
export function missing(kind: MissingReason['kind'], message: string, action?: string): Missing {
  return { missing: action === undefined ? { kind, message } : { kind, message, action } };
}

/**
 * Whether a log match belongs to the window. A dated match: by its time. An undated one is kept, except a console
 * line of an earlier boot (its kernel clock started at an unknown time) when the window lies after that boot: it
 * starts after the current boot, or it starts at a fix that restarted the instance.
 */
export function isInWindow(match: { readonly at: Date | undefined; readonly isEarlierBoot?: boolean }, window: Evidence['window'], launchTime: Date | undefined): boolean {
  if (match.at !== undefined) return match.at >= window.from && match.at <= window.to;
  if (match.isEarlierBoot !== true || launchTime === undefined) return true;
  return !(window.from >= launchTime || (window.isSinceFix === true && launchTime >= window.from));
}

/**
 * The host checks by evidence key, one per check: each is its own Run Command and can fail or time out alone, so a
 * link resting on the memory check is not dropped because the disk check timed out.
 */
export const HOST_KEYS = { hostMemory: 'memory', hostCpu: 'cpu', hostDisk: 'disk', hostSsh: 'ssh' } as const satisfies Record<string, HostCheckId>;
export type HostKey = keyof typeof HOST_KEYS;

/** A piece of evidence by name: a rule's chain link names what it rests on, the checklist what each step read. */
export type EvidenceKey = MetricKey | 'status' | 'typeInfo' | 'console' | 'logs' | Exclude<keyof NetworkEvidence, 'callerCidr'> | HostKey;

/**
 * One host check's output as evidence: missing as a whole when the host was not checked (not managed, agent offline,
 * SSM refused, not asked), not gathered when that check did not run, an error when it printed none of its sections.
 */
export function hostCheckItem(e: Evidence, id: HostCheckId): Item<HostCheckOutput> | undefined {
  if (e.host === undefined || isMissing(e.host)) return e.host;
  const out = e.host.checks[id];
  if (out === undefined || isMissing(out)) return out;
  if (out.stdout.includes(SECTION_MARKER)) return out;
  const detail = out.stderr.trim().split('\n')[0] ?? '';
  return missing('error', `the ${id} check printed nothing readable (${out.status}${detail === '' ? '' : `: ${detail.slice(0, 80)}`})`, 'ssm:SendCommand');
}

/** The item behind a key; the logs count as unknown when any one group's events could not be read. */
export function evidenceItem(e: Evidence, key: EvidenceKey): Item<unknown> | undefined {
  switch (key) {
    case 'status':
      return e.status;
    case 'typeInfo':
      return e.typeInfo;
    case 'console':
      return e.consoleOutput;
    case 'logs': {
      const unread = (valueOf(e.logs) ?? []).find((g) => stateOf(g.events) === 'unknown');
      return unread === undefined ? e.logs : unread.events;
    }
    case 'securityGroups':
    case 'subnet':
    case 'routeTable':
    case 'networkAcl':
    case 'keyPair':
    case 'internetGateway':
      return e.network[key];
    case 'hostMemory':
    case 'hostCpu':
    case 'hostDisk':
    case 'hostSsh':
      return hostCheckItem(e, HOST_KEYS[key]);
    default:
      return e.metrics[key];
  }
}

/** The state of a piece of evidence by name. A metric the round did not ask for (credits of a c5) is not applicable. */
export function stateOfKey(e: Evidence, key: EvidenceKey): EvidenceState {
  return stateOf(evidenceItem(e, key));
}
