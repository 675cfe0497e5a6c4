// Never hang, say what to do, check flags at start: the built CLI against endpoints on 127.0.0.1 that misbehave
// the way real networks do, and with bad flags in every command. Only "finished within the timeout plus slack".
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { AUTH_FAILURE, gate, signedKey, silentServer } from '../helpers/endpoints.js';
import { CLI, spawnCli, type PtySession } from '../helpers/pty.js';

const home = mkdtempSync(join(tmpdir(), 'ec2-triage-hang-'));
/** No AWS settings from this machine: an empty home, no IMDS, and only what a test adds. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('AWS_') && !/_proxy$/i.test(k) && v !== undefined) env[k] = v;
  }
  return {
    ...env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true', ...extra,
  };
}
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'secret' };

interface Outcome {
  readonly code: number;
  readonly stderr: string;
  readonly ms: number;
}

function run(args: readonly string[], env: Record<string, string>): Promise<Outcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stderr, ms: Date.now() - t0 });
    });
  });
}

const closers: (() => Promise<void>)[] = [];
let session: PtySession | undefined;
afterEach(async () => {
  session?.kill();
  session = undefined;
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function fleet(): Promise<SimServer> {
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => Date.now() } });
  const server = await startSimServer(createSimHandler(world), { port: 0 });
  closers.push(() => server.close());
  return server;
}

describe('check never hangs', () => {
  it('an endpoint that accepts and never answers: exit 2 with one line within --timeout (plus start-up slack)', async () => {
    const silent = await silentServer();
    closers.push(() => silent.close());
    const outcome = await run(['check', 'i-1234567890abcdef0', '--endpoint-url', silent.url, '--region', 'us-east-1', '--timeout', '2'], cleanEnv(KEYS));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(`ec2-triage: no answer from 127.0.0.1:${silent.port} in 2 s\n`);
    // 2 s of waiting plus Node and SDK start-up on a shared 2-core machine; before the fix it never exited.
    expect(outcome.ms).toBeLessThan(2_000 + 10_000);
  }, 30_000);
});

describe('the TUI keeps working around a silent call', () => {
  it('metrics that never answer say so in their pane, with the data age; the instance list keeps working', async () => {
    const endpoint = await fleet();
    // GetMetricData (JSON 1.0 target or Query action) is swallowed; everything else reaches the fleet.
    const front = await gate(endpoint.url, (r) =>
      /GetMetricData$/.test(String(r.headers['x-amz-target'] ?? '')) || r.body.includes('Action=GetMetricData') ? 'swallow' : 'forward');
    closers.push(() => front.close());
    session = spawnCli(['--endpoint-url', front.url, '--region', 'us-east-1', '--timeout', '2'], { columns: 160, rows: 40, env: cleanEnv(KEYS) });
    const text = await session.waitFor((t) => t.includes(`no answer from 127.0.0.1:${front.port} in 2 s`), 30_000);
    expect(text).toContain('pettracker-ml-server');
    expect(text).not.toMatch(/@smithy|Deserialization|requestTimeout/);
    // Other panes answer keys while the metrics call keeps failing: move the selection and the status pane follows.
    session.press('j');
    await session.waitFor((t) => /Status\s+\S+/.test(t) && t.includes('keys from AWS_ACCESS_KEY_ID'), 10_000);
  }, 60_000);

  it('a credentials file rewritten mid-session is used on r, without a restart', async () => {
    const endpoint = await fleet();
    let refused = 'AKIAOLD';
    const front = await gate(endpoint.url, (r) => (signedKey(r.headers) === refused ? AUTH_FAILURE : 'forward'));
    closers.push(() => front.close());
    const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-rotate-'));
    const file = join(dir, 'credentials');
    const write = (key: string): void => writeFileSync(file, `[ops]\naws_access_key_id = ${key}\naws_secret_access_key = s\n`);
    write('AKIAOLD');
    const env = cleanEnv({ AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: join(dir, 'config') });
    session = spawnCli(['--endpoint-url', front.url, '--region', 'us-east-1', '--profile', 'ops'], { columns: 160, rows: 40, env });
    await session.waitFor((t) => t.includes('credentials expired or refused: renew profile ops'), 30_000);
    write('AKIANEW');
    refused = 'none-after-rotation';
    session.press('r');
    const text = await session.waitFor((t) => t.includes('pettracker-ml-server'), 30_000);
    expect(text).toContain('profile ops');
  }, 60_000);
});

describe('flags checked at start, the same way in every command', () => {
  const expectOneLine = (outcome: Outcome, pattern: RegExp): void => {
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(pattern);
  };

  it.each([
    [['--demo', '--speed', '0x10'], /^ec2-triage: --speed must be a number such as 60 or 0\.5, got '0x10'/],
    [['sim', '--speed', '0x10', '--port', '0'], /^ec2-triage: --speed must be a number/],
    [['sim', '--port', '1e3'], /^ec2-triage: --port must be a whole number/],
    [['--demo', '--log-file', '/proc/version'], /^ec2-triage: --log-file \/proc\/version: is on procfs/],
    [['--demo', '--report', join(home, 'missing', 'r.md')], /^ec2-triage: --report .*: folder .* does not exist/],
    [['--demo', '--report', home], /^ec2-triage: --report .*: is a folder/],
    [['check', 'pettracker-ml-server', '--demo', '--report', home], /^ec2-triage: --report .*: is a folder/],
    [['check', 'pettracker-ml-server', '--demo', '--timeout', '0x5'], /^ec2-triage: --timeout must be a number/],
    [['--demo', '--timeout', '0'], /^ec2-triage: --timeout must be greater than 0/],
  ])('%j', async (args, pattern) => {
    expectOneLine(await run(args, cleanEnv()), pattern);
  });

  it('--profile nosuch says the profile does not exist, not "no AWS region"', async () => {
    expectOneLine(await run(['--profile', 'nosuch'], cleanEnv()), /^ec2-triage: profile 'nosuch' does not exist in /);
    expectOneLine(await run(['check', 'x', '--profile', 'nosuch'], cleanEnv()), /^ec2-triage: profile 'nosuch' does not exist in /);
  });
});
