// Several regions and profiles in one list, against one moto (it keeps instances per region): the Region and
// Profile columns, a profile whose endpoint is down degrading alone with its line, `:region` switching, and the
// printed commands naming the instance's own region and profile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTagsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';
import { spawnCli, type PtySession } from '../helpers/pty.js';

const missing = motoMissingReason();

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('several regions and profiles against moto', () => {
  let moto: MotoServer;
  let session: PtySession | undefined;
  let dir: string;
  const ids: Record<string, string> = {};
  const keys = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };

  beforeAll(async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    for (const [region, name] of [['us-east-1', 'us-api'], ['eu-west-1', 'eu-worker']] as const) {
      const ec2 = new EC2Client({ region, endpoint: moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
      const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
      ids[name] = out.Instances?.[0]?.InstanceId ?? '';
      await ec2.send(new CreateTagsCommand({ Resources: [ids[name] ?? ''], Tags: [{ Key: 'Name', Value: name }] }));
      ec2.destroy();
    }
    // Two profiles on moto, each in its own region, and one whose endpoint nobody listens on.
    const closed = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'ec2-triage-regions-'));
    writeFileSync(join(dir, 'config'), [
      '[profile a]', 'region = us-east-1', `endpoint_url = ${moto.url}`,
      '[profile b]', 'region = eu-west-1', `endpoint_url = ${moto.url}`,
      '[profile broken]', 'region = ap-south-1', `endpoint_url = http://127.0.0.1:${closed}`, '',
    ].join('\n'));
    writeFileSync(join(dir, 'credentials'), ['a', 'b', 'broken'].map((p) => `[${p}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`).join(''));
  });

  afterEach(() => {
    session?.kill();
    session = undefined;
  });

  afterAll(async () => {
    await moto?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the actions on the selected instance and previews its reboot; resolves to the screen. */
  const previewReboot = async (s: PtySession): Promise<string> => {
    s.press('a');
    const menu = await s.waitFor((t) => /\d\. Reboot/.test(t), 10_000);
    s.press(/(\d)\. Reboot/.exec(menu)?.[1] ?? '');
    return s.waitFor((t) => t.includes('aws ec2 reboot-instances'), 10_000);
  };

  it('--region a,b lists both regions in one list; :region switches; commands carry the instance\'s region', async () => {
    session = spawnCli(['--endpoint-url', moto.url, '--region', 'us-east-1,eu-west-1'], { columns: 160, rows: 36, env: keys });
    const s = session;
    const text = await s.waitFor((t) => /us-api\s+us-east-1/.test(t) && /eu-worker\s+eu-west-1/.test(t), 20_000);
    expect(text).toMatch(/Name\s+Region/);
    expect(text).toContain('us-east-1,eu-west-1 · keys from AWS_ACCESS_KEY_ID');
    s.press(':region eu-west-1\r');
    // One region left: the list is as with a single --region (no Region column), the header names it.
    const switched = await s.waitFor((t) => !t.includes('us-api') && t.includes('eu-worker') && t.includes('· eu-west-1 · keys from'), 15_000);
    expect(switched).not.toMatch(/Name\s+Region/);
    const preview = await previewReboot(s);
    expect(preview).toContain(`aws ec2 reboot-instances --instance-ids ${ids['eu-worker']} --region eu-west-1 --endpoint-url ${moto.url}`);
    s.press('\u001b');
    await s.waitFor((t) => !t.includes('aws ec2 reboot-instances'), 10_000);
    s.press(':q\r');
    expect(await s.exited()).toBe(0);
  });

  it('--profile a,b,broken: one list with a Profile column; the broken endpoint degrades alone with its line', async () => {
    session = spawnCli(['--profile', 'a,b,broken'], {
      columns: 220,
      rows: 36,
      env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
      unsetEnv: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'],
    });
    const s = session;
    const text = await s.waitFor((t) => /us-api\s+a\s+us-east-1/.test(t) && /eu-worker\s+b\s+eu-west-1/.test(t) && t.includes('broken ap-south-1:'), 25_000);
    expect(text).toMatch(/Name\s+Profile\s+Region/);
    expect(text).toMatch(/broken ap-south-1: 127\.0\.0\.1:\d+ refused the connection/);
    // moto's account, from STS GetCallerIdentity (asked once the first listing has answered), for each profile that answers.
    await s.waitFor((t) => t.includes('a 123456789012 · b 123456789012 · broken · us-east-1,eu-west-1,ap-south-1'), 10_000);
    s.press(':filter eu-worker\r');
    await s.waitFor((t) => !t.includes('us-api'), 10_000);
    const preview = await previewReboot(s);
    expect(preview).toContain(`aws ec2 reboot-instances --instance-ids ${ids['eu-worker']} --region eu-west-1 --profile b`);
    s.press('\u001b');
    await s.waitFor((t) => !t.includes('aws ec2 reboot-instances'), 10_000);
    s.press('q');
    expect(await s.exited()).toBe(0);
  });

  it('--all-regions asks DescribeRegions for the enabled regions and lists each one\'s instances', async () => {
    session = spawnCli(['--endpoint-url', moto.url, '--all-regions'], { columns: 160, rows: 36, env: keys, unsetEnv: ['AWS_REGION', 'AWS_DEFAULT_REGION'] });
    const s = session;
    // No region given anywhere: the regions come from DescribeRegions (moto answers with its enabled ones).
    const text = await s.waitFor((t) => /us-api\s+us-east-1/.test(t) && /eu-worker\s+eu-west-1/.test(t), 25_000);
    expect(text).toMatch(/ec2-triage · [a-z0-9-]+(,[a-z0-9-]+){5,}/);
    s.press('q');
    expect(await s.exited()).toBe(0);
  }, 45_000);
});
