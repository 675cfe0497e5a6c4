// The fleet's Systems Manager: managed instances and their pings, Session Manager sessions, and Run Command
// commands that play out in fleet time (Pending → InProgress → Success). The world says when an instance's agent
// can answer and what a script prints at a moment (SsmHost); this file keeps only what callers started.
import { createRng, hashString, noise } from './rng.js';
import type { SimInstance } from './types.js';
import type {
  SimAgentFacts,
  SimCommand,
  SimCommandRequest,
  SimInvocation,
  SimManagedInstance,
  SimSession,
  SimSsm,
  SimSsmOutcome,
} from './types-ssm.js';

const SEC = 1000;
/** The agent's health ping interval (LastPingDateTime moves in these steps). */
export const PING_INTERVAL_MS = 300 * SEC;
/** How long a command takes to reach an online agent: [min, max) ms. */
export const DELIVERY_MS: readonly [number, number] = [400, 1500];
/** The user every session belongs to (the fleet's caller). */
export const SESSION_USER = 'trainee';
/** Sessions and commands the fleet remembers (the oldest are forgotten first). */
const KEPT = 500;

/** What a script printed, its exit code, and how long it ran. */
export interface ScriptRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly durationMs: number;
}

/** The agent's current spell: up (able to answer) or down, and since when. */
export interface AgentSpell {
  readonly isUp: boolean;
  readonly since: number;
}

/** What the world tells the SSM side. */
export interface SsmHost {
  readonly region: string;
  readonly seed: number;
  now(): number;
  /** Every instance as of now (sorted by id). */
  instances(): readonly SimInstance[];
  instance(id: string): SimInstance | undefined;
  /** The agent of a managed instance; undefined when SSM does not manage it. */
  agent(instance: SimInstance): SimAgentFacts | undefined;
  /** The agent's spell as of `now` (the instance running, its OS up and the agent started). */
  agentSpell(id: string, now: number): AgentSpell;
  /** Runs command `commandId`'s AWS-RunShellScript script on the instance at fleet time `t`. */
  run(id: string, commandId: string, commands: readonly string[], t: number): ScriptRun;
}

const refuse = <T>(code: string, message: string): SimSsmOutcome<T> => ({ ok: false, refusal: { code, message } });

/** A UUID-shaped id drawn from the rng (CommandIds are UUIDs). */
function uuid(hex: (n: number) => string): string {
  const h = hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The last ping at or before `t` on the agent's own 5-minute beat. */
function pingBefore(id: string, t: number): number {
  const phase = Math.floor(noise(hashString(id), 0x5503) * PING_INTERVAL_MS);
  return Math.floor((t - phase) / PING_INTERVAL_MS) * PING_INTERVAL_MS + phase;
}

interface Delivery {
  deliveredAt: number | undefined;
  /** Set once the script ran: its output is fixed at the moment it started. */
  run: ScriptRun | undefined;
}

interface StoredCommand {
  readonly commandId: string;
  readonly requestedAt: number;
  readonly request: SimCommandRequest;
  readonly deliveries: Map<string, Delivery>;
}

/** Builds the fleet's Systems Manager over the world's view of its agents. */
export function createSsm(host: SsmHost): SimSsm {
  const rng = createRng(hashString(`ssm:${host.seed}`));
  const sessions = new Map<string, SimSession>();
  const commands: StoredCommand[] = [];

  const managed = (instance: SimInstance, now: number): SimManagedInstance | undefined => {
    if (instance.state === 'terminated') return undefined;
    const facts = host.agent(instance);
    if (facts === undefined) return undefined;
    const spell = host.agentSpell(instance.id, now);
    const lastPingAt = spell.isUp ? Math.max(spell.since, pingBefore(instance.id, now)) : Math.max(facts.registeredAt, pingBefore(instance.id, spell.since - 1));
    return { ...facts, pingStatus: spell.isUp ? 'Online' : 'ConnectionLost', lastPingAt: Math.min(lastPingAt, now) };
  };

  const managedInstance = (id: string): SimManagedInstance | undefined => {
    const instance = host.instance(id);
    return instance === undefined ? undefined : managed(instance, host.now());
  };

  /** Works out where one delivery stands as of now; the agent is asked only about the moment of the read. */
  const settle = (stored: StoredCommand, id: string, delivery: Delivery, now: number): void => {
    if (delivery.deliveredAt === undefined) {
      const deadline = stored.requestedAt + stored.request.timeoutSeconds * SEC;
      const spell = host.agentSpell(id, Math.min(now, deadline));
      if (!spell.isUp || host.instance(id)?.state === 'terminated') return;
      const wait = DELIVERY_MS[0] + Math.floor((DELIVERY_MS[1] - DELIVERY_MS[0]) * noise(hashString(stored.commandId + id), 1));
      delivery.deliveredAt = Math.max(stored.requestedAt, spell.since) + wait;
    }
    if (delivery.run === undefined && delivery.deliveredAt <= now) delivery.run = host.run(id, stored.commandId, stored.request.commands, delivery.deliveredAt);
  };

  const invocation = (stored: StoredCommand, id: string, now: number): SimInvocation => {
    const delivery = stored.deliveries.get(id) ?? { deliveredAt: undefined, run: undefined };
    settle(stored, id, delivery, now);
    const instance = host.instance(id);
    const base = {
      commandId: stored.commandId,
      instanceId: id,
      instanceName: instance?.tags.Name ?? '',
      documentName: stored.request.documentName,
      comment: stored.request.comment,
      requestedAt: stored.requestedAt,
    };
    const quiet = { responseCode: -1, startedAt: undefined, endedAt: undefined, stdout: '', stderr: '' };
    const deadline = stored.requestedAt + stored.request.timeoutSeconds * SEC;
    if (delivery.deliveredAt === undefined || delivery.deliveredAt > now) {
      if (instance === undefined || instance.state === 'terminated') return { ...base, ...quiet, status: 'Failed', statusDetails: 'Undeliverable' };
      if (now >= deadline && delivery.deliveredAt === undefined) return { ...base, ...quiet, endedAt: deadline, status: 'TimedOut', statusDetails: 'DeliveryTimedOut' };
      return { ...base, ...quiet, status: 'Pending', statusDetails: 'Pending' };
    }
    const run = delivery.run;
    const startedAt = delivery.deliveredAt;
    if (run === undefined) return { ...base, ...quiet, startedAt, status: 'InProgress', statusDetails: 'InProgress' };
    const limit = stored.request.executionTimeoutSeconds * SEC;
    const endsAt = startedAt + Math.min(run.durationMs, limit);
    if (now < endsAt) return { ...base, ...quiet, startedAt, status: 'InProgress', statusDetails: 'InProgress' };
    if (run.durationMs > limit) {
      return { ...base, responseCode: -1, startedAt, endedAt: endsAt, stdout: run.stdout, stderr: run.stderr, status: 'TimedOut', statusDetails: 'ExecutionTimedOut' };
    }
    const isSuccess = run.exitCode === 0;
    return {
      ...base,
      responseCode: run.exitCode,
      startedAt,
      endedAt: endsAt,
      stdout: run.stdout,
      stderr: run.stderr,
      status: isSuccess ? 'Success' : 'Failed',
      statusDetails: isSuccess ? 'Success' : 'Failed',
    };
  };

  const view = (stored: StoredCommand, now: number): SimCommand => {
    const invocations = stored.request.instanceIds.map((id) => invocation(stored, id, now));
    const statuses = invocations.map((i) => i.status);
    const status = statuses.some((s) => s === 'Pending' || s === 'InProgress')
      ? statuses.some((s) => s === 'InProgress' || s === 'Success' || s === 'Failed') ? 'InProgress' : 'Pending'
      : statuses.every((s) => s === 'Success') ? 'Success' : statuses.some((s) => s === 'TimedOut') ? 'TimedOut' : 'Failed';
    const details = status === 'Failed' && invocations.every((i) => i.statusDetails === 'Undeliverable') ? 'Undeliverable' : status === 'TimedOut' ? invocations.find((i) => i.status === 'TimedOut')?.statusDetails ?? 'TimedOut' : status;
    return { ...stored.request, commandId: stored.commandId, requestedAt: stored.requestedAt, status, statusDetails: details, invocations };
  };

  return {
    managedInstances: () => {
      const now = host.now();
      return host.instances().flatMap((i) => managed(i, now) ?? []);
    },
    managedInstance,
    startSession: (target) => {
      const info = managedInstance(target);
      if (info?.pingStatus !== 'Online') return refuse('TargetNotConnected', `${target} is not connected.`);
      const session: SimSession = { sessionId: `${SESSION_USER}-${rng.hex(17)}`, target, startedAt: host.now(), endedAt: undefined };
      sessions.set(session.sessionId, session);
      if (sessions.size > KEPT) sessions.delete(sessions.keys().next().value ?? '');
      return { ok: true, value: session };
    },
    terminateSession: (sessionId) => {
      const session = sessions.get(sessionId);
      if (session !== undefined && session.endedAt === undefined) sessions.set(sessionId, { ...session, endedAt: host.now() });
    },
    sendCommand: (request) => {
      const now = host.now();
      for (const id of request.instanceIds) {
        const instance = host.instance(id);
        // AWS accepts stopped and stopping instances (the command waits); terminated or unmanaged ones it refuses.
        if (instance === undefined || instance.state === 'terminated' || instance.state === 'shutting-down' || host.agent(instance) === undefined) {
          return refuse('InvalidInstanceId', 'Instances not in a valid state for account');
        }
      }
      const stored: StoredCommand = {
        commandId: uuid((n) => rng.hex(n)),
        requestedAt: now,
        request,
        deliveries: new Map(request.instanceIds.map((id) => [id, { deliveredAt: undefined, run: undefined }])),
      };
      commands.unshift(stored);
      if (commands.length > KEPT) commands.pop();
      return { ok: true, value: view(stored, now) };
    },
    commands: () => {
      const now = host.now();
      return commands.map((c) => view(c, now));
    },
    command: (commandId) => {
      const stored = commands.find((c) => c.commandId === commandId);
      return stored === undefined ? undefined : view(stored, host.now());
    },
  };
}
