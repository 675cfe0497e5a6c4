// Issue 12, the instructor: `sim --control` runs as a child, a trainee's TUI points at it over HTTP, the instructor
// runs `ec2-triage inject oom --instance pettracker-ml-server`, and the TUI's next triage (t) finds the OOM kill.
// A wrong token is refused (and the fleet says so on its log); the replay narrates the story and pauses.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/endpoints.js';
import { CLI, KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

const TOKEN = 'classroom-token-for-e2e-0001';
let sim: ChildProcess | undefined;
let app: PtySession | undefined;
afterEach(() => {
  app?.kill();
  app = undefined;
  sim?.kill('SIGTERM');
  sim = undefined;
});

interface Sim {
  readonly url: string;
  /** Everything the sim printed so far. */
  readonly out: () => string;
}

async function startSim(args: readonly string[], ready: string): Promise<Sim> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'sim', '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  sim = child;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sim exited ${String(code)}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, out: () => out };
}

function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'EC2_TRIAGE_FLEET_TOKEN'));
    execFile(process.execPath, [CLI, ...args], { env: { ...clean, ...env }, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the instructor and a trainee', () => {
  it('an injected OOM is what the trainee\'s next triage finds; a wrong token is refused and logged', async () => {
    const fleet = await startSim(['--scenario', 'healthy', '--control', '--token', TOKEN], 'Instructor control on');
    expect(fleet.out()).toContain(`Instructor control on ${fleet.url}/_fleet/`);
    expect(fleet.out()).not.toContain(TOKEN);

    const tui = spawnCli(['--endpoint-url', fleet.url, '--region', 'us-east-1'], {
      columns: 160,
      rows: 45,
      env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' },
      unsetEnv: ['AWS_PROFILE', 'AWS_ENDPOINT_URL'],
    });
    app = tui;
    await tui.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
    tui.press('/ml-server');
    tui.press(KEYS.enter);
    await tui.waitFor((t) => /Status\s+pettracker-ml-server/.test(t) && t.includes('1 of'));
    tui.press('t');
    const before = await tui.waitFor((t) => /Diagnosis/.test(t), 20_000);
    expect(before).not.toMatch(/OOM killer killed/);

    const refused = await cli(['inject', 'oom', '--instance', 'pettracker-ml-server', '--endpoint-url', fleet.url, '--token', 'not-the-classroom-token']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual(['ec2-triage: the fleet refused the token (wrong token? use the one `sim --control` printed)']);
    await waitUntil(() => fleet.out().includes('control: refused POST /_fleet/inject: wrong token (1 refused so far)'), 5000, 'the refusal on the fleet log');

    const injected = await cli(['inject', 'oom', '--instance', 'pettracker-ml-server', '--endpoint-url', fleet.url], { EC2_TRIAGE_FLEET_TOKEN: TOKEN });
    expect(injected.stderr).toBe('');
    expect(injected.code).toBe(0);
    expect(injected.stdout).toMatch(/^Injected oom into pettracker-ml-server \(i-1234567890abcdef0\) at /);
    // The first kill comes 20 s after the injection. At ×1 the TUI's idea of the fleet's now is its own clock; a
    // faster fleet runs ahead of it between refreshes (aws/server-clock.ts), which this test is not about.
    await new Promise((r) => setTimeout(r, 23_000));
    tui.press('t');
    const after = await tui.waitFor((t) => /OOM killer killed python3 \(pid 1234\) at \d\d:\d\d:\d\d UTC/.test(t), 30_000);
    expect(after).toMatch(/Out of memory/);

    const status = await cli(['fleet', 'status', '--endpoint-url', fleet.url, '--token', TOKEN]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/1 control request\(s\) refused\n {2}oom +pettracker-ml-server +i-1234567890abcdef0 +since .*, running/);
  }, 90_000);

  it('bad input is one line and exit 2; a fleet without --control says so', async () => {
    const plain = await startSim(['--scenario', 'healthy'], 'listening on');
    const cases: [readonly string[], number, RegExp][] = [
      [['inject', 'meltdown', '--endpoint-url', plain.url, '--token', TOKEN], 2, /^ec2-triage: unknown scenario 'meltdown'; choose one of: oom,/],
      [['inject', '--heal', '--endpoint-url', plain.url, '--token', TOKEN], 2, /^ec2-triage: --heal needs --instance/],
      [['inject', 'oom', '--token', TOKEN], 2, /^ec2-triage: --endpoint-url is required/],
      [['inject', 'oom', '--endpoint-url', plain.url], 2, /^ec2-triage: no fleet token/],
      [['fleet', 'speed', 'fast', '--endpoint-url', plain.url, '--token', TOKEN], 2, /^ec2-triage: speed must be a number/],
      [['fleet', '--endpoint-url', plain.url], 2, /^ec2-triage: missing required argument 'command'/],
      [['fleet', 'status', '--endpoint-url', plain.url, '--token', TOKEN], 1, /^ec2-triage: this fleet was not started with --control$/],
      [['inject', 'oom', '--endpoint-url', plain.url, '--token', TOKEN], 1, /^ec2-triage: this fleet was not started with --control$/],
      [['sim', '--token', 'a-long-enough-token'], 2, /^ec2-triage: --token sets the control token; add --control$/],
    ];
    for (const [args, code, line] of cases) {
      const got = await cli(args);
      expect({ args, code: got.code }).toEqual({ args, code });
      expect(got.stderr.trim().split('\n')).toHaveLength(1);
      expect(got.stderr.trim()).toMatch(line);
      expect(got.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('sim --replay oom narrates the story in order, and fleet pause stops it', async () => {
    const fleet = await startSim(['--replay', 'oom', '--speed', '600'], '[replay]');
    const token = /token (\S+) —/.exec(fleet.out())?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await waitUntil(() => fleet.out().includes('Memory passes 90 %'), 15_000, 'memory 90 %');
    const paused = await cli(['fleet', 'pause', '--endpoint-url', fleet.url, '--token', token]);
    expect(paused.stdout).toMatch(/PAUSED/);
    const said = fleet.out().split('\n').filter((l) => l.startsWith('[replay]')).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(fleet.out().split('\n').filter((l) => l.startsWith('[replay]')).length).toBe(said);
    await cli(['fleet', 'resume', '--endpoint-url', fleet.url, '--token', token]);
    await waitUntil(() => fleet.out().includes('The page:'), 15_000, 'the page');
    const lines = fleet.out().split('\n').filter((l) => l.startsWith('[replay]'));
    expect(lines.map((l) => /\[replay\] \d\d:\d\d:\d\d {2}(\S+ \S+)/.exec(l)?.[1])).toEqual([
      'A quiet', 'Traffic starts', 'Memory passes', 'The app', "The kernel's", 'The page:',
    ]);
  }, 60_000);

  it('in a terminal, Space pauses and resumes the replay and Ctrl-C stops the fleet', async () => {
    const port = await freePort();
    const s = spawnCli(['sim', '--replay', 'oom', '--speed', '300', '--port', String(port)], { columns: 200, rows: 40 });
    app = s;
    await s.waitFor((t) => t.includes('Space pauses and resumes the story') && t.includes('Traffic starts to rise'), 15_000);
    s.press(' ');
    await s.waitFor((t) => t.includes('paused (Space resumes)'));
    const said = s.text().split('\n').filter((l) => l.startsWith('[replay] ') && /\d\d:\d\d:\d\d {2}/.test(l)).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.text().split('\n').filter((l) => l.startsWith('[replay] ') && /\d\d:\d\d:\d\d {2}/.test(l)).length).toBe(said);
    expect(s.text()).not.toContain('The page:');
    s.press(' ');
    await s.waitFor((t) => t.includes('The page:'), 15_000);
    s.press(KEYS.ctrlC);
    expect(await s.exited()).toBe(0);
  }, 60_000);
});
