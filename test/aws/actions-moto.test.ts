// The write path against moto (an independent AWS emulator): DryRun permission checks, stop → resize → start with
// the SDK's waiters, alarms read back equal to what was put, and read-only mode sending nothing.
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmSpec } from '../../source/domain/action-types.js';
import { createAwsActions } from '../../source/aws/actions.js';
import { AwsFailure } from '../../source/aws/errors.js';
import { motoMissingReason, spawnMoto, waitForMoto, type MotoServer } from '../helpers/moto.js';

const missing = motoMissingReason();
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('aws/ actions vs moto', () => {
  let moto: MotoServer;
  let ec2: EC2Client;
  const config = () => ({ region: 'us-east-1', endpointUrl: moto.url, credentials, maxAttempts: 1 });
  const launch = async (): Promise<string> => {
    const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 'c5.large', MinCount: 1, MaxCount: 1 }));
    return out.Instances?.[0]?.InstanceId ?? '';
  };
  const stateOf = async (id: string) =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];

  beforeAll(async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.url, credentials });
  });
  afterAll(async () => moto?.stop());

  it('DryRun says the stop would succeed and changes nothing', async () => {
    const id = await launch();
    expect(await createAwsActions(config()).checkPermission('stop', id)).toBeUndefined();
    expect((await stateOf(id))?.State?.Name).toBe('running');
  });

  it('stop → wait stopped → resize → start → wait running', async () => {
    const id = await launch();
    const actions = createAwsActions(config());
    const stopping = await actions.stopInstance(id);
    expect(stopping).toMatchObject({ instanceId: id, previous: 'running' });
    await actions.waitFor(id, 'stopped', { maxWaitSeconds: 30 });
    await actions.setInstanceType(id, 'c5.xlarge');
    const starting = await actions.startInstance(id);
    expect(starting.previous).toBe('stopped');
    await actions.waitFor(id, 'running', { maxWaitSeconds: 30 });
    const after = await stateOf(id);
    expect(after?.InstanceType).toBe('c5.xlarge');
    expect(after?.State?.Name).toBe('running');
  });

  it('alarms put for an instance read back equal to their spec', async () => {
    const id = await launch();
    const actions = createAwsActions(config());
    const specs: AlarmSpec[] = [
      { name: 'ml-high-cpu', description: 'CPU > 80%', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: id }, statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 80, comparison: 'GreaterThanThreshold', alarmActions: ['arn:aws:sns:us-east-1:123456789012:pettracker-alerts'] },
      { name: 'ml-auto-recover', description: 'recover', namespace: 'AWS/EC2', metricName: 'StatusCheckFailed_System', dimensions: { InstanceId: id }, statistic: 'Maximum', period: 60, evaluationPeriods: 2, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', alarmActions: ['arn:aws:automate:us-east-1:ec2:recover'] },
    ];
    for (const spec of specs) await actions.putMetricAlarm(spec);
    const alarms = await actions.alarmsForInstance(id);
    expect(alarms.map((a) => a.name).sort()).toEqual(['ml-auto-recover', 'ml-high-cpu']);
    for (const spec of specs) {
      const got = alarms.find((a) => a.name === spec.name);
      expect(got).toMatchObject({ ...spec, dimensions: spec.dimensions, alarmActions: spec.alarmActions });
    }
  });

  it('read-only clients refuse every action and the instance is untouched', async () => {
    const id = await launch();
    const actions = createAwsActions({ ...config(), isReadOnly: true });
    const stop = await actions.stopInstance(id).catch((e: unknown) => e);
    expect(stop).toBeInstanceOf(AwsFailure);
    expect((stop as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'ec2:StopInstances' });
    expect(await actions.checkPermission('reboot', id)).toMatchObject({ kind: 'denied', action: 'ec2:RebootInstances' });
    expect((await stateOf(id))?.State?.Name).toBe('running');
  });
});
