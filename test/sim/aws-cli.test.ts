// The installed AWS CLI (botocore) against the fleet's HTTP server: an independent client proves the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { awsCli, hasAwsCli, type CliResult } from './helpers/aws-cli.js';
import { NOW, createFakeWorld } from './helpers/fake-world.js';

// AWS CLI v1 prints timestamps as they arrived on the wire (cli_timestamp_format 'none'): ISO 8601 text from
// EC2's XML, epoch seconds from CloudWatch's JSON. Real AWS gives the same.
const isAvailable = await hasAwsCli();
const isSkipped = !isAvailable && process.env.CI !== 'true';
if (isSkipped) console.warn('aws-cli.test.ts: the `aws` CLI is not on PATH; skipping the AWS CLI tests.');

let server: SimServer;
const iso = (t: number): string => new Date(t).toISOString();

const aws = (args: readonly string[]): Promise<CliResult> => awsCli(server.url, args);

async function awsJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const result = await aws(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe.skipIf(isSkipped)('AWS CLI against the fleet', () => {
  beforeAll(async () => {
    server = await startSimServer(createSimHandler(createFakeWorld()), { port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('ec2 describe-instances', async () => {
    const out = await awsJson(['ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=web-1,db-1']);
    const instances = (out.Reservations as { Instances: { InstanceId: string; State: { Name: string }; LaunchTime: string }[] }[]).flatMap((r) => r.Instances);
    expect(instances.map((i) => i.InstanceId)).toEqual(['i-00000000000000001', 'i-0000000000000000b']);
    expect(instances[0]?.State.Name).toBe('running');
    expect(Date.parse(instances[0]?.LaunchTime ?? '')).toBe(NOW - 48 * 3_600_000);
  });

  it('ec2 describe-instance-status --include-all-instances', async () => {
    const out = await awsJson(['ec2', 'describe-instance-status', '--include-all-instances']);
    const statuses = out.InstanceStatuses as { InstanceId: string; InstanceStatus: { Status: string } }[];
    expect(statuses).toHaveLength(11);
    expect(statuses.find((s) => s.InstanceId === 'i-00000000000000003')?.InstanceStatus.Status).toBe('impaired');
  });

  it('ec2 get-console-output (the CLI decodes base64)', async () => {
    const out = await awsJson(['ec2', 'get-console-output', '--instance-id', 'i-00000000000000001']);
    expect(out.Output).toContain('i-00000000000000001 login: ünïcode ok');
  });

  it('ec2 describe-security-groups', async () => {
    const out = await awsJson(['ec2', 'describe-security-groups', '--group-ids', 'sg-0123456789abcdef0']);
    const [group] = out.SecurityGroups as { GroupName: string; Description: string; IpPermissions: { FromPort: number; IpRanges: { CidrIp: string }[]; UserIdGroupPairs: { GroupId: string }[] }[] }[];
    expect(group?.GroupName).toBe('web');
    expect(group?.Description).toBe('web & <ssh>');
    expect(group?.IpPermissions.map((p) => p.FromPort)).toEqual([22, 443]);
    expect(group?.IpPermissions[0]?.IpRanges).toEqual([{ CidrIp: '203.0.113.0/24', Description: 'Office' }]);
    expect(group?.IpPermissions[1]?.UserIdGroupPairs[0]?.GroupId).toBe('sg-0123456789abcdef0');
  });

  it('cloudwatch get-metric-statistics', async () => {
    const out = await awsJson([
      'cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization',
      '--dimensions', 'Name=InstanceId,Value=i-00000000000000001', '--period', '300', '--statistics', 'Average', 'Maximum',
      '--start-time', iso(NOW - 3_600_000), '--end-time', iso(NOW),
    ]);
    const points = out.Datapoints as { Timestamp: number; Average: number; Maximum: number; Unit: string }[];
    expect(out.Label).toBe('CPUUtilization');
    expect(points).toHaveLength(12);
    expect(points[0]?.Unit).toBe('Percent');
    expect(points[0]?.Timestamp).toBe((NOW - 3_600_000) / 1000);
  });

  it('cloudwatch get-metric-data', async () => {
    const queries = JSON.stringify([
      { Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000001' }] }, Period: 60, Stat: 'Average' } },
    ]);
    const out = await awsJson(['cloudwatch', 'get-metric-data', '--metric-data-queries', queries, '--start-time', iso(NOW - 600_000), '--end-time', iso(NOW)]);
    const [result] = out.MetricDataResults as { Id: string; Values: number[]; Timestamps: string[]; StatusCode: string }[];
    expect(result?.Id).toBe('cpu');
    expect(result?.Values).toHaveLength(10);
    expect(result?.StatusCode).toBe('Complete');
  });

  it('cloudwatch list-metrics', async () => {
    const out = await awsJson(['cloudwatch', 'list-metrics', '--namespace', 'AWS/EC2', '--metric-name', 'NetworkIn']);
    expect(out.Metrics).toHaveLength(10);
  });

  it('logs describe-log-groups and filter-log-events', async () => {
    const groups = await awsJson(['logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/ec2']);
    expect((groups.logGroups as { logGroupName: string }[]).map((g) => g.logGroupName)).toEqual(['/aws/ec2/db', '/aws/ec2/web']);
    const events = await awsJson(['logs', 'filter-log-events', '--log-group-name', '/aws/ec2/web', '--filter-pattern', 'ERROR timeout']);
    expect(events.events).toHaveLength(12);
  });

  it('prints AWS errors for an unknown instance and a bad parameter', async () => {
    const missing = await aws(['ec2', 'describe-instances', '--instance-ids', 'i-0123456789abcdef0']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation');
    const badPeriod = await aws([
      'cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization', '--period', '90',
      '--statistics', 'Average', '--start-time', iso(NOW - 3_600_000), '--end-time', iso(NOW),
    ]);
    expect(badPeriod.code).not.toBe(0);
    expect(badPeriod.stderr).toContain('(InvalidParameterValue)');
  });
});
