// The fleet-level ALARM read behind the list's ALARM column: one DescribeAlarms StateValue=ALARM, counted by the
// InstanceId dimension, on the training fleet through aws/.
import { describe, expect, it } from 'vitest';
import { createAwsActions } from '../../source/aws/actions.js';
import { createAwsApi } from '../../source/aws/index.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';

describe('alarmingInstances', () => {
  it('counts the alarms in ALARM per instance; an OK alarm and an instance without any are absent', async () => {
    const t0 = Date.UTC(2024, 0, 15, 2, 44, 52);
    const clock = { t: t0, now(): number { return this.t; } };
    const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
    clock.t = t0 + 5 * 60_000;
    const config = { region: 'us-east-1', simHandler: createSimHandler(world), maxAttempts: 1 };
    const api = createAwsApi(config);
    expect(await api.alarmingInstances()).toEqual(new Map());
    const actions = createAwsActions(config);
    const cpuAbove = (name: string, threshold: number) =>
      actions.putMetricAlarm({
        name, description: '', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML_SERVER_ID },
        statistic: 'Average', period: 300, evaluationPeriods: 2, threshold, comparison: 'GreaterThanThreshold', alarmActions: [],
      });
    // During the OOM spike CPU is near 100 %: above 50 and 80 alarms, above 1000 never.
    await cpuAbove('ml-high-cpu', 80);
    await cpuAbove('ml-busy', 50);
    await cpuAbove('ml-impossible', 1000);
    expect(await api.alarmingInstances()).toEqual(new Map([[ML_SERVER_ID, 2]]));
    expect(world.operations().filter((o) => o.action === 'DescribeAlarms').length).toBeGreaterThanOrEqual(2);
  });
});
