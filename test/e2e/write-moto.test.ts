// `--write` on the real-AWS path, against moto (an independent emulator): the header says WRITE, the recommended
// alarms created from the TUI read back from moto equal to what the preview showed, and a stop and start runs
// through the SDK waiters to a running instance.
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../source/domain/types.js';
import { putMetricAlarmInput } from '../../source/domain/action-types.js';
import { recommendedAlarms } from '../../source/triage/write-plan.js';
import { motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

const missing = motoMissingReason();
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:pettracker-alerts';
const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('ec2-triage --write --endpoint-url <moto>', () => {
  let moto: MotoServer | undefined;
  let session: PtySession | undefined;
  afterAll(async () => {
    session?.kill();
    await moto?.stop();
  });

  it('creates the recommended alarms (read back equal to the preview) and stops and starts the instance', async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.url, credentials });
    const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 'c5.large', MinCount: 1, MaxCount: 1 }));
    const id = out.Instances?.[0]?.InstanceId ?? '';
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: 'moto-api-server' }] }));

    const s = spawnCli(['--endpoint-url', moto.url, '--region', 'us-east-1', '--write', '--alarm-topic', TOPIC], { columns: 130, rows: 45, env: ENV });
    session = s;
    await s.waitFor((t) => t.includes(' WRITE ') && /Status\s+moto-api-server/.test(t), 20_000);

    s.press('A');
    await s.waitFor((t) => t.includes('Coverage'), 15_000);
    s.press('n'); // --alarm-topic given: straight to the preview
    const preview = flat(await s.waitFor((t) => t.includes('Add recommended alarms for moto-api-server')));
    expect(preview).toContain(`create moto-api-server-high-cpu: CPUUtilization Average GreaterThanThreshold 80 over 2 × 300 s → ${TOPIC}`);
    expect(preview).toContain('create moto-api-server-auto-recover: StatusCheckFailed_System Maximum GreaterThanOrEqualToThreshold 1 over 2 × 60 s → arn:aws:automate:us-east-1:ec2:recover');
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('[> Run <]'));
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('✔ Done in'), 20_000);

    // What moto holds is what the preview planned: the same specs, field by field (no agent here: no memory alarm).
    const planned = recommendedAlarms({ id, name: 'moto-api-server' } as Instance, 'us-east-1', { topicArn: TOPIC, isAgentReporting: false }).map(putMetricAlarmInput);
    const { MetricAlarms = [] } = await new CloudWatchClient({ region: 'us-east-1', endpoint: moto.url, credentials }).send(new DescribeAlarmsCommand({}));
    expect(MetricAlarms.map((a) => a.AlarmName).sort()).toEqual(planned.map((p) => p.AlarmName).sort());
    for (const p of planned) expect(MetricAlarms.find((a) => a.AlarmName === p.AlarmName)).toMatchObject(p);

    s.press(KEYS.enter); // close the finished action
    await s.waitFor((t) => !t.includes('Action done'));
    s.press('a');
    await s.waitFor((t) => t.includes('Stop and start'));
    s.press('6'); // the entry's number picks it (no triage yet: the app's own actions, Stop and start last)
    await s.waitFor((t) => t.includes('✔ DryRun: you may call ec2:StopInstances, ec2:StartInstances'), 15_000);
    s.press(id); // the exact id is the consent: Run is focused
    await s.waitFor((t) => t.includes('[> Run <]'));
    s.press(KEYS.enter);
    const done = await s.waitFor((t) => t.includes('✔ Done in') || t.includes('Action failed'), 60_000);
    expect(done).toContain('✔ wait until both status checks pass');
    const after = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
    expect(after?.State?.Name).toBe('running');
  }, 120_000);
});
