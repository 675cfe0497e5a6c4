// Read-only as the issue defines it: every action key and dialog driven to its Run button, and the endpoint's own
// record (the training fleet over HTTP) or its state (moto) shows that no mutating call arrived — not even DryRun.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

async function select(s: PtySession, name: string): Promise<void> {
  s.press('/');
  s.press(name);
  s.press(KEYS.enter);
  await s.waitFor((t) => new RegExp(`Status\\s+${name}`).test(t) && t.includes('1 of'));
}

/** From an open preview: the read-only notice, Run refused even when confirmed, Esc → nothing sent. */
async function refuseRun(s: PtySession, confirmWith: string | undefined): Promise<void> {
  await s.waitFor((t) => t.includes('READ-ONLY: nothing will be sent'));
  // The exact text typed focuses Run itself; without typing, Tab moves there.
  s.press(confirmWith ?? KEYS.tab);
  await s.waitFor((t) => t.includes('[> Run — read-only'));
  s.press(KEYS.enter);
  await s.waitFor((t) => t.includes('Not sent: read-only'));
  s.press(KEYS.escape);
  await s.waitFor((t) => t.includes('Read-only: nothing was sent') && !t.includes('Preview: nothing'));
}

/** Opens the menu and picks entry `n` (1-based) from the top. */
async function pick(s: PtySession, n: number): Promise<void> {
  s.press('a');
  await s.waitFor((t) => t.includes('Actions for'));
  for (let i = 0; i < 6; i += 1) s.press('k');
  for (let i = 1; i < n; i += 1) s.press('j');
  await s.waitFor((t) => new RegExp(`› ${n}\\.`).test(t));
  s.press(KEYS.enter);
}

/** Every write the app has, driven as far as read-only lets it go. */
async function driveEverything(s: PtySession, running: { name: string; id: string }, stopped: string, options: { canResize: boolean }): Promise<void> {
  await s.waitFor((t) => t.includes(' READ-ONLY ') && t.includes(running.name), 20_000);
  await select(s, running.name);
  await pick(s, 5); // reboot (before any triage: the app's own actions, harmless ones first)
  await refuseRun(s, undefined);
  await pick(s, 6); // stop and start
  await refuseRun(s, running.id);
  await pick(s, 3); // resize
  if (options.canResize) {
    await s.waitFor((t) => t.includes('types fit'), 15_000);
    s.press(KEYS.enter);
    await refuseRun(s, running.id);
  } else {
    await s.waitFor((t) => t.includes('types fit') || t.includes('Cannot list instance types'), 15_000);
    s.press('q');
    await s.waitFor((t) => !t.includes('Resize: pick a type'));
  }
  s.press('A');
  await s.waitFor((t) => t.includes('Coverage'), 15_000);
  s.press('n');
  await s.waitFor((t) => t.includes('SNS topic ARN:'));
  s.press(KEYS.enter);
  await refuseRun(s, undefined);
  await pick(s, 2); // agent config: reads ListMetrics, w writes a local file only
  await s.waitFor((t) => t.includes('CloudWatch Agent for'));
  s.press('w');
  await s.waitFor((t) => t.includes('Agent script written to'));
  s.press('q');
  await s.waitFor((t) => !t.includes('CloudWatch Agent for'));
  // Esc clears the filter; the next key waits for it (Esc then a key at once is Alt-key to any terminal app).
  s.press(KEYS.escape);
  await s.waitFor((t) => !t.includes(`/${running.name}`));
  await select(s, stopped);
  await pick(s, 4); // start
  await refuseRun(s, undefined);
}

describe('read-only: nothing mutating leaves the app', () => {
  let fleet: SimServer | undefined;
  afterAll(async () => fleet?.close());

  it('the training fleet over HTTP records no mutating operation, no DryRun either', async () => {
    const world = createWorld({ scenario: 'system-check-failed', seed: 1, fleetSize: 0, clock: realClock() });
    fleet = await startSimServer(createSimHandler(world), { port: 0 });
    const cwd = mkdtempSync(join(tmpdir(), 'ec2-triage-ro-'));
    session = spawnCli(['--endpoint-url', fleet.url, '--region', 'us-east-1'], { columns: 130, rows: 45, env: ENV, cwd });
    await driveEverything(session, { name: 'pettracker-ml-server', id: 'i-1234567890abcdef0' }, 'pettracker-staging-api', { canResize: true });
    const operations = world.operations();
    expect(operations.some((o) => o.action === 'DescribeInstanceTypes')).toBe(true);
    expect(operations.some((o) => o.action === 'DescribeAlarms')).toBe(true);
    expect(operations.filter((o) => o.isMutating)).toEqual([]);
    // The same record over HTTP, for tools outside the process (as moto's /moto-api/).
    const overHttp = (await (await fetch(`${fleet.url}/_fleet/operations`)).json()) as { action: string }[];
    expect(overHttp.length).toBeGreaterThanOrEqual(operations.length);
    expect(overHttp.map((o) => o.action)).toEqual(expect.arrayContaining(['DescribeInstances', 'DescribeAlarms']));
  }, 120_000);

  const missing = motoMissingReason();
  it.skipIf(missing !== undefined && process.env.CI !== 'true')('moto: instances keep their state and type, and no alarm exists', async () => {
    const moto: MotoServer = await spawnMoto();
    try {
      await waitForMoto(moto.url, moto.logFile);
      const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
      const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.url, credentials });
      const launch = async (name: string): Promise<string> => {
        const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 'c5.large', MinCount: 1, MaxCount: 1 }));
        const id = out.Instances?.[0]?.InstanceId ?? '';
        await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }));
        return id;
      };
      const running = await launch('moto-api-server');
      const stopped = await launch('moto-batch-worker');
      await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
      const cwd = mkdtempSync(join(tmpdir(), 'ec2-triage-ro-'));
      session = spawnCli(['--endpoint-url', moto.url, '--region', 'us-east-1'], { columns: 130, rows: 45, env: ENV, cwd });
      await driveEverything(session, { name: 'moto-api-server', id: running }, 'moto-batch-worker', { canResize: false });
      const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [running, stopped] }));
      const states = Object.fromEntries((described.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId, `${i.State?.Name} ${i.InstanceType}`]));
      expect(states).toEqual({ [running]: 'running c5.large', [stopped]: 'stopped c5.large' });
      const alarms = await new CloudWatchClient({ region: 'us-east-1', endpoint: moto.url, credentials }).send(new DescribeAlarmsCommand({}));
      expect(alarms.MetricAlarms ?? []).toEqual([]);
    } finally {
      session?.kill();
      await moto.stop();
    }
  }, 120_000);
});
