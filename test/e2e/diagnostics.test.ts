// --diagnostics in the TUI against the training fleet over HTTP (the real-AWS path, read-only): the header says
// so, t previews the scripts before anything is sent, Enter runs the four fixed checks and the triage pane says what
// ran; the fleet's own record shows exactly those SendCommands. Without the flag no SSM request arrives at all.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
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

async function start(flags: readonly string[]) {
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: realClock() });
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
  return { s, world, ssm };
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
    await s.waitFor((t) => /Host checks \(SSM Run Command\) — Ran memory, cpu, disk, ssh/.test(t.replace(/\s*│\s*/g, ' ')), 40_000);
    const sent = ssm().filter((o) => o.action === 'SendCommand');
    expect(sent).toHaveLength(4);
    expect(sent.every((o) => o.instanceIds.length === 1 && o.instanceIds[0] === ML)).toBe(true);
    expect(ssm().map((o) => o.action)).toContain('GetCommandInvocation');
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
