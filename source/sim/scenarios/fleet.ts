// The cast: the PetTracker fleet of the reference story, plus generated instances for scale work. Per instance
// we keep only the SimInstance and a seed; metric profiles are derived from the seed when a series is asked for.
import { burstCredits, instanceType } from '../catalog.js';
import type { MetricProfile } from '../metrics.js';
import { createRng, hash32, noise } from '../rng.js';
import type { Rng } from '../rng.js';
import type { SimEvent, SimInstance } from '../types.js';

export type Role = 'ml' | 'web' | 'api' | 'worker' | 'bastion' | 'batch' | 'cache';

/** One instance of the fleet and what the generators need about it. */
export interface FleetMember {
  readonly instance: SimInstance;
  readonly role: Role;
  readonly seed: number;
  readonly hasAgent: boolean;
  /** When a stopped instance stopped: its metrics end there. */
  readonly stoppedAt: number | undefined;
  readonly events: readonly SimEvent[];
}

export const ML_SERVER_ID = 'i-1234567890abcdef0';
const DAY = 86_400_000;
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'] as const;
// Third octet where each AZ's /20 of the default VPC (172.31.0.0/16) starts; 1a holds the ML server's 172.31.45.67.
const AZ_OCTET = [32, 0, 16, 48, 64, 80] as const;

type Range = readonly [number, number];
interface RoleShape {
  readonly cpu: Range;
  readonly netMiB: Range;
  readonly out: number;
  readonly mem: Range;
  readonly disk: Range;
  readonly ebsMiB: number;
}
const ROLES: Readonly<Record<Role, RoleShape>> = {
  ml: { cpu: [28, 32], netMiB: [18, 22], out: 0.12, mem: [53, 55], disk: [41, 43], ebsMiB: 3 },
  web: { cpu: [12, 25], netMiB: [10, 20], out: 4, mem: [35, 50], disk: [20, 35], ebsMiB: 1 },
  api: { cpu: [20, 40], netMiB: [6, 12], out: 1.5, mem: [45, 60], disk: [25, 40], ebsMiB: 2 },
  worker: { cpu: [40, 65], netMiB: [2, 5], out: 0.5, mem: [55, 70], disk: [30, 55], ebsMiB: 12 },
  bastion: { cpu: [1, 3], netMiB: [0.03, 0.08], out: 1.2, mem: [18, 28], disk: [15, 25], ebsMiB: 0.2 },
  batch: { cpu: [50, 80], netMiB: [1, 3], out: 0.3, mem: [50, 75], disk: [30, 60], ebsMiB: 20 },
  cache: { cpu: [8, 15], netMiB: [20, 40], out: 1.1, mem: [70, 82], disk: [15, 25], ebsMiB: 0.5 },
};

const within = (r: Range, u: number): number => r[0] + (r[1] - r[0]) * u;

/** The metric profile of a member, derived from its seed and role (cheap; computed per query). */
export function metricProfile(member: FleetMember): MetricProfile {
  const shape = ROLES[member.role];
  const s = member.seed;
  const type = instanceType(member.instance.type);
  return {
    seed: s,
    baseCpu: within(shape.cpu, noise(s, 11)),
    netBytesPerMin: within(shape.netMiB, noise(s, 12)) * 1_048_576,
    outRatio: shape.out * (0.8 + 0.4 * noise(s, 13)),
    packetBytes: 700 + Math.floor(600 * noise(s, 14)),
    ebsBytesPerMin: shape.ebsMiB * 1_048_576 * (0.7 + 0.6 * noise(s, 15)),
    memBase: within(shape.mem, noise(s, 16)),
    diskBase: within(shape.disk, noise(s, 17)),
    vcpus: type?.vcpus ?? 2,
    launchTime: member.instance.launchTime,
    isNitro: type?.hypervisor !== 'xen',
    hasAgent: member.hasAgent,
    credits: burstCredits(member.instance.type),
  };
}

interface Spec {
  readonly name: string;
  readonly role: Role;
  readonly type: string;
  readonly az: number;
  readonly isDetailed: boolean;
  readonly hasAgent: boolean;
  readonly hasPublicIp: boolean;
  readonly env: string;
  readonly isStopped?: boolean;
}
// Flags: detailed = 1-minute monitoring, agent = CloudWatch agent, public = public IP, stopped = stopped by its user.
type Flag = 'detailed' | 'agent' | 'public' | 'stopped';
const named = (name: string, role: Role, type: string, az: number, flags: readonly Flag[], env = 'production'): Spec => ({
  name,
  role,
  type,
  az,
  env,
  isDetailed: flags.includes('detailed'),
  hasAgent: flags.includes('agent'),
  hasPublicIp: flags.includes('public'),
  isStopped: flags.includes('stopped'),
});
const NAMED: readonly Spec[] = [
  named('pettracker-web-1', 'web', 'm5.large', 0, ['detailed', 'agent', 'public']),
  named('pettracker-web-2', 'web', 'm5.large', 1, ['detailed', 'agent', 'public']),
  named('pettracker-api-1', 'api', 'c5.xlarge', 0, ['detailed', 'agent']),
  named('pettracker-api-2', 'api', 'c5.xlarge', 1, []),
  named('pettracker-worker-1', 'worker', 'r5.large', 0, []),
  named('pettracker-worker-2', 'worker', 'r5.large', 2, []),
  named('pettracker-bastion', 'bastion', 't3.micro', 0, ['public']),
  named('pettracker-staging-api', 'api', 'm5.large', 1, ['agent', 'stopped'], 'staging'),
];

const GEN_ROLES: readonly Role[] = ['web', 'api', 'worker', 'batch', 'cache'];
const GEN_TYPES = [
  't3.small', 't3.medium', 't3.large', 'c5.large', 'c5.xlarge', 'c5.2xlarge', 'c5.4xlarge',
  'm5.large', 'm5.xlarge', 'm5.2xlarge', 'r5.large', 'r5.xlarge',
] as const;

const gmt = (t: number): string => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

/** Ids, subnets and groups shared by every member; drawn first so the named fleet does not depend on fleetSize. */
function network(rng: Rng) {
  const id = (prefix: string): string => `${prefix}-0${rng.hex(16)}`;
  const group = (name: string) => Object.freeze([{ id: id('sg'), name }]);
  return {
    id,
    vpcId: id('vpc'),
    subnets: AZS.map(() => id('subnet')),
    images: { al2023: id('ami'), gen: id('ami') },
    // The generated fleet lives in its own 10.0.0.0/8 VPC so any size gets unique addresses without bookkeeping.
    genVpcId: id('vpc'),
    genSubnets: AZS.map(() => id('subnet')),
    groups: {
      ml: group('pettracker-ml-sg'), web: group('pettracker-web-sg'), api: group('pettracker-api-sg'),
      worker: group('pettracker-worker-sg'), bastion: group('pettracker-bastion-sg'),
      batch: group('gen-batch-sg'), cache: group('gen-cache-sg'),
    } satisfies Record<Role, unknown>,
  };
}

interface Placement {
  readonly id: string;
  readonly privateIp: string;
  readonly publicIp: string | undefined;
  readonly launchTime: number;
  readonly stoppedAt: number | undefined;
  readonly isGenerated: boolean;
}
const HOUR = 3_600_000;
const seconds = (t: number): number => Math.floor(t / 1000) * 1000;

/** Builds the fleet for a seed and world start: the ML server, eight named peers, then `fleetSize` generated ones; sorted by id. */
export function buildFleet(seed: number, t0: number, fleetSize: number): FleetMember[] {
  const rng = createRng(seed);
  const net = network(rng);
  const usedIds = new Set([ML_SERVER_ID]);
  const usedIps = new Set(['172.31.45.67']);
  const newId = (): string => {
    for (;;) {
      const id = net.id('i');
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const privateIp = (az: number): string => {
    for (;;) {
      const host = 4 + rng.int(4088);
      const ip = `172.31.${(AZ_OCTET[az] ?? 0) + (host >> 8)}.${host & 255}`;
      if (!usedIps.has(ip)) {
        usedIps.add(ip);
        return ip;
      }
    }
  };
  const publicIp = (): string =>
    `${rng.pick(['3', '18', '34', '44', '52', '54'])}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;

  const make = (spec: Spec, at: Placement): FleetMember => {
    const { stoppedAt, isGenerated: isGen } = at;
    const isStopped = stoppedAt !== undefined;
    const instance: SimInstance = {
      id: at.id,
      tags: { Name: spec.name, Environment: spec.env, App: isGen ? 'gen' : 'pettracker' },
      type: spec.type,
      state: isStopped ? 'stopped' : 'running',
      az: AZS[spec.az] ?? 'us-east-1a',
      launchTime: at.launchTime,
      platformDetails: 'Linux/UNIX',
      architecture: 'x86_64',
      monitoring: spec.isDetailed ? 'enabled' : 'disabled',
      // A stopped instance gives its auto-assigned public IP back.
      publicIp: isStopped ? undefined : at.publicIp,
      privateIp: at.privateIp,
      keyName: !isGen ? 'pettracker-key' : rng.next() < 0.8 ? 'gen-key' : undefined,
      securityGroups: net.groups[spec.role],
      subnetId: (isGen ? net.genSubnets : net.subnets)[spec.az] ?? '',
      vpcId: isGen ? net.genVpcId : net.vpcId,
      imageId: isGen ? net.images.gen : net.images.al2023,
      stateReason: isStopped
        ? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
        : undefined,
      stateTransitionReason: isStopped ? `User initiated (${gmt(stoppedAt)} GMT)` : '',
      rootVolumeId: net.id('vol'),
    };
    const seedOf = hash32(seed, 0x5eed, ...[...at.id].map((c) => c.charCodeAt(0)));
    return { instance, role: spec.role, seed: seedOf, hasAgent: spec.hasAgent, stoppedAt, events: [] };
  };

  const ml = make(named('pettracker-ml-server', 'ml', 'c5.large', 0, ['agent', 'public']), {
    id: ML_SERVER_ID,
    privateIp: '172.31.45.67',
    publicIp: '54.123.45.67',
    launchTime: seconds(t0 - 9 * DAY - 4 * HOUR - rng.int(HOUR)),
    stoppedAt: undefined,
    isGenerated: false,
  });
  const members: FleetMember[] = [ml];
  for (const spec of NAMED) {
    members.push(make(spec, {
      id: newId(),
      privateIp: privateIp(spec.az),
      publicIp: spec.hasPublicIp ? publicIp() : undefined,
      launchTime: seconds(t0 - (12 + rng.int(40)) * DAY - rng.int(DAY)),
      stoppedAt: spec.isStopped === true ? seconds(t0 - 2 * DAY - rng.int(DAY)) : undefined,
      isGenerated: false,
    }));
  }
  const worker2 = members.findIndex((m) => m.instance.tags.Name === 'pettracker-worker-2');
  const member = members[worker2];
  if (member !== undefined) {
    const notBefore = Math.floor((t0 + 3 * DAY) / HOUR) * HOUR + 6 * HOUR;
    const event: SimEvent = {
      id: `instance-event-0${rng.hex(16)}`,
      code: 'system-maintenance',
      description: 'Scheduled system maintenance',
      notBefore,
      notAfter: notBefore + 2 * HOUR,
    };
    members[worker2] = { ...member, events: [event] };
  }

  for (let i = 0; i < fleetSize; i++) {
    const role = rng.pick(GEN_ROLES);
    const az = rng.int(AZS.length);
    const flags: Flag[] = [];
    if (rng.next() < 0.3) flags.push('detailed');
    if (rng.next() < 0.5) flags.push('agent');
    if (role === 'web') flags.push('public');
    const spec = named(`gen-${role}-${String(i).padStart(5, '0')}`, role, rng.pick(GEN_TYPES), az, flags, rng.pick(['production', 'staging', 'dev']));
    const launchTime = seconds(t0 - DAY - rng.int(200 * DAY));
    const host = i + 16; // skip the network address and AWS's reserved first hosts
    members.push(make(spec, {
      id: newId(),
      privateIp: `10.${az * 16 + ((host >> 16) & 15)}.${(host >> 8) & 255}.${host & 255}`,
      publicIp: spec.hasPublicIp ? publicIp() : undefined,
      launchTime,
      stoppedAt: rng.next() < 0.05 ? seconds(launchTime + rng.next() * (t0 - launchTime)) : undefined,
      isGenerated: true,
    }));
  }
  return members.sort((a, b) => (a.instance.id < b.instance.id ? -1 : a.instance.id > b.instance.id ? 1 : 0));
}
