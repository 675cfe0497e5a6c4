// A dropped SSH link in the middle of a stop-and-start, on the real-AWS path (--write --endpoint-url) against the
// training fleet over HTTP: the terminal closes under the app. The fleet's own record shows what was sent (the stop,
// not the start); the journal file on disk names the step reached and the command that finishes it; and that
// command, run with the AWS CLI, does finish it. The fleet's clock is held by the test, so the instance stays
// `stopping` until the test lets it stop.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { spawnCli, type PtySession } from '../helpers/pty.js';
import { confirmStopStart, selectByName } from './steps.js';

const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
const ML = 'i-1234567890abcdef0';

const hasAwsCli = (): boolean => {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('a dropped SSH link during a stop-and-start', () => {
  let fleet: SimServer | undefined;
  let session: PtySession | undefined;
  afterAll(async () => {
    session?.kill();
    await fleet?.close();
  });

  it('leaves the journal on disk with the command that finishes it, and the fleet saw the stop but no start', async () => {
    let held = 0;
    const start = Date.now();
    // Fleet time moves only when the test says so: the stop never completes on its own.
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock: { now: () => start + held } });
    fleet = await startSimServer(createSimHandler(world), { port: 0 });
    const state = mkdtempSync(join(tmpdir(), 'ec2-triage-state-'));
    const s = spawnCli(['--endpoint-url', fleet.url, '--region', 'us-east-1', '--write'], { columns: 130, rows: 45, env: { ...ENV, XDG_STATE_HOME: state } });
    session = s;
    await s.waitFor((t) => t.includes(' WRITE ') && t.includes('pettracker-ml-server'), 20_000);
    await selectByName(s, 'pettracker-ml-server');
    await confirmStopStart(s, ML);
    await s.waitFor((t) => t.includes('◐ wait until stopped') && t.includes('Instance now: stopping'), 20_000);

    s.hangUp();
    await s.exited(10_000);

    const dir = join(state, 'ec2-triage');
    const file = readdirSync(dir).find((f) => f.startsWith('journal-'));
    const journal = readFileSync(join(dir, file ?? ''), 'utf8');
    expect(journal).toContain(`### Stop and start pettracker-ml-server (${ML}) (new hardware): interrupted`);
    expect(journal).toContain('- wait until stopped: interrupted (SIGHUP); last seen stopping at');
    const finish = /- to finish it: (.+)/.exec(journal)?.[1] ?? '';
    // The command names the endpoint the app was pointed at: pasted, it finishes the job there.
    const at = `--region us-east-1 --endpoint-url ${fleet?.url ?? ''}`;
    expect(finish).toBe(`aws ec2 wait instance-stopped --instance-ids ${ML} ${at} && aws ec2 start-instances --instance-ids ${ML} ${at}`);

    type Operation = { action: string; instanceIds: string[]; dryRun: boolean };
    const operations = async (): Promise<Operation[]> => (await (await fetch(`${fleet?.url ?? ''}/_fleet/operations`)).json()) as Operation[];
    const sent = (ops: Operation[], action: string): boolean => ops.some((o) => o.action === action && !o.dryRun && o.instanceIds.includes(ML));
    let ops = await operations();
    expect(sent(ops, 'StopInstances')).toBe(true);
    expect(sent(ops, 'StartInstances')).toBe(false);

    if (!hasAwsCli()) return;
    // The instance stops; the journal's command, as the user would paste it, finishes the job.
    held += 5 * 60_000;
    // Not execFileSync: the fleet answers from this process's event loop.
    for (const command of finish.split(' && ')) {
      const args = command.split(' ').slice(1);
      await promisify(execFile)('aws', args, { env: { ...process.env, ...ENV } });
    }
    ops = await operations();
    expect(sent(ops, 'StartInstances')).toBe(true);
  }, 90_000);
});
