// The training fleet's world, as the wire services (sim/services/) see it. Times are epoch milliseconds.
// world.ts implements SimWorld; services read it and render AWS wire shapes; the world knows nothing of HTTP.
import type { SimAction, SimActionOutcome, SimActionRequest, SimAlarms, SimOperationRecord } from './types-actions.js';
import type { SimInstanceState, SimMetricKey, SimStatistic } from './types-core.js';
import type { SimNetwork } from './types-network.js';
import type { SimSsm } from './types-ssm.js';
import type { InProcessHandler, InProcessRequest, InProcessResponse } from '../domain/in-process-http.js';

export type * from './types-actions.js';
export type * from './types-core.js';
export type * from './types-network.js';
export type * from './types-ssm.js';

/** A source of the current time in epoch ms. Real time, or a clock running `speed` times faster. */
export interface Clock {
  now(): number;
}


/** The numeric codes AWS pairs with each state name. */
export const STATE_CODES: Readonly<Record<SimInstanceState, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface SimInstance {
  readonly id: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly type: string;
  readonly state: SimInstanceState;
  readonly az: string;
  readonly launchTime: number;
  readonly platformDetails: string;
  readonly architecture: string;
  readonly monitoring: 'enabled' | 'disabled';
  readonly publicIp: string | undefined;
  readonly privateIp: string;
  readonly keyName: string | undefined;
  readonly securityGroups: readonly { readonly id: string; readonly name: string }[];
  readonly subnetId: string;
  readonly vpcId: string;
  readonly imageId: string;
  readonly stateReason: { readonly code: string; readonly message: string } | undefined;
  /** AWS's free-text reason, e.g. 'User initiated (2024-01-15 02:10:00 GMT)'; '' when none. */
  readonly stateTransitionReason: string;
  readonly rootVolumeId: string;
  /** The IAM instance profile's name, when one is attached (the app's servers have one; generated ones do not). */
  readonly iamInstanceProfile?: string;
}

export type SimCheckStatus = 'ok' | 'impaired' | 'initializing' | 'insufficient-data' | 'not-applicable';

export interface SimStatusCheck {
  readonly status: SimCheckStatus;
  /** AWS has one detail, name 'reachability', status passed | failed | initializing | insufficient-data. */
  readonly details: readonly { readonly name: string; readonly status: string; readonly impairedSince?: number }[];
}

export interface SimEvent {
  readonly id: string;
  readonly code: 'instance-reboot' | 'system-reboot' | 'system-maintenance' | 'instance-retirement' | 'instance-stop';
  readonly description: string;
  readonly notBefore: number;
  readonly notAfter: number | undefined;
}

export interface SimInstanceStatus {
  readonly instanceId: string;
  readonly system: SimStatusCheck;
  readonly instance: SimStatusCheck;
  readonly ebs: SimStatusCheck;
  readonly events: readonly SimEvent[];
}

export interface SimInstanceType {
  readonly type: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly architectures: readonly string[];
  readonly isCurrentGeneration: boolean;
  readonly isBurstable: boolean;
  readonly hypervisor: 'nitro' | 'xen';
  readonly virtualizationTypes: readonly string[];
}


/** Aggregated datapoints of one metric over a window, ascending by time. */
export interface SimDatapoints {
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
  readonly unit: string;
}


export interface SimLogGroup {
  readonly name: string;
  readonly creationTime: number;
  readonly storedBytes: number;
}

export interface SimLogEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly logStream: string;
  readonly eventId: string;
}

/** The world: a deterministic fleet advanced by its clock. */
export interface SimWorld {
  readonly region: string;
  readonly accountId: string;
  readonly scenario: string;
  readonly clock: Clock;
  /** Every instance, sorted by id; states as of clock.now(). */
  instances(): readonly SimInstance[];
  instance(id: string): SimInstance | undefined;
  /** Status of one instance as of now; undefined for an unknown id. */
  status(id: string): SimInstanceStatus | undefined;
  /** The catalogue of types the world knows (all types used by the fleet, plus their family neighbours). */
  instanceTypes(): readonly SimInstanceType[];
  /** Every metric that has data (ListMetrics). */
  listMetrics(): readonly SimMetricKey[];
  /**
   * Datapoints of one metric in [start, end) aggregated to `period` seconds with `stat`; buckets aligned to
   * multiples of period; only buckets with data (no data for stopped instances, before launch, or in the future).
   */
  datapoints(key: SimMetricKey, start: number, end: number, period: number, stat: SimStatistic): SimDatapoints;
  /** Console output of an instance as of now (kernel/systemd/cloud-init lines); undefined for an unknown id. */
  consoleOutput(id: string): { readonly text: string; readonly timestamp: number } | undefined;
  logGroups(): readonly SimLogGroup[];
  /** Events of one group with timestamp in [start, end), ascending; only those already written by now. */
  logEvents(group: string, start: number, end: number): readonly SimLogEvent[];
  /** VPCs, subnets, route tables, gateways, ACLs, security groups and key pairs as of now. */
  network(): SimNetwork;
  /**
   * Applies a user action to an instance as of now (`apply` false: only checks it, for DryRun and for checking
   * every id of a call before changing any). A refusal carries the EC2 error AWS would send. Every derived view
   * (state, status, metrics, console, logs) follows the instance's action log.
   */
  instanceAction(id: string, request: SimActionRequest, apply: boolean): SimActionOutcome;
  /** Every accepted action, oldest first. */
  actions(): readonly SimAction[];
  /** CloudWatch alarms on this world's metrics. */
  readonly alarms: SimAlarms;
  /** Systems Manager: managed instances, sessions and Run Command, as of now. */
  readonly ssm: SimSsm;
  /**
   * The record of every operation the handler received (reads, writes, dry runs, refusals), oldest first: how
   * tests prove what was and was not sent. The handler appends with recordOperation.
   */
  operations(): readonly SimOperationRecord[];
  recordOperation(record: SimOperationRecord): void;
}

/** Options that make a world. */
export interface SimWorldOptions {
  readonly scenario: string;
  readonly seed: number;
  /** Extra generated instances for scale work. */
  readonly fleetSize: number;
  readonly clock: Clock;
  /** Where the story's T0 lies (scenario incidents are placed relative to it); defaults to the clock's first reading. */
  readonly t0?: number;
}

/** An HTTP request as the fleet's handler sees it (from the socket server or in-process from the SDK). */
export type SimRequest = InProcessRequest;

export type SimResponse = InProcessResponse;

/** The fleet's single entry point: both the HTTP server and the in-process SDK handler (aws/'s contract) call this. */
export type SimHandler = InProcessHandler;
