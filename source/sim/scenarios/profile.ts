// Roles of the fleet and the metric profile each member derives from its seed and role on demand.
import { burstCredits, instanceType } from '../catalog.js';
import type { MetricProfile } from '../metrics.js';
import { noise } from '../rng.js';
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
