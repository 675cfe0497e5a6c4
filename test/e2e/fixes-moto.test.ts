// The printed fix against moto, an independent emulator: moto's default VPC has no internet gateway attached, so the
// route fix must create and attach one before the route (a route to "None" is what real EC2 would refuse). The
// commands `check` prints are run as printed — their own --region and --endpoint-url, no AWS_* endpoint in the
// environment — and the next `check` no longer finds the missing route.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AuthorizeSecurityGroupIngressCommand, CreateKeyPairCommand, CreateSecurityGroupCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckJson } from '../../source/triage/check-output.js';
import { motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const missing = motoMissingReason();
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
// Credentials only: the commands carry their own region and endpoint.
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };

async function check(url: string): Promise<{ code: number; json: CheckJson }> {
  const out = await run(process.execPath, [CLI, 'check', 'moto-api', '--endpoint-url', url, '--region', 'us-east-1', '--json'], { env: ENV }).catch((e: { code: number; stdout: string }) => e);
  return { code: 'code' in out && typeof out.code === 'number' ? out.code : 0, json: JSON.parse(out.stdout) as CheckJson };
}

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('the printed fix, run as printed against moto', () => {
  let moto: MotoServer | undefined;
  afterAll(async () => moto?.stop());

  it('no route to an internet gateway: the fix creates and attaches one, then routes to it; the finding is gone', async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.url, credentials });
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'office' }));
    const group = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-office', Description: 'SSH from the office' }))).GroupId ?? '';
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }] }] }));
    await ec2.send(new RunInstancesCommand({
      ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, KeyName: 'office', SecurityGroupIds: [group],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'moto-api' }] }],
    }));

    const before = await check(moto.url);
    expect(before.json.diagnosis.cause).toBe('no-igw-route');
    const fix = before.json.recommendations[0];
    expect(fix?.id).toBe('igw-route');
    const commands = fix?.commands ?? [];
    // No gateway is attached: it is created and attached first, and the route names the one just made.
    expect(commands[0]).toMatch(/^IGW_ID=\$\(aws ec2 create-internet-gateway .*--endpoint-url http:\/\/127\.0\.0\.1:\d+\)$/);
    expect(commands[1]).toMatch(/^aws ec2 attach-internet-gateway --internet-gateway-id "\$IGW_ID" --vpc-id vpc-/);
    expect(commands[2]).toMatch(/ --gateway-id "\$IGW_ID" /);
    for (const c of commands) expect(c).toContain(`--region us-east-1 --endpoint-url ${moto.url}`);

    const ran = await run('bash', ['-c', ['set -e', ...commands].join('\n')], { env: ENV });
    expect(ran.stderr).toBe('');

    const after = await check(moto.url);
    expect(after.json.findings.map((f) => f.id)).not.toContain('no-igw-route');
    // moto has no CloudWatch datapoints for its instances: no CPU was read, so the verdict is honest about it.
    expect(after.json.diagnosis.cause).toBe('inconclusive');
    expect(after.json.healthy).toBe(false);
    expect(after.code).toBe(2);
  }, 60_000);
});
