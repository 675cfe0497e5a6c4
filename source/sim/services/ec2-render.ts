// World objects → EC2 wire structures (lowerCamel locationNames from the EC2 model, lists as arrays).
import { STATE_CODES } from '../types.js';
import type { SimInstance, SimInstanceStatus, SimInstanceType, SimStatusCheck, SimWorld } from '../types.js';
import type { WireObject } from './operation.js';

/** The reservation id a single-instance reservation gets: stable for the instance. */
export function reservationIdOf(instanceId: string): string {
  return `r-${instanceId.slice(2).padEnd(17, '0').slice(0, 17)}`;
}

function dnsLabel(ip: string): string {
  return ip.replaceAll('.', '-');
}

function privateDnsName(world: SimWorld, ip: string): string {
  return world.region === 'us-east-1' ? `ip-${dnsLabel(ip)}.ec2.internal` : `ip-${dnsLabel(ip)}.${world.region}.compute.internal`;
}

function publicDnsName(world: SimWorld, ip: string | undefined): string {
  if (ip === undefined) return '';
  return world.region === 'us-east-1' ? `ec2-${dnsLabel(ip)}.compute-1.amazonaws.com` : `ec2-${dnsLabel(ip)}.${world.region}.compute.amazonaws.com`;
}

/** A stable AIPA… id for an instance profile name (AWS ids are 21 characters of upper case and digits). */
function instanceProfileId(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `AIPA${h.toString(36).toUpperCase().padStart(17, '0').slice(0, 17)}`;
}

/** The `instanceState` structure. */
export function stateOf(instance: SimInstance): WireObject {
  return { code: STATE_CODES[instance.state], name: instance.state };
}

/** One instance as DescribeInstances shows it. */
export function renderInstance(world: SimWorld, instance: SimInstance): WireObject {
  const isGone = instance.state === 'terminated';
  const launchTime = new Date(instance.launchTime);
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: stateOf(instance),
    privateDnsName: isGone ? '' : privateDnsName(world, instance.privateIp),
    dnsName: isGone ? '' : publicDnsName(world, instance.publicIp),
    reason: instance.stateTransitionReason,
    keyName: instance.keyName,
    amiLaunchIndex: 0,
    productCodes: [],
    instanceType: instance.type,
    launchTime,
    placement: { availabilityZone: instance.az, groupName: '', tenancy: 'default' },
    monitoring: { state: instance.monitoring },
    subnetId: isGone ? undefined : instance.subnetId,
    vpcId: isGone ? undefined : instance.vpcId,
    privateIpAddress: isGone ? undefined : instance.privateIp,
    ipAddress: isGone ? undefined : instance.publicIp,
    sourceDestCheck: isGone ? undefined : true,
    groupSet: instance.securityGroups.map((g) => ({ groupId: g.id, groupName: g.name })),
    stateReason: instance.stateReason === undefined ? undefined : { code: instance.stateReason.code, message: instance.stateReason.message },
    architecture: instance.architecture,
    iamInstanceProfile:
      instance.iamInstanceProfile === undefined
        ? undefined
        : { arn: `arn:aws:iam::${world.accountId}:instance-profile/${instance.iamInstanceProfile}`, id: instanceProfileId(instance.iamInstanceProfile) },
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: isGone
      ? []
      : [
          {
            deviceName: '/dev/xvda',
            ebs: { volumeId: instance.rootVolumeId, status: 'attached', attachTime: launchTime, deleteOnTermination: true },
          },
        ],
    virtualizationType: 'hvm',
    tagSet: Object.entries(instance.tags).map(([key, value]) => ({ key, value })),
    // DescribeInstances reports 'xen' for Nitro instances too; only DescribeInstanceTypes says 'nitro'.
    hypervisor: 'xen',
    ebsOptimized: false,
    enaSupport: true,
    platformDetails: instance.platformDetails,
    usageOperation: 'RunInstances',
  };
}

function renderCheck(check: SimStatusCheck): WireObject {
  return {
    status: check.status,
    details: check.details.map((d) => ({
      name: d.name,
      status: d.status,
      impairedSince: d.impairedSince === undefined ? undefined : new Date(d.impairedSince),
    })),
  };
}

/** One instance's DescribeInstanceStatus entry. */
export function renderStatus(instance: SimInstance, status: SimInstanceStatus): WireObject {
  return {
    instanceId: instance.id,
    availabilityZone: instance.az,
    eventsSet:
      status.events.length === 0
        ? undefined
        : status.events.map((e) => ({
            instanceEventId: e.id,
            code: e.code,
            description: e.description,
            notBefore: new Date(e.notBefore),
            notAfter: e.notAfter === undefined ? undefined : new Date(e.notAfter),
          })),
    instanceState: stateOf(instance),
    systemStatus: renderCheck(status.system),
    instanceStatus: renderCheck(status.instance),
    attachedEbsStatus: renderCheck(status.ebs),
  };
}

/** One DescribeInstanceTypes entry. */
export function renderInstanceType(info: SimInstanceType): WireObject {
  return {
    instanceType: info.type,
    currentGeneration: info.isCurrentGeneration,
    freeTierEligible: false,
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: ['ebs'],
    supportedVirtualizationTypes: [...info.virtualizationTypes],
    bareMetal: false,
    hypervisor: info.hypervisor,
    processorInfo: { supportedArchitectures: [...info.architectures] },
    vCpuInfo: { defaultVCpus: info.vcpus },
    memoryInfo: { sizeInMiB: info.memoryMiB },
    instanceStorageSupported: false,
    burstablePerformanceSupported: info.isBurstable,
    hibernationSupported: false,
    dedicatedHostsSupported: false,
    autoRecoverySupported: true,
  };
}
