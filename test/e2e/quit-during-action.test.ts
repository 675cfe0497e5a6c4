// Leaving the app while an action runs, in a real pseudo-terminal: q asks; q confirmed, Ctrl-C, SIGTERM and SIGHUP
// each leave the journal file on disk with the step reached and the command that finishes it, and print that in
// one line after the alternate screen. The training fleet runs at ×1 here, so the instance takes 30–60 s to stop:
// every test quits while the action waits for it, whatever the machine's speed.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { confirmStopStart, selectByName } from './steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

const ML = 'i-1234567890abcdef0';
// The training fleet's commands name the endpoint `ec2-triage sim` serves by default.
const AT = '--region us-east-1 --endpoint-url http://127.0.0.1:4566';
const FINISH = `aws ec2 wait instance-stopped --instance-ids ${ML} ${AT} && aws ec2 start-instances --instance-ids ${ML} ${AT}`;

/** The demo with a stop-and-start of pettracker-ml-server confirmed and waiting for the instance to stop. */
async function stopping(): Promise<{ s: PtySession; state: string }> {
  const state = mkdtempSync(join(tmpdir(), 'ec2-triage-state-'));
  const s = spawnCli(['--demo', '--scenario', 'healthy', '--speed', '1'], { columns: 130, rows: 45, env: { XDG_STATE_HOME: state } });
  session = s;
  await selectByName(s, 'pettracker-ml-server');
  await confirmStopStart(s, 'pettracker-ml-server');
  await s.waitFor((t) => t.includes('◐ wait until stopped') && t.includes('Instance now: stopping') && t.includes('Journal: '), 20_000);
  return { s, state };
}

/** The one journal file the session left, and the line the app printed on the way out. */
async function trace(s: PtySession, state: string): Promise<{ journal: string; screen: string }> {
  const screen = await s.waitFor((t) => t.includes('ec2-triage: stop-and-start of'));
  const dir = join(state, 'ec2-triage');
  // The journal, and beside it the session file (issue 13: the hand-over keeps the runs and the journal too).
  const files = readdirSync(dir).filter((f) => f.startsWith('journal-'));
  expect(files).toHaveLength(1);
  expect(readdirSync(dir).filter((f) => f.startsWith('session-'))).toHaveLength(1);
  return { journal: readFileSync(join(dir, files[0] ?? ''), 'utf8'), screen };
}

function expectTrace(t: { journal: string; screen: string }, reason: string): void {
  // One line, on the main screen (the alternate one is gone): the instance, the step, the command that finishes it.
  // (Then the line that says where the session is kept and how to resume it.)
  const lines = t.screen.split('\n').filter((l) => l.includes('ec2-triage:') && !l.includes('ec2-triage: session kept in'));
  expect(lines).toHaveLength(1);
  expect(t.screen).toContain('ec2-triage: session kept in');
  expect(t.screen).not.toContain('Instances');
  const flat = t.screen.replace(/\n/g, '');
  expect(flat).toContain(`ec2-triage: stop-and-start of pettracker-ml-server (${ML}) stopped at 'wait until stopped', last seen stopping at`);
  expect(flat).toContain(`; to finish it: ${FINISH} — journal: `);
  expect(t.journal).toContain(`### Stop and start pettracker-ml-server (${ML}) (new hardware): interrupted`);
  expect(t.journal).toMatch(/- StopInstances: done in \d+ s/);
  expect(t.journal).toContain(`- wait until stopped: interrupted (${reason}); last seen stopping at`);
  expect(t.journal).toContain(`- to finish it: ${FINISH}`);
}

describe('quitting while an action runs', () => {
  it('q asks, naming the step and what quitting leaves; N stays; y quits with the trace (exit 0)', async () => {
    const { s, state } = await stopping();
    s.press(KEYS.escape); // hide the progress: the action goes on
    await s.waitFor((t) => t.includes('The action goes on'));
    s.press('q');
    const asked = (await s.waitFor((t) => t.includes('Quit anyway?'))).replace(/[║│\n]/g, ' ').replace(/\s+/g, ' ');
    expect(asked).toContain("stop-and-start of pettracker-ml-server is at 'wait until stopped' — quitting leaves it stopped. Quit anyway? [y/N]");
    expect(asked).toContain(FINISH);
    s.press('n');
    await s.waitFor((t) => !t.includes('Quit anyway?') && t.includes('Instances'));
    s.press('q');
    await s.waitFor((t) => t.includes('Quit anyway?'));
    s.press('y');
    expect(await s.exited()).toBe(0);
    expectTrace(await trace(s, state), 'q, confirmed');
  }, 60_000);

  it('Ctrl-C does not ask: it quits with the trace', async () => {
    const { s, state } = await stopping();
    s.press(KEYS.ctrlC);
    expect(await s.exited()).toBe(0);
    expectTrace(await trace(s, state), 'Ctrl-C');
  }, 60_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s leaves the same trace and exits %i', async (signal, code) => {
    const { s, state } = await stopping();
    s.signal(signal);
    expect(await s.exited()).toBe(code);
    expectTrace(await trace(s, state), signal);
  }, 60_000);
});
