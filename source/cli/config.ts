// Raw flags → a validated run configuration. Throws UsageError (one line, exit 2) on anything off.
import { tmpdir } from 'node:os';
import { timeoutsFor } from '../aws/timeouts.js';
import { describeAwsError } from '../domain/aws-error.js';
import { parseShareAddress, ShareAddressError, type ShareAddress } from '../share/address.js';
import { DEFAULT_SCENARIO, SCENARIO_NAMES } from '../sim/world.js';
import type { Origin } from '../domain/origin.js';
import type { AwsError } from '../domain/types.js';
import { isTopicArn } from '../triage/write-plan.js';
import { checkTokenText, newControlToken } from '../sim/control.js';
import { DEFAULT_REPLAY_SPEED } from '../sim/replay.js';
import type { SessionFileContent } from './session-file.js';
import { parseDiagnostics, parseEndpointUrl, parseInteger, parseOutputPath, parsePositive, parseRegion, parseScenario, parseTimeout, UsageError } from './options.js';

/** Flags as commander hands them over (all strings). */
export interface RawOptions {
  readonly demo?: boolean;
  readonly scenario?: string;
  readonly speed?: string;
  readonly seed?: string;
  readonly fleetSize?: string;
  readonly region?: string;
  /** --all-regions: every region the account has enabled (DescribeRegions). */
  readonly allRegions?: boolean;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly refresh?: string;
  readonly maxCallsPerMinute?: string;
  readonly logFile?: string;
  readonly port?: string;
  readonly report?: string;
  readonly alarmTopic?: string;
  readonly write?: boolean;
  readonly readOnly?: boolean;
  readonly deny?: string;
  readonly live?: boolean;
  readonly timeout?: string;
  readonly diagnostics?: boolean;
  /** sim --control / --token / --replay: the instructor's control API and the story replay. */
  readonly control?: boolean;
  readonly token?: string;
  readonly replay?: string;
  /** --share [ADDR]: true without a value (the default socket). */
  readonly share?: string | boolean;
  /** Issue 13: where the session is kept, the session to reopen, and who a note is by. */
  readonly sessionFile?: string;
  readonly resume?: string;
  readonly name?: string;
}

/** The training fleet's knobs. */
export interface FleetConfig {
  readonly scenario: string;
  readonly speed: number;
  readonly seed: number;
  readonly fleetSize: number;
  /** IAM actions the fleet refuses (AccessDenied / UnauthorizedOperation), to practise a missing permission. */
  readonly deny: readonly string[];
  /** Start before the incident and watch it happen (else at the page, a few minutes after it). */
  readonly isLive: boolean;
}

export type TuiConfig = {
  readonly refreshSeconds: number;
  /** --max-calls-per-minute: the whole app's call cap, shared by the pollers by priority (none when absent). */
  readonly maxCallsPerMinute: number | undefined;
  /** How long an AWS call waits for its answer (--timeout). */
  readonly timeoutSeconds: number;
  readonly logFile: string | undefined;
  /** Where `e` writes the report (else a timestamped file in the current directory). */
  readonly reportPath: string | undefined;
  /** SNS topic ARN for the recommended alarms. */
  readonly alarmTopic: string | undefined;
  /** No mutating call leaves the process (enforced in aws/). */
  readonly isReadOnly: boolean;
  /** --diagnostics: host checks through SSM are allowed (the fixed scripts only, previewed before the first run). */
  readonly hasDiagnostics: boolean;
  /** --share: where followers connect (127.0.0.1:PORT or a unix socket). */
  readonly share: ShareAddress | undefined;
  /** --session-file: where the session is kept (else a new file in the state folder). */
  readonly sessionFile?: string | undefined;
  /** --name: who a note is by (else user@host). */
  readonly author?: string | undefined;
  /** --resume: the session file reopened and what it held. */
  readonly resume?: { readonly path: string; readonly content: SessionFileContent } | undefined;
} & ({ readonly kind: 'demo'; readonly fleet: FleetConfig } | AwsTargetConfig);

/** Real AWS, or an AWS-compatible endpoint: what the UI and `check` connect to. */
export interface AwsTargetConfig {
  readonly kind: 'aws';
  /** The first origin's region and profile (one origin: the only one). */
  readonly region: string;
  readonly profile: string | undefined;
  readonly endpointUrl: string | undefined;
  /** Every (profile, region) to list (--region a,b / --all-regions × --profile x,y); at least one. */
  readonly origins: readonly Origin[];
}

export interface SimConfig {
  readonly port: number;
  readonly fleet: FleetConfig;
  /** The instructor's control API (/_fleet/ on the same port) and its token; undefined without --control. */
  readonly control: { readonly token: string; readonly isGenerated: boolean } | undefined;
  /** Replay this story from the quiet before it, narrated (only 'oom' has one). */
  readonly replay: 'oom' | undefined;
}

const MAX_FLEET = 100_000;

/** Validates the fleet flags (shared by --demo and `sim`). */
export function resolveFleet(raw: RawOptions): FleetConfig {
  return {
    scenario: parseScenario(raw.scenario ?? DEFAULT_SCENARIO, SCENARIO_NAMES),
    speed: raw.speed === undefined ? 1 : parsePositive(raw.speed, '--speed', 10_000),
    seed: raw.seed === undefined ? 1 : parseInteger(raw.seed, '--seed', 0, 2 ** 31 - 1),
    fleetSize: raw.fleetSize === undefined ? 0 : parseInteger(raw.fleetSize, '--fleet-size', 0, MAX_FLEET),
    deny: raw.deny === undefined ? [] : parseDeny(raw.deny),
    isLive: raw.live === true,
  };
}

/** --deny ec2:StopInstances,cloudwatch:PutMetricAlarm (a * matches any run of characters). */
export function parseDeny(text: string): string[] {
  const actions = text.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const bad = actions.find((a) => !/^(ec2|cloudwatch|logs|ssm|\*):[A-Za-z*]+$/.test(a));
  if (actions.length === 0 || bad !== undefined) {
    throw new UsageError(`--deny takes IAM actions such as ec2:StopInstances,cloudwatch:PutMetricAlarm, got '${bad ?? text}'`);
  }
  return actions;
}

function rejectFleetFlags(raw: RawOptions): void {
  const given = (['scenario', 'speed', 'seed', 'fleetSize', 'deny', 'live'] as const).filter((k) => raw[k] !== undefined);
  if (given.length > 0) {
    const flag = given[0] === 'fleetSize' ? 'fleet-size' : given[0];
    throw new UsageError(`--${flag} applies to the training fleet; add --demo`);
  }
}

function common(raw: RawOptions) {
  if (raw.alarmTopic !== undefined && !isTopicArn(raw.alarmTopic)) {
    throw new UsageError(`--alarm-topic must be an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:alerts, got '${raw.alarmTopic}'`);
  }
  return {
    refreshSeconds: parseInteger(raw.refresh ?? '15', '--refresh', 1, 3600),
    maxCallsPerMinute: raw.maxCallsPerMinute === undefined ? undefined : parseInteger(raw.maxCallsPerMinute, '--max-calls-per-minute', 1, 100_000),
    timeoutSeconds: parseTimeout(raw.timeout),
    logFile: raw.logFile === undefined ? undefined : parseOutputPath(raw.logFile, '--log-file'),
    reportPath: raw.report === undefined ? undefined : parseOutputPath(raw.report, '--report'),
    alarmTopic: raw.alarmTopic,
    hasDiagnostics: parseDiagnostics(raw.diagnostics),
    sessionFile: raw.sessionFile === undefined ? undefined : parseOutputPath(raw.sessionFile, '--session-file'),
    author: raw.name === undefined ? undefined : parseName(raw.name),
    share: parseShare(raw.share),
  };
}

/** --name: how notes and pointers are signed; one short line. */
export function parseName(raw: string): string {
  const name = raw.trim();
  const hasControl = [...name].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f');
  if (name === '' || name.length > 64 || hasControl) throw new UsageError(`--name takes a short name on one line (at most 64 characters), got '${raw}'`);
  return name;
}

/** --share [ADDR]: the default socket, 127.0.0.1:PORT or a socket path; any other interface is refused. */
function parseShare(raw: string | boolean | undefined): ShareAddress | undefined {
  if (raw === undefined || raw === false) return undefined;
  try {
    return parseShareAddress(raw === true ? undefined : raw, { env: process.env, pid: process.pid, uid: process.getuid?.() ?? 0, tmpdir: tmpdir() });
  } catch (error) {
    if (error instanceof ShareAddressError) throw new UsageError(error.message);
    throw error;
  }
}

function writeMode(raw: RawOptions, isDemo: boolean): boolean {
  if (raw.write === true && raw.readOnly === true) throw new UsageError('--write and --read-only contradict each other; pick one');
  // Real AWS is read-only unless --write; the training fleet is writable unless --read-only.
  return isDemo ? raw.readOnly === true : raw.write !== true;
}

/** --demo: the embedded fleet; AWS flags make no sense with it. */
export function resolveDemoConfig(raw: RawOptions): TuiConfig {
  for (const [flag, value] of [
    ['--region', raw.region],
    ['--all-regions', raw.allRegions === true ? 'yes' : undefined],
    ['--profile', raw.profile],
    ['--endpoint-url', raw.endpointUrl],
  ] as const) {
    if (value !== undefined) {
      throw new UsageError(`${flag} cannot be combined with --demo (the training fleet is us-east-1, in-process)`);
    }
  }
  return { kind: 'demo', fleet: resolveFleet(raw), ...common(raw), isReadOnly: writeMode(raw, true) };
}

/** A comma-separated flag value: its trimmed entries; an empty entry (a,,b or a trailing comma) is a typo. */
export function parseList(raw: string, flag: string): string[] {
  const items = raw.split(',').map((x) => x.trim());
  if (items.some((x) => x === '')) throw new UsageError(`${flag} takes a comma-separated list without empty entries, got '${raw}'`);
  return [...new Set(items)];
}

/** Real AWS (or an AWS-compatible endpoint): regions and credentials must be resolvable before the UI starts. */
export async function resolveAwsConfig(raw: RawOptions): Promise<TuiConfig> {
  rejectFleetFlags(raw);
  const base = { ...common(raw), isReadOnly: writeMode(raw, false) };
  const endpointUrl = raw.endpointUrl === undefined ? undefined : parseEndpointUrl(raw.endpointUrl);
  if (raw.allRegions === true && raw.region !== undefined) throw new UsageError('--all-regions and --region contradict each other; pick one');
  const regionsFlag = raw.region === undefined ? undefined : parseList(raw.region, '--region').map(parseRegion);
  const profiles: (string | undefined)[] = raw.profile === undefined ? [undefined] : parseList(raw.profile, '--profile');
  // Loaded here, not at start-up: the demo never needs the SDK before its first frame. Only the credential chain
  // and the shared-file reader: the service clients load after the first frame, on the first call.
  const { checkCredentials, missingProfile, networkEnvProblem, resolveRegion } = await import('../aws/preflight.js');
  const badEnv = networkEnvProblem(process.env);
  if (badEnv !== undefined) throw new UsageError(badEnv);
  // Before the region: a misspelt profile has no region either, and "no AWS region" would send the user astray.
  for (const profile of profiles) {
    const noProfile = await missingProfile(profile);
    if (noProfile !== undefined) throw new UsageError(noProfile);
  }
  // Without --region each profile looks at its own region (AWS_REGION, else its `region`).
  // --all-regions needs a region only to ask DescribeRegions: the usual one, else us-east-1 (it lists them all).
  const fallback = raw.allRegions === true ? 'us-east-1' : undefined;
  const own = await Promise.all(profiles.map(async (profile) => ({ profile, region: (await resolveRegion(regionsFlag?.[0], profile)) ?? fallback })));
  const lost = own.find((o) => o.region === undefined);
  if (lost !== undefined) {
    const whose = profiles.length > 1 && lost.profile !== undefined ? ` for profile ${lost.profile}` : '';
    throw new UsageError(
      `no AWS region${whose}: pass --region, set AWS_REGION, or set one in your profile (or try --demo for the training fleet)`,
    );
  }
  const first = own[0] as { profile: string | undefined; region: string };
  const problems = await Promise.all(own.map((o) => checkCredentials({ region: o.region as string, profile: o.profile, endpointUrl })));
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) throw new UsageError(`${problem.message} (or try --demo for the training fleet)`);
  // --all-regions: each profile's own account says which regions it has enabled (accounts differ in opt-in regions).
  const regionsOf = new Map<string | undefined, readonly string[]>();
  if (raw.allRegions === true) {
    const { enabledRegions } = await import('../aws/identity.js');
    await Promise.all(own.map(async (o) => {
      const whose = profiles.length > 1 && o.profile !== undefined ? ` (profile ${o.profile})` : '';
      let enabled: string[];
      try {
        enabled = await enabledRegions({ region: o.region as string, profile: o.profile, endpointUrl, timeouts: timeoutsFor(base.timeoutSeconds) });
      } catch (error) {
        throw new UsageError(`--all-regions: cannot list the account's regions${whose}: ${describeAwsError((error as { error: AwsError }).error)}`);
      }
      if (enabled.length === 0) throw new UsageError(`--all-regions: DescribeRegions answered no enabled region${whose}`);
      regionsOf.set(o.profile, enabled);
    }));
  }
  const origins: Origin[] = [];
  const seen = new Set<string>();
  for (const o of own) {
    for (const region of regionsOf.get(o.profile) ?? regionsFlag ?? [o.region as string]) {
      const key = `${o.profile ?? ''}/${region}`;
      if (seen.has(key)) continue;
      seen.add(key);
      origins.push({ region, ...(o.profile === undefined ? {} : { profile: o.profile }), ...(endpointUrl === undefined ? {} : { endpointUrl }) });
    }
  }
  return { kind: 'aws', region: first.region, profile: first.profile, endpointUrl, origins, ...base } as const;
}

/** `sim`: the fleet over HTTP. */
export function resolveSimConfig(raw: RawOptions): SimConfig {
  const port = parseInteger(raw.port ?? '4566', '--port', 0, 65_535);
  const replay = parseReplay(raw);
  // The replay is watched and paused: it always has the control API (pause/resume/speed with `ec2-triage fleet`).
  const isControlled = raw.control === true || replay !== undefined;
  if (raw.token !== undefined && !isControlled) throw new UsageError('--token sets the control token; add --control');
  if (raw.token !== undefined) {
    const problem = checkTokenText(raw.token);
    if (problem !== undefined) throw new UsageError(problem);
  }
  const control = !isControlled ? undefined : raw.token === undefined ? { token: newControlToken(), isGenerated: true } : { token: raw.token, isGenerated: false };
  const fleet = resolveFleet(replay === undefined || raw.speed !== undefined ? raw : { ...raw, speed: String(DEFAULT_REPLAY_SPEED) });
  return { port, fleet, control, replay };
}

/** --replay oom: the story replay; it plays the oom fleet from before the incident, so --live and other scenarios clash. */
function parseReplay(raw: RawOptions): 'oom' | undefined {
  if (raw.replay === undefined) return undefined;
  if (raw.replay !== 'oom') throw new UsageError(`--replay has one story so far: oom, got '${raw.replay}'`);
  if (raw.scenario !== undefined && raw.scenario !== 'oom') throw new UsageError(`--replay oom plays the oom scenario; drop --scenario ${raw.scenario}`);
  if (raw.live === true) throw new UsageError('--replay already starts before the incident; drop --live');
  return 'oom';
}
