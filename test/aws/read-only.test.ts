// Read-only mode is enforced in aws/: a mutating command never reaches the wire, every read still does.
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { RebootInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../source/aws/clients.js';
import { AwsFailure, createAwsApi } from '../../source/aws/index.js';
import { isReadOperation } from '../../source/aws/read-only.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';

const ML = 'i-1234567890abcdef0';

function fleet() {
  const seen: string[] = [];
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => Date.UTC(2024, 0, 15, 2, 50) } });
  const simHandler = createSimHandler(world, { onRequest: (op) => seen.push(`${op.service}:${op.action}`) });
  return { seen, simHandler, world };
}

describe('read-only mode', () => {
  it.each([
    ['StopInstances', () => new StopInstancesCommand({ InstanceIds: [ML] }), 'ec2:StopInstances'],
    ['StopInstances with DryRun', () => new StopInstancesCommand({ InstanceIds: [ML], DryRun: true }), 'ec2:StopInstances'],
    ['RebootInstances', () => new RebootInstancesCommand({ InstanceIds: [ML] }), 'ec2:RebootInstances'],
  ] as const)('refuses %s before anything is sent', async (_name, command, action) => {
    const { seen, simHandler } = fleet();
    const { ec2 } = createClients({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const error = await ec2.send(command()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsFailure);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action });
    expect((error as AwsFailure).error.message).toMatch(/read-only mode.*--write/);
    expect(seen).toEqual([]);
  });

  it('refuses CloudWatch writes (PutMetricAlarm) too', async () => {
    const { seen, simHandler } = fleet();
    const { cloudwatch } = createClients({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const error = await cloudwatch
      .send(new PutMetricAlarmCommand({ AlarmName: 'x', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold', Threshold: 1, Period: 60, Statistic: 'Average' }))
      .catch((e: unknown) => e);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'cloudwatch:PutMetricAlarm' });
    expect(seen).toEqual([]);
  });

  it('every read the app makes is on the allowlist (the whole AwsApi works read-only)', async () => {
    const { seen, simHandler, world } = fleet();
    const api = createAwsApi({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const ml = world.instance(ML);
    if (ml === undefined) throw new Error('no ML server');
    const start = new Date(Date.UTC(2024, 0, 15, 2, 0));
    const end = new Date(Date.UTC(2024, 0, 15, 2, 50));
    await api.listInstances();
    await api.describeStatuses([ML]);
    await api.describeInstanceTypes(['c5.large']);
    await api.getConsoleOutput(ML);
    await api.getMetricData([{ id: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML }, stat: 'Average', period: 300 }], start, end);
    await api.listLogGroups();
    await api.filterLogEvents('/pettracker/ml-server', start, end);
    await api.describeSecurityGroups(ml.securityGroups.map((g) => g.id));
    await api.describeSubnet(ml.subnetId);
    await api.describeRouteTableForSubnet(ml.subnetId, ml.vpcId);
    await api.describeNetworkAclForSubnet(ml.subnetId);
    await api.describeKeyPair(ml.keyName ?? '');
    expect(seen.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['EC2Client', 'DescribeInstancesCommand', true],
    ['EC2Client', 'StopInstancesCommand', false],
    ['EC2Client', 'ModifyInstanceAttribute', false],
    ['CloudWatchClient', 'DescribeAlarms', true],
    ['CloudWatchClient', 'DeleteAlarms', false],
    ['CloudWatchLogsClient', 'FilterLogEvents', true],
    ['CloudWatchLogsClient', 'PutLogEvents', false],
    ['UnknownClient', 'DescribeInstances', false],
  ])('%s %s read=%s', (client, command, expected) => {
    expect(isReadOperation(client, command)).toBe(expected);
  });
});
