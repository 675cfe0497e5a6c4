// The fleet through the real SDK v3 clients, in-process: proves the wire shapes are what the SDK parses.
import { CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeInstanceStatusCommand, DescribeInstanceTypesCommand, DescribeInstancesCommand, EC2Client, GetConsoleOutputCommand,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import type { GetMetricStatisticsCommandInput } from '@aws-sdk/client-cloudwatch';
import type { _InstanceType } from '@aws-sdk/client-ec2';
import { failure } from './helpers/fleet.js';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { NOW, createFakeWorld } from './helpers/fake-world.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const calls: { service: string; action: string }[] = [];
const handler = createSimHandler(createFakeWorld(), { onRequest: (op) => calls.push(op) });
const config = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  requestHandler: simRequestHandler(handler),
  maxAttempts: 1,
};
const ec2 = new EC2Client(config);
const cloudwatch = new CloudWatchClient(config);
const logs = new CloudWatchLogsClient(config);

describe('EC2 through the SDK', () => {
  it('describes instances with their wire fields', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-00000000000000009'] }));
    const instance = out.Reservations?.[0]?.Instances?.[0];
    expect(instance).toMatchObject({
      InstanceId: 'i-00000000000000009',
      State: { Code: 80, Name: 'stopped' },
      InstanceType: 't3.micro',
      Placement: { AvailabilityZone: 'us-east-1a' },
      Monitoring: { State: 'disabled' },
      PrivateIpAddress: '10.0.0.9',
      StateReason: { Code: 'Client.UserInitiatedShutdown' },
      StateTransitionReason: 'User initiated (2024-06-01 10:00:00 GMT)',
      SecurityGroups: [{ GroupId: 'sg-0123456789abcdef0', GroupName: 'web' }],
      Tags: expect.arrayContaining([{ Key: 'Name', Value: 'web-9' }]),
      PlatformDetails: 'Linux/UNIX',
      Architecture: 'x86_64',
    });
    expect(instance?.LaunchTime).toEqual(new Date(NOW - 48 * 3_600_000));
    expect(instance?.PublicIpAddress).toBeUndefined();
    expect(out.Reservations?.[0]?.OwnerId).toBe('123456789012');
  });

  it('filters (state, tag:Name wildcard, tag-key) and paginates with the SDK paginator', async () => {
    const pages = [];
    for await (const page of paginateDescribeInstances(
      { client: ec2, pageSize: 5 },
      { Filters: [{ Name: 'instance-state-name', Values: ['running'] }, { Name: 'tag:Name', Values: ['web-*'] }, { Name: 'tag-key', Values: ['Team'] }] },
    )) {
      pages.push(page);
    }
    const ids = pages.flatMap((p) => p.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId);
    expect(pages.length).toBe(2);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `i-${n.toString(16).padStart(17, '0')}`));
    expect(pages[1]?.NextToken).toBeUndefined();
    const escaped = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['old & <gone>'] }] }));
    expect(escaped.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('terminated');
  });

  it('reports EC2 errors as typed exceptions with AWS codes and status', async () => {
    const malformed = await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-xyz'] })));
    expect(malformed.name).toBe('InvalidInstanceID.Malformed');
    expect(malformed.$metadata.httpStatusCode).toBe(400);
    const missing = await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
    expect(missing.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
    const combo = await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-00000000000000001'], MaxResults: 5 })));
    expect(combo.name).toBe('InvalidParameterCombination');
    expect((await failure(ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })))).name).toBe('InvalidParameterValue');
    expect((await failure(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] })))).message).toBe("The filter 'bogus' is invalid");
    expect((await failure(ec2.send(new DescribeInstancesCommand({ NextToken: 'forged' })))).name).toBe('InvalidPaginationToken');
    const dryRun = await failure(ec2.send(new DescribeInstancesCommand({ DryRun: true })));
    expect([dryRun.name, dryRun.$metadata.httpStatusCode]).toEqual(['DryRunOperation', 412]);
  });

  it('describes instance status: running only by default, everything with IncludeAllInstances', async () => {
    const running = await ec2.send(new DescribeInstanceStatusCommand({}));
    expect(running.InstanceStatuses?.map((s) => s.InstanceState?.Name)).toEqual(Array(9).fill('running'));
    const all = await ec2.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }));
    expect(all.InstanceStatuses?.length).toBe(11);
    const impaired = all.InstanceStatuses?.find((s) => s.InstanceId === 'i-00000000000000003');
    expect(impaired?.InstanceStatus).toEqual({ Status: 'impaired', Details: [{ Name: 'reachability', Status: 'failed', ImpairedSince: new Date(NOW - 3_600_000) }] });
    expect(impaired?.SystemStatus?.Status).toBe('ok');
    expect(impaired?.AttachedEbsStatus?.Status).toBe('ok');
    const withEvent = all.InstanceStatuses?.find((s) => s.InstanceId === 'i-00000000000000004');
    expect(withEvent?.Events?.[0]).toEqual({
      InstanceEventId: 'instance-event-0abc',
      Code: 'system-maintenance',
      Description: 'Scheduled maintenance',
      NotBefore: new Date(NOW + 24 * 3_600_000),
      NotAfter: new Date(NOW + 26 * 3_600_000),
    });
    expect(all.InstanceStatuses?.find((s) => s.InstanceId === 'i-00000000000000009')?.SystemStatus?.Status).toBe('not-applicable');
    const filtered = await ec2.send(new DescribeInstanceStatusCommand({ Filters: [{ Name: 'instance-status.status', Values: ['impaired'] }] }));
    expect(filtered.InstanceStatuses?.map((s) => s.InstanceId)).toEqual(['i-00000000000000003']);
    const tooMany = Array.from({ length: 101 }, (_, n) => `i-${n.toString(16).padStart(17, '0')}`);
    expect((await failure(ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: tooMany })))).name).toBe('InvalidParameterValue');
  });

  it('describes instance types and rejects unknown ones', async () => {
    const out = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro', 'm5.large'] }));
    expect(out.InstanceTypes?.map((t) => t.InstanceType)).toEqual(['m5.large', 't3.micro']);
    expect(out.InstanceTypes?.[1]).toMatchObject({
      VCpuInfo: { DefaultVCpus: 2 },
      MemoryInfo: { SizeInMiB: 1024 },
      ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
      CurrentGeneration: true,
      BurstablePerformanceSupported: true,
      Hypervisor: 'nitro',
      SupportedVirtualizationTypes: ['hvm'],
    });
    const old = await ec2.send(new DescribeInstanceTypesCommand({ Filters: [{ Name: 'current-generation', Values: ['false'] }] }));
    expect(old.InstanceTypes?.map((t) => t.InstanceType)).toEqual(['m4.large']);
    const unknown = await failure(ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t9.huge' as _InstanceType] })));
    expect(unknown.name).toBe('InvalidInstanceType');
  });

  it('returns console output the SDK hands back base64 (the app decodes it)', async () => {
    const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: 'i-00000000000000001', Latest: true }));
    expect(Buffer.from(out.Output ?? '', 'base64').toString('utf8')).toContain('i-00000000000000001 login: ünïcode ok');
    expect(out.Timestamp).toEqual(new Date(NOW - 60_000));
    expect(out.InstanceId).toBe('i-00000000000000001');
  });
});

describe('CloudWatch through the SDK (JSON 1.0, query-compatible)', () => {
  const start = new Date(NOW - 3_600_000);
  const end = new Date(NOW);
  const stat = (id: string, instance: string, name: string, statistic: string) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: name, Dimensions: [{ Name: 'InstanceId', Value: instance }] }, Period: 300, Stat: statistic },
  });

  it('answers GetMetricData with three queries, newest first by default', async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          stat('cpu', 'i-00000000000000001', 'CPUUtilization', 'Average'),
          { ...stat('net', 'i-00000000000000001', 'NetworkIn', 'Sum'), Label: 'Network in' },
          stat('stopped', 'i-00000000000000009', 'CPUUtilization', 'Maximum'),
        ],
      }),
    );
    const [cpu, net, stopped] = out.MetricDataResults ?? [];
    expect(cpu?.Id).toBe('cpu');
    expect(cpu?.Label).toBe('CPUUtilization');
    expect(cpu?.StatusCode).toBe('Complete');
    expect(cpu?.Timestamps?.length).toBe(12);
    expect(cpu?.Timestamps?.[0]).toEqual(new Date(NOW - 300_000));
    expect(cpu?.Values?.length).toBe(12);
    expect(net?.Label).toBe('Network in');
    expect(stopped?.Values).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it('paginates GetMetricData by MaxDatapoints with PartialData and a NextToken', async () => {
    const input = {
      StartTime: start,
      EndTime: end,
      ScanBy: 'TimestampAscending' as const,
      MaxDatapoints: 10,
      MetricDataQueries: [stat('a', 'i-00000000000000001', 'CPUUtilization', 'Average'), stat('b', 'i-00000000000000002', 'CPUUtilization', 'Average')],
    };
    const first = await cloudwatch.send(new GetMetricDataCommand(input));
    expect(first.MetricDataResults?.map((r) => [r.Values?.length, r.StatusCode])).toEqual([[10, 'PartialData'], [0, 'PartialData']]);
    expect(first.MetricDataResults?.[0]?.Timestamps?.[0]).toEqual(start);
    const second = await cloudwatch.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    expect(second.MetricDataResults?.map((r) => [r.Values?.length, r.StatusCode])).toEqual([[2, 'Complete'], [8, 'PartialData']]);
    const third = await cloudwatch.send(new GetMetricDataCommand({ ...input, NextToken: second.NextToken }));
    expect(third.MetricDataResults?.map((r) => r.Values?.length)).toEqual([0, 4]);
    expect(third.NextToken).toBeUndefined();
  });

  it('answers GetMetricStatistics and ListMetrics', async () => {
    const out = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000001' }],
        StartTime: start, EndTime: end, Period: 300, Statistics: ['Average', 'Maximum'],
      }),
    );
    expect(out.Label).toBe('CPUUtilization');
    expect(out.Datapoints?.length).toBe(12);
    expect(out.Datapoints?.[0]).toMatchObject({ Timestamp: start, Unit: 'Percent' });
    expect((out.Datapoints?.[0]?.Maximum ?? 0) - (out.Datapoints?.[0]?.Average ?? 0)).toBe(5);
    const metrics = await cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000009' }] }));
    expect(metrics.Metrics).toEqual([{ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000009' }] }]);
  });

  it('reports errors as the modeled exceptions (via x-amzn-query-error)', async () => {
    const tooLong = await failure(
      cloudwatch.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', StartTime: new Date(0), EndTime: end, Period: 60, Statistics: ['Average'] })),
    );
    expect([tooLong.name, tooLong.$metadata.httpStatusCode]).toEqual(['InvalidParameterCombinationException', 400]);
    expect(tooLong.message).toMatch(/exceeds the limit of 1,440/);
    const badPeriod = await failure(
      cloudwatch.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', StartTime: start, EndTime: end, Period: 90, Statistics: ['Average'] })),
    );
    expect(badPeriod.name).toBe('InvalidParameterValueException');
    const noStart = await failure(cloudwatch.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', EndTime: end, Period: 60, Statistics: ['Average'] } as GetMetricStatisticsCommandInput)));
    expect(noStart.name).toBe('MissingRequiredParameterException');
    const badId = await failure(cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [stat('Bad-Id', 'i-1', 'CPUUtilization', 'Average')] })));
    expect([badId.name, badId.$metadata.httpStatusCode]).toEqual(['ValidationException', 400]);
    const reversed = await failure(cloudwatch.send(new GetMetricDataCommand({ StartTime: end, EndTime: start, MetricDataQueries: [stat('a', 'i-1', 'CPUUtilization', 'Average')] })));
    expect(reversed.message).toBe('The parameter StartTime must be less than the parameter EndTime.');
    const expression = await failure(cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [{ Id: 'e1', Expression: 'SUM(METRICS())' }] })));
    expect(expression.message).toMatch(/not supported by the training fleet/);
    const token = await failure(cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, NextToken: 'x', MetricDataQueries: [stat('a', 'i-1', 'CPUUtilization', 'Average')] })));
    expect(token.name).toBe('InvalidNextToken');
    const many = Array.from({ length: 501 }, (_, i) => stat(`q${i}`, 'i-1', 'CPUUtilization', 'Average'));
    expect((await failure(cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: many })))).name).toBe('ValidationException');
  });
});

describe('CloudWatch Logs through the SDK (JSON 1.1)', () => {
  it('describes log groups with prefix and paging', async () => {
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/', limit: 1 }));
    expect(out.logGroups).toEqual([
      {
        logGroupName: '/aws/ec2/db', creationTime: NOW - 90 * 3_600_000, metricFilterCount: 0, storedBytes: 999, logGroupClass: 'STANDARD',
        arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/db:*', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/db',
      },
    ]);
    const next = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/', limit: 1, nextToken: out.nextToken }));
    expect(next.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/ec2/web']);
    expect(next.nextToken).toBeUndefined();
  });

  it('filters log events by terms, phrases and alternatives, and paginates', async () => {
    const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/ec2/web', filterPattern: 'ERROR timeout' }));
    expect(errors.events?.length).toBe(12);
    expect(errors.events?.[0]).toMatchObject({ logStreamName: 'i-00000000000000001', timestamp: NOW - 120 * 60_000, message: 'ERROR request 0 took 0 ms connection timeout' });
    expect(errors.searchedLogStreams?.map((s) => s.logStreamName)).toEqual(['i-00000000000000001', 'i-00000000000000002']);
    const phrase = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/ec2/web', filterPattern: '"request 7 took"' }));
    expect(phrase.events?.map((e) => e.message)).toEqual(['INFO request 7 took 21 ms']);
    const either = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/web', filterPattern: '?ERROR ?WARN' }));
    expect(either.events?.length).toBe(24);
    const messages: string[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 50 }, { logGroupName: '/aws/ec2/web', startTime: NOW - 60 * 60_000 })) {
      messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
    }
    expect(messages.length).toBe(60);
    expect(new Set(messages).size).toBe(60);
  });

  it('reports unknown groups and bad parameters as typed exceptions', async () => {
    const missing = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: '/nope' })));
    expect([missing.name, missing.message, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.', 400]);
    const limit = await failure(logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(limit.name).toBe('InvalidParameterException');
    const json = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/ec2/web', filterPattern: '{ $.level = "x" }' })));
    expect(json.name).toBe('InvalidParameterException');
  });
});

describe('routing', () => {
  it('tells onRequest about every routed call', () => {
    expect(calls).toContainEqual({ service: 'ec2', action: 'DescribeInstances' });
    expect(calls).toContainEqual({ service: 'cloudwatch', action: 'GetMetricData' });
    expect(calls).toContainEqual({ service: 'logs', action: 'FilterLogEvents' });
  });
});
