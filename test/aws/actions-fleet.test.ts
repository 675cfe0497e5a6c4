// The write path end to end on the training fleet, through aws/ (the app's own layer): the resize that fixes the
// story's OOM, DryRun and a denied permission in words, and read-only mode proven from the fleet's record.
import { describe, expect, it } from 'vitest';
import { createAwsActions } from '../../source/aws/actions.js';
import { AwsFailure } from '../../source/aws/errors.js';
import { createAwsApi } from '../../source/aws/index.js';
import { triageRound } from '../../source/model/triage-round.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const MIN = 60_000;

function setup(scenario: string, deny: readonly string[] = []) {
  // The world's story starts at the clock's first reading; the tests act five minutes in, after the incident.
  const clock = { t: T0, now(): number { return this.t; } };
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock });
  clock.t = T0 + 5 * MIN;
  const simHandler = createSimHandler(world, { deny });
  const config = { region: 'us-east-1', simHandler, maxAttempts: 1 };
  return { clock, world, actions: createAwsActions(config), api: createAwsApi(config), config };
}

describe('write path on the training fleet', () => {
  it('stop → resize to c5.xlarge → start ends the OOM, and the next triage finds no new kill', async () => {
    const { clock, actions, api } = setup('oom');
    expect(await actions.checkPermission('stop', ML_SERVER_ID)).toBeUndefined();
    expect(await actions.stopInstance(ML_SERVER_ID)).toMatchObject({ previous: 'running', current: 'stopping' });
    clock.t += 2 * MIN;
    await actions.setInstanceType(ML_SERVER_ID, 'c5.xlarge');
    expect(await actions.startInstance(ML_SERVER_ID)).toMatchObject({ previous: 'stopped' });
    clock.t += 3 * 60 * MIN;
    const [instance] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
    expect(instance).toMatchObject({ type: 'c5.xlarge', state: 'running' });
    const run = await triageRound(api, instance!, { now: clock.t, lookbackMs: 2 * 60 * MIN });
    expect(run.result.diagnosis.cause).not.toBe('oom');
  });

  it('a denied action is a denial naming the IAM action, in DryRun too, and nothing changes', async () => {
    const { actions, api } = setup('system-check-failed', ['ec2:StopInstances']);
    expect(await actions.checkPermission('stop', ML_SERVER_ID)).toMatchObject({ kind: 'denied', action: 'ec2:StopInstances' });
    const error = await actions.stopInstance(ML_SERVER_ID).catch((e: unknown) => e);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'ec2:StopInstances' });
    expect((await api.listInstances({ instanceIds: [ML_SERVER_ID] }))[0]?.state).toBe('running');
  });

  it('read-only: every action is refused in aws/ and the fleet records no mutating operation', async () => {
    const { world, config } = setup('oom');
    const actions = createAwsActions({ ...config, isReadOnly: true });
    for (const attempt of [
      () => actions.checkPermission('stop', ML_SERVER_ID),
      () => actions.stopInstance(ML_SERVER_ID),
      () => actions.rebootInstance(ML_SERVER_ID),
      () => actions.setInstanceType(ML_SERVER_ID, 'c5.xlarge'),
      () => actions.putMetricAlarm({ name: 'x', description: '', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML_SERVER_ID }, statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 80, comparison: 'GreaterThanThreshold', alarmActions: [] }),
    ]) {
      const outcome = await attempt().catch((e: unknown) => e);
      const error = outcome instanceof AwsFailure ? outcome.error : outcome;
      expect(error).toMatchObject({ kind: 'denied' });
    }
    expect(world.operations().filter((o) => o.isMutating)).toEqual([]);
  });

  it('the CPU alarm put through aws/ is in ALARM during the OOM spike', async () => {
    const { actions } = setup('oom');
    await actions.putMetricAlarm({
      name: 'pettracker-ml-server-high-cpu', description: 'CPU > 80%', namespace: 'AWS/EC2', metricName: 'CPUUtilization',
      dimensions: { InstanceId: ML_SERVER_ID }, statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 80,
      comparison: 'GreaterThanThreshold', alarmActions: [],
    });
    const [alarm] = await actions.alarmsForInstance(ML_SERVER_ID);
    expect(alarm).toMatchObject({ name: 'pettracker-ml-server-high-cpu', state: 'ALARM', threshold: 80 });
    expect(alarm?.stateReason).toMatch(/Threshold Crossed/);
  });
});
