// The training fleet's world: a deterministic fleet whose every number is a function of (seed, T0, fleet time).
// Nothing here does I/O or keeps series; services (sim/services/) read it through SimWorld and render AWS shapes.
import { createAlarms } from './alarms.js';
import { INSTANCE_TYPES } from './catalog.js';
import { aggregate, METRIC_DEFS, metricDef, queryStart, rawResolution } from './metrics.js';
import type { MetricDef, PeerSampler } from './metrics.js';
import { buildNetwork } from './network.js';
import type { GroupPatch } from './network.js';
import { createOperationLog } from './operations.js';
import { metricProfile } from './scenarios/fleet.js';
import type { FleetMember } from './scenarios/fleet.js';
import { ALL_SCENARIOS, SCENARIOS } from './scenarios/index.js';
import type {
  SimAction,
  SimActionOutcome,
  SimActionRequest,
  SimDatapoints,
  SimInstance,
  SimInstanceStatus,
  SimMetricKey,
  SimNetwork,
  SimStatistic,
  SimStatusCheck,
  SimWorld,
  SimWorldOptions,
} from './types.js';
import { isUp, lifecycle } from './world-actions.js';
import type { Lifecycle } from './world-actions.js';
import { castWorld, indexOfId } from './world-cast.js';
import type { Role } from './world-cast.js';
import { injectedT0, windowed } from './world-inject.js';
import { PRIVATE_SUBNET_CIDR } from './scenarios/fleet-ids.js';
import { consoleText } from './world-console.js';
import { applyLife, judge, noCapacity } from './world-life.js';
import { createLogs } from './world-logs.js';
import { creditModeOverrides } from './world-credits.js';
import { createWorldFixes } from './world-fixes.js';
import type { WorldFixes } from './world-fixes.js';
import type { SimLogStream } from './world-logs.js';
import { agentFacts, agentSpell, platformOf } from './world-agents.js';
import { createSsm } from './world-ssm.js';
import { runScript } from './host-run.js';
import { hostView } from './host-view.js';
import type { HostView } from './host-render.js';

export { ML_SERVER_ID } from './scenarios/fleet.js';
/** The story's instance: the one the scenarios are written around and the one shipping logs to CloudWatch Logs. */
export const ML_SERVER_NAME = 'pettracker-ml-server';
export { LOG_GROUPS } from './scenarios/logs.js';

export type { SimLogStream } from './world-logs.js';

/** Every scenario name, the default first, then 'all' (every scenario at once, each on an instance of its own). */
export const SCENARIO_NAMES: readonly string[] = [...SCENARIOS.map((s) => s.name), ALL_SCENARIOS];
export const DEFAULT_SCENARIO = 'oom';
export const WORLD_REGION = 'us-east-1';
export const WORLD_ACCOUNT_ID = '123456789012';

const DAY = 86_400_000;
/** ListMetrics only lists metrics with data in the last two weeks. */
const LIST_METRICS_WINDOW = 14 * DAY;

/** SimWorld plus what the training fleet can tell beyond the contract. */
export interface TrainingWorld extends SimWorld {
  /** World start: the clock's value at creation. Scenario incidents are placed relative to it. */
  readonly t0: number;
  /** Streams of a log group (one per instance shipping to it); [] for an unknown group. */
  logStreams(group: string): readonly SimLogStream[];
  /** What the user changed beyond instance actions: network, Elastic IPs, credit mode, images, volumes, launches. */
  readonly fixes: WorldFixes;
  /** Starts a scenario's incident on an instance (id or Name tag) now: the instructor's `inject`. */
  inject(target: string, scenario: string): IncidentOutcome;
  /** Ends the incident of an instance (id or Name tag) now: healthy from here on. */
  heal(target: string): IncidentOutcome;
  /** Every incident of the fleet: cast at start or injected, running or healed. */
  incidents(): readonly Incident[];
}

/** An incident on one instance; `since` is undefined for one cast at start (it was there before the fleet). */
export interface Incident {
  readonly instanceId: string;
  readonly name: string | undefined;
  readonly scenario: string;
  readonly since: number | undefined;
  /** When an instructor healed it or a user's fix ended it; undefined while it runs. */
  readonly endedAt: number | undefined;
}

export type IncidentOutcome = { readonly ok: true; readonly incident: Incident } | { readonly ok: false; readonly message: string };

/** Scenarios an instructor can inject: every incident ('healthy' is none, 'all' is a fleet). */
export const INJECTABLE_SCENARIOS: readonly string[] = SCENARIOS.map((s) => s.name).filter((n) => n !== 'healthy');

const check = (status: SimStatusCheck['status'], detail: string | undefined): SimStatusCheck => ({
  status,
  details: detail === undefined ? [] : [{ name: 'reachability', status: detail }],
});
const sameDimensions = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};
const dimensionsOf = (def: MetricDef, id: string): Record<string, string> => ({ InstanceId: id, ...def.extraDimensions });
const DEFS_BY_NAME = new Map(METRIC_DEFS.map((d) => [d.name, d]));

/** Builds the world; throws a one-line Error naming the valid scenarios when the scenario is unknown. */
export function createWorld(options: SimWorldOptions): TrainingWorld {
  const clock = options.clock;
  const seed = options.seed >>> 0;
  const t0 = options.t0 ?? clock.now();
  const cast = castWorld(options.scenario, seed, t0, Math.max(0, Math.floor(options.fleetSize)));
  if (cast === undefined) {
    throw new Error(`Unknown scenario '${options.scenario}'. Valid scenarios: ${SCENARIO_NAMES.join(', ')}`);
  }
  const { byId } = cast;
  // Mutable: an instructor injects and heals incidents while the fleet runs (inject/heal below).
  const roles = new Map(cast.roles);
  const rawRoles = new Map<string, { readonly role: Role; readonly from: number }>([...roles].map(([id, role]) => [id, { role, from: -Infinity }]));
  const healedAt = new Map<string, number>();
  const members = cast.fleet.members;
  const baseInstances = members.map((m) => m.instance);
  const castIndexes = new Set([...roles].flatMap(([id, role]) => (role.overrides.instance === undefined ? [] : [indexOfId(members, id) ?? -1])));
  castIndexes.delete(-1);
  const logCreation = Math.floor((t0 - 3 * DAY - 5_400_000) / 1000) * 1000;

  // The user's actions per instance, oldest first; empty until someone acts, so an untouched world costs nothing.
  const actionLog = new Map<string, SimAction[]>();
  const actedIndexes = new Set<number>();
  const allActions: SimAction[] = [];

  // A stopped instance's stop time: an injected scenario's own (wont-start), none once healed, else as built.
  const stoppedAtOf = (m: FleetMember): number | undefined => {
    const role = roles.get(m.instance.id);
    return role === undefined || (rawRoles.get(m.instance.id)?.from === -Infinity && !healedAt.has(m.instance.id)) ? m.stoppedAt : role.overrides.stoppedAt;
  };
  // An injected scenario's type (cpu-credits makes the instance a t3.large): what its metrics are generated for, as
  // a cast scenario's type is applied to its member at creation. Healed, the instance is the one it was.
  const typeOf = (m: FleetMember): string => {
    const raw = rawRoles.get(m.instance.id);
    if (raw === undefined || raw.from === -Infinity || healedAt.has(m.instance.id)) return m.instance.type;
    return raw.role.overrides.instance?.(m.instance, raw.from).type ?? m.instance.type;
  };
  const live = (m: FleetMember): FleetMember => {
    const stoppedAt = stoppedAtOf(m);
    const type = typeOf(m);
    return stoppedAt === m.stoppedAt && type === m.instance.type ? m : { ...m, stoppedAt, instance: { ...m.instance, type } };
  };
  const overridden = (m: FleetMember, now: number): SimInstance => {
    const role = roles.get(m.instance.id);
    return role?.overrides.instance === undefined ? m.instance : role.overrides.instance(role.base, now);
  };
  const lifeOf = (m: FleetMember, now: number): Lifecycle | undefined => {
    const acts = actionLog.get(m.instance.id);
    if (acts === undefined) return undefined;
    const role = roles.get(m.instance.id);
    const base = { instance: overridden(m, now), stoppedAt: stoppedAtOf(m), scenarioType: m.instance.type, remedy: role?.overrides.remedy };
    return lifecycle(base, acts, now);
  };
  const current = (m: FleetMember, now: number): SimInstance => {
    const life = lifeOf(m, now);
    const inst = overridden(m, now);
    return life === undefined ? inst : applyLife(inst, roles.get(m.instance.id)?.base ?? m.instance, life);
  };

  // Scenario overrides stop applying once the incident is fixed (healedAt).
  const sampler = (m: FleetMember, healedAt: number): PeerSampler => {
    const profile = metricProfile(live(m));
    const metricOverrides = creditModeOverrides(roles.get(m.instance.id)?.overrides, fixes.creditSpec(live(m).instance), profile.credits, profile.vcpus);
    const peer: PeerSampler = (name, t) => {
      const def = DEFS_BY_NAME.get(name);
      if (def === undefined) return 0;
      const base = def.sample(profile, t, peer);
      const override = metricOverrides?.[name];
      return override === undefined || t >= healedAt ? base : override(t, base);
    };
    return peer;
  };

  let listed: readonly SimMetricKey[] | undefined;
  const listMetrics = (): readonly SimMetricKey[] => {
    if (listed !== undefined) return listed;
    const cutoff = clock.now() - LIST_METRICS_WINDOW;
    const keys: SimMetricKey[] = [];
    for (const m of members) {
      if (m.stoppedAt !== undefined && m.stoppedAt < cutoff) continue;
      const profile = metricProfile(live(m));
      for (const def of METRIC_DEFS) {
        if (!def.appliesTo(profile)) continue;
        keys.push({ namespace: def.namespace, metricName: def.name, dimensions: dimensionsOf(def, m.instance.id) });
      }
    }
    listed = keys;
    return keys;
  };

  const datapoints = (key: SimMetricKey, start: number, end: number, period: number, stat: SimStatistic): SimDatapoints => {
    const def = metricDef(key.namespace, key.metricName);
    const id = key.dimensions.InstanceId;
    const m = id === undefined ? undefined : byId.get(id);
    if (def === undefined || m === undefined || !(period > 0)) return { timestamps: [], values: [], unit: def?.unit ?? 'None' };
    const profile = metricProfile(live(m));
    if (!def.appliesTo(profile) || !sameDimensions(key.dimensions, dimensionsOf(def, m.instance.id))) {
      return { timestamps: [], values: [], unit: def.unit };
    }
    const agentStop = def.namespace === 'CWAgent' ? roles.get(m.instance.id)?.overrides.agentStoppedAt : undefined;
    const now = clock.now();
    const life = lifeOf(m, now);
    const healedAt = life?.healedAt ?? Infinity;
    const peer = sampler(m, healedAt);
    // After user actions the data has gaps (stopped, starting, an agent silent until the fix): NaN is no sample.
    const isSilent = (t: number): boolean =>
      life !== undefined && (!isUp(life, t) || (agentStop !== undefined && t >= agentStop && t < healedAt));
    return aggregate(
      {
        resolutionSec: rawResolution(def, current(m, now).monitoring),
        isStatSet: def.isStatSet,
        from: m.instance.launchTime,
        to: life === undefined ? Math.min(now + 1, stoppedAtOf(m) ?? Infinity, agentStop ?? Infinity) : now + 1,
        unit: def.unit,
        sample: (t) => (isSilent(t) ? NaN : peer(def.name, t)),
      },
      queryStart(start, now, period),
      end,
      period,
      stat,
    );
  };

  const status = (id: string): SimInstanceStatus | undefined => {
    const m = byId.get(id);
    if (m === undefined) return undefined;
    const now = clock.now();
    const life = lifeOf(m, now);
    const inst = current(m, now);
    const isRunning = inst.state === 'running';
    const isNew = life?.checksReadyAt === undefined ? now - inst.launchTime < 180_000 : now < life.checksReadyAt;
    // AWS reports checks only for running instances; the first minutes after launch are 'initializing'.
    const notApplicable = check('not-applicable', undefined);
    const reachability = isNew ? check('initializing', 'initializing') : check('ok', 'passed');
    const base: SimInstanceStatus = {
      instanceId: id,
      system: isRunning ? reachability : notApplicable,
      instance: isRunning ? reachability : notApplicable,
      ebs: isRunning ? check('ok', 'passed') : notApplicable,
      events: m.events,
    };
    const override = roles.get(id)?.overrides.status;
    const isOverridden = life === undefined || (isRunning && now < life.healedAt);
    return override === undefined || !isOverridden ? base : override(base, now);
  };

  const consoleOutput = (id: string): { readonly text: string; readonly timestamp: number } | undefined => {
    const m = byId.get(id);
    if (m === undefined) return undefined;
    const now = clock.now();
    return consoleText(live(m), current(m, now), roles.get(id), lifeOf(m, now), now);
  };

  // Every ML server (the story's and the 'all' world's scenario twins) ships its logs to the two groups.
  const shippers = members
    .filter((m) => m.role === 'ml')
    .map((built) => ({
      get member() {
        return live(built);
      },
      get role() {
        return roles.get(built.instance.id);
      },
      logSeed: roles.get(built.instance.id)?.logSeed ?? built.seed,
    }));
  const logs = createLogs(shippers, () => clock.now(), logCreation, (m) => lifeOf(m, clock.now()));

  let network: SimNetwork | undefined;
  const patches = new Map<string, GroupPatch>();
  for (const [id, role] of roles) {
    const group = byId.get(id)?.instance.securityGroups[0];
    if (role.overrides.securityGroup !== undefined && group !== undefined) patches.set(group.id, role.overrides.securityGroup);
  }

  // `at` is now for users; an alarm's recover action happens when the alarm fired, which a lazy evaluation
  // may only notice later.
  const instanceAction = (id: string, request: SimActionRequest, apply: boolean, at = clock.now()): SimActionOutcome => {
    const index = indexOfId(members, id);
    const m = index === undefined ? undefined : members[index];
    if (index === undefined || m === undefined) {
      return { ok: false, refusal: { code: 'InvalidInstanceID.NotFound', message: `The instance ID '${id}' does not exist` } };
    }
    const now = at;
    const { outcome, isAppended } = judge(current(m, now), request, roles.get(id)?.overrides.noCapacityFor ?? []);
    if (apply && outcome.ok && isAppended) {
      const action: SimAction = { ...request, instanceId: id, at: now };
      const list = actionLog.get(id) ?? [];
      // Kept in time order even if the clock was moved back; a later view ignores actions after its now.
      list.push(action);
      list.sort((a, b) => a.at - b.at);
      actionLog.set(id, list);
      actedIndexes.add(index);
      allActions.push(action);
      allActions.sort((a, b) => a.at - b.at);
      listed = undefined;
    }
    return outcome;
  };

  const fixes = createWorldFixes({
    seed,
    now: () => clock.now(),
    network: () => (network ??= buildNetwork(cast.fleet, seed, t0, WORLD_ACCOUNT_ID, patches)),
    instance: (id) => {
      const m = byId.get(id);
      return m === undefined ? undefined : current(m, clock.now());
    },
    reboot: (id) => void instanceAction(id, { kind: 'reboot' }, true),
    fleetImage: (id) => {
      const i = baseInstances.find((x) => x.imageId === id);
      return i === undefined ? undefined : { state: 'available', architecture: i.architecture };
    },
    capacity: (type, az) => {
      const blocked = [...roles].some(([id, role]) => role.overrides.noCapacityFor?.includes(type) === true && byId.get(id)?.instance.az === az);
      return blocked ? noCapacity(type, az) : undefined;
    },
  });
  const withLaunched = (list: readonly SimInstance[]): readonly SimInstance[] => {
    const launched = fixes.launches.list();
    return launched.length === 0 ? list : [...list, ...launched].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };

  // The host as the SSM agent's scripts see it at t: the same samples, logs and volume the other views read.
  const viewOf = (id: string, t: number): HostView => {
    const m = byId.get(id);
    const instance = world.instance(id);
    if (m === undefined || instance === undefined) throw new Error(`no fleet instance ${id}`);
    const life = lifeOf(m, clock.now());
    const peer = sampler(m, life?.healedAt ?? Infinity);
    return hostView({
      t0,
      member: m,
      role: roles.get(id),
      life,
      instance,
      platform: platformOf(instance.imageId, cast.fleet.ids.images),
      rootSizeGiB: fixes.volume(instance).sizeGiB,
      sample: (name, minute) => peer(name, minute),
      logLines: (group, from, to) => logs.logEvents(group, from, to).filter((e) => e.logStream === id).map((e) => ({ t: e.timestamp, text: e.message })),
    }, t);
  };
  const ssm = createSsm({
    region: WORLD_REGION,
    seed,
    now: () => clock.now(),
    instances: () => world.instances(),
    instance: (id) => world.instance(id),
    agent: (instance) => {
      const m = byId.get(instance.id);
      return m === undefined ? undefined : agentFacts(m, instance, cast.fleet.ids.images);
    },
    agentSpell: (id, now) => {
      const m = byId.get(id);
      return m === undefined ? { isUp: false, since: now } : agentSpell(m, roles.get(id), lifeOf(m, now), now);
    },
    run: (id, commandId, commands, t) => runScript(id, commandId, commands, () => viewOf(id, t)),
  });

  const findMember = (target: string): FleetMember | undefined =>
    byId.get(target) ?? members.find((m) => m.instance.tags.Name === target);
  const incidentOf = (id: string): Incident | undefined => {
    const role = roles.get(id);
    const raw = rawRoles.get(id);
    // The 'healthy' scenario casts a role with no incident in it.
    if (role === undefined || raw === undefined || role.scenario === 'healthy') return undefined;
    const m = byId.get(id);
    const fixedAt = m === undefined ? undefined : lifeOf(m, clock.now())?.healedAt;
    const ended = healedAt.get(id) ?? (fixedAt !== undefined && fixedAt <= clock.now() ? fixedAt : undefined);
    return { instanceId: id, name: m?.instance.tags.Name, scenario: role.scenario, since: raw.from === -Infinity ? undefined : raw.from, endedAt: ended };
  };
  // A role's view changed: the derived caches (metric list, network with its patched groups) are rebuilt.
  const recast = (id: string, role: Role): void => {
    roles.set(id, role);
    const index = indexOfId(members, id);
    if (index !== undefined && role.overrides.instance !== undefined) castIndexes.add(index);
    const group = byId.get(id)?.instance.securityGroups[0];
    if (group !== undefined && role.overrides.securityGroup !== undefined) patches.set(group.id, role.overrides.securityGroup);
    network = undefined;
    listed = undefined;
  };
  const nameOf = (m: FleetMember): string => m.instance.tags.Name ?? m.instance.id;
  const inject = (target: string, scenario: string): IncidentOutcome => {
    const def = SCENARIOS.find((s) => s.name === scenario);
    if (def === undefined || !INJECTABLE_SCENARIOS.includes(scenario)) {
      return { ok: false, message: `unknown scenario '${scenario}'; choose one of: ${INJECTABLE_SCENARIOS.join(', ')}` };
    }
    const m = findMember(target);
    if (m === undefined) return { ok: false, message: `the fleet has no instance '${target}' (give an instance id or its Name tag)` };
    const id = m.instance.id;
    const existing = incidentOf(id);
    if (existing !== undefined) {
      return existing.endedAt === undefined
        ? { ok: false, message: `${nameOf(m)} is already in an incident (${existing.scenario}); heal it first with inject --heal` }
        : { ok: false, message: `${nameOf(m)} already had its ${existing.scenario} incident in this fleet; pick another instance` };
    }
    if (actionLog.has(id)) return { ok: false, message: `${nameOf(m)} has been acted on (stopped, started…); pick an untouched instance` };
    const at = clock.now();
    const index = indexOfId(members, id) ?? -1;
    const subnet = { id: cast.fleet.ids.privateSubnetId, cidrBlock: PRIVATE_SUBNET_CIDR };
    // The incident starts now: the scenario's fault is placed at the injection (world-inject.ts).
    const built = def.build({ t0: injectedT0(scenario, at), seed: members[index]?.seed ?? seed, target: current(m, at), privateSubnet: subnet });
    const raw: Role = { base: m.instance, scenario, overrides: built, logSeed: m.seed };
    rawRoles.set(id, { role: raw, from: at });
    recast(id, { ...raw, overrides: windowed(built, { from: at, until: Infinity }, () => clock.now()) });
    return { ok: true, incident: incidentOf(id) ?? { instanceId: id, name: m.instance.tags.Name, scenario, since: at, endedAt: undefined } };
  };
  const heal = (target: string): IncidentOutcome => {
    const m = findMember(target);
    if (m === undefined) return { ok: false, message: `the fleet has no instance '${target}' (give an instance id or its Name tag)` };
    const id = m.instance.id;
    const incident = incidentOf(id);
    const raw = rawRoles.get(id);
    if (incident === undefined || raw === undefined) return { ok: false, message: `${nameOf(m)} is not in an incident` };
    if (incident.endedAt !== undefined) return { ok: false, message: `${nameOf(m)}'s ${incident.scenario} incident is already over` };
    const at = clock.now();
    healedAt.set(id, at);
    recast(id, { ...raw.role, overrides: windowed(raw.role.overrides, { from: raw.from, until: at }, () => clock.now()) });
    return { ok: true, incident: incidentOf(id) ?? incident };
  };

  const operationLog = createOperationLog();
  const world: TrainingWorld = {
    region: WORLD_REGION,
    accountId: WORLD_ACCOUNT_ID,
    scenario: options.scenario,
    clock,
    t0,
    instances: () => {
      if (castIndexes.size === 0 && actedIndexes.size === 0 && !fixes.hasAddresses()) return withLaunched(baseInstances);
      const list = baseInstances.slice();
      const now = clock.now();
      for (const i of new Set([...castIndexes, ...actedIndexes])) {
        const m = members[i];
        if (m !== undefined) list[i] = current(m, now);
      }
      return withLaunched(fixes.hasAddresses() ? list.map(fixes.instance) : list);
    },
    instance: (id) => {
      const m = byId.get(id);
      const instance = m === undefined ? fixes.launches.get(id) : current(m, clock.now());
      return instance === undefined ? undefined : fixes.instance(instance);
    },
    status: (id) => status(id) ?? fixes.launches.status(id),
    instanceTypes: () => INSTANCE_TYPES,
    listMetrics,
    datapoints,
    consoleOutput: (id) => consoleOutput(id) ?? fixes.launches.console(id),
    logGroups: logs.logGroups,
    logEvents: logs.logEvents,
    logStreams: logs.logStreams,
    network: () => fixes.network(),
    instanceAction: (id, request, apply) => instanceAction(id, request, apply),
    actions: () => allActions.slice(),
    alarms: createAlarms({
      region: WORLD_REGION,
      accountId: WORLD_ACCOUNT_ID,
      now: () => clock.now(),
      datapoints: (key, start, end, period, stat) => datapoints(key, start, end, period, stat),
      recover: (id, at) => instanceAction(id, { kind: 'recover' }, true, at).ok,
    }),
    ssm,
    operations: operationLog.operations,
    recordOperation: operationLog.recordOperation,
    fixes,
    inject,
    heal,
    incidents: () => [...roles.keys()].sort().flatMap((id) => incidentOf(id) ?? []),
  };
  return world;
}
