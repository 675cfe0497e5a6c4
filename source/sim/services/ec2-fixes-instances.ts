// The instance-side writes the triage's fixes use, and their Describes: Elastic IPs (allocate, associate,
// disassociate, release), the CPU credit mode, images (CreateImage: pending, then available) and root volumes
// (ModifyVolume). Parse, check what is named, DryRun, then the world's change store applies it.
import { instanceNotFound, invalidParameterValue, missingParameter, volumeNotFound } from '../fix-errors.js';
import { SimError } from '../protocol/errors.js';
import type { SimInstance, SimWorld } from '../types.js';
import type { SimAddress, SimImage, SimVolume } from '../world-fixes.js';
import { isBurstable } from '../world-fixes.js';
import { INSTANCE_ID, checkDryRun, readInstanceIds } from './ec2-common.js';
import { describe, missingIn } from './ec2-network.js';
import { fixesOf, required, write } from './ec2-fixes.js';
import { readBoolean, readInteger, readList, readString, readStringList, readStruct } from './input.js';
import type { Fail } from './input.js';
import type { Operations, WireObject } from './operation.js';

const invalid: Fail = (message) => invalidParameterValue(message);
const DAY = 86_400_000;
const AMAZON_OWNER = '137112412989';

const instanceOf = (world: SimWorld, id: string): SimInstance => {
  if (!INSTANCE_ID.test(id)) throw new SimError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  const instance = world.instance(id);
  if (instance === undefined) throw instanceNotFound(id);
  return instance;
};

const allocateAddress = write((fixes, _base, input) => {
  const domain = readString(input.Domain, 'Domain', invalid) ?? 'vpc';
  if (domain !== 'vpc') throw invalid(`Value (${domain}) for parameter domain is invalid. EC2-Classic is retired: use vpc.`);
  checkDryRun(input);
  const a = fixes.allocateAddress();
  return { publicIp: a.publicIp, allocationId: a.allocationId, domain: 'vpc', publicIpv4Pool: 'amazon', networkBorderGroup: 'us-east-1' };
});

const associateAddress = write((fixes, _base, input, world) => {
  const instanceId = readString(input.InstanceId, 'InstanceId', invalid);
  if (instanceId === undefined || instanceId === '') {
    if (input.NetworkInterfaceId !== undefined) throw new SimError('UnsupportedOperation', 'The training fleet associates addresses with instances (InstanceId).');
    throw missingParameter('InstanceId');
  }
  const publicIp = readString(input.PublicIp, 'PublicIp', invalid);
  const byIp = publicIp === undefined ? undefined : fixes.addresses().find((a) => a.publicIp === publicIp);
  if (publicIp !== undefined && byIp === undefined) throw new SimError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`);
  const allocationId = readString(input.AllocationId, 'AllocationId', invalid) ?? byIp?.allocationId;
  if (allocationId === undefined || allocationId === '') throw missingParameter('AllocationId');
  instanceOf(world, instanceId);
  const allow = readBoolean(input.AllowReassociation, 'AllowReassociation', invalid) ?? false;
  checkDryRun(input);
  return { return: true, associationId: fixes.associateAddress(allocationId, instanceId, allow) };
});

const disassociateAddress = write((fixes, _base, input) => {
  const associationId = required(input, 'AssociationId');
  checkDryRun(input);
  fixes.disassociateAddress(associationId);
  return { return: true };
});

const releaseAddress = write((fixes, _base, input) => {
  const allocationId = required(input, 'AllocationId');
  checkDryRun(input);
  fixes.releaseAddress(allocationId);
  return { return: true };
});

function renderAddress(a: SimAddress, world: SimWorld): WireObject {
  const instance = a.instanceId === undefined ? undefined : world.instance(a.instanceId);
  return {
    publicIp: a.publicIp, allocationId: a.allocationId, domain: 'vpc', instanceId: a.instanceId, associationId: a.associationId,
    networkInterfaceOwnerId: a.instanceId === undefined ? undefined : world.accountId, privateIpAddress: instance?.privateIp,
    publicIpv4Pool: 'amazon', networkBorderGroup: 'us-east-1', tagSet: [],
  };
}

/** ModifyInstanceCreditSpecification: each instance succeeds or fails on its own, as EC2 reports it. */
const modifyCreditSpecification = write((fixes, _base, input, world) => {
  const specs = readList(input.InstanceCreditSpecification ?? input.InstanceCreditSpecifications).map((raw, i) => {
    const spec = readStruct(raw, `InstanceCreditSpecification.${i + 1}`, invalid);
    const instanceId = readString(spec.InstanceId, 'InstanceId', invalid) ?? '';
    const mode = readString(spec.CpuCredits, 'CpuCredits', invalid) ?? '';
    if (mode !== 'standard' && mode !== 'unlimited') throw invalid(`Value (${mode}) for parameter cpuCredits is invalid. Valid values: standard, unlimited.`);
    return { instanceId, mode } as const;
  });
  if (specs.length === 0) throw missingParameter('InstanceCreditSpecification');
  checkDryRun(input);
  const failed: WireObject[] = [];
  const done: WireObject[] = [];
  for (const { instanceId, mode } of specs) {
    const instance = INSTANCE_ID.test(instanceId) ? world.instance(instanceId) : undefined;
    const error = instance === undefined
      ? { code: 'InvalidInstanceID.NotFound', message: `The instance ID '${instanceId}' does not exist` }
      : !isBurstable(instance.type)
        ? { code: 'InvalidParameterValue', message: `The instance type ${instance.type} does not support CPU credits.` }
        : undefined;
    if (error === undefined) {
      fixes.setCreditMode(instanceId, mode);
      done.push({ instanceId });
    } else failed.push({ instanceId, error });
  }
  return { successfulInstanceCreditSpecificationSet: done, unsuccessfulInstanceCreditSpecificationSet: failed };
});

const describeCreditSpecifications = write((fixes, _base, input, world) => {
  checkDryRun(input);
  const ids = readInstanceIds(input);
  const named = ids.map((id) => instanceOf(world, id));
  const notBurstable = named.find((i) => !isBurstable(i.type));
  if (notBurstable !== undefined) {
    throw invalid(`The instance ID '${notBurstable.id}' is not a burstable performance instance (T2, T3, T3a, T4g).`);
  }
  const list = (ids.length > 0 ? named : world.instances().filter((i) => isBurstable(i.type) && i.state !== 'terminated'));
  return { instanceCreditSpecificationSet: list.map((i) => ({ instanceId: i.id, cpuCredits: fixes.creditSpec(i).mode })) };
});

const createImage = write((fixes, _base, input, world) => {
  const instanceId = required(input, 'InstanceId');
  const name = required(input, 'Name');
  instanceOf(world, instanceId);
  const noReboot = readBoolean(input.NoReboot, 'NoReboot', invalid) ?? false;
  checkDryRun(input);
  return { imageId: fixes.createImage(instanceId, name, readString(input.Description, 'Description', invalid), noReboot).id };
});

/** The fleet's public AMIs (Amazon-owned) and the user's images; state from the clock. */
interface ImageView {
  readonly id: string;
  readonly image: SimImage | undefined;
  readonly state: string;
  readonly owner: string;
  readonly name: string;
}

function images(world: SimWorld): ImageView[] {
  const now = world.clock.now();
  // The PetTracker AMI is Amazon Linux 2023; the generated fleet's is Amazon Linux 2 (its SSM agents say so too).
  const genImages = new Set(world.instances().filter((i) => i.tags.App === 'gen').map((i) => i.imageId));
  const fleet = [...new Set(world.instances().map((i) => i.imageId))].map((id) => ({
    id, image: undefined, state: 'available', owner: AMAZON_OWNER,
    name: genImages.has(id) ? 'amzn2-ami-kernel-5.10-hvm-2.0.20241217.0-x86_64-gp2' : 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
  }));
  const own = fixesOf(world).images().map((image) => ({ id: image.id, image, state: now >= image.availableAt ? 'available' : 'pending', owner: world.accountId, name: image.name }));
  return [...fleet, ...own];
}

function renderImage(v: ImageView, world: SimWorld): WireObject {
  const image = v.image;
  return {
    imageId: v.id, imageLocation: `${v.owner === AMAZON_OWNER ? 'amazon' : world.accountId}/${v.name}`, imageState: v.state, imageOwnerId: v.owner,
    creationDate: new Date(image?.createdAt ?? world.clock.now() - 30 * DAY), isPublic: v.owner === AMAZON_OWNER, architecture: image?.architecture ?? 'x86_64',
    imageType: 'machine', name: v.name, description: image?.description, rootDeviceType: 'ebs', rootDeviceName: '/dev/xvda',
    blockDeviceMapping: [{ deviceName: '/dev/xvda', ebs: { snapshotId: image?.rootSnapshotId, volumeSize: image?.rootSizeGiB ?? 8, volumeType: 'gp3', deleteOnTermination: true, encrypted: false } }],
    virtualizationType: 'hvm', hypervisor: 'xen', enaSupport: true, platformDetails: 'Linux/UNIX', usageOperation: 'RunInstances', tagSet: [],
  };
}

function volumes(world: SimWorld): SimVolume[] {
  const fixes = fixesOf(world);
  return world.instances().filter((i) => i.state !== 'terminated').map((i) => fixes.volume(i));
}

function renderVolume(v: SimVolume, world: SimWorld): WireObject {
  const instance = world.instance(v.instanceId);
  return {
    volumeId: v.id, size: v.sizeGiB, availabilityZone: v.az, status: 'in-use', createTime: new Date(v.createdAt), volumeType: 'gp3',
    iops: 3000, throughput: 125, encrypted: false, multiAttachEnabled: false, tagSet: [],
    attachmentSet: [{ volumeId: v.id, instanceId: v.instanceId, device: '/dev/xvda', status: 'attached', attachTime: new Date(instance?.launchTime ?? v.createdAt), deleteOnTermination: true }],
  };
}

const modifyVolume = write((fixes, _base, input, world) => {
  const volumeId = required(input, 'VolumeId');
  const size = readInteger(input.Size, 'Size', invalid);
  if (input.VolumeType !== undefined || input.Iops !== undefined || input.Throughput !== undefined) {
    throw new SimError('UnsupportedOperation', 'The training fleet changes a volume\'s size only.');
  }
  if (size === undefined) throw missingParameter('Size');
  const volume = volumes(world).find((v) => v.id === volumeId);
  if (volume === undefined) throw volumeNotFound(volumeId);
  checkDryRun(input);
  const next = fixes.modifyVolume(volume, size);
  return {
    volumeModification: {
      volumeId, modificationState: 'modifying', targetSize: next.sizeGiB, originalSize: next.modification?.originalSizeGiB, targetVolumeType: 'gp3',
      originalVolumeType: 'gp3', targetIops: 3000, originalIops: 3000, targetThroughput: 125, originalThroughput: 125, progress: 0,
      startTime: new Date(next.modification?.at ?? 0),
    },
  };
});

const describeImages = describe<ImageView>({
  action: 'DescribeImages',
  resultKey: 'imagesSet',
  list: (_n, world) => images(world),
  lookups: [{ params: ['ImageId', 'ImageIds'], keyOf: (i) => i.id, notFound: (missing) => new SimError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`), malformed: { prefix: 'ami', code: 'InvalidAMIID.Malformed' } }],
  filters: { named: { 'image-id': (i) => [i.id], name: (i) => [i.name], state: (i) => [i.state], 'owner-id': (i) => [i.owner], 'is-public': (i) => [String(i.owner === AMAZON_OWNER)] } },
  render: renderImage,
  isPaged: true,
});

/** The instance-side writes and their Describes by action name. */
export const ec2FixInstanceOperations: Operations = {
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
  DescribeAddresses: describe<SimAddress & { readonly id: string }>({
    action: 'DescribeAddresses',
    resultKey: 'addressesSet',
    list: (_n, world) => fixesOf(world).addresses().map((a) => ({ ...a, id: a.allocationId })),
    lookups: [
      { params: ['AllocationId', 'AllocationIds'], keyOf: (a) => a.allocationId, notFound: missingIn('InvalidAllocationID.NotFound', 'allocation ID') },
      { params: ['PublicIp', 'PublicIps'], keyOf: (a) => a.publicIp, notFound: (missing) => new SimError('InvalidAddress.NotFound', `Address '${missing[0] ?? ''}' not found.`) },
    ],
    filters: {
      named: {
        'allocation-id': (a) => [a.allocationId], 'association-id': (a) => (a.associationId === undefined ? [] : [a.associationId]),
        domain: () => ['vpc'], 'instance-id': (a) => (a.instanceId === undefined ? [] : [a.instanceId]), 'public-ip': (a) => [a.publicIp],
        'network-border-group': () => ['us-east-1'],
      },
    },
    render: renderAddress,
    isPaged: false,
  }),
  ModifyInstanceCreditSpecification: modifyCreditSpecification,
  DescribeInstanceCreditSpecifications: describeCreditSpecifications,
  CreateImage: createImage,
  DescribeImages: (world, input) => {
    // Owners (self, amazon, an account id) is the owner-id filter by another name.
    const owners = readStringList(input.Owner ?? input.Owners, 'Owner', invalid).map((o) => (o === 'self' ? world.accountId : o === 'amazon' ? AMAZON_OWNER : o));
    const filters = [...readList(input.Filter ?? input.Filters), ...(owners.length === 0 ? [] : [{ Name: 'owner-id', Value: owners }])];
    return describeImages(world, { ...input, Owner: undefined, Owners: undefined, Filter: filters, Filters: undefined });
  },
  DescribeVolumes: describe<SimVolume>({
    action: 'DescribeVolumes',
    resultKey: 'volumeSet',
    list: (_n, world) => volumes(world),
    lookups: [{ params: ['VolumeId', 'VolumeIds'], keyOf: (v) => v.id, notFound: (missing) => volumeNotFound(missing.join(', ')), malformed: { prefix: 'vol', code: 'InvalidVolumeID.Malformed' } }],
    filters: {
      named: {
        'volume-id': (v) => [v.id], 'attachment.instance-id': (v) => [v.instanceId], 'attachment.status': () => ['attached'], status: () => ['in-use'],
        'availability-zone': (v) => [v.az], size: (v) => [String(v.sizeGiB)], 'volume-type': () => ['gp3'],
      },
    },
    render: renderVolume,
    isPaged: true,
  }),
  ModifyVolume: modifyVolume,
};
