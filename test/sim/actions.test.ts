// The training fleet, alive: instance actions through the real EC2 client, timed in fleet time, and what they fix.
import {
  DescribeInstanceAttributeCommand, DescribeInstancesCommand, GetConsoleOutputCommand,
  ModifyInstanceAttributeCommand, RebootInstancesCommand, StartInstancesCommand, StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { LOG_GROUPS, ML_SERVER_ID } from '../../source/sim/world.js';
import { MIN, SEC, T0, failure, fleet } from './helpers/fleet.js';

const HOUR = 3_600_000;
const id = ML_SERVER_ID;

describe('stop and start', () => {
  it('goes stopping → stopped → pending → running, checks initializing then ok, no metrics while stopped', async () => {
    const f = fleet('healthy');
    const stop = await f.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances?.[0]).toMatchObject({ InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } });
    expect(await f.state()).toBe('stopping');
    f.advance(29 * SEC);
    expect(await f.state()).toBe('stopping');
    f.advance(32 * SEC);
    expect(await f.state()).toBe('stopped');
    expect(await f.checks()).toMatchObject({ instance: 'not-applicable' });
    f.advance(20 * MIN);
    const start = await f.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances?.[0]).toMatchObject({ CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } });
    const startedAt = f.clock.t;
    expect(await f.state()).toBe('pending');
    f.advance(41 * SEC);
    expect(await f.state()).toBe('running');
    expect(await f.checks()).toEqual({ system: 'initializing', instance: 'initializing', reachability: 'initializing' });
    f.advance(4 * MIN);
    expect(await f.checks()).toEqual({ system: 'ok', instance: 'ok', reachability: 'passed' });
    const instance = (await f.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
    expect(instance?.LaunchTime?.getTime()).toBe(startedAt);
    const cpu = f.series('CPUUtilization', startedAt - 25 * MIN, f.clock.t);
    // Nothing in the 20 minutes stopped; data again once running.
    expect(cpu.timestamps.filter((t) => t >= startedAt - 19 * MIN && t < startedAt - 5 * MIN)).toEqual([]);
    expect(cpu.timestamps.at(-1)).toBeGreaterThanOrEqual(startedAt);
    const console = (await f.ec2.send(new GetConsoleOutputCommand({ InstanceId: id }))).Output ?? '';
    const text = Buffer.from(console, 'base64').toString('utf8');
    expect(text).toContain('reboot: Power down');
    expect(text.match(/Linux version/g)).toHaveLength(2);
  });

  it('refuses what EC2 refuses: IncorrectInstanceState, NotFound; modify needs stopped', async () => {
    const f = fleet('healthy');
    const start = await failure(f.ec2.send(new StartInstancesCommand({ InstanceIds: [id] })));
    expect([start.name, start.message, start.$metadata.httpStatusCode]).toEqual(['IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be started.`, 400]);
    const modify = await failure(f.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'c5.xlarge' } })));
    expect([modify.name, modify.message]).toEqual(['IncorrectInstanceState', `The instance '${id}' is not in the 'stopped' state.`]);
    const missing = await failure(f.ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0000000000000dead'] })));
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
    await f.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    f.advance(2 * MIN);
    const stop = await failure(f.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })));
    expect([stop.name, stop.message]).toEqual(['IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be stopped.`]);
    const bad = await failure(f.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'c5.huge' } })));
    expect(bad.name).toBe('InvalidInstanceAttributeValue');
    await f.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'm5.large' } }));
    const attribute = await f.ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'instanceType' }));
    expect(attribute.InstanceType?.Value).toBe('m5.large');
    expect(f.world.operations().filter((o) => o.isMutating).map((o) => `${o.action}:${o.outcome}`)).toEqual([
      'StartInstances:IncorrectInstanceState', 'ModifyInstanceAttribute:IncorrectInstanceState', 'StopInstances:InvalidInstanceID.NotFound',
      'StopInstances:ok', 'StopInstances:IncorrectInstanceState', 'ModifyInstanceAttribute:InvalidInstanceAttributeValue', 'ModifyInstanceAttribute:ok',
    ]);
  });

  it('DryRun answers DryRunOperation, changes nothing, and is recorded', async () => {
    const f = fleet('oom');
    for (const command of [new StopInstancesCommand({ InstanceIds: [id], DryRun: true }), new RebootInstancesCommand({ InstanceIds: [id], DryRun: true })]) {
      const dry = await failure(f.ec2.send(command));
      expect([dry.name, dry.message, dry.$metadata.httpStatusCode]).toEqual(['DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412]);
    }
    expect(await f.state()).toBe('running');
    expect(f.world.actions()).toEqual([]);
    expect(f.world.operations()[0]).toMatchObject({ at: T0, service: 'ec2', action: 'StopInstances', instanceIds: [id], dryRun: true, isMutating: true, outcome: 'DryRunOperation' });
    expect(f.world.operations().filter((o) => o.isMutating && o.outcome === 'ok')).toEqual([]);
  });

  it('a denied action gets UnauthorizedOperation, DryRun or not', async () => {
    const f = fleet('oom', { deny: ['ec2:StopInstances'] });
    for (const dryRun of [true, false]) {
      const denied = await failure(f.ec2.send(new StopInstancesCommand({ InstanceIds: [id], DryRun: dryRun })));
      expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['UnauthorizedOperation', 403]);
      expect(denied.message).toBe(
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/trainee is not authorized to perform: ' +
          `ec2:StopInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/${id} because no identity-based policy allows the ec2:StopInstances action`,
      );
    }
    expect(await f.state()).toBe('running');
    await f.ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    expect(f.world.operations().map((o) => o.outcome)).toEqual(['UnauthorizedOperation', 'UnauthorizedOperation', 'ok', 'ok']);
  });
});

describe('what the actions fix', () => {
  it('system-check-failed: a reboot does not fix it, a stop and start (new hardware) does', async () => {
    const f = fleet('system-check-failed');
    expect((await f.checks()).system).toBe('impaired');
    await f.ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    f.advance(5 * MIN);
    expect((await f.checks()).system).toBe('impaired');
    await f.stopStart();
    const running = f.clock.t;
    f.advance(5 * MIN);
    expect(await f.checks()).toMatchObject({ system: 'ok', instance: 'ok' });
    const failed = f.world.datapoints({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed_System', dimensions: { InstanceId: id } }, running, f.clock.t, 60, 'Maximum');
    expect(failed.values.length).toBeGreaterThan(3);
    expect(failed.values.every((v) => v === 0)).toBe(true);
    f.advance(30 * MIN);
    expect(f.world.logEvents(LOG_GROUPS.app, running, f.clock.t).length).toBeGreaterThan(0);
  });

  it('instance-check-failed: a reboot clears it after a brief initializing, with a fresh boot on the console', async () => {
    const f = fleet('instance-check-failed');
    expect((await f.checks()).instance).toBe('impaired');
    await f.ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    f.advance(20 * SEC);
    expect(await f.checks()).toMatchObject({ instance: 'initializing', system: 'initializing' });
    f.advance(2 * MIN);
    expect(await f.checks()).toMatchObject({ instance: 'ok', system: 'ok' });
    const text = Buffer.from((await f.ec2.send(new GetConsoleOutputCommand({ InstanceId: id }))).Output ?? '', 'base64').toString('utf8');
    const panic = text.indexOf('Kernel panic - not syncing');
    expect(panic).toBeGreaterThan(0);
    expect(text.indexOf('reboot: Restarting system')).toBeGreaterThan(panic);
    expect(text.lastIndexOf('Linux version')).toBeGreaterThan(panic);
    expect(text.trimEnd()).toMatch(/login:$/);
  });

  it('oom: a resize to c5.xlarge ends the kills and memory settles; c5.large (same memory) does not', async () => {
    const kills = (f: ReturnType<typeof fleet>, from: number) =>
      f.world.logEvents(LOG_GROUPS.system, from, f.clock.t).filter((e) => e.message.includes('Out of memory: Kill process'));
    const fixed = fleet('oom');
    fixed.advance(2 * MIN);
    await fixed.stopStart('c5.xlarge');
    const started = fixed.clock.t;
    fixed.advance(HOUR);
    expect(kills(fixed, started)).toEqual([]);
    const mem = fixed.series('mem_used_percent', started + 5 * MIN, fixed.clock.t, 'Maximum', 'CWAgent');
    expect(mem.values.length).toBeGreaterThan(8);
    expect(Math.max(...mem.values)).toBeLessThan(70);
    expect(Math.max(...fixed.series('CPUUtilization', started + 5 * MIN, fixed.clock.t).values)).toBeLessThan(80);
    expect((await fixed.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0]?.InstanceType).toBe('c5.xlarge');

    const same = fleet('oom');
    same.advance(2 * MIN);
    await same.stopStart('c5.large');
    const restarted = same.clock.t;
    same.advance(HOUR);
    expect(kills(same, restarted).length).toBeGreaterThan(0);
  });

  it('wont-start: start fails with InsufficientInstanceCapacity until the type changes', async () => {
    const f = fleet('wont-start');
    const failed = await failure(f.ec2.send(new StartInstancesCommand({ InstanceIds: [id] })));
    expect([failed.name, failed.$metadata.httpStatusCode]).toEqual(['InsufficientInstanceCapacity', 500]);
    expect(failed.message).toMatch(/^We currently do not have sufficient c5\.xlarge capacity in the Availability Zone you requested \(us-east-1a\)\./);
    expect(await f.state()).toBe('stopped');
    await f.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 'm5.xlarge' } }));
    await f.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    f.advance(45 * SEC);
    expect(await f.state()).toBe('running');
    f.advance(10 * MIN);
    expect(f.series('CPUUtilization', f.clock.t - 10 * MIN, f.clock.t).values.length).toBeGreaterThan(0);
  });
});

describe('the query forms the CLI sends', () => {
  it('ModifyInstanceAttribute takes Attribute=instanceType&Value=…; alarms take the awsQuery form', async () => {
    const f = fleet('healthy');
    f.world.instanceAction(id, { kind: 'stop' }, true);
    f.advance(2 * MIN);
    const handler = createSimHandler(f.world);
    const post = (body: string) => handler({ method: 'POST', path: '/', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const modify = await post(`Action=ModifyInstanceAttribute&Version=2016-11-15&InstanceId=${id}&Attribute=instanceType&Value=c5.xlarge`);
    expect([modify.status, modify.body]).toEqual([200, expect.stringContaining('<return>true</return>')]);
    expect(f.world.instance(id)?.type).toBe('c5.xlarge');
    const put = await post(
      'Action=PutMetricAlarm&Version=2010-08-01&AlarmName=cpu&MetricName=CPUUtilization&Namespace=AWS%2FEC2&Statistic=Average&Period=300' +
        `&EvaluationPeriods=2&Threshold=80&ComparisonOperator=GreaterThanThreshold&Dimensions.member.1.Name=InstanceId&Dimensions.member.1.Value=${id}` +
        '&TreatMissingData=notBreaching',
    );
    expect(put.status).toBe(200);
    const described = await post('Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=cpu');
    expect(described.body).toContain('<AlarmName>cpu</AlarmName>');
    // Stopped: no data, treated as not breaching.
    expect(described.body).toContain('<StateValue>OK</StateValue>');
    expect(described.body).toContain('<TreatMissingData>notBreaching</TreatMissingData>');
  });
});
