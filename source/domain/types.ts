// Domain types: what aws/ hands to the rest of the app. No SDK shapes leave aws/.

/** EC2 instance lifecycle state names, as AWS spells them. */
export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** A security group reference as DescribeInstances returns it. */
export interface SecurityGroupRef {
  readonly id: string;
  readonly name: string;
}

/** One EC2 instance, flattened from its reservation. */
export interface Instance {
  readonly id: string;
  /** The Name tag, or '' when the instance has none. */
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly type: string;
  readonly state: InstanceStateName;
  readonly az: string;
  readonly launchTime: Date | undefined;
  readonly platformDetails: string | undefined;
  readonly architecture: string | undefined;
  /** Detailed monitoring (1-minute metrics) is on. */
  readonly isDetailedMonitoring: boolean;
  readonly publicIp: string | undefined;
  readonly privateIp: string | undefined;
  readonly keyName: string | undefined;
  readonly securityGroups: readonly SecurityGroupRef[];
  readonly subnetId: string | undefined;
  readonly vpcId: string | undefined;
  readonly imageId: string | undefined;
  readonly stateReason: { readonly code: string; readonly message: string } | undefined;
  readonly stateTransitionReason: string | undefined;
  /** DNS names ('' from AWS is undefined here); optional: older callers and fakes leave them out. */
  readonly publicDns?: string | undefined;
  readonly privateDns?: string | undefined;
  /** The IAM instance profile's ARN, when one is attached. */
  readonly iamInstanceProfileArn?: string | undefined;
  /** EBS volumes attached (BlockDeviceMappings): device name and volume id. */
  readonly blockDevices?: readonly BlockDevice[];
  /** The root device name ('/dev/xvda'), to say which volume is the root. */
  readonly rootDeviceName?: string | undefined;
  /** The region it was listed in, set when the app shows several (profile, region) origins (aws/multi-api.ts). */
  readonly region?: string;
  /** The named profile it was listed with, set like `region` (absent: the default chain). */
  readonly profile?: string;
}

/** One EBS block device mapping of an instance. */
export interface BlockDevice {
  readonly deviceName: string;
  readonly volumeId: string;
  /** 'attaching' | 'attached' | 'detaching' | 'detached'. */
  readonly status: string;
  readonly deleteOnTermination: boolean;
}

/** One EBS volume as DescribeVolumes returns it. */
export interface Volume {
  readonly id: string;
  readonly sizeGiB: number;
  /** gp3, gp2, io2… */
  readonly type: string;
  /** 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error'. */
  readonly state: string;
  readonly iops: number | undefined;
  readonly isEncrypted: boolean;
}

/** What DescribeImages says of an instance's AMI (its name tells the family: al2023-ami-…, ubuntu/images/…). */
export interface ImageInfo {
  readonly id: string;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly platformDetails: string | undefined;
}

/** An Elastic IP associated with an instance (DescribeAddresses). */
export interface ElasticAddress {
  readonly publicIp: string;
  readonly allocationId: string | undefined;
  readonly associationId: string | undefined;
}

/** Status values of a status check summary (AWS SummaryStatus), plus 'n/a' where AWS has no check. */
export type CheckStatus = 'ok' | 'impaired' | 'initializing' | 'insufficient-data' | 'not-applicable';

/** One status check (system, instance or attached EBS) with its per-test details. */
export interface StatusCheck {
  readonly status: CheckStatus;
  readonly details: readonly {
    readonly name: string;
    readonly status: string;
    readonly impairedSince: Date | undefined;
  }[];
}

/** A scheduled event on an instance (maintenance, retirement, reboot). */
export interface ScheduledEvent {
  readonly id: string | undefined;
  readonly code: string;
  readonly description: string;
  readonly notBefore: Date | undefined;
  readonly notAfter: Date | undefined;
}

/** Status checks and events of one instance (DescribeInstanceStatus, IncludeAllInstances). */
export interface InstanceStatus {
  readonly instanceId: string;
  readonly state: InstanceStateName;
  readonly az: string;
  readonly system: StatusCheck;
  readonly instance: StatusCheck;
  /** Attached EBS status; undefined where AWS does not report it. */
  readonly ebs: StatusCheck | undefined;
  readonly events: readonly ScheduledEvent[];
}

/** What DescribeInstanceTypes says of one type. */
export interface InstanceTypeInfo {
  readonly type: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly architectures: readonly string[];
  readonly isCurrentGeneration: boolean;
  readonly isBurstable: boolean;
  /** 'nitro' or 'xen'; undefined when AWS does not say. */
  readonly hypervisor: string | undefined;
  readonly virtualizationTypes: readonly string[];
}

/** Decoded console output. */
export interface ConsoleOutput {
  readonly instanceId: string;
  readonly timestamp: Date | undefined;
  /** Decoded text ('' when the instance has produced none). */
  readonly text: string;
}

/** One metric to fetch: a MetricStat query. */
export interface MetricQuery {
  /** Caller's id; must match ^[a-z][a-zA-Z0-9_]*$ (GetMetricData's rule). */
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly period: number;
  readonly unit?: string;
}

/** One fetched series, ascending by time. */
export interface MetricSeries {
  readonly id: string;
  readonly label: string;
  readonly timestamps: readonly Date[];
  readonly values: readonly number[];
  /** Complete, PartialData, InternalError or Forbidden (GetMetricData StatusCode). */
  readonly statusCode: string;
  readonly messages: readonly string[];
}

/** A batch of series plus how many GetMetricData calls it took. */
export interface MetricBatch {
  readonly series: readonly MetricSeries[];
  readonly calls: number;
}

/** A CloudWatch Logs group. */
export interface LogGroup {
  readonly name: string;
  readonly creationTime: Date | undefined;
  readonly storedBytes: number | undefined;
  readonly retentionInDays: number | undefined;
}

/** A CloudWatch Logs event. */
export interface LogEvent {
  readonly timestamp: Date;
  readonly message: string;
  readonly logStream: string;
  readonly eventId: string | undefined;
}

/** The errors a pane can render, mapped from whatever the SDK threw (words: domain/aws-error.ts describeAwsError). */
export type AwsError =
  | { readonly kind: 'throttled'; readonly message: string }
  | { readonly kind: 'denied'; readonly action: string | undefined; readonly message: string }
  /** Expired or rejected keys, or an SSO session past its end; `profile` names what to log in again. */
  | { readonly kind: 'expired-credentials'; readonly message: string; readonly profile?: string; readonly isSso?: boolean }
  | { readonly kind: 'no-credentials'; readonly message: string }
  | { readonly kind: 'not-found'; readonly message: string }
  /** A socket-level failure; `code` is Node's (ENOTFOUND, ECONNREFUSED…), `host` what was dialled. */
  | { readonly kind: 'network'; readonly message: string; readonly code?: string; readonly host?: string }
  /** No connection (`phase` connect) or no answer within the configured timeout. */
  | { readonly kind: 'timeout'; readonly message: string; readonly host: string; readonly seconds: number; readonly phase: 'connect' | 'answer' }
  /** The endpoint answered something the SDK could not parse as the operation's answer. */
  | { readonly kind: 'malformed'; readonly message: string; readonly service: string; readonly operation: string }
  /** An HTTP error without an AWS error in it (a 404 from a web server at --endpoint-url). */
  | { readonly kind: 'bad-endpoint'; readonly message: string; readonly status: number }
  | { readonly kind: 'aborted'; readonly message: string }
  | { readonly kind: 'unknown'; readonly code: string | undefined; readonly message: string };

/** Every AwsError kind, for duck-typing a thrown value outside aws/. */
export const AWS_ERROR_KINDS: readonly AwsError['kind'][] = [
  'throttled', 'denied', 'expired-credentials', 'no-credentials', 'not-found', 'network', 'timeout', 'malformed',
  'bad-endpoint', 'aborted', 'unknown',
];
