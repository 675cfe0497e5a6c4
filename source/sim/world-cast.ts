// Who plays which scenario: one scenario befalls pettracker-ml-server; the 'all' world also gives every scenario
// an ML-server twin of its own (`scenario-<name>`). Static overrides (type, subnet, stop) are applied here once.
import { ML_SERVER_ID, buildFleet } from './scenarios/fleet.js';
import type { Fleet, FleetMember } from './scenarios/fleet.js';
import { PRIVATE_SUBNET_CIDR } from './scenarios/fleet-ids.js';
import { castOf } from './scenarios/index.js';
import type { ScenarioOverrides } from './scenarios/types.js';
import type { SimInstance } from './types.js';

/** One instance a scenario befalls. */
export interface Role {
  /** The member as built, before overrides: what time-dependent overrides start from. */
  readonly base: SimInstance;
  readonly scenario: string;
  readonly overrides: ScenarioOverrides;
  /** Seed of its routine log lines (the ML server keeps the world seed, so its story is as it always was). */
  readonly logSeed: number;
}

export interface Cast {
  /** The fleet with static overrides applied, sorted by id. */
  readonly fleet: Fleet;
  readonly byId: ReadonlyMap<string, FleetMember>;
  /** Scenario roles by instance id. */
  readonly roles: ReadonlyMap<string, Role>;
}

/** The index of an id in members sorted by id (binary search: a Map over 10,000 members costs more than it saves). */
export function indexOfId(members: readonly FleetMember[], id: string): number | undefined {
  let lo = 0;
  let hi = members.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = members[mid]?.instance.id ?? '';
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Builds the fleet for a scenario and casts it; undefined for an unknown scenario name. */
export function castWorld(name: string, seed: number, t0: number, fleetSize: number): Cast | undefined {
  const plan = castOf(name);
  if (plan === undefined) return undefined;
  const built = buildFleet(seed, t0, fleetSize, plan.extras.map((s) => s.name));
  const members = built.members.slice();
  const roles = new Map<string, Role>();
  const targets = [
    { id: ML_SERVER_ID, def: plan.ml, isMl: true },
    ...plan.extras.map((def) => ({ id: built.scenarioInstances.get(def.name) ?? '', def, isMl: false })),
  ];
  for (const { id, def, isMl } of targets) {
    const index = indexOfId(members, id);
    const member = index === undefined ? undefined : members[index];
    if (index === undefined || member === undefined) throw new Error(`the fleet has no instance ${id} for scenario ${def.name}`);
    const scenarioSeed = isMl ? seed : member.seed;
    const base = member.instance;
    const privateSubnet = { id: built.ids.privateSubnetId, cidrBlock: PRIVATE_SUBNET_CIDR };
    const overrides = def.build({ t0, seed: scenarioSeed, target: base, privateSubnet });
    members[index] = {
      ...member,
      instance: overrides.instance?.(base, t0) ?? base,
      stoppedAt: overrides.stoppedAt ?? member.stoppedAt,
    };
    roles.set(id, { base, scenario: def.name, overrides, logSeed: scenarioSeed });
  }
  return {
    fleet: { ...built, members },
    byId: new Map(members.map((m) => [m.instance.id, m])),
    roles,
  };
}
