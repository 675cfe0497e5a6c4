// EC2 reads: instances, status checks, instance types, console output. SDK shapes are mapped to domain types
// here and never leave this file.
import {
  GetConsoleOutputCommand,
  paginateDescribeInstanceStatus,
  paginateDescribeInstanceTypes,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import type {
  EC2Client,
  Instance as SdkInstance,
  InstanceStatus as SdkInstanceStatus,
  InstanceStatusSummary,
  InstanceTypeInfo as SdkInstanceTypeInfo,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import type { CallOptions, ListInstancesOptions } from './api.js';
import { chunk, mapConcurrent } from './clients.js';
import { guard, toAwsError } from './errors.js';
import type {
  CheckStatus,
  ConsoleOutput,
  Instance,
  InstanceStateName,
  InstanceStatus,
  InstanceTypeInfo,
  StatusCheck,
} from '../domain/types.js';

/** DescribeInstanceStatus and DescribeInstanceTypes take at most 100 ids per call. */
export const MAX_IDS_PER_CALL = 100;
/** Chunks in flight at once: enough to hide latency, few enough not to trip the request-rate limit. */
const CONCURRENCY = 4;

const STATES: ReadonlySet<string> = new Set(['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped']);
const CHECK_STATUSES: ReadonlySet<string> = new Set(['ok', 'impaired', 'initializing', 'insufficient-data', 'not-applicable']);

const stateName = (name: string | undefined): InstanceStateName =>
  (name !== undefined && STATES.has(name) ? name : 'pending') as InstanceStateName;

const tagsOf = (tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']])));

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

/** Maps one DescribeInstances instance to the domain shape. */
export function toInstance(i: SdkInstance): Instance {
  const tags = tagsOf(i.Tags);
  return {
    id: i.InstanceId ?? '',
    name: tags.Name ?? '',
    tags,
    type: i.InstanceType ?? '',
    state: stateName(i.State?.Name),
    az: i.Placement?.AvailabilityZone ?? '',
    launchTime: i.LaunchTime,
    platformDetails: i.PlatformDetails,
    architecture: i.Architecture,
    isDetailedMonitoring: i.Monitoring?.State === 'enabled',
    publicIp: i.PublicIpAddress,
    privateIp: i.PrivateIpAddress,
    keyName: i.KeyName,
    securityGroups: (i.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' })),
    subnetId: i.SubnetId,
    vpcId: i.VpcId,
    imageId: i.ImageId,
    stateReason: i.StateReason === undefined ? undefined : { code: i.StateReason.Code ?? '', message: i.StateReason.Message ?? '' },
    stateTransitionReason: i.StateTransitionReason === '' ? undefined : i.StateTransitionReason,
    publicDns: nonEmpty(i.PublicDnsName),
    privateDns: nonEmpty(i.PrivateDnsName),
    iamInstanceProfileArn: i.IamInstanceProfile?.Arn,
    blockDevices: (i.BlockDeviceMappings ?? []).flatMap((b) =>
      b.Ebs?.VolumeId === undefined
        ? []
        : [{ deviceName: b.DeviceName ?? '', volumeId: b.Ebs.VolumeId, status: b.Ebs.Status ?? '', deleteOnTermination: b.Ebs.DeleteOnTermination === true }],
    ),
    rootDeviceName: i.RootDeviceName,
  };
}

/** Maps a status summary; a missing one (AWS omits it for stopped instances) is 'not-applicable'. */
export function toStatusCheck(summary: InstanceStatusSummary | undefined): StatusCheck {
  const status = summary?.Status;
  return {
    status: (status === undefined ? 'not-applicable' : CHECK_STATUSES.has(status) ? status : 'insufficient-data') as CheckStatus,
    details: (summary?.Details ?? []).map((d) => ({ name: d.Name ?? '', status: d.Status ?? '', impairedSince: d.ImpairedSince })),
  };
}

/** Maps one DescribeInstanceStatus entry (system, instance and attached-EBS checks plus scheduled events). */
export function toInstanceStatus(s: SdkInstanceStatus): InstanceStatus {
  return {
    instanceId: s.InstanceId ?? '',
    state: stateName(s.InstanceState?.Name),
    az: s.AvailabilityZone ?? '',
    system: toStatusCheck(s.SystemStatus),
    instance: toStatusCheck(s.InstanceStatus),
    ebs: s.AttachedEbsStatus === undefined ? undefined : toStatusCheck(s.AttachedEbsStatus),
    events: (s.Events ?? []).map((e) => ({
      id: e.InstanceEventId,
      code: e.Code ?? '',
      description: e.Description ?? '',
      notBefore: e.NotBefore,
      notAfter: e.NotAfter,
    })),
  };
}

/** Maps one DescribeInstanceTypes entry. */
export function toInstanceTypeInfo(t: SdkInstanceTypeInfo): InstanceTypeInfo {
  return {
    type: t.InstanceType ?? '',
    vcpus: t.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: t.MemoryInfo?.SizeInMiB ?? 0,
    architectures: t.ProcessorInfo?.SupportedArchitectures ?? [],
    isCurrentGeneration: t.CurrentGeneration === true,
    isBurstable: t.BurstablePerformanceSupported === true,
    hypervisor: t.Hypervisor,
    virtualizationTypes: t.SupportedVirtualizationTypes ?? [],
  };
}

/** Console output arrives base64-encoded; a missing Output means the instance has written nothing yet. */
export function decodeConsoleOutput(output: string | undefined): string {
  return output === undefined || output === '' ? '' : Buffer.from(output, 'base64').toString('utf8');
}

/**
 * Drains a paginator into one list, mapping each page as it arrives: a page's SDK objects become garbage before
 * the next page is parsed, instead of every raw page of a 10,000-instance fleet staying alive to the end.
 */
async function collect<P, S, T>(pages: AsyncIterable<P>, pick: (page: P) => readonly S[] | undefined, map: (item: S) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) for (const item of pick(page) ?? []) out.push(map(item));
  return out;
}

/** Every instance (reservations flattened), optionally only the given ids. */
export function listInstances(
  ec2: EC2Client,
  pageSize: number | undefined,
  options?: ListInstancesOptions,
): Promise<Instance[]> {
  return guard('ec2:DescribeInstances', async () => {
    const ids = options?.instanceIds;
    const names = options?.names;
    // By name, the endpoint filters (tag:Name): a name's instances, not the whole fleet, cross the wire.
    const filters = names === undefined ? {} : { Filters: [{ Name: 'tag:Name', Values: [...names] }] };
    // AWS rejects MaxResults together with InstanceIds, so ids are asked for in one page per chunk.
    const chunks = ids === undefined ? [undefined] : chunk(ids, 1000);
    const lists = await mapConcurrent(chunks, CONCURRENCY, (instanceIds) => {
      const pages = paginateDescribeInstances(
        { client: ec2, ...(instanceIds === undefined && pageSize !== undefined ? { pageSize } : {}) },
        instanceIds === undefined ? filters : { InstanceIds: instanceIds, ...filters },
        { abortSignal: options?.signal },
      );
      return collect(pages, (page) => (page.Reservations ?? []).flatMap((r) => r.Instances ?? []), toInstance);
    });
    return lists.flat();
  });
}

/** Status checks and events (IncludeAllInstances, so stopped instances are covered too). */
export function describeStatuses(
  ec2: EC2Client,
  pageSize: number | undefined,
  instanceIds: readonly string[] | undefined,
  options?: CallOptions,
): Promise<InstanceStatus[]> {
  return guard('ec2:DescribeInstanceStatus', async () => {
    if (instanceIds !== undefined && instanceIds.length === 0) return [];
    const chunks = instanceIds === undefined ? [undefined] : chunk(instanceIds, MAX_IDS_PER_CALL);
    const lists = await mapConcurrent(chunks, CONCURRENCY, (ids) => {
      const pages = paginateDescribeInstanceStatus(
        { client: ec2, ...(ids === undefined && pageSize !== undefined ? { pageSize } : {}) },
        { IncludeAllInstances: true, ...(ids === undefined ? {} : { InstanceIds: ids }) },
        { abortSignal: options?.signal },
      );
      return collect(pages, (page) => page.InstanceStatuses, toInstanceStatus);
    });
    return lists.flat();
  });
}

/** vCPUs, memory and generation of the given types (deduplicated, ≤100 per call). */
export function describeInstanceTypes(ec2: EC2Client, types: readonly string[], options?: CallOptions): Promise<InstanceTypeInfo[]> {
  return guard('ec2:DescribeInstanceTypes', async () => {
    const unique = [...new Set(types)];
    if (unique.length === 0) return [];
    const lists = await mapConcurrent(chunk(unique, MAX_IDS_PER_CALL), CONCURRENCY, (ids) =>
      collect(
        paginateDescribeInstanceTypes({ client: ec2 }, { InstanceTypes: ids as _InstanceType[] }, { abortSignal: options?.signal }),
        (page) => page.InstanceTypes,
        toInstanceTypeInfo,
      ),
    );
    return lists.flat();
  });
}

/** Console output, decoded; `latest` falls back to the buffered output where the type does not support it. */
export function getConsoleOutput(
  ec2: EC2Client,
  instanceId: string,
  options?: CallOptions & { readonly latest?: boolean },
): Promise<ConsoleOutput> {
  return guard('ec2:GetConsoleOutput', async () => {
    const send = (latest: boolean) =>
      ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId, ...(latest ? { Latest: true } : {}) }), { abortSignal: options?.signal });
    let out;
    try {
      out = await send(options?.latest === true);
    } catch (e) {
      // Latest is Nitro-only; Xen types answer UnsupportedOperation, and the buffered output is still useful.
      const error = toAwsError(e);
      if (options?.latest !== true || error.kind !== 'unknown' || error.code !== 'UnsupportedOperation') throw e;
      out = await send(false);
    }
    return { instanceId: out.InstanceId ?? instanceId, timestamp: out.Timestamp, text: decodeConsoleOutput(out.Output) };
  });
}
