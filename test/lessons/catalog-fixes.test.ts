// The fleet goals of the eight lessons are reachable by the real fix and not before it: each scenario's world,
// the app's own AwsApi and write path over it in-process, the fix the triage recommends (or the command it prints)
// sent as the trainee would, the fleet read by the lesson observer, and each goal judged by the lesson engine.
// Wrong moves are judged the same way (a reboot leaves a failed host failed). disk-full has no fleet goal: the
// fleet has no way to empty the disk, and the app creates no disk alarm (its fix and prevention are questions).
import {
  AllocateAddressCommand, AssociateAddressCommand, AuthorizeSecurityGroupIngressCommand, CreateNetworkAclEntryCommand, DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand, EC2Client, ModifyInstanceCreditSpecificationCommand, ReplaceRouteCommand, DescribeRouteTablesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createAwsActions } from '../../source/aws/actions.js';
import { createAwsApi } from '../../source/aws/index.js';
import type { AlarmSpec } from '../../source/domain/action-types.js';
import { TRAINING_CALLER_CIDR } from '../../source/domain/target.js';
import type { Instance } from '../../source/domain/types.js';
import { lesson as CLOUDWATCH_AGENT } from '../../source/lessons/catalog/cloudwatch-agent.js';
import { lesson as CPU_CREDITS } from '../../source/lessons/catalog/cpu-credits.js';
import { lesson as INSTANCE_CHECK_FAILED } from '../../source/lessons/catalog/instance-check-failed.js';
import { lesson as NO_PUBLIC_IP } from '../../source/lessons/catalog/no-public-ip.js';
import { lesson as SSH_BLOCKED } from '../../source/lessons/catalog/ssh-blocked.js';
import { lesson as SYSTEM_CHECK_FAILED } from '../../source/lessons/catalog/system-check-failed.js';
import { lesson as WONT_START } from '../../source/lessons/catalog/wont-start.js';
import { evaluateGoal } from '../../source/lessons/engine.js';
import type { Verdict } from '../../source/lessons/engine.js';
import type { Goal, Lesson } from '../../source/lessons/types.js';
import { createLessonObserver } from '../../source/model/lesson-observer.js';
import { createStore } from '../../source/model/store.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';
import { alarmSpec } from '../../source/triage/write-plan.js';
import { simRequestHandler } from '../sim/helpers/sdk-adapter.js';

const T0 = Date.UTC(2024, 0, 15, 2, 45, 0);
const MIN = 60_000;
const ME = TRAINING_CALLER_CIDR;

/** A scenario's world at the page (T0 + 5 min), the app's api and write path on it, and the lesson's view of the fleet. */
async function trainee(lesson: Lesson) {
  const clock = { t: T0, now(): number { return this.t; } };
  const world = createWorld({ scenario: lesson.scenario, seed: 1, fleetSize: 0, clock, t0: T0 });
  clock.t = T0 + 5 * MIN;
  const simHandler = createSimHandler(world);
  const config = { region: 'us-east-1', simHandler, maxAttempts: 1 };
  const api = createAwsApi(config);
  const actions = createAwsActions(config, { waiterDelays: { minDelay: 1, maxDelay: 1 } });
  const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, requestHandler: simRequestHandler(simHandler) });
  const observer = createLessonObserver({
    api,
    alarmsFor: (id) => actions.alarmsForInstance(id),
    triage: createStore(undefined),
    journal: createStore({ journal: [] }),
    clock: { now: () => clock.t, setTimeout: () => 0 as never, clearTimeout: () => undefined },
    instanceName: lesson.instance,
    callerCidr: ME,
  });
  const instance = (await api.listInstances()).find((i) => i.name === lesson.instance);
  if (instance === undefined) throw new Error(`no ${lesson.instance}`);
  const id = instance.id;
  /** The verdict of a goal on the fleet as the observer reads it now. */
  const judge = async (goal: Goal): Promise<Verdict> => {
    await observer.refreshNow();
    const facts = observer.getSnapshot();
    return evaluateGoal(goal, {
      now: clock.t, incidentId: facts.incidentId, selectedId: facts.incidentId, focus: 'list', isZoomed: false, metricsRange: '1h', view: undefined,
      markers: 0, runs: facts.runs, actions: facts.actions, isAgentShown: false, isReportSaved: false, fleet: facts.fleet,
    }, lesson);
  };
  const advance = (ms: number): void => {
    clock.t += ms;
  };
  const put = (spec: AlarmSpec): Promise<void> => actions.putMetricAlarm(spec);
  return { world, api, actions, ec2, id, instance, judge, advance, put };
}

/** The goal of the lesson's task `taskId`. */
function goalOf(lesson: Lesson, taskId: string): Goal {
  const task = lesson.tasks.find((t) => t.id === taskId);
  if (task === undefined) throw new Error(`${lesson.id} has no task ${taskId}`);
  return task.goal;
}
function wrongOf(lesson: Lesson, id: string): Goal {
  const w = lesson.tasks.flatMap((t) => t.wrongMoves ?? []).find((x) => x.id === id);
  if (w === undefined) throw new Error(`${lesson.id} has no wrong move ${id}`);
  return w.when;
}
const custom = (instance: Instance, over: Partial<AlarmSpec>): AlarmSpec => ({ ...alarmSpec('high-cpu', instance, 'us-east-1'), ...over });

describe('system-check-failed', () => {
  const L = SYSTEM_CHECK_FAILED;
  it('a reboot is the wrong move and leaves the check failed; a stop and start is the fix; the auto-recover alarm prevents', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    expect(await t.judge(goalOf(L, 'prevent'))).toBe('unmet');
    await t.actions.rebootInstance(t.id);
    t.advance(10 * MIN);
    expect(await t.judge(goalOf(L, 'fix')), 'a reboot stays on the failed host').toBe('unmet');
    await t.actions.stopInstance(t.id);
    t.advance(2 * MIN);
    await t.actions.startInstance(t.id);
    t.advance(10 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
    await t.put(alarmSpec('auto-recover', t.instance, 'us-east-1'));
    expect(await t.judge(goalOf(L, 'prevent'))).toBe('met');
  });
});

describe('instance-check-failed', () => {
  const L = INSTANCE_CHECK_FAILED;
  it('a reboot brings the OS back; the status-check alarm is the prevention', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    expect(await t.judge(goalOf(L, 'prevent'))).toBe('unmet');
    await t.actions.rebootInstance(t.id);
    t.advance(10 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
    await t.put(alarmSpec('status-check', t.instance, 'us-east-1'));
    expect(await t.judge(goalOf(L, 'prevent'))).toBe('met');
  });
});

describe('ssh-blocked', () => {
  const L = SSH_BLOCKED;
  it('port 22 for the trainee\'s /32, the rule the triage prints, makes SSH reachable', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    const groupId = t.instance.securityGroups[0]?.id ?? '';
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: ME }));
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
  });

  it('a rule for someone else\'s address does not count, nor one open to the whole internet', async () => {
    const t = await trainee(L);
    const groupId = t.instance.securityGroups[0]?.id ?? '';
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '198.51.100.9/32' }));
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }));
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
  });
});

describe('no-public-ip', () => {
  const L = NO_PUBLIC_IP;
  it('an Elastic IP gives the address; the route to the internet gateway and the ACL entry make SSH reachable', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'address'))).toBe('unmet');
    expect(await t.judge(goalOf(L, 'route'))).toBe('unmet');
    const alloc = await t.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await t.ec2.send(new AssociateAddressCommand({ InstanceId: t.id, AllocationId: alloc.AllocationId }));
    expect(await t.judge(goalOf(L, 'address'))).toBe('met');
    expect(await t.judge(goalOf(L, 'route')), 'an address alone: replies still go to the NAT gateway').toBe('unmet');
    const vpcId = t.instance.vpcId ?? '';
    const igw = (await t.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways?.[0]?.InternetGatewayId;
    const table = (await t.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [t.instance.subnetId ?? ''] }] }))).RouteTables?.[0]?.RouteTableId;
    await t.ec2.send(new ReplaceRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    const acl = (await t.ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [t.instance.subnetId ?? ''] }] }))).NetworkAcls?.[0];
    expect(await t.judge(goalOf(L, 'route')), "the private subnet's ACL still denies 22").toBe('unmet');
    await t.ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId: acl?.NetworkAclId, RuleNumber: 90, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: ME, PortRange: { From: 22, To: 22 },
    }));
    expect(await t.judge(goalOf(L, 'route'))).toBe('met');
  });
});

describe('wont-start', () => {
  const L = WONT_START;
  it('starting it as another type (the triage\'s first fix) gets it running with both checks ok', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await expect(t.actions.startInstance(t.id), 'the same start fails: no c5.xlarge capacity').rejects.toThrow();
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await t.actions.setInstanceType(t.id, 'c5.large');
    await t.actions.startInstance(t.id);
    t.advance(10 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
  });

  it('another family with the same 8 GiB works too', async () => {
    const t = await trainee(L);
    await t.actions.setInstanceType(t.id, 'm5.large');
    await t.actions.startInstance(t.id);
    t.advance(10 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
  });
});

describe('cpu-credits', () => {
  const L = CPU_CREDITS;
  it('a non-burstable type fixes the credits; the recommended 80% CPU alarm is the wrong move', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await t.actions.stopInstance(t.id);
    t.advance(2 * MIN);
    await t.actions.setInstanceType(t.id, 'm5.large');
    await t.actions.startInstance(t.id);
    t.advance(5 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
    expect(await t.judge(wrongOf(L, 'cpu-alarm'))).toBe('unmet');
    // A credit alarm (what the lesson teaches instead) is not the wrong move.
    await t.put(custom(t.instance, { name: 'pettracker-ml-server-credits', metricName: 'CPUCreditBalance', statistic: 'Minimum', threshold: 100, comparison: 'LessThanThreshold', evaluationPeriods: 1 }));
    expect(await t.judge(wrongOf(L, 'cpu-alarm'))).toBe('unmet');
    await t.put(alarmSpec('high-cpu', t.instance, 'us-east-1'));
    expect(await t.judge(wrongOf(L, 'cpu-alarm'))).toBe('met');
  });

  it('unlimited credit mode fixes them without a stop (the first thing the triage recommends)', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await t.ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: t.id, CpuCredits: 'unlimited' }] }));
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
  });

  it('a larger burstable type fixes the credits too', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('unmet');
    await t.actions.stopInstance(t.id);
    t.advance(2 * MIN);
    await t.actions.setInstanceType(t.id, 't3.xlarge');
    await t.actions.startInstance(t.id);
    t.advance(5 * MIN);
    expect(await t.judge(goalOf(L, 'fix'))).toBe('met');
  });
});

describe('cloudwatch-agent', () => {
  const L = CLOUDWATCH_AGENT;
  it('the memory alarm of the recommended set meets the goal; the CPU alarm alone does not', async () => {
    const t = await trainee(L);
    expect(await t.judge(goalOf(L, 'alarm'))).toBe('unmet');
    await t.put(alarmSpec('high-cpu', t.instance, 'us-east-1'));
    expect(await t.judge(goalOf(L, 'alarm'))).toBe('unmet');
    await t.put(alarmSpec('memory', t.instance, 'us-east-1'));
    expect(await t.judge(goalOf(L, 'alarm'))).toBe('met');
  });
});
