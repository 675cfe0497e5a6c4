// Instances the user launched with RunInstances (won't-start's "launch a copy in another AZ"): pending for 20–40
// fleet seconds, then running; status checks initializing for 2–4 minutes, then ok; a console with their boot log.
// They have no metrics or logs (nothing runs on them yet) and take no instance actions: a copy to look at.
import { instanceType } from './catalog.js';
import { amiUnavailable, imageNotFound, invalidParameterValue } from './fix-errors.js';
import { SimError } from './protocol/errors.js';
import { hash32, hashString } from './rng.js';
import { bootLog } from './scenarios/boot-log.js';
import type { SimInstance, SimInstanceStatus, SimNetwork, SimRefusal } from './types.js';
import { ACTION_TIMINGS, drawn } from './world-actions.js';

/** What RunInstances asks for (one instance). */
export interface LaunchRequest {
  readonly imageId: string;
  readonly type: string;
  readonly subnetId: string;
  readonly groupIds: readonly string[];
  readonly keyName: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

/** An image RunInstances may start from: its state and architecture. */
export interface LaunchImage {
  readonly state: string;
  readonly architecture: string;
}

export interface LaunchContext {
  readonly seed: number;
  readonly now: () => number;
  readonly network: () => SimNetwork;
  readonly image: (id: string) => LaunchImage | undefined;
  /** The capacity refusal for a type in an AZ, if the world has none there. */
  readonly capacity: (type: string, az: string) => SimRefusal | undefined;
  readonly newId: (prefix: string) => string;
}

export interface Launches {
  /** The launched instances as of now, sorted by id. */
  list(): readonly SimInstance[];
  get(id: string): SimInstance | undefined;
  status(id: string): SimInstanceStatus | undefined;
  console(id: string): { readonly text: string; readonly timestamp: number } | undefined;
  launch(request: LaunchRequest): SimInstance;
}

const reachability = (status: 'ok' | 'initializing') => ({ status, details: [{ name: 'reachability', status: status === 'ok' ? 'passed' : 'initializing' }] });
const notApplicable = { status: 'not-applicable' as const, details: [] };

/** The n-th address of an IPv4 CIDR (AWS keeps the first four and the last one). */
function addressIn(cidr: string, n: number): string {
  const [base = '0.0.0.0', bits = '24'] = cidr.split('/');
  const start = base.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  const size = 2 ** (32 - Number(bits));
  const ip = start + 4 + (n % Math.max(1, size - 5));
  return [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join('.');
}

/** The launch store of one world. */
export function createLaunches(context: LaunchContext): Launches {
  const launched: { readonly instance: SimInstance; readonly runningAt: number; readonly checksAt: number }[] = [];
  const view = (entry: (typeof launched)[number], now: number): SimInstance =>
    now < entry.runningAt ? { ...entry.instance, state: 'pending' } : entry.instance;
  const find = (id: string) => launched.find((l) => l.instance.id === id);
  return {
    list: () => {
      const now = context.now();
      return launched.filter((l) => l.instance.launchTime <= now).map((l) => view(l, now)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    get: (id) => {
      const entry = find(id);
      return entry === undefined ? undefined : view(entry, context.now());
    },
    status: (id) => {
      const entry = find(id);
      if (entry === undefined) return undefined;
      const now = context.now();
      const check = now < entry.runningAt ? notApplicable : reachability(now < entry.checksAt ? 'initializing' : 'ok');
      return { instanceId: id, system: check, instance: check, ebs: now < entry.runningAt ? notApplicable : reachability('ok'), events: [] };
    },
    console: (id) => {
      const entry = find(id);
      if (entry === undefined) return undefined;
      const now = context.now();
      const lines = bootLog(entry.instance, instanceType(entry.instance.type), context.seed, []).filter((l) => l.t <= now);
      return { text: lines.map((l) => `${l.text}\n`).join(''), timestamp: lines.at(-1)?.t ?? entry.instance.launchTime };
    },
    launch: (request) => {
      const image = context.image(request.imageId);
      if (image === undefined) throw imageNotFound(request.imageId);
      if (image.state !== 'available') throw amiUnavailable(request.imageId, image.state);
      const type = instanceType(request.type);
      if (type === undefined) throw invalidParameterValue(`Invalid value '${request.type}' for InstanceType.`);
      if (!type.architectures.includes(image.architecture)) {
        throw invalidParameterValue(`The instance type '${request.type}' does not support the architecture '${image.architecture}' of the image`);
      }
      const network = context.network();
      const subnet = network.subnets.find((s) => s.id === request.subnetId);
      if (subnet === undefined) throw new SimError('InvalidSubnetID.NotFound', `The subnet ID '${request.subnetId}' does not exist`);
      const groups = request.groupIds.map((id) => {
        const g = network.securityGroups.find((x) => x.id === id);
        if (g === undefined) throw new SimError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
        if (g.vpcId !== subnet.vpcId) throw invalidParameterValue(`Security group ${id} and subnet ${subnet.id} belong to different networks.`);
        return { id: g.id, name: g.name };
      });
      if (request.keyName !== undefined && !network.keyPairs.some((k) => k.name === request.keyName)) {
        throw new SimError('InvalidKeyPair.NotFound', `The key pair '${request.keyName}' does not exist`);
      }
      const refusal = context.capacity(request.type, subnet.az);
      if (refusal !== undefined) throw new SimError(refusal.code, refusal.message, 500);
      const now = context.now();
      const id = context.newId('i');
      const h = (k: number): number => hash32(context.seed, hashString(id), k);
      const defaultGroup = network.securityGroups.find((g) => g.vpcId === subnet.vpcId && g.name === 'default');
      const instance: SimInstance = {
        id, tags: request.tags, type: request.type, state: 'running', az: subnet.az, launchTime: now, platformDetails: 'Linux/UNIX',
        architecture: image.architecture, monitoring: 'disabled',
        publicIp: subnet.mapPublicIpOnLaunch ? `${[3, 18, 34, 44, 52, 54][h(0) % 6] ?? 54}.${h(1) % 256}.${h(2) % 256}.${1 + (h(3) % 254)}` : undefined,
        privateIp: addressIn(subnet.cidrBlock, h(4)), keyName: request.keyName,
        securityGroups: groups.length > 0 ? groups : defaultGroup === undefined ? [] : [{ id: defaultGroup.id, name: defaultGroup.name }],
        subnetId: subnet.id, vpcId: subnet.vpcId, imageId: request.imageId, stateReason: undefined, stateTransitionReason: '',
        rootVolumeId: context.newId('vol'),
      };
      const runningAt = now + drawn(id, now, 2, ACTION_TIMINGS.pending);
      launched.push({ instance, runningAt, checksAt: runningAt + drawn(id, now, 3, ACTION_TIMINGS.checksAfterStart) });
      return { ...instance, state: 'pending' };
    },
  };
}
