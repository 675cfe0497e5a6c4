// The resource ids of the fleet. The ids the first fleet already had come from the fleet's sequential Rng, in
// the order they always were drawn (so a seed keeps naming the same instances); ids added later (the network
// model, per-scenario groups) are hashed from (seed, name) so they never shift the sequence.
import { hash32, hashString } from '../rng.js';
import type { Rng } from '../rng.js';
import type { Role } from './profile.js';

export const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'] as const;
/** Third octet where each AZ's /20 of the default VPC (172.31.0.0/16) starts; 1a holds the ML server's 172.31.45.67. */
export const AZ_OCTET = [32, 0, 16, 48, 64, 80] as const;
/** The PetTracker VPC's private subnet (us-east-1a): 0.0.0.0/0 goes through a NAT gateway, no public IPs. */
export const PRIVATE_SUBNET_CIDR = '172.31.96.0/20';

/** A group reference as instances carry it. */
export type GroupRef = readonly { readonly id: string; readonly name: string }[];

/** `${prefix}-0` + 16 hex digits, hashed from the seed and a name: stable whatever else the fleet draws. */
export function hashedId(seed: number, prefix: string, name: string): string {
  const key = hashString(`${prefix}/${name}`);
  const hi = hash32(seed, 0x1d5, key, 1).toString(16).padStart(8, '0');
  const lo = hash32(seed, 0x1d5, key, 2).toString(16).padStart(8, '0');
  return `${prefix}-0${hi}${lo}`;
}

/** Ids, subnets and groups shared by the members; drawn first so the named fleet does not depend on fleetSize. */
export function fleetIds(rng: Rng, seed: number) {
  const id = (prefix: string): string => `${prefix}-0${rng.hex(16)}`;
  const group = (name: string): GroupRef => Object.freeze([{ id: id('sg'), name }]);
  const hashedGroup = (name: string): GroupRef => Object.freeze([{ id: hashedId(seed, 'sg', name), name }]);
  const ids = {
    id,
    vpcId: id('vpc'),
    subnets: AZS.map(() => id('subnet')),
    images: { al2023: id('ami'), gen: id('ami') },
    // The generated fleet lives in its own VPC (one 10.x.0.0/16 per AZ) so any size gets unique addresses.
    genVpcId: id('vpc'),
    genSubnets: AZS.map(() => id('subnet')),
    groups: {
      ml: group('pettracker-ml-sg'), web: group('pettracker-web-sg'), api: group('pettracker-api-sg'),
      worker: group('pettracker-worker-sg'), bastion: group('pettracker-bastion-sg'),
      batch: group('gen-batch-sg'), cache: group('gen-cache-sg'),
    } satisfies Record<Role, GroupRef>,
    privateSubnetId: hashedId(seed, 'subnet', 'pettracker-private-1a'),
  };
  // A security group belongs to one VPC, so generated web/api/worker instances get groups of the generated VPC.
  const genGroups: Readonly<Record<Role, GroupRef>> = {
    ...ids.groups,
    web: hashedGroup('gen-web-sg'), api: hashedGroup('gen-api-sg'), worker: hashedGroup('gen-worker-sg'),
  };
  return { ...ids, genGroups, scenarioGroup: (scenario: string): GroupRef => hashedGroup(`scenario-${scenario}-sg`) };
}

export type FleetIds = ReturnType<typeof fleetIds>;
