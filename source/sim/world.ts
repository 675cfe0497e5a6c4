// The training fleet's world: a deterministic fleet whose every number is a function of (seed, T0, fleet time).
// Nothing here does I/O or keeps series; services (sim/services/) read it through SimWorld and render AWS shapes.
import { INSTANCE_TYPES, instanceType } from './catalog.js';
import { aggregate, METRIC_DEFS, metricDef, rawResolution } from './metrics.js';
import type { MetricDef, PeerSampler } from './metrics.js';
import { buildNetwork } from './network.js';
import type { GroupPatch } from './network.js';
import { bootLog } from './scenarios/boot-log.js';
import { metricProfile } from './scenarios/fleet.js';
import type { FleetMember } from './scenarios/fleet.js';
import { ALL_SCENARIOS, SCENARIOS } from './scenarios/index.js';
import { kernelStamp } from './scenarios/text.js';
import type { TimedLine } from './scenarios/types.js';
import type {
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
import { castWorld, indexOfId } from './world-cast.js';
import { createLogs } from './world-logs.js';
import type { SimLogStream } from './world-logs.js';

export { ML_SERVER_ID } from './scenarios/fleet.js';
export { LOG_GROUPS } from './scenarios/logs.js';

export type { SimLogStream } from './world-logs.js';

/** Every scenario name, the default first, then 'all' (every scenario at once, each on an instance of its own). */
export const SCENARIO_NAMES: readonly string[] = [...SCENARIOS.map((s) => s.name), ALL_SCENARIOS];
export const DEFAULT_SCENARIO = 'oom';
export const WORLD_REGION = 'us-east-1';
export const WORLD_ACCOUNT_ID = '123456789012';

const DAY = 86_400_000;
/** AWS returns only the most recent 64 KB of console output. */
const CONSOLE_LIMIT = 64 * 1024;
/** ListMetrics only lists metrics with data in the last two weeks. */
const LIST_METRICS_WINDOW = 14 * DAY;

/** SimWorld plus what the training fleet can tell beyond the contract. */
export interface TrainingWorld extends SimWorld {
  /** World start: the clock's value at creation. Scenario incidents are placed relative to it. */
  readonly t0: number;
  /** Streams of a log group (one per instance shipping to it); [] for an unknown group. */
  logStreams(group: string): readonly SimLogStream[];
}

const byTime = (a: TimedLine, b: TimedLine): number => a.t - b.t;
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
  const t0 = clock.now();
  const cast = castWorld(options.scenario, seed, t0, Math.max(0, Math.floor(options.fleetSize)));
  if (cast === undefined) {
    throw new Error(`Unknown scenario '${options.scenario}'. Valid scenarios: ${SCENARIO_NAMES.join(', ')}`);
  }
  const { byId, roles } = cast;
  const members = cast.fleet.members;
  const baseInstances = members.map((m) => m.instance);
  const castIndexes = [...roles].flatMap(([id, role]) => (role.overrides.instance === undefined ? [] : [indexOfId(members, id) ?? -1]));
  const logCreation = Math.floor((t0 - 3 * DAY - 5_400_000) / 1000) * 1000;

  const current = (m: FleetMember, now: number): SimInstance => {
    const role = roles.get(m.instance.id);
    return role?.overrides.instance === undefined ? m.instance : role.overrides.instance(role.base, now);
  };

  const sampler = (m: FleetMember): PeerSampler => {
    const profile = metricProfile(m);
    const metricOverrides = roles.get(m.instance.id)?.overrides.metrics;
    const peer: PeerSampler = (name, t) => {
      const def = DEFS_BY_NAME.get(name);
      if (def === undefined) return 0;
      const base = def.sample(profile, t, peer);
      const override = metricOverrides?.[name];
      return override === undefined ? base : override(t, base);
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
      const profile = metricProfile(m);
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
    const profile = metricProfile(m);
    if (!def.appliesTo(profile) || !sameDimensions(key.dimensions, dimensionsOf(def, m.instance.id))) {
      return { timestamps: [], values: [], unit: def.unit };
    }
    const agentStop = def.namespace === 'CWAgent' ? roles.get(m.instance.id)?.overrides.agentStoppedAt : undefined;
    const peer = sampler(m);
    return aggregate(
      {
        resolutionSec: rawResolution(def, current(m, clock.now()).monitoring),
        isStatSet: def.isStatSet,
        from: m.instance.launchTime,
        to: Math.min(clock.now() + 1, m.stoppedAt ?? Infinity, agentStop ?? Infinity),
        unit: def.unit,
        sample: (t) => peer(def.name, t),
      },
      start,
      end,
      period,
      stat,
    );
  };

  const status = (id: string): SimInstanceStatus | undefined => {
    const m = byId.get(id);
    if (m === undefined) return undefined;
    const now = clock.now();
    const inst = current(m, now);
    const isRunning = inst.state === 'running';
    const isNew = now - inst.launchTime < 180_000;
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
    return override === undefined ? base : override(base, now);
  };

  const consoleOutput = (id: string): { readonly text: string; readonly timestamp: number } | undefined => {
    const m = byId.get(id);
    if (m === undefined) return undefined;
    const inst = m.instance;
    const until = Math.min(clock.now() + 1, m.stoppedAt ?? Infinity);
    const services = m.hasAgent ? ['amazon-cloudwatch-agent.service - Amazon CloudWatch Agent'] : [];
    if (m.role === 'ml') services.push('ml-server.service - PetTracker ML inference server');
    const lines = bootLog(inst, instanceType(inst.type), m.seed, services);
    const consoleLines = roles.get(id)?.overrides.consoleLines;
    if (consoleLines !== undefined) lines.push(...consoleLines(inst.launchTime, until));
    if (m.stoppedAt !== undefined) {
      const s = m.stoppedAt;
      lines.push({ t: s - 1500, text: '[  OK  ] Stopped sshd.service - OpenSSH server daemon.' });
      lines.push({ t: s - 1200, text: '[  OK  ] Reached target poweroff.target - System Power Off.' });
      lines.push({ t: s - 900, text: `${kernelStamp(s - 900, inst.launchTime)} reboot: Power down` });
    }
    const shown = lines.filter((l) => l.t < until).sort(byTime);
    let text = shown.map((l) => `${l.text}\n`).join('');
    if (text.length > CONSOLE_LIMIT) text = text.slice(text.indexOf('\n', text.length - CONSOLE_LIMIT) + 1);
    return { text, timestamp: shown.at(-1)?.t ?? inst.launchTime };
  };

  // Every ML server (the story's and the 'all' world's scenario twins) ships its logs to the two groups.
  const shippers = members
    .filter((m) => m.role === 'ml')
    .map((member) => ({ member, role: roles.get(member.instance.id), logSeed: roles.get(member.instance.id)?.logSeed ?? member.seed }));
  const logs = createLogs(shippers, () => clock.now(), logCreation);

  let network: SimNetwork | undefined;
  const patches = new Map<string, GroupPatch>();
  for (const [id, role] of roles) {
    const group = byId.get(id)?.instance.securityGroups[0];
    if (role.overrides.securityGroup !== undefined && group !== undefined) patches.set(group.id, role.overrides.securityGroup);
  }

  return {
    region: WORLD_REGION,
    accountId: WORLD_ACCOUNT_ID,
    scenario: options.scenario,
    clock,
    t0,
    instances: () => {
      if (castIndexes.length === 0) return baseInstances;
      const list = baseInstances.slice();
      const now = clock.now();
      for (const i of castIndexes) {
        const m = members[i];
        if (m !== undefined) list[i] = current(m, now);
      }
      return list;
    },
    instance: (id) => {
      const m = byId.get(id);
      return m === undefined ? undefined : current(m, clock.now());
    },
    status,
    instanceTypes: () => INSTANCE_TYPES,
    listMetrics,
    datapoints,
    consoleOutput,
    logGroups: logs.logGroups,
    logEvents: logs.logEvents,
    logStreams: logs.logStreams,
    network: () => (network ??= buildNetwork(cast.fleet, seed, t0, WORLD_ACCOUNT_ID, patches)),
  };
}
