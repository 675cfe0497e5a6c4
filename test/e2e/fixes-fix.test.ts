// "The fix fixes what its finding says": for each scenario, `ec2-triage sim` (the built CLI) on a port of its own,
// `check --json` against it, the first recommendation that changes something run as printed (bash, the installed
// aws CLI), and `check` again until the diagnosis moves on (bounded; the fleet's --speed only changes how soon).
// Rounds repeat while a new cause appears (no-public-ip: address, then route, then ACL) until the check is clean.
import { freePort } from '../helpers/endpoints.js';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckJson } from '../../source/triage/check-output.js';
import { CLI } from '../helpers/pty.js';
import { hasAwsCli } from '../sim/helpers/aws-cli.js';

const isSkipped = !(await hasAwsCli()) && process.env.CI !== 'true';
/** Fleet speed: any value works (the checks poll); 60 keeps the stop/start waits short. */
const SPEED = process.env.FIXES_SPEED ?? '60';
const MY_IP = '203.0.113.7';
const ML_ID = 'i-1234567890abcdef0';
/** Recommendations that look or connect rather than change the world: never "the fix". */
const NOT_A_FIX = new Set(['session-manager', 'console-output', 'instance-connect', 'memory-host', 'cpu-host', 'disk-host']);
/** How long one round may take for the diagnosis to move on: ten fleet minutes (transitions, status checks), at least 20 s. */
const SETTLE_MS = Math.max(20_000, 600_000 / Number(SPEED));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const env = (port: number): NodeJS.ProcessEnv => ({
  ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '',
  AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1',
});

function run(file: string, args: readonly string[], port: number, timeout = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, env: env(port) }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

let sim: ChildProcess | undefined;
afterEach(() => {
  sim?.kill('SIGTERM');
  sim = undefined;
});

async function startSim(scenario: string): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'sim', '--port', String(port), '--scenario', scenario, '--speed', SPEED], { stdio: ['ignore', 'pipe', 'pipe'] });
  sim = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sim exited ${String(code)}: ${out}`)));
  });
  return port;
}

async function check(port: number): Promise<CheckJson> {
  const out = await run(process.execPath, [CLI, 'check', 'pettracker-ml-server', '--json', '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1'], port);
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout) as CheckJson;
}

/** Checks until the cause is no longer `before` with the fleet settled (or the bound passes); returns the last report. */
async function checkUntilSettled(port: number, before: string): Promise<CheckJson> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    if ((await isFleetSettled(port)) || Date.now() > deadline) {
      const report = await check(port);
      if (report.diagnosis.cause !== before || Date.now() > deadline) return report;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Checks until `isSettled` (or the bound passes); returns the last report. */
async function checkUntil(port: number, isSettled: (report: CheckJson) => boolean): Promise<CheckJson> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const report = await check(port);
    if (isSettled(report) || Date.now() > deadline) return report;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The story's instance is not in a transition: running with its checks past 'initializing', or stopped. */
async function isFleetSettled(port: number): Promise<boolean> {
  const out = await run('aws', ['ec2', 'describe-instance-status', '--include-all-instances', '--instance-ids', ML_ID, '--output', 'json'], port);
  const status = (JSON.parse(out.stdout || '{}') as { InstanceStatuses?: { InstanceState?: { Name?: string }; SystemStatus?: { Status?: string }; InstanceStatus?: { Status?: string } }[] }).InstanceStatuses?.[0];
  const state = status?.InstanceState?.Name;
  return state === 'stopped' || (state === 'running' && status?.SystemStatus?.Status !== 'initializing' && status?.InstanceStatus?.Status !== 'initializing');
}

/** The commands as printed, the placeholder filled in; any other <placeholder> fails the test. */
function script(commands: readonly string[]): string {
  const filled = commands.map((c) => c.replaceAll('<your-ip>', MY_IP));
  const left = filled.join('\n').match(/<[a-z][a-z-]*>/g);
  expect(left, 'placeholders the test does not know').toBeNull();
  return ['set -e', ...filled].join('\n');
}

interface Round {
  readonly cause: string;
  readonly fix: string;
  readonly commands: readonly string[];
  readonly after: string;
}

/** Runs up to `maxRounds` fixes, each for the cause the last check found; a fix that leaves its cause in place ends it. */
async function fixRounds(scenario: string, maxRounds: number, prefer: readonly string[]): Promise<{ first: CheckJson; rounds: Round[]; last: CheckJson }> {
  const port = await startSim(scenario);
  const first = await checkUntil(port, (r) => r.diagnosis.cause === scenario);
  const rounds: Round[] = [];
  let report = first;
  while (!report.healthy && rounds.length < maxRounds) {
    const isFix = (r: CheckJson['recommendations'][number]): boolean => r.where === 'aws' && !NOT_A_FIX.has(r.id);
    const fix = report.recommendations.find((r) => isFix(r) && prefer.includes(r.id)) ?? report.recommendations.find(isFix);
    if (fix === undefined) break;
    const ran = await run('bash', ['-c', script(fix.commands)], port, 120_000);
    expect(ran.code, `${fix.id} failed:\n${fix.commands.join('\n')}\n${ran.stderr}`).toBe(0);
    const before = report.diagnosis.cause;
    // Settled: the diagnosis moved on and the instance is not between states (a pending start is no verdict).
    report = await checkUntilSettled(port, before);
    rounds.push({ cause: before, fix: fix.id, commands: fix.commands, after: report.diagnosis.cause });
    if (report.diagnosis.cause === before) break;
  }
  return { first, rounds, last: report };
}

const findingIds = (report: CheckJson): (string | null)[] => report.findings.map((f) => f.id);

/**
 * Each scenario, the finding its fix must clear, how many rounds of fixes it takes, and whether they end in a clean
 * check. `knownBroken`: why it does not today (the test then must fail: when it passes, move the row out of the list).
 */
const CASES: readonly { scenario: string; finding: string; rounds: number; isClean: boolean; prefer?: readonly string[]; alsoCleared?: readonly string[]; knownBroken?: string }[] = [
  { scenario: 'ssh-blocked', finding: 'ssh-port-closed', rounds: 1, isClean: true },
  // No address, then no route to the internet gateway, then the private subnet's ACL: three fixes, each printed
  // by the check after the one before.
  { scenario: 'no-public-ip', finding: 'no-public-ip', rounds: 3, isClean: true },
  { scenario: 'cpu-credits', finding: 'cpu-credits-exhausted', rounds: 1, isClean: true },
  // Another type (the first fix) starts; the capacity for c5.xlarge in the AZ never frees in this scenario.
  { scenario: 'wont-start', finding: 'wont-start', rounds: 1, isClean: true },
  // A check that failed earlier in the window and passes now is history (info), not a cause.
  { scenario: 'system-check-failed', finding: 'system-check-failed', rounds: 1, isClean: true },
  { scenario: 'instance-check-failed', finding: 'instance-check-failed', rounds: 1, isClean: true },
  // After the resize (a stop and start) the kill and the memory peak are the previous run's: history, not the state
  // now. (`check` looks at the fleet's last three hours — its Date headers — though the fleet runs ahead of ours.)
  { scenario: 'oom', finding: 'oom-kill', rounds: 1, isClean: true },
];

describe.skipIf(isSkipped)('the printed fix, run as printed against `ec2-triage sim`, clears its finding', () => {
  for (const c of CASES) {
    // FIXES_STRICT=1 runs the known-broken rows as plain tests, to read why each fails.
    const test = c.knownBroken === undefined || process.env.FIXES_STRICT === '1' ? it : it.fails;
    const name = `${c.scenario}${c.prefer === undefined ? '' : ` preferring ${c.prefer.join(', ')}`}`;
    test(`${name}${c.knownBroken === undefined ? '' : ` (known broken: ${c.knownBroken})`}`, async () => {
      const { first, rounds, last } = await fixRounds(c.scenario, c.rounds, c.prefer ?? []);
      expect(first.diagnosis.cause).toBe(c.scenario);
      expect(findingIds(first)).toContain(c.finding);
      expect(rounds.length, 'a fix was run').toBeGreaterThan(0);
      const summary = rounds.map((r) => `${r.cause} → ${r.fix} → ${r.after}`).join('; ');
      expect(last.diagnosis.cause, summary).not.toBe(c.scenario);
      expect(findingIds(last), summary).not.toContain(c.finding);
      if (c.prefer !== undefined) expect(rounds[0]?.fix).toBe(c.prefer[0]);
      for (const id of c.alsoCleared ?? []) expect(findingIds(last), summary).not.toContain(id);
      if (c.isClean) expect([last.healthy, last.diagnosis.cause], summary).toEqual([true, 'healthy']);
      // Never healthy on the previous run's data: either clean, or honest that it cannot tell yet.
      else expect(last.healthy || last.diagnosis.cause === 'inconclusive' || last.findings.some((f) => f.severity !== 'info'), summary).toBe(true);
    }, 6 * SETTLE_MS);
  }
});
