// Pairing, in two real pseudo-terminals: a driver on the training fleet shares its session; a follower at 80×24 (the
// driver is 200×50) with no AWS environment at all sees the driver's selection, triage, preview and progress, and
// its note and pointer land on the driver. A killed follower comes back with the whole state; a wrong token is
// refused and counted; the stream carries no credential.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { realClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { storyStart } from '../../source/sim/story-start.js';
import { createWorld } from '../../source/sim/world.js';
import { secretsIn, tapShare } from '../helpers/share-tap.js';

const sessions: PtySession[] = [];
const dirs: string[] = [];
let fleet: SimServer | undefined;
afterEach(async () => {
  // Killed and gone before their folders are removed: a driver writes its session file on the way out.
  await Promise.all(sessions.splice(0).map(async (s) => {
    s.kill();
    await s.exited(5_000).catch(() => undefined);
  }));
  await fleet?.close();
  fleet = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-follow-'));
  dirs.push(dir);
  return dir;
}

/** Every AWS_* variable of this process: a follower is started without any. */
const AWS_ENV = Object.keys(process.env).filter((k) => k.startsWith('AWS_'));

/** The driver's follow command, from its log file (it is also on its screen and printed before the UI). */
async function followCommandOf(log: string): Promise<{ address: string; token: string }> {
  for (let i = 0; i < 200; i += 1) {
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const m = /to follow: ec2-triage follow (\S+) --token (\S+)/.exec(text);
    if (m?.[1] !== undefined && m[2] !== undefined) return { address: m[1], token: m[2] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no follow command in ${log}`);
}

async function driver(extra: string[] = [], env: Record<string, string> = {}): Promise<{ s: PtySession; address: string; token: string; dir: string }> {
  const dir = tempDir();
  const socket = join(dir, 'share.sock');
  const log = join(dir, 'driver.log');
  const s = spawnCli([...(extra.length === 0 ? ['--demo', '--scenario', 'oom', '--speed', '60'] : extra), '--share', socket, '--log-file', log], {
    columns: 200,
    rows: 50,
    env: { XDG_STATE_HOME: join(dir, 'state'), ...env },
  });
  sessions.push(s);
  await s.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
  return { s, ...(await followCommandOf(log)), dir };
}

function follower(address: string, token: string, name = 'sre'): PtySession {
  const home = tempDir();
  mkdirSync(join(home, '.aws'), { recursive: true });
  // No AWS environment at all: no keys, no profile, no region, an empty home.
  const f = spawnCli(['follow', address, '--token', token, '--name', name], { columns: 80, rows: 24, env: { HOME: home }, unsetEnv: AWS_ENV });
  sessions.push(f);
  return f;
}

describe('following a shared session', () => {
  it('the follower sees the selection, the triage, the preview and the progress; its note and pointer land on the driver', async () => {
    const d = await driver();
    expect(flat(d.s.text())).toContain(`follow: ec2-triage follow ${d.address} --token ${d.token}`);
    const f = follower(d.address, d.token);
    await f.waitFor((t) => t.includes('following') && t.includes('read-only') && t.includes('pettracker-ml-server'), 15_000);
    await d.s.waitFor((t) => t.includes('1 following') && t.includes('1 following: sre'));

    d.s.press('/ml-server');
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t));
    await f.waitFor((t) => /Status\s+pettracker-ml-server/.test(t), 3_000);

    d.s.press('t');
    await d.s.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000);
    // Within a second of the driver's screen.
    await f.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t) && t.includes('Out of memory'), 1_000);

    d.s.press('a');
    await d.s.waitFor((t) => t.includes('Actions for pettracker-ml-server'));
    await f.waitFor((t) => t.includes('Actions for pettracker-ml-server') && t.includes("screen, read-only"), 3_000);
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => t.includes('Preview: nothing has been sent') && t.includes('DryRun:'));
    const preview = flat(await f.waitFor((t) => t.includes('Preview: nothing has been sent'), 3_000));
    expect(preview).toContain('c5.xlarge');
    // The follower's keys reach nothing: Enter, y and a digit in the driver's preview send nothing.
    f.press(KEYS.enter);
    f.press('y1');
    d.s.press('pettracker-ml-server');
    await d.s.waitFor((t) => t.includes('[> Run <]'));
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => t.includes('StopInstances'), 10_000);
    await f.waitFor((t) => t.includes('StopInstances'), 3_000);

    f.press('n');
    await f.waitFor((t) => /note/i.test(t));
    f.press('memory climbs since 02:55');
    f.press(KEYS.enter);
    f.press('p');
    await f.waitFor((t) => /point/i.test(t));
    f.press('check NetworkIn at 02:30');
    f.press(KEYS.enter);
    await d.s.waitFor((t) => flat(t).includes('sre: check NetworkIn at 02:30'), 5_000);
    d.s.press(KEYS.escape);
    await d.s.waitFor((t) => !t.includes('Action running'));
    // The note is in the driver's timeline: the triage pane zoomed, at its end.
    d.s.press(KEYS.shiftTab);
    d.s.press('z');
    await d.s.waitFor((t) => t.includes('Esc/z unzoom') && t.includes('[Triage]'));
    d.s.press('G');
    await d.s.waitFor((t) => flat(t).includes('note · sre: memory climbs since 02:55') && flat(t).includes('pointer · sre: check NetworkIn at 02:30'), 5_000);
  });

  it('a follower killed mid-incident comes back with the whole state; a wrong token is refused and counted', async () => {
    const d = await driver();
    d.s.press('/ml-server');
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t) && t.includes('1 of'));
    d.s.press('t');
    await d.s.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000);
    const first = follower(d.address, d.token);
    await first.waitFor((t) => t.includes('Out of memory'), 10_000);
    first.kill();
    await d.s.waitFor((t) => t.includes('0 following') || t.includes('nobody follows'), 5_000);
    // Late join: the full state first.
    const again = follower(d.address, d.token, 'sre2');
    await again.waitFor((t) => t.includes('Out of memory') && /Status\s+pettracker-ml-server/.test(t), 10_000);
    const wrong = follower(d.address, 'not-the-token', 'mallory');
    expect(await wrong.exited(10_000)).toBe(2);
    expect(flat(wrong.text())).toMatch(/refused.*token/i);
    await d.s.waitFor((t) => t.includes('1 refused'), 5_000);
    // The driver goes on.
    d.s.press('r');
    await d.s.waitFor((t) => t.includes('refreshed'));
  });
});

describe('the stream', () => {
  it("carries no credential: the driver's secret key and session token never appear, whatever is shown", async () => {
    // The fleet as a remote endpoint: the driver is on the real-AWS path, with credentials in its environment.
    const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: realClock(), t0: storyStart(Date.now(), false) });
    fleet = await startSimServer(createSimHandler(world), { port: 0 });
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
    const sessionToken = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN1234567890';
    const d = await driver(['--endpoint-url', fleet.url, '--region', 'us-east-1', '--write'], {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEYID0001',
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_SESSION_TOKEN: sessionToken,
      AWS_MAX_ATTEMPTS: '1',
    });
    const tap = await tapShare(d.address, d.token);
    await tap.waitFor((m) => m.some((x) => x.type === 'state' && x.channel === 'fleet'), 10_000);
    d.s.press('/ml-server');
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t) && t.includes('1 of'));
    d.s.press('t');
    await d.s.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000);
    await tap.waitFor((m) => m.some((x) => x.type === 'state' && x.channel === 'triage' && JSON.stringify(x.value).includes('"finishedAt":')), 5_000);
    d.s.press('a');
    d.s.press(KEYS.enter);
    await d.s.waitFor((t) => t.includes('Preview: nothing has been sent'));
    await new Promise((r) => setTimeout(r, 500));
    tap.close();
    expect(tap.bytes().length).toBeGreaterThan(10_000);
    expect(secretsIn(tap.bytes(), [secret, sessionToken, d.token])).toEqual([]);
    // What a signature or an auth header would look like.
    expect(tap.bytes().toString('utf8')).not.toMatch(/AWS4-HMAC-SHA256|X-Amz-Security-Token|Signature=/i);
  });
});
