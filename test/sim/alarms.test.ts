// CloudWatch alarms on the training fleet through the real CloudWatch client: the reference's four alarms read
// back as put, evaluated against the fleet's metrics, with history, and ec2:recover recovering the instance.
import {
  CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, DescribeAlarmsForMetricCommand, PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { ML_SERVER_ID } from '../../source/sim/world.js';
import { failure, fleet } from './helpers/fleet.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const MIN = 60_000;
const id = ML_SERVER_ID;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:pettracker-alerts';
const dimensions = [{ Name: 'InstanceId', Value: id }];

/** The reference's alarms for the ML server (CPU, status check, auto-recover, memory). */
const RECOMMENDED: readonly PutMetricAlarmCommandInput[] = [
  { AlarmName: 'pettracker-ml-high-cpu', AlarmDescription: 'Alert when CPU exceeds 80%', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 300, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 2, Dimensions: dimensions, AlarmActions: [TOPIC] },
  { AlarmName: 'pettracker-ml-status-check', AlarmDescription: 'Alert on status check failure', MetricName: 'StatusCheckFailed', Namespace: 'AWS/EC2', Statistic: 'Maximum', Period: 60, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 2, Dimensions: dimensions, AlarmActions: [TOPIC] },
  { AlarmName: 'pettracker-ml-auto-recover', MetricName: 'StatusCheckFailed_System', Namespace: 'AWS/EC2', Statistic: 'Maximum', Period: 60, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 2, Dimensions: dimensions, AlarmActions: ['arn:aws:automate:us-east-1:ec2:recover'] },
  { AlarmName: 'pettracker-ml-memory', MetricName: 'mem_used_percent', Namespace: 'CWAgent', Statistic: 'Average', Period: 300, Threshold: 85, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 2, Dimensions: dimensions, AlarmActions: [TOPIC], TreatMissingData: 'missing' },
];

function alarmFleet(scenario: string, deny: readonly string[] = []) {
  const f = fleet(scenario);
  const cloudwatch = new CloudWatchClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: simRequestHandler(createSimHandler(f.world, { deny })),
    maxAttempts: 1,
  });
  const put = async (): Promise<void> => {
    for (const alarm of RECOMMENDED) await cloudwatch.send(new PutMetricAlarmCommand(alarm));
  };
  const alarm = async (name: string) => (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
  return { ...f, cloudwatch, put, alarm };
}

describe('alarms', () => {
  it('reads the recommended set back as it was put', async () => {
    const f = alarmFleet('healthy');
    await f.put();
    const out = await f.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'pettracker-ml-' }));
    const alarms = out.MetricAlarms ?? [];
    expect(alarms.map((a) => a.AlarmName)).toEqual(RECOMMENDED.map((a) => a.AlarmName).slice().sort());
    for (const input of RECOMMENDED) {
      const got = alarms.find((a) => a.AlarmName === input.AlarmName);
      expect(got).toMatchObject({ ...input, ActionsEnabled: true, OKActions: [], InsufficientDataActions: [] });
      expect(got?.AlarmArn).toBe(`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${input.AlarmName ?? ''}`);
      expect(['OK', 'ALARM', 'INSUFFICIENT_DATA']).toContain(got?.StateValue);
    }
    // Healthy: CPU and status check OK straight away.
    expect((await f.alarm('pettracker-ml-high-cpu'))?.StateValue).toBe('OK');
    const forMetric = await f.cloudwatch.send(new DescribeAlarmsForMetricCommand({ MetricName: 'StatusCheckFailed_System', Namespace: 'AWS/EC2', Dimensions: dimensions }));
    expect(forMetric.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['pettracker-ml-auto-recover']);
    // Same name = update, not a duplicate.
    await f.cloudwatch.send(new PutMetricAlarmCommand({ ...RECOMMENDED[0], Threshold: 90 } as PutMetricAlarmCommandInput));
    expect((await f.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toHaveLength(4);
    expect((await f.alarm('pettracker-ml-high-cpu'))?.Threshold).toBe(90);
    await f.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['pettracker-ml-memory'] }));
    expect((await f.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toHaveLength(3);
    const missing = await failure(f.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['nope'] })));
    expect(missing.name).toBe('ResourceNotFound');
  });

  it('the CPU alarm goes to ALARM during the OOM spike, with AWS-style reasons and history', async () => {
    const f = alarmFleet('oom');
    f.advance(-30 * MIN);
    await f.put();
    expect((await f.alarm('pettracker-ml-high-cpu'))?.StateValue).toBe('OK');
    f.advance(35 * MIN);
    const cpu = await f.alarm('pettracker-ml-high-cpu');
    expect(cpu?.StateValue).toBe('ALARM');
    expect(cpu?.StateReason).toMatch(
      /^Threshold Crossed: 2 out of the last 2 datapoints \[\d+(\.\d+)? \(15\/01\/24 02:\d\d:00\), \d+(\.\d+)? \(15\/01\/24 02:\d\d:00\)\] were greater than the threshold \(80\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/,
    );
    expect(JSON.parse(cpu?.StateReasonData ?? '{}')).toMatchObject({ version: '1.0', statistic: 'Average', period: 300, threshold: 80 });
    const history = await f.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'pettracker-ml-high-cpu', HistoryItemType: 'StateUpdate' }));
    const summaries = history.AlarmHistoryItems?.map((h) => h.HistorySummary);
    expect(summaries?.[0]).toBe('Alarm updated from OK to ALARM');
    expect(summaries).toContain('Alarm updated from INSUFFICIENT_DATA to OK');
    const item = history.AlarmHistoryItems?.[0];
    expect(JSON.parse(item?.HistoryData ?? '{}')).toMatchObject({ oldState: { stateValue: 'OK' }, newState: { stateValue: 'ALARM' } });
    expect(item?.Timestamp?.getTime()).toBe(cpu?.StateUpdatedTimestamp?.getTime());
    const all = await f.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'pettracker-ml-high-cpu' }));
    expect(all.AlarmHistoryItems?.map((h) => h.HistoryItemType)).toContain('ConfigurationUpdate');
    expect(all.AlarmHistoryItems?.some((h) => h.HistorySummary === `Successfully executed action ${TOPIC}`)).toBe(true);
    expect((await f.cloudwatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))).MetricAlarms?.map((a) => a.AlarmName)).toContain('pettracker-ml-high-cpu');
  });

  it('the auto-recover alarm recovers a system-check-failed instance', async () => {
    const f = alarmFleet('system-check-failed');
    await f.put();
    expect((await f.alarm('pettracker-ml-auto-recover'))?.StateValue).toBe('ALARM');
    const actions = await f.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'pettracker-ml-auto-recover', HistoryItemType: 'Action' }));
    expect(actions.AlarmHistoryItems?.[0]?.HistorySummary).toBe('Successfully executed action arn:aws:automate:us-east-1:ec2:recover');
    expect(f.world.actions()).toMatchObject([{ instanceId: id, kind: 'recover' }]);
    f.advance(6 * MIN);
    expect(await f.checks()).toMatchObject({ system: 'ok', instance: 'ok' });
    expect((await f.alarm('pettracker-ml-auto-recover'))?.StateValue).toBe('OK');
  });

  it('a denied PutMetricAlarm gets AccessDenied and creates nothing', async () => {
    const f = alarmFleet('oom', ['cloudwatch:PutMetricAlarm']);
    const denied = await failure(f.cloudwatch.send(new PutMetricAlarmCommand(RECOMMENDED[0] as PutMetricAlarmCommandInput)));
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(denied.message).toContain('is not authorized to perform: cloudwatch:PutMetricAlarm');
    expect((await f.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
    expect(f.world.operations().map((o) => `${o.action}:${o.outcome}:${o.alarmNames.join()}`)).toEqual([
      'PutMetricAlarm:AccessDenied:pettracker-ml-high-cpu', 'DescribeAlarms:ok:',
    ]);
  });
});
