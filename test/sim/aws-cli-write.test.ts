// The write path through the installed AWS CLI (botocore) against the fleet's HTTP server: a second, independent
// client for PutMetricAlarm/DescribeAlarms, an EC2 DryRun and two refusals (few calls: each CLI run costs ~0.6 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { awsCli, hasAwsCli, type CliResult } from './helpers/aws-cli.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';

const isSkipped = !(await hasAwsCli()) && process.env.CI !== 'true';
let server: SimServer;
let world: TrainingWorld;

const aws = (args: readonly string[]): Promise<CliResult> => awsCli(server.url, args);

describe.skipIf(isSkipped)('AWS CLI writes against the fleet', () => {
  beforeAll(async () => {
    world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => Date.UTC(2024, 0, 15, 2, 50) } });
    server = await startSimServer(createSimHandler(world), { port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('cloudwatch put-metric-alarm then describe-alarms', async () => {
    const put = await aws([
      'cloudwatch', 'put-metric-alarm', '--alarm-name', 'pettracker-ml-high-cpu', '--alarm-description', 'Alert when CPU exceeds 80%',
      '--metric-name', 'CPUUtilization', '--namespace', 'AWS/EC2', '--statistic', 'Average', '--period', '300', '--threshold', '80',
      '--comparison-operator', 'GreaterThanThreshold', '--evaluation-periods', '2', '--dimensions', `Name=InstanceId,Value=${ML_SERVER_ID}`,
      '--alarm-actions', 'arn:aws:sns:us-east-1:123456789012:pettracker-alerts',
    ]);
    expect([put.code, put.stderr]).toEqual([0, '']);
    const out = await aws(['cloudwatch', 'describe-alarms', '--alarm-names', 'pettracker-ml-high-cpu']);
    expect(out.code).toBe(0);
    const alarm = (JSON.parse(out.stdout) as { MetricAlarms: Record<string, unknown>[] }).MetricAlarms[0];
    expect(alarm).toMatchObject({
      AlarmName: 'pettracker-ml-high-cpu', Threshold: 80, Period: 300, EvaluationPeriods: 2, StateValue: 'ALARM',
      Dimensions: [{ Name: 'InstanceId', Value: ML_SERVER_ID }], AlarmActions: ['arn:aws:sns:us-east-1:123456789012:pettracker-alerts'],
    });
    expect(String(alarm?.StateReason)).toMatch(/^Threshold Crossed: 2 out of the last 2 datapoints/);
  });

  it('ec2 stop-instances --dry-run answers DryRunOperation and stops nothing', async () => {
    const out = await aws(['ec2', 'stop-instances', '--instance-ids', ML_SERVER_ID, '--dry-run']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('(DryRunOperation) when calling the StopInstances operation: Request would have succeeded, but DryRun flag is set.');
    expect(world.actions()).toEqual([]);
    expect(world.operations().find((o) => o.action === 'StopInstances')).toMatchObject({ dryRun: true, outcome: 'DryRunOperation', instanceIds: [ML_SERVER_ID] });
  });

  it('prints the fleet\'s AWS-shaped refusals: an unknown attribute, a percentile statistic (issue 9)', async () => {
    const attribute = await aws(['ec2', 'describe-instance-attribute', '--instance-id', ML_SERVER_ID, '--attribute', 'bogus']);
    expect(attribute.stderr).toContain('(InvalidParameterValue) when calling the DescribeInstanceAttribute operation: Value (bogus) for parameter attribute is invalid. Unknown attribute.');
    const percentile = await aws([
      'cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization', '--dimensions', `Name=InstanceId,Value=${ML_SERVER_ID}`,
      '--start-time', '2024-01-15T02:00:00Z', '--end-time', '2024-01-15T02:50:00Z', '--period', '300', '--extended-statistics', 'p99',
    ]);
    expect(percentile.stderr).toMatch(/\(InvalidParameterValue\) when calling the GetMetricStatistics operation: ExtendedStatistics \(percentiles\) is not supported/);
  });
});
