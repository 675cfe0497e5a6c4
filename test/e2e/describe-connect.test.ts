// d, y (w saves), Esc and c in the built CLI against `ec2-triage sim` on a port of its own: describe shows the
// security group rules and IPs, the JSON is saved, and c hands the terminal to `aws ssm start-session` (a stand-in
// session-manager-plugin records what the AWS CLI passed it) and takes it back; without the plugin, the SSH line.
import { freePort } from '../helpers/endpoints.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, spawnCli, type PtySession } from '../helpers/pty.js';
import { hasAwsCli } from '../sim/helpers/aws-cli.js';

const ML_ID = 'i-1234567890abcdef0';
const hasAws = await hasAwsCli();

let sim: ChildProcess | undefined;
let app: PtySession | undefined;
const dirs: string[] = [];
afterEach(() => {
  app?.kill();
  app = undefined;
  sim?.kill('SIGTERM');
  sim = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startSim(scenario: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'sim', '--port', String(port), '--scenario', scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
  sim = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sim exited ${String(code)}: ${out}`)));
  });
  return `http://127.0.0.1:${port}`;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-describe-'));
  dirs.push(dir);
  return dir;
}

/** The TUI on the fleet's endpoint, filtered to the ML server. */
async function openOnMlServer(endpoint: string, cwd: string, path: string): Promise<PtySession> {
  const session = spawnCli(['--endpoint-url', endpoint, '--region', 'us-east-1'], {
    cwd,
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', PATH: path },
    unsetEnv: ['AWS_PROFILE', 'AWS_ENDPOINT_URL'],
  });
  app = session;
  await session.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
  session.press('/ml-server\r');
  await session.waitFor((t) => t.includes('1 of'));
  return session;
}

describe('describe and raw against the fleet', () => {
  it('d shows the rules and the IPs; y shows the JSON and w writes it; Esc twice returns to the filtered list', async () => {
    const endpoint = await startSim('ssh-blocked');
    const cwd = tempDir();
    const tui = await openOnMlServer(endpoint, cwd, process.env.PATH ?? '');
    tui.press('d');
    const shown = await tui.waitFor((t) => t.includes('Security groups (inbound rules)') && /tcp \d+ from/.test(t) && t.includes('SSM managed  yes'), 15_000);
    expect(shown).toContain(`[Describe pettracker-ml-server (${ML_ID})]`);
    expect(shown).toContain('54.123.45.67');
    expect(shown).toContain('172.31.45.67');
    expect(shown).toContain('instance-profile/pettracker-ec2-role');
    tui.press('y');
    await tui.waitFor((t) => t.includes('[DescribeInstances JSON pettracker-ml-server') && t.includes('"Reservations": ['), 15_000);
    tui.press('w');
    await tui.waitFor((t) => t.includes('Instance JSON written to'));
    const file = join(cwd, `${ML_ID}-describe-instances.json`);
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { Reservations: { Instances: { InstanceId: string; LaunchTime: string; PublicIpAddress: string }[] }[] };
    expect(json.Reservations[0]?.Instances[0]?.InstanceId).toBe(ML_ID);
    expect(json.Reservations[0]?.Instances[0]?.PublicIpAddress).toBe('54.123.45.67');
    expect(json.Reservations[0]?.Instances[0]?.LaunchTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    tui.press('\u001b');
    await tui.waitFor((t) => t.includes('[Describe pettracker-ml-server'));
    tui.press('\u001b');
    const back = await tui.waitFor((t) => t.includes('[Instances]'));
    expect(back).toContain('/ml-server');
    expect(back).toContain('› pettracker-ml-server');
  }, 60_000);
});

describe('connect against the fleet', () => {
  it.skipIf(!hasAws)('c runs aws ssm start-session, the plugin gets the session and the target, and the TUI comes back', async () => {
    const endpoint = await startSim('oom');
    const cwd = tempDir();
    const bin = tempDir();
    const record = join(bin, 'plugin-args.txt');
    const plugin = join(bin, 'session-manager-plugin');
    writeFileSync(plugin, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\necho 'stand-in plugin: session open'\n`);
    chmodSync(plugin, 0o755);
    const tui = await openOnMlServer(endpoint, cwd, `${bin}:${process.env.PATH ?? ''}`);
    tui.press('c');
    const after = await tui.waitFor((t) => t.includes(`Session with ${ML_ID} ended (exit 0)`), 30_000);
    expect(after).toContain('[Instances]');
    expect(after).toContain('› pettracker-ml-server');
    expect(after).not.toContain('stand-in plugin');
    const args = readFileSync(record, 'utf8');
    expect(args).toContain('"SessionId"');
    expect(args).toContain('StartSession');
    expect(args).toContain(`"Target": "${ML_ID}"`);
    expect(args).toContain(endpoint);
    // Keys reach the TUI again: d opens the describe view.
    tui.press('d');
    await tui.waitFor((t) => t.includes('[Describe pettracker-ml-server'));
  }, 60_000);

  it.skipIf(!hasAws)('Ctrl-C typed into the session ends the session, not the TUI', async () => {
    const endpoint = await startSim('oom');
    const cwd = tempDir();
    const bin = tempDir();
    const record = join(bin, 'plugin-args.txt');
    writeFileSync(join(bin, 'session-manager-plugin'), `#!/bin/sh\necho started > '${record}'\nsleep 20\n`);
    chmodSync(join(bin, 'session-manager-plugin'), 0o755);
    const tui = await openOnMlServer(endpoint, cwd, `${bin}:${process.env.PATH ?? ''}`);
    tui.press('c');
    for (const deadline = Date.now() + 20_000; !existsSync(record); ) {
      if (Date.now() > deadline) throw new Error('the plugin never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    tui.press('\u0003');
    const after = await tui.waitFor((t) => t.includes(`Session with ${ML_ID} ended`), 15_000);
    expect(after).toContain('[Instances]');
    tui.press('d');
    await tui.waitFor((t) => t.includes('[Describe pettracker-ml-server'));
  }, 60_000);

  it('c without session-manager-plugin on PATH shows why and the SSH line, and spawns nothing', async () => {
    const endpoint = await startSim('oom');
    const cwd = tempDir();
    // PATH without any folder that holds a session-manager-plugin.
    const path = (process.env.PATH ?? '').split(':').filter((dir) => !existsSync(join(dir, 'session-manager-plugin'))).join(':');
    const tui = await openOnMlServer(endpoint, cwd, path);
    tui.press('c');
    const shown = await tui.waitFor((t) => t.includes('Use SSH instead'), 15_000);
    expect(shown).toContain('session-manager-plugin is not on PATH');
    expect(shown).toContain('ssh -i pettracker-key.pem ec2-user@54.123.45.67');
    tui.press('\u001b');
    await tui.waitFor((t) => t.includes('[Instances]'));
  }, 60_000);
});
