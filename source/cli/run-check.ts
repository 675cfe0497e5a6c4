// `ec2-triage check <instance-id|name>`: the triage engine without Ink, for scripts and alert hooks.
// Exit 0 healthy, 1 findings, 2 usage or access errors (an unknown instance included).
import type { AwsApi, CallOptions } from '../aws/api.js';
import { AwsFailure, createAwsApi } from '../aws/index.js';
import { describeAwsError } from '../domain/aws-error.js';
import { timeoutsFor } from '../aws/timeouts.js';
import type { TriageRun } from '../triage/run.js';
import type { CommandTarget } from '../domain/target.js';
import { trainingFleetTarget } from '../domain/target.js';
import { commandTargetOf } from '../model/command-target.js';
import { findInstance, InstanceLookupError } from '../model/find-instance.js';
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
  let run: TriageRun;
  try {
    // The lookup is the round's first call, beside the log-group listing: two round-trips in all, not three.
    // The endpoint's "now" (a training fleet run fast is ahead of ours): its last three hours, not ours; read again
    // once the lookup's answer has told the endpoint's clock.
    const serverNow = (): number => api.serverNow?.() ?? now;
    const lookup = { operation: 'ec2:DescribeInstances', find: (options: CallOptions) => findInstance(api, config.target, options), now: serverNow };
    run = await triageRound(api, lookup, {
      now: serverNow(),
      target,
      ...(config.at === undefined ? {} : { at: config.at }),
      ...(config.runbook === undefined ? {} : { runbook: config.runbook }),
      ...(config.alarmTopic === undefined ? {} : { snsTopicArn: config.alarmTopic }),
      // The flag is the consent: no preview here (scripts and alert hooks have no one to ask).
      ...(config.hasDiagnostics ? { hostChecks: { clock: waitingClock() } } : {}),
    });
  } catch (error) {
    // Only the lookup rejects a round (every other failure is a missing item): an unknown or ambiguous instance.
    if (error instanceof InstanceLookupError) throw new UsageError(error.message);
    if (error instanceof AwsFailure) throw new UsageError(describeAwsError(error.error));
    throw error;
  }
  const json = toCheckJson(run.evidence, run.result, run.runbook);
  process.stdout.write(config.isJson ? `${JSON.stringify(json, null, 2)}\n` : renderCheckText(json));
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
