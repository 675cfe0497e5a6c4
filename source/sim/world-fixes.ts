// What the user changed through the write operations the triage's fixes use, beyond the instance actions:
// the network (world-fixes-network.ts), Elastic IPs, the CPU credit mode, images and volume sizes. The world as
// built stays a function of (seed, clock, actions); these changes lie over it, as moto's models hold their state.
// Each change is checked the way EC2 checks it, with EC2's named errors (fix-errors.ts).
import { burstCredits } from './catalog.js';
import {
  addressAssociated, addressInUse, addressLimit, allocationNotFound, amiNameTaken, associationNotFound, badInstanceState, instanceNotFound,
  invalidParameterValue, volumeRateExceeded, vpcWithoutGateway,
} from './fix-errors.js';
import { hash32 } from './rng.js';
import { hashedId } from './scenarios/fleet-ids.js';
import type { SimInstance, SimNetwork, SimRefusal } from './types.js';
import { drawn } from './world-actions.js';
import { createNetworkEdits } from './world-fixes-network.js';
import type { NetworkEdits } from './world-fixes-network.js';
import { createLaunches } from './world-launch.js';
import type { LaunchImage, Launches } from './world-launch.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** EC2's default Elastic IP quota per region. */
const ADDRESS_LIMIT = 5;
/** An AMI of a 30 GiB root volume takes minutes: pending, then available. */
const IMAGE_PENDING: readonly [number, number] = [3 * MIN, 6 * MIN];

export interface SimAddress {
  readonly allocationId: string;
  readonly publicIp: string;
  readonly associationId?: string;
  readonly instanceId?: string;
}

export interface SimCreditSpec {
  readonly mode: 'standard' | 'unlimited';
  /** Fleet time of the change (undefined: the mode the instance was launched with). */
  readonly since: number | undefined;
}

export interface SimImage {
  readonly id: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly instanceId: string;
  readonly architecture: string;
  readonly rootSnapshotId: string;
  readonly rootSizeGiB: number;
  readonly createdAt: number;
  readonly availableAt: number;
}

export interface SimVolume {
  readonly id: string;
  readonly instanceId: string;
  readonly az: string;
  readonly sizeGiB: number;
  readonly createdAt: number;
  /** The last ModifyVolume, if any. */
  readonly modification?: { readonly originalSizeGiB: number; readonly at: number };
}

/** What the changes need from the world. */
export interface FixContext {
  readonly seed: number;
  readonly now: () => number;
  /** The network as built. */
  readonly network: () => SimNetwork;
  /** An instance as its life leaves it, before the changes here. */
  readonly instance: (id: string) => SimInstance | undefined;
  /** CreateImage without NoReboot reboots a running instance. */
  readonly reboot: (id: string) => void;
  /** One of the fleet's own AMIs (the ones its instances run), for RunInstances. */
  readonly fleetImage: (id: string) => LaunchImage | undefined;
  /** The world's capacity refusal for a type in an AZ (won't-start has none of its type in its AZ). */
  readonly capacity: (type: string, az: string) => SimRefusal | undefined;
}

export interface WorldFixes {
  readonly net: NetworkEdits;
  /** Instances launched with RunInstances. */
  readonly launches: Launches;
  /** The network with the changes. */
  network(): SimNetwork;
  /** An instance with the changes (an associated Elastic IP is its public IP). */
  instance(instance: SimInstance): SimInstance;
  /** True once an address was associated (the instance list then needs the overlay). */
  hasAddresses(): boolean;
  addresses(): readonly SimAddress[];
  allocateAddress(): SimAddress;
  /** Returns the association id. */
  associateAddress(allocationId: string, instanceId: string, allowReassociation: boolean): string;
  disassociateAddress(associationId: string): void;
  releaseAddress(allocationId: string): void;
  creditSpec(instance: SimInstance): SimCreditSpec;
  setCreditMode(instanceId: string, mode: SimCreditSpec['mode']): void;
  /** Images the user created, as of now. */
  images(): readonly SimImage[];
  createImage(instanceId: string, name: string, description: string | undefined, noReboot: boolean): SimImage;
  /** The root volume of an instance. */
  volume(instance: SimInstance): SimVolume;
  modifyVolume(volume: SimVolume, sizeGiB: number): SimVolume;
}

/** The story's server (and its scenario twins) has a 30 GiB root volume; the rest of the fleet 8 GiB. */
const rootSizeOf = (i: SimInstance): number => (i.tags.Name === 'pettracker-ml-server' || i.tags.Name?.startsWith('scenario-') === true ? 30 : 8);

/** The change store of one world. */
export function createWorldFixes(context: FixContext): WorldFixes {
  let counter = 0;
  const newId = (prefix: string): string => hashedId(context.seed, prefix, `user/${(counter += 1)}`);
  const net = createNetworkEdits(newId);
  const addresses = new Map<string, SimAddress>();
  const credits = new Map<string, SimCreditSpec>();
  const images: SimImage[] = [];
  const volumes = new Map<string, SimVolume>();
  const network = (): SimNetwork => net.apply(context.network());
  const publicIpOf = new Map<string, string>();
  const ownImage = (id: string): LaunchImage | undefined => {
    const image = images.find((i) => i.id === id);
    return image === undefined ? undefined : { state: context.now() >= image.availableAt ? 'available' : 'pending', architecture: image.architecture };
  };
  const launches = createLaunches({
    seed: context.seed, now: context.now, network, newId, capacity: context.capacity,
    image: (id) => ownImage(id) ?? context.fleetImage(id),
  });
  const instanceById = (id: string): SimInstance | undefined => context.instance(id) ?? launches.get(id);

  const newPublicIp = (n: number): string => {
    const h = (k: number): number => hash32(context.seed, 0xe1b, n, k);
    return `${[3, 18, 34, 44, 52, 54][h(0) % 6] ?? 54}.${h(1) % 256}.${h(2) % 256}.${1 + (h(3) % 254)}`;
  };
  const address = (allocationId: string): SimAddress => {
    const a = addresses.get(allocationId);
    if (a === undefined) throw allocationNotFound(allocationId);
    return a;
  };
  const setAddress = (a: SimAddress): void => {
    addresses.set(a.allocationId, a);
    publicIpOf.clear();
    for (const x of addresses.values()) if (x.instanceId !== undefined) publicIpOf.set(x.instanceId, x.publicIp);
  };

  return {
    net,
    launches,
    network,
    instance: (i) => {
      const ip = publicIpOf.get(i.id);
      return ip === undefined ? i : { ...i, publicIp: ip };
    },
    hasAddresses: () => publicIpOf.size > 0,
    addresses: () => [...addresses.values()],
    allocateAddress: () => {
      if (addresses.size >= ADDRESS_LIMIT) throw addressLimit();
      const a: SimAddress = { allocationId: newId('eipalloc'), publicIp: newPublicIp(counter) };
      setAddress(a);
      return a;
    },
    associateAddress: (allocationId, instanceId, allowReassociation) => {
      const a = address(allocationId);
      const instance = instanceById(instanceId);
      if (instance === undefined) throw instanceNotFound(instanceId);
      if (instance.state !== 'running' && instance.state !== 'stopped') throw badInstanceState(instanceId, instance.state);
      // An Elastic IP needs the VPC's internet gateway: EC2 refuses it in a VPC without one.
      if (!network().internetGateways.some((g) => g.vpcIds.includes(instance.vpcId))) throw vpcWithoutGateway(instance.vpcId);
      if (a.instanceId === instanceId && a.associationId !== undefined) return a.associationId;
      if (a.associationId !== undefined && !allowReassociation) throw addressAssociated(a.allocationId, a.associationId);
      // The instance's previous Elastic IP, if any, is disassociated: one public IPv4 per primary interface.
      for (const other of addresses.values()) {
        if (other.instanceId === instanceId) setAddress({ allocationId: other.allocationId, publicIp: other.publicIp });
      }
      const associationId = newId('eipassoc');
      setAddress({ ...a, instanceId, associationId });
      return associationId;
    },
    disassociateAddress: (associationId) => {
      const a = [...addresses.values()].find((x) => x.associationId === associationId);
      if (a === undefined) throw associationNotFound(associationId);
      setAddress({ allocationId: a.allocationId, publicIp: a.publicIp });
    },
    releaseAddress: (allocationId) => {
      const a = address(allocationId);
      if (a.associationId !== undefined) throw addressInUse();
      addresses.delete(allocationId);
    },
    creditSpec: (i) => credits.get(i.id) ?? { mode: 'standard', since: undefined },
    setCreditMode: (instanceId, mode) => {
      if (credits.get(instanceId)?.mode === mode) return;
      credits.set(instanceId, { mode, since: context.now() });
    },
    images: () => images.slice(),
    createImage: (instanceId, name, description, noReboot) => {
      const instance = instanceById(instanceId);
      if (instance === undefined) throw instanceNotFound(instanceId);
      if (instance.state !== 'running' && instance.state !== 'stopped') throw badInstanceState(instanceId, instance.state);
      if (!/^[A-Za-z0-9()[\]./\-'@_ ]{3,128}$/.test(name)) {
        throw invalidParameterValue(`AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'`);
      }
      const taken = images.find((x) => x.name === name);
      if (taken !== undefined) throw amiNameTaken(name, taken.id);
      const now = context.now();
      const image: SimImage = {
        id: newId('ami'), name, description, instanceId, architecture: instance.architecture, rootSnapshotId: newId('snap'),
        rootSizeGiB: rootSizeOf(instance), createdAt: now, availableAt: now + drawn(instanceId, now, 0x1a, IMAGE_PENDING),
      };
      images.push(image);
      if (!noReboot && instance.state === 'running') context.reboot(instanceId);
      return image;
    },
    volume: (i) =>
      volumes.get(i.rootVolumeId) ?? { id: i.rootVolumeId, instanceId: i.id, az: i.az, sizeGiB: rootSizeOf(i), createdAt: i.launchTime },
    modifyVolume: (volume, sizeGiB) => {
      const now = context.now();
      if (volume.modification !== undefined && now - volume.modification.at < 6 * HOUR) throw volumeRateExceeded();
      if (sizeGiB < volume.sizeGiB) throw invalidParameterValue(`New size cannot be smaller than existing size`);
      if (sizeGiB > 16_384) throw invalidParameterValue(`Volume of ${sizeGiB}GiB is too large for gp3; maximum is 16384GiB`);
      const next: SimVolume = { ...volume, sizeGiB, modification: { originalSizeGiB: volume.sizeGiB, at: now } };
      volumes.set(volume.id, next);
      return next;
    },
  };
}

/** Whether a type earns CPU credits (T2/T3/T3a/T4g): only those have a credit specification. */
export const isBurstable = (type: string): boolean => burstCredits(type) !== undefined;
