// The real-AWS path of the built CLI, against moto (an independent AWS emulator): what you create there shows.
import { CreateTagsCommand, EC2Client, RunInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';
import { spawnCli, type PtySession } from '../helpers/pty.js';

const missing = motoMissingReason();
if (missing !== undefined && process.env.CI !== 'true') {
  console.warn(`[e2e] moto is not available (${missing}); the real-AWS TUI test is skipped.`);
}

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('ec2-triage --endpoint-url <moto>', () => {
  // A moto of its own: the contract suite resets the shared one between its cases.
  let moto: MotoServer;
  let session: PtySession | undefined;
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

  beforeAll(async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.url, credentials });
    const launch = async (name: string, type: 'c5.large' | 't3.micro'): Promise<string> => {
      const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: type, MinCount: 1, MaxCount: 1 }));
      const id = out.Instances?.[0]?.InstanceId ?? '';
      await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }));
      return id;
    };
    await launch('moto-api-server', 'c5.large');
    const stopped = await launch('moto-batch-worker', 't3.micro');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
  });

  afterAll(async () => {
    session?.kill();
    await moto?.stop();
  });

  it('lists the instances created there with their names and states, read-only', async () => {
    session = spawnCli(['--endpoint-url', moto.url, '--region', 'us-east-1'], {
      columns: 140,
      rows: 36,
      env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    const text = await session.waitFor(
      (t) => /moto-api-server\s.*running/.test(t) && /moto-batch-worker\s.*stopped/.test(t),
      20_000,
    );
    expect(text).toMatch(/READ-ONLY/);
    expect(text).toMatch(/us-east-1/);
    expect(text).not.toMatch(/TRAINING FLEET/);
    session.press('q');
    expect(await session.exited()).toBe(0);
  });
});
