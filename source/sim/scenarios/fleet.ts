// The cast: the PetTracker fleet of the reference story, plus generated instances for scale work. Per instance
// we keep only the SimInstance and a seed; metric profiles are derived from the seed when a series is asked for.
import { createRng, hash32 } from '../rng.js';
import type { SimEvent, SimInstance } from '../types.js';
import { AZ_OCTET, AZS, fleetIds } from './fleet-ids.js';
import type { FleetIds, GroupRef } from './fleet-ids.js';
import type { FleetMember, Role } from './profile.js';

export type { FleetMember, Role } from './profile.js';
export { metricProfile } from './profile.js';

export const ML_SERVER_ID = 'i-1234567890abcdef0';
const DAY = 86_400_000;

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

interface Placement {
  readonly id: string;
  readonly privateIp: string;
  readonly publicIp: string | undefined;
  readonly launchTime: number;
  readonly stoppedAt: number | undefined;
  readonly isGenerated: boolean;
  readonly groups?: GroupRef;
}
const HOUR = 3_600_000;
const seconds = (t: number): number => Math.floor(t / 1000) * 1000;

/** The fleet and the ids the network model is built around. */
export interface Fleet {
  /** Sorted by id. */
  readonly members: readonly FleetMember[];
  readonly ids: FleetIds;
  /** The instance each extra scenario befalls, by scenario name (see buildFleet). */
  readonly scenarioInstances: ReadonlyMap<string, string>;
}

/**
 * Builds the fleet for a seed and world start: the ML server, eight named peers, `fleetSize` generated ones,
 * then one ML-server twin per name in `scenarioNames` (named `scenario-<name>`, with a security group of its own).
 */
export function buildFleet(seed: number, t0: number, fleetSize: number, scenarioNames: readonly string[] = []): Fleet {
  const rng = createRng(seed);
  const net = fleetIds(rng, seed);
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
      securityGroups: at.groups ?? (isGen ? net.genGroups : net.groups)[spec.role],
      subnetId: (isGen ? net.genSubnets : net.subnets)[spec.az] ?? '',
      vpcId: isGen ? net.genVpcId : net.vpcId,
      imageId: isGen ? net.images.gen : net.images.al2023,
      stateReason: isStopped
        ? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
        : undefined,
      stateTransitionReason: isStopped ? `User initiated (${gmt(stoppedAt)} GMT)` : '',
      rootVolumeId: net.id('vol'),
      ...(isGen ? {} : { iamInstanceProfile: 'pettracker-ec2-role' }),
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
  // Drawn after everything else, so adding scenario twins never renames the rest of the fleet.
  const scenarioInstances = new Map<string, string>();
  for (const scenario of scenarioNames) {
    const twin = make(named(`scenario-${scenario}`, 'ml', 'c5.large', 0, ['agent', 'public'], 'training'), {
      id: newId(),
      privateIp: privateIp(0),
      publicIp: publicIp(),
      launchTime: seconds(t0 - 5 * DAY - rng.int(DAY)),
      stoppedAt: undefined,
      isGenerated: false,
      groups: net.scenarioGroup(scenario),
    });
    scenarioInstances.set(scenario, twin.instance.id);
    members.push({ ...twin, instance: { ...twin.instance, tags: { ...twin.instance.tags, Scenario: scenario } } });
  }
  members.sort((a, b) => (a.instance.id < b.instance.id ? -1 : a.instance.id > b.instance.id ? 1 : 0));
  return { members, ids: net, scenarioInstances };
}
