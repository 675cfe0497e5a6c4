// `ec2-triage check <instance-id|name>`: the triage engine without Ink, for scripts and alert hooks.
// Exit 0 healthy, 1 findings, 2 usage or access errors (an unknown instance included).
import type { AwsApi } from '../aws/api.js';
import { AwsFailure, createAwsApi } from '../aws/index.js';
import { describeAwsError } from '../domain/aws-error.js';
import { timeoutsFor } from '../aws/timeouts.js';
import type { Instance } from '../domain/types.js';
import type { CommandTarget } from '../domain/target.js';
import { trainingFleetTarget } from '../domain/target.js';
import { commandTargetOf } from '../model/command-target.js';
import type { Clock } from '../model/clock.js';
import { triageRound } from '../model/triage-round.js';
import { createSimHandler } from '../sim/handler.js';
import { createWorld } from '../sim/world.js';
import { storyStart } from '../sim/story-start.js';
import { checkExitCode, renderCheckText, toCheckJson } from '../triage/check-output.js';
import { renderReport } from '../triage/report.js';
import { RUNBOOKS } from '../triage/runbooks/index.js';
import type { RunbookId } from '../triage/runbooks/index.js';
import type { AwsTargetConfig, FleetConfig } from './config.js';
import { hostJson, renderHostText } from './host-output.js';
import { UsageError } from './options.js';
import { describeWriteError, writeNewFileSync } from './safe-write.js';

export interface CheckConfig {
  readonly target: string;
  readonly isJson: boolean;
  readonly runbook: RunbookId | undefined;
  /** Centre of the window (epoch ms); undefined = now. */
  readonly at: number | undefined;
  readonly reportPath: string | undefined;
  readonly alarmTopic: string | undefined;
  /** --diagnostics: the consent to run the fixed host checks through SSM (without it no SendCommand is sent). */
  readonly hasDiagnostics: boolean;
  readonly connection:
    | { readonly kind: 'demo'; readonly fleet: FleetConfig }
    /** timeoutSeconds: every call ends within it, so an alert hook never waits on a silent endpoint. */
    | (AwsTargetConfig & { readonly timeoutSeconds: number });
}

/** Validates --runbook. */
export function parseRunbook(raw: string | undefined): RunbookId | undefined {
  if (raw === undefined) return undefined;
  const names = Object.keys(RUNBOOKS);
  if (!names.includes(raw)) throw new UsageError(`unknown runbook '${raw}'; choose one of: ${names.join(', ')}`);
  return raw as RunbookId;
}

/** Validates --at: an ISO-8601 time such as 2024-01-15T02:45:00Z (a time without a zone is UTC). */
export function parseAt(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`;
  const ms = Date.parse(withZone);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
    throw new UsageError(`--at must be an ISO-8601 time such as 2024-01-15T02:45:00Z, got '${raw}'`);
  }
  return ms;
}

/** What a test may watch: every request the training fleet receives (its record, as the fleet notes it). */
export interface CheckDeps {
  readonly onFleetRequest?: (op: { readonly service: string; readonly action: string }) => void;
}

function connect(config: CheckConfig, deps: CheckDeps): { api: AwsApi; now: number; target: CommandTarget } {
  const c = config.connection;
  if (c.kind === 'aws') {
    // check only reads: the allowlist guarantees it whatever the engine asks for.
    // --diagnostics lets exactly the fixed host checks through (aws/ read-only.ts), nothing else.
    const aws = {
      region: c.region, profile: c.profile, endpointUrl: c.endpointUrl, isReadOnly: true, timeouts: timeoutsFor(c.timeoutSeconds),
      allowHostChecks: config.hasDiagnostics,
    };
    const target = commandTargetOf({ kind: 'aws', region: c.region, profile: c.profile, endpointUrl: c.endpointUrl });
    return { api: createAwsApi(aws), now: Date.now(), target };
  }
  // Like the TUI, check opens the story at the page: a few minutes after the incident.
  const now = Date.now();
  // The world stands still at the page, unless host checks run: a command then takes its seconds on the instance.
  const clock = config.hasDiagnostics ? { now: () => Date.now() } : { now: () => now };
  const world = createWorld({ ...c.fleet, clock, t0: storyStart(now, c.fleet.isLive) });
  const simHandler = createSimHandler(world, deps.onFleetRequest === undefined ? {} : { onRequest: deps.onFleetRequest });
  return { api: createAwsApi({ region: world.region, simHandler, isReadOnly: true, allowHostChecks: config.hasDiagnostics }), now, target: trainingFleetTarget(world.region) };
}

/** Finds the instance by id, or by exact Name tag (an ambiguous name is a usage error listing the ids). */
async function findInstance(api: AwsApi, target: string): Promise<Instance> {
  if (/^i-[0-9a-f]{8,17}$/.test(target)) {
    try {
      const [found] = await api.listInstances({ instanceIds: [target] });
      if (found !== undefined) return found;
    } catch (error) {
      if (!(error instanceof AwsFailure) || error.error.kind !== 'not-found') throw error;
    }
    throw new UsageError(`no instance ${target} in ${api.region}`);
  }
  const matches = (await api.listInstances()).filter((i) => i.name === target);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(`${matches.length} instances are named '${target}': ${matches.map((i) => i.id).join(', ')}; pass an id`);
  }
  throw new UsageError(`no instance named '${target}' in ${api.region} (pass its id or exact Name tag)`);
}

/**
 * Timers that keep the process alive: between two reads of a host check nothing else is pending (the training
 * fleet has no socket), and the TUI's unref'd timers would let `check` exit before it printed anything.
 */
function waitingClock(): Clock {
  return {
    now: Date.now,
    setTimeout: (callback, realMs) => setTimeout(callback, Math.max(0, realMs)),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

/** Runs the check and prints it; resolves to the exit code. */
export async function runCheck(config: CheckConfig, deps: CheckDeps = {}): Promise<number> {
  const { api, now, target } = connect(config, deps);
  let instance: Instance;
  try {
    instance = await findInstance(api, config.target);
  } catch (error) {
    if (error instanceof AwsFailure) throw new UsageError(describeAwsError(error.error));
    throw error;
  }
  const run = await triageRound(api, instance, {
    // The endpoint's "now" (a training fleet run fast is ahead of ours): its last three hours, not ours.
    now: api.serverNow?.() ?? now,
    target,
    ...(config.at === undefined ? {} : { at: config.at }),
    ...(config.runbook === undefined ? {} : { runbook: config.runbook }),
    ...(config.alarmTopic === undefined ? {} : { snsTopicArn: config.alarmTopic }),
    // The flag is the consent: no preview here (scripts and alert hooks have no one to ask).
    ...(config.hasDiagnostics ? { hostChecks: { clock: waitingClock() } } : {}),
  });
  const json = toCheckJson(run.evidence, run.result, run.runbook);
  const host = run.evidence.host;
  process.stdout.write(
    config.isJson
      ? `${JSON.stringify(host === undefined ? json : { ...json, hostChecks: hostJson(host) }, null, 2)}\n`
      : `${renderCheckText(json)}${renderHostText(host)}`,
  );
  if (config.reportPath !== undefined) {
    // Whole or not at all, and never over an earlier report: an existing file keeps its text and the new one
    // takes the next free name, said on stderr (stdout is the check's own output).
    let written: string;
    try {
      written = writeNewFileSync(config.reportPath, renderReport(run));
    } catch (error) {
      throw new UsageError(`cannot write --report ${config.reportPath}: ${describeWriteError(error, config.reportPath)}`);
    }
    if (written !== config.reportPath) process.stderr.write(`ec2-triage: ${config.reportPath} exists; the report is in ${written}\n`);
  }
  return checkExitCode(json);
}
