// Issue 9, "Fleet conformance": what the fleet answers where it used to differ from AWS (checked against the AWS
// service models and moto): datapoints never before StartTime, DescribeInstanceAttribute's codes, UnknownParameter,
// and CloudWatch features the fleet does not compute refused as AWS refuses a value it cannot serve.
import { CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { failure, MIN, T0 } from './helpers/fleet.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const clock = { now: (): number => T0 + 5 * MIN };
const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
const handler = createSimHandler(world);
const config = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: simRequestHandler(handler), maxAttempts: 1 };
const ec2 = new EC2Client(config);
const cloudwatch = new CloudWatchClient(config);
const logs = new CloudWatchLogsClient(config);
const dimensions = [{ Name: 'InstanceId', Value: ML_SERVER_ID }];

const post = (body: string) => handler({ method: 'POST', path: '/', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'x' }, body });
const codeOf = (xml: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

describe('datapoints start at StartTime, rounded down to the minute, whatever the period', () => {
  // 1 h 3 min 17 s before "now": on no period boundary.
  const start = new Date(clock.now() - 63 * MIN - 17_000);
  const floor = Math.floor(start.getTime() / MIN) * MIN;
  const end = new Date(clock.now());

  // The instance has basic monitoring (5-minute data): a 60-second period shows the 5-minute points from StartTime on.
  it.each([300, 600, 3600])('GetMetricStatistics, period %i s: buckets at StartTime + k·period', async (period) => {
    const out = await cloudwatch.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: dimensions, StartTime: start, EndTime: end, Period: period, Statistics: ['Average'] }),
    );
    const times = (out.Datapoints ?? []).map((d) => d.Timestamp?.getTime() ?? 0).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(0);
    expect(times[0]).toBe(floor);
    for (const [i, t] of times.entries()) expect(t).toBe(floor + i * period * 1000);
  });

  it.each([60, 300])('GetMetricData and GetMetricStatistics, period %i s: nothing before StartTime', async (period) => {
    const stats = await cloudwatch.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: dimensions, StartTime: start, EndTime: end, Period: period, Statistics: ['Maximum'] }),
    );
    const statTimes = (stats.Datapoints ?? []).map((d) => d.Timestamp?.getTime() ?? 0);
    expect(statTimes.length).toBeGreaterThan(0);
    expect(Math.min(...statTimes)).toBeGreaterThanOrEqual(floor);

    for (const ScanBy of ['TimestampAscending', 'TimestampDescending'] as const) {
      const out = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: start, EndTime: end, ScanBy,
          MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: dimensions }, Period: period, Stat: 'Maximum' } }],
        }),
      );
      const times = (out.MetricDataResults?.[0]?.Timestamps ?? []).map((t) => t.getTime());
      expect(times.slice().sort((a, b) => a - b)).toEqual(statTimes.slice().sort((a, b) => a - b));
    }
  });
});

describe('DescribeInstanceAttribute', () => {
  const describeAttribute = (Attribute: string) => ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: ML_SERVER_ID, Attribute: Attribute as 'instanceType' }));

  it('refuses an attribute outside the model with InvalidParameterValue, as EC2 and moto do', async () => {
    for (const attribute of ['bogus', 'enaSupport']) {
      const error = await failure(describeAttribute(attribute));
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual([
        'InvalidParameterValue', 400, `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      ]);
    }
  });

  it('answers the model\'s attributes from the instance DescribeInstances shows', async () => {
    expect((await describeAttribute('instanceType')).InstanceType?.Value).toBe('c5.large');
    expect((await describeAttribute('rootDeviceName')).RootDeviceName?.Value).toBe('/dev/xvda');
    expect((await describeAttribute('disableApiTermination')).DisableApiTermination?.Value).toBe(false);
    expect((await describeAttribute('instanceInitiatedShutdownBehavior')).InstanceInitiatedShutdownBehavior?.Value).toBe('stop');
    expect((await describeAttribute('groupSet')).Groups?.map((g) => g.GroupId)).toEqual(world.instance(ML_SERVER_ID)?.securityGroups.map((g) => g.id));
    expect((await describeAttribute('blockDeviceMapping')).BlockDeviceMappings?.[0]?.DeviceName).toBe('/dev/xvda');
    expect((await describeAttribute('kernel')).InstanceId).toBe(ML_SERVER_ID);
  });
});

describe('unknown Query parameters', () => {
  it('answers Bogus=1 on DescribeInstances with 400 UnknownParameter, as EC2 does', async () => {
    const res = await post('Action=DescribeInstances&Version=2016-11-15&Bogus=1');
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('UnknownParameter');
    expect(res.body).toContain('<Message>The parameter Bogus is not recognized</Message>');
  });

  it('names a structured unknown by its top-level name and accepts signing fields in the URL', async () => {
    expect(codeOf((await post('Action=DescribeInstances&Version=2016-11-15&Filters.1.Name=x')).body)).toBe('UnknownParameter');
    const signed = await handler({
      method: 'GET', path: '/', headers: {}, body: '',
      query: { Action: 'DescribeInstances', Version: '2016-11-15', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': '20240115T000000Z' },
    });
    expect(signed.status).toBe(200);
  });
});

describe('filter limits', () => {
  it('refuses more than 200 values in a filter, or more than 50 filters, with FilterLimitExceeded', async () => {
    const values = Array.from({ length: 201 }, (_, i) => `Filter.1.Value.${i + 1}=*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b${i}`).join('&');
    expect(codeOf((await post(`Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag:Name&${values}`)).body)).toBe('FilterLimitExceeded');
    const filters = Array.from({ length: 51 }, (_, i) => `Filter.${i + 1}.Name=tag:Name&Filter.${i + 1}.Value.1=x`).join('&');
    expect(codeOf((await post(`Action=DescribeInstances&Version=2016-11-15&${filters}`)).body)).toBe('FilterLimitExceeded');
    const ok = await post(`Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag:Name&Filter.1.Value.1=${'*a'.repeat(30)}b`);
    expect(ok.status).toBe(200);
  });
});

describe('CloudWatch features the fleet does not compute: 400 InvalidParameterValue', () => {
  const start = new Date(clock.now() - 60 * MIN);
  const end = new Date(clock.now());
  const metric = { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: dimensions };
  const cases: [string, () => Promise<unknown>][] = [
    ['GetMetricStatistics ExtendedStatistics', () => cloudwatch.send(new GetMetricStatisticsCommand({ ...metric, StartTime: start, EndTime: end, Period: 60, ExtendedStatistics: ['p99'] }))],
    ['GetMetricData percentile Stat', () => cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [{ Id: 'p', MetricStat: { Metric: metric, Period: 60, Stat: 'p99' } }] }))],
    ['GetMetricData trimmed-mean Stat', () => cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [{ Id: 'p', MetricStat: { Metric: metric, Period: 60, Stat: 'TM(10%:90%)' } }] }))],
    ['GetMetricData metric math', () => cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [{ Id: 'e1', Expression: 'SUM(METRICS())' }] }))],
    ['PutMetricAlarm ExtendedStatistic', () => cloudwatch.send(new PutMetricAlarmCommand({ AlarmName: 'a', ...metric, ExtendedStatistic: 'p99', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }))],
    ['PutMetricAlarm metric math', () => cloudwatch.send(new PutMetricAlarmCommand({ AlarmName: 'a', Metrics: [{ Id: 'e1', Expression: 'm1*2' }], EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }))],
  ];
  it.each(cases)('%s', async (_name, call) => {
    const error = await failure(call());
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidParameterValueException', 400]);
    expect(error.message).toMatch(/not supported by the training fleet/);
  });

  it('refuses JSON and space-delimited log filter patterns with InvalidParameterException (Logs\' code)', async () => {
    for (const filterPattern of ['{ $.level = "ERROR" }', '[ip, user, status=500]']) {
      const error = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: '/pettracker/ml-server', filterPattern })));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidParameterException', 400]);
    }
  });
});
