// --diagnostics in the TUI against the training fleet over HTTP (the real-AWS path, read-only): the header says
// so, t previews the scripts before anything is sent, Enter runs the four fixed checks and the triage pane says what
// ran; the fleet's own record shows exactly those SendCommands. Without the flag no SSM request arrives at all.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { storyStart } from '../../source/sim/story-start.js';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
const ML = 'i-1234567890abcdef0';
let session: PtySession | undefined;
let fleet: SimServer | undefined;
afterEach(async () => {
  session?.kill();
  session = undefined;
  await fleet?.close();
  fleet = undefined;
});

async function start(flags: readonly string[], scenario: 'oom' | 'disk-full' = 'oom') {
  // At the page, as the demo opens: the incident happened five minutes ago.
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: realClock(), t0: storyStart(Date.now(), false) });
  fleet = await startSimServer(createSimHandler(world), { port: 0 });
  const cwd = mkdtempSync(join(tmpdir(), 'ec2-triage-diag-'));
  const s = spawnCli(['--endpoint-url', fleet.url, '--region', 'us-east-1', ...flags], { columns: 140, rows: 50, env: ENV, cwd });
  session = s;
  await s.waitFor((t) => t.includes(' READ-ONLY ') && t.includes('pettracker-ml-server'), 20_000);
  s.press('/');
  s.press('pettracker-ml-server');
  s.press(KEYS.enter);
  await s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t) && t.includes('1 of'));
  const ssm = () => world.operations().filter((o) => (o.service as string) === 'ssm');
  return { s, world, ssm, cwd };
}

/** The triage pane zoomed (Tab to it, z): the whole checklist is on screen, the host step included. */
async function zoomTriage(s: PtySession): Promise<void> {
  for (let i = 0; i < 4 && !/║\[Triage\]/.test(s.text()); i += 1) {
    s.press(KEYS.tab);
    await new Promise((r) => setTimeout(r, 150));
  }
  s.press('z');
  await s.waitFor((t) => /║\[Triage\]/.test(t) && !t.includes('[Instances]') && !t.includes(' Instances '));
}

describe('--diagnostics in the TUI', () => {
  it('previews the scripts, sends nothing until Enter, then runs the four fixed checks read-only', async () => {
    const { s, ssm } = await start(['--diagnostics']);
    expect(s.text()).toContain('diagnostics on');
    s.press('t');
    await s.waitFor((t) => t.includes('Host checks: run these on the instance?') && t.includes('$ free -m'));
    expect(s.text()).toContain('read-only; run through SSM Run Command AWS-RunShellScript');
    expect(ssm()).toEqual([]);
    s.press(KEYS.enter);
    await zoomTriage(s);
    // free -m and the top process, read back into the checklist: the host confirms the OOM diagnosis.
    const flat = (x: string): string => x.replace(/\s*[│║]\s*/g, ' ');
    const t = await s.waitFor((x) => /Host checks \(on the instance, via SSM\) — .*python3/.test(flat(x)), 40_000);
    expect(flat(t)).toMatch(/Memory: available memory \S+ \S+ of \S+ GiB; python3 \(pid \d+\) uses/);
    const sent = ssm().filter((o) => o.action === 'SendCommand');
    expect(sent).toHaveLength(4);
    expect(sent.every((o) => o.instanceIds.length === 1 && o.instanceIds[0] === ML)).toBe(true);
    expect(ssm().map((o) => o.action)).toContain('GetCommandInvocation');
  }, 90_000);

  it('disk-full: the host names what fills the disk, and the exported report quotes the host checks', async () => {
    const { s, cwd } = await start(['--diagnostics'], 'disk-full');
    s.press('t');
    await s.waitFor((t) => t.includes('Host checks: run these on the instance?'));
    s.press(KEYS.enter);
    await zoomTriage(s);
    const flat = (x: string): string => x.replace(/\s*[│║]\s*/g, ' ');
    await s.waitFor((x) => /Host checks \(on the instance, via SSM\) — Disk full on the host: \/ 100 %: \/var\/tmp/.test(flat(x)), 40_000);
    s.press('e');
    await s.waitFor(() => readdirSync(cwd).some((f) => f.endsWith('.md')), 10_000);
    const report = readFileSync(join(cwd, readdirSync(cwd).find((f) => f.endsWith('.md')) ?? ''), 'utf8');
    const host = report.slice(report.indexOf('## Host checks'));
    expect(host).toMatch(/### Disk \(read at/);
    expect(host).toMatch(/\/ 100 %: \/var\/tmp/);
    expect(host).toContain('$ df -hP');
  }, 90_000);

  it('without the flag: no preview, and no SSM request reaches the fleet', async () => {
    const { s, ssm, world } = await start([]);
    expect(s.text()).not.toContain('diagnostics on');
    s.press('t');
    await s.waitFor((t) => t.includes('done') && t.includes('Diagnosis'), 30_000);
    expect(s.text()).not.toContain('Host checks');
    expect(world.operations().some((o) => o.action === 'GetMetricData')).toBe(true);
    expect(ssm()).toEqual([]);
  }, 60_000);
});
