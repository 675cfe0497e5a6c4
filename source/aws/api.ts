import type {
  ConsoleOutput,
  Instance,
  InstanceStatus,
  InstanceTypeInfo,
  LogEvent,
  LogGroup,
  MetricBatch,
  MetricQuery,
  ElasticAddress,
  ImageInfo,
  Volume,
} from '../domain/types.js';
import type { CommandInvocation, HostCheckId, ManagedInstance } from '../domain/host-checks.js';
import type { InternetGatewayCheck, KeyPairCheck, NetworkAcl, RouteTable, SecurityGroup, Subnet } from '../domain/network-types.js';

/** Options every call takes: an AbortSignal so a poller can cancel a refresh that is no longer wanted. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** Which instances listInstances asks for: all, some ids, or some Name tags (EC2 filter values: * and ? are wildcards). */
export interface ListInstancesOptions extends CallOptions {
  readonly instanceIds?: readonly string[];
  readonly names?: readonly string[];
}

/**
 * The app's whole view of AWS. model/ and triage/ depend on this interface only; aws/index.ts implements it
 * with the SDK v3 clients. Every method throws an AwsFailure (aws/errors.ts) carrying an AwsError on failure.
 */
export interface AwsApi {
  /** Region the clients talk to. */
  readonly region: string;
  /**
   * Every instance (DescribeInstances through the SDK paginator), optionally only the given ids (InstanceIds), or
   * only those whose Name tag is one of `names` (a tag:Name filter: the endpoint sends only those, not the fleet).
   */
  listInstances(options?: ListInstancesOptions): Promise<Instance[]>;
  /** Status checks and events for the given instances (≤100 ids per call, IncludeAllInstances); all when ids omitted. */
  describeStatuses(instanceIds: readonly string[] | undefined, options?: CallOptions): Promise<InstanceStatus[]>;
  /** vCPU, memory, architecture and generation of the given types. */
  describeInstanceTypes(types: readonly string[], options?: CallOptions): Promise<InstanceTypeInfo[]>;
  /** Console output, base64-decoded. `latest` asks for the most recent output where the type supports it. */
  getConsoleOutput(instanceId: string, options?: CallOptions & { readonly latest?: boolean }): Promise<ConsoleOutput>;
  /** Many series in as few GetMetricData calls as the 500-query limit allows; start/end inclusive/exclusive. */
  getMetricData(queries: readonly MetricQuery[], start: Date, end: Date, options?: CallOptions): Promise<MetricBatch>;
  /** How many metric alarms are in ALARM per instance (their InstanceId dimension): one paginated DescribeAlarms. */
  alarmingInstances(options?: CallOptions): Promise<ReadonlyMap<string, number>>;
  /** Log groups, optionally by name prefix. */
  listLogGroups(prefix?: string, options?: CallOptions): Promise<LogGroup[]>;
  /** Events of one group in [start, end), optionally matching a filter pattern; at most `limit` (default 1000). */
  filterLogEvents(
    group: string,
    start: Date,
    end: Date,
    options?: CallOptions & { readonly pattern?: string; readonly limit?: number },
  ): Promise<LogEvent[]>;
  /** Security groups with their inbound rules (DescribeSecurityGroups). */
  describeSecurityGroups(groupIds: readonly string[], options?: CallOptions): Promise<SecurityGroup[]>;
  /** One subnet (DescribeSubnets). */
  describeSubnet(subnetId: string, options?: CallOptions): Promise<Subnet>;
  /** The route table serving a subnet: its explicit association, else the VPC's main table. */
  describeRouteTableForSubnet(subnetId: string, vpcId: string, options?: CallOptions): Promise<RouteTable>;
  /** The network ACL associated with a subnet. */
  describeNetworkAclForSubnet(subnetId: string, options?: CallOptions): Promise<NetworkAcl>;
  /** Whether the key pair exists (a missing key is `exists: false`, not an error). */
  describeKeyPair(keyName: string, options?: CallOptions): Promise<KeyPairCheck>;
  /** The internet gateway attached to a VPC (none is an answer, not an error). */
  describeInternetGatewayForVpc(vpcId: string, options?: CallOptions): Promise<InternetGatewayCheck>;
  /** One instance's DescribeInstances answer as JSON (its reservation with only it; Dates as ISO strings); optional. */
  describeInstanceRaw?(instanceId: string, options?: CallOptions): Promise<unknown>;
  /** EBS volumes by id (DescribeVolumes); optional. */
  describeVolumes?(volumeIds: readonly string[], options?: CallOptions): Promise<Volume[]>;
  /** Elastic IPs associated with an instance (DescribeAddresses, instance-id filter); optional. */
  describeAddresses?(instanceId: string, options?: CallOptions): Promise<ElasticAddress[]>;
  /** One AMI's name and platform (DescribeImages); undefined when it no longer exists; optional. */
  describeImage?(imageId: string, options?: CallOptions): Promise<ImageInfo | undefined>;
  /** A burstable instance's CPU credit mode (DescribeInstanceCreditSpecifications). */
  describeCreditMode?(instanceId: string, options?: CallOptions): Promise<'standard' | 'unlimited' | undefined>;
  /**
   * The api of the origin that listed this instance (aws/multi-api.ts): calls about it that name no instance id
   * (its log groups, instance types) go where it lives. Absent on a single-origin api, which is its own scope.
   */
  scopeTo?(instanceId: string): AwsApi;
  /** Drops the resolved credentials so the next call reads the chain (files, SSO cache) again; absent on the fleet. */
  renewCredentials?(): void;
  /** The endpoint's time now (its answers' Date headers; ours when they agree to the minute). */
  serverNow?(): number;
  /**
   * Tells `listener`, as each call settles (answered or failed), how many requests it sent to AWS: every page of a
   * listing, each GetMetricData call, none when refused before sending. Absent on apis that do not count (the budget
   * then estimates from the answer).
   */
  countRequests?(listener: (method: keyof AwsApi, requests: number) => void): void;
  /** The instances SSM manages among `instanceIds` (DescribeInstanceInformation); an unmanaged one is not in the answer. */
  describeInstanceInformation(instanceIds: readonly string[], options?: CallOptions): Promise<ManagedInstance[]>;
  /** Runs one fixed host check (SendCommand, AWS-RunShellScript, domain/host-checks.ts); resolves to the command id. */
  sendHostCheck(instanceId: string, check: HostCheckId, options?: CallOptions): Promise<string>;
  /** One command's status and output on one instance (GetCommandInvocation). */
  getCommandInvocation(commandId: string, instanceId: string, options?: CallOptions): Promise<CommandInvocation>;
}
