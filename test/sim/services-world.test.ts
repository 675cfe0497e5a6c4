// The wire services over the real world model (source/sim/world.ts), through the SDK clients in-process.
import { CloudWatchClient, GetMetricDataCommand, paginateListMetrics } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeInstanceStatusCommand, DescribeInstanceTypesCommand, EC2Client, GetConsoleOutputCommand, paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import type { _InstanceType } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { LOG_GROUPS, ML_SERVER_ID, createWorld } from '../../source/sim/world.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');
let now = T0;
const world = createWorld({ scenario: 'oom', seed: 7, fleetSize: 300, clock: { now: () => now } });
// Ten minutes in: the first OOM kill (T0 + 20 s) has happened and been logged.
now = T0 + 10 * 60_000;

const config = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: simRequestHandler(createSimHandler(world)), maxAttempts: 1 };
const ec2 = new EC2Client(config);
const cloudwatch = new CloudWatchClient(config);
const logs = new CloudWatchLogsClient(config);

describe('the training world through the wire', () => {
  it('lists the whole fleet through the paginator, ids unique and sorted', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 100 }, {})) {
      ids.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? ''));
    }
    expect(ids.length).toBe(world.instances().length);
    expect(ids).toContain(ML_SERVER_ID);
    expect([...ids].sort()).toEqual(ids);
  });

  it('describes statuses and the types in use', async () => {
    const statuses = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [ML_SERVER_ID], IncludeAllInstances: true }));
    expect(statuses.InstanceStatuses?.[0]?.InstanceId).toBe(ML_SERVER_ID);
    const types = [...new Set(world.instances().map((i) => i.type))];
    const described = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: types as _InstanceType[] }));
    expect(described.InstanceTypes?.map((t) => t.InstanceType).sort()).toEqual([...types].sort());
  });

  it('returns the ML server console output', async () => {
    const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: ML_SERVER_ID }));
    expect(Buffer.from(out.Output ?? '', 'base64').toString('utf8').length).toBeGreaterThan(0);
  });

  it('lists the ML server metrics and fetches them all in one GetMetricData', async () => {
    const metrics = [];
    for await (const page of paginateListMetrics({ client: cloudwatch }, { Dimensions: [{ Name: 'InstanceId', Value: ML_SERVER_ID }] })) {
      metrics.push(...(page.Metrics ?? []));
    }
    expect(metrics.map((m) => m.MetricName)).toContain('CPUUtilization');
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3_600_000),
        EndTime: new Date(now),
        MetricDataQueries: metrics.map((metric, i) => ({ Id: `m${i}`, MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } })),
      }),
    );
    const cpu = out.MetricDataResults?.[metrics.findIndex((m) => m.MetricName === 'CPUUtilization' && m.Namespace === 'AWS/EC2')];
    // Basic monitoring: the world keeps 5-minute data, so an hour at Period 60 still yields ~12 points.
    expect(cpu?.Values?.length).toBeGreaterThanOrEqual(10);
    expect(cpu?.StatusCode).toBe('Complete');
  });

  it('finds the OOM kill in the system log group', async () => {
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(expect.arrayContaining([LOG_GROUPS.system, LOG_GROUPS.app]));
    const hits: string[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName: LOG_GROUPS.system, startTime: T0 - 3_600_000, filterPattern: '"Out of memory"' })) {
      hits.push(...(page.events ?? []).map((e) => e.message ?? ''));
    }
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits[0]).toContain('(python3)');
  });
});
