// `ec2-triage inject SCENARIO [--instance NAME|ID]` and `inject --heal --instance NAME|ID`: start or end an
// incident on a running `sim --control` fleet.
import { INJECTABLE_SCENARIOS, ML_SERVER_NAME } from '../sim/world.js';
import { callFleet, resolveControlTarget } from './fleet-client.js';
import type { ControlFlags } from './fleet-client.js';
import { UsageError } from './options.js';

export interface InjectFlags extends ControlFlags {
  readonly instance?: string;
  readonly heal?: boolean;
}

export interface InjectRequest {
  readonly op: 'inject' | 'heal';
  readonly body: Readonly<Record<string, string>>;
}

/**
 * Checks the arguments before any call. Without --instance an incident goes to pettracker-ml-server: the
 * scenarios are written around it and it is the one instance that ships its logs to CloudWatch Logs, so every
 * piece of evidence a trainee looks for is there. A heal names its instance: ending the wrong incident is worse.
 */
export function parseInject(scenario: string | undefined, flags: InjectFlags): InjectRequest {
  const instance = flags.instance?.trim();
  if (flags.instance !== undefined && (instance === '' || (instance?.length ?? 0) > 128)) throw new UsageError('--instance must be an instance id or Name tag');
  if (flags.heal === true) {
    if (scenario !== undefined) throw new UsageError(`--heal ends whatever incident the instance is in; drop '${scenario}'`);
    if (instance === undefined) throw new UsageError('--heal needs --instance NAME|ID (which incident to end)');
    return { op: 'heal', body: { instance } };
  }
  if (scenario === undefined) throw new UsageError(`name a scenario to inject: ${INJECTABLE_SCENARIOS.join(', ')}`);
  if (!INJECTABLE_SCENARIOS.includes(scenario)) throw new UsageError(`unknown scenario '${scenario}'; choose one of: ${INJECTABLE_SCENARIOS.join(', ')}`);
  return { op: 'inject', body: { scenario, instance: instance ?? ML_SERVER_NAME } };
}

/** Runs the command; resolves to the exit code (0: done). */
export async function runInject(scenario: string | undefined, flags: InjectFlags): Promise<number> {
  const request = parseInject(scenario, flags);
  const target = resolveControlTarget(flags);
  const answer = await callFleet(target, request.op, request.body);
  const incident = (answer.incident ?? {}) as { instanceId?: string; name?: string | null; scenario?: string; since?: string | null; endedAt?: string | null };
  const who = `${incident.name ?? request.body.instance} (${incident.instanceId ?? '?'})`;
  if (request.op === 'inject') {
    console.log(`Injected ${incident.scenario ?? ''} into ${who} at ${incident.since ?? String(answer.now)} fleet time.`);
    console.log(`End it with: ec2-triage inject --heal --instance ${incident.name ?? incident.instanceId ?? ''} --endpoint-url ${target.url}`);
  } else {
    console.log(`Healed ${who}: its ${incident.scenario ?? ''} incident ended at ${incident.endedAt ?? String(answer.now)} fleet time.`);
  }
  return 0;
}
