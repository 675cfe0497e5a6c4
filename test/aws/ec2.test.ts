// EC2 mapping (statuses, instances, console text) and call behaviour (Latest fallback, chunking, aborts).
import { describe, expect, it } from 'vitest';
import { decodeConsoleOutput, toInstance, toInstanceStatus, toStatusCheck } from '../../source/aws/ec2.js';
import { AwsFailure, createAwsApi } from '../../source/aws/index.js';
import { ec2Error, ec2Xml, stubHandler } from './stub.js';

describe('status mapping', () => {
  it('maps every SummaryStatus value and keeps details', () => {
    for (const status of ['ok', 'impaired', 'initializing', 'insufficient-data', 'not-applicable'] as const) {
      expect(toStatusCheck({ Status: status }).status).toBe(status);
    }
    const since = new Date('2024-01-15T02:50:00Z');
    expect(toStatusCheck({ Status: 'impaired', Details: [{ Name: 'reachability', Status: 'failed', ImpairedSince: since }] })).toEqual({
      status: 'impaired',
      details: [{ name: 'reachability', status: 'failed', impairedSince: since }],
    });
  });

  it('treats a missing summary as not-applicable and an unknown value as insufficient-data', () => {
    expect(toStatusCheck(undefined).status).toBe('not-applicable');
    expect(toStatusCheck({ Status: 'brand-new' as 'ok' }).status).toBe('insufficient-data');
  });

  it('maps an instance status with attached EBS and events', () => {
    const status = toInstanceStatus({
      InstanceId: 'i-1',
      AvailabilityZone: 'us-east-1a',
      InstanceState: { Name: 'running', Code: 16 },
      SystemStatus: { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] },
      InstanceStatus: { Status: 'impaired', Details: [{ Name: 'reachability', Status: 'failed' }] },
      AttachedEbsStatus: { Status: 'ok', Details: [] },
      Events: [{ InstanceEventId: 'instance-event-1', Code: 'system-reboot', Description: 'scheduled reboot', NotBefore: new Date(0) }],
    });
    expect(status).toMatchObject({ instanceId: 'i-1', state: 'running', az: 'us-east-1a', system: { status: 'ok' }, instance: { status: 'impaired' }, ebs: { status: 'ok' } });
    expect(status.events).toEqual([{ id: 'instance-event-1', code: 'system-reboot', description: 'scheduled reboot', notBefore: new Date(0), notAfter: undefined }]);
    expect(toInstanceStatus({ InstanceId: 'i-2', InstanceState: { Name: 'stopped' } })).toMatchObject({ state: 'stopped', ebs: undefined, system: { status: 'not-applicable' } });
  });

  it('takes the name from the Name tag', () => {
    const instance = toInstance({ InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'env', Value: 'prod' }], State: { Name: 'running' }, Monitoring: { State: 'enabled' } });
    expect(instance).toMatchObject({ id: 'i-1', name: 'web', tags: { Name: 'web', env: 'prod' }, state: 'running', isDetailedMonitoring: true });
    expect(toInstance({ InstanceId: 'i-2' }).name).toBe('');
  });
});

describe('console output', () => {
  it('decodes base64 to UTF-8', () => {
    expect(decodeConsoleOutput(Buffer.from('[  OK  ] Started sshd ✓\n', 'utf8').toString('base64'))).toBe('[  OK  ] Started sshd ✓\n');
    expect(decodeConsoleOutput(undefined)).toBe('');
    expect(decodeConsoleOutput('')).toBe('');
  });

  it('retries once without Latest when the type does not support it', async () => {
    const text = 'Out of memory: Kill process 1234 (python3)\n';
    const { handler, calls } = stubHandler((r) =>
      r.fields.Latest === 'true'
        ? ec2Error('UnsupportedOperation', 'This instance type does not support the Latest parameter.')
        : ec2Xml('GetConsoleOutput', `<instanceId>i-1</instanceId><timestamp>2024-01-15T02:46:00.000Z</timestamp><output>${Buffer.from(text).toString('base64')}</output>`),
    );
    const out = await createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 1 }).getConsoleOutput('i-1', { latest: true });
    expect(out).toEqual({ instanceId: 'i-1', timestamp: new Date('2024-01-15T02:46:00Z'), text });
    expect(calls.map((c) => c.fields.Latest)).toEqual(['true', undefined]);
  });

  it('does not retry other failures', async () => {
    const { handler, calls } = stubHandler(() => ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-1' does not exist"));
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 1 });
    await expect(api.getConsoleOutput('i-1', { latest: true })).rejects.toMatchObject({ error: { kind: 'not-found' } });
    expect(calls).toHaveLength(1);
  });
});

describe('chunking', () => {
  it('sends at most 100 ids per DescribeInstanceStatus and DescribeInstanceTypes call', async () => {
    const { handler, calls } = stubHandler((r) =>
      r.action === 'DescribeInstanceStatus' ? ec2Xml(r.action, '<instanceStatusSet/>') : ec2Xml(r.action, '<instanceTypeSet/>'),
    );
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 1 });
    const ids = Array.from({ length: 250 }, (_, i) => `i-${String(i).padStart(17, '0')}`);
    await api.describeStatuses(ids);
    const sizes = calls.map((c) => Object.keys(c.fields).filter((k) => k.startsWith('InstanceId.')).length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.fields.IncludeAllInstances === 'true')).toBe(true);
    calls.length = 0;
    await api.describeInstanceTypes(['c5.large', 'c5.large', 't3.micro']);
    expect(calls).toHaveLength(1);
    expect(Object.keys(calls[0]?.fields ?? {}).filter((k) => k.startsWith('InstanceType.'))).toHaveLength(2);
    expect(await api.describeStatuses([])).toEqual([]);
  });
});

describe('aborts', () => {
  it('an abort while the fleet is answering rejects with aborted', async () => {
    const { handler } = stubHandler(() => new Promise(() => undefined));
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 3 });
    const controller = new AbortController();
    const pending = api.listInstances({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const failure = await pending.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsFailure);
    expect((failure as AwsFailure).error.kind).toBe('aborted');
  });

  it('an already-aborted signal never reaches the fleet', async () => {
    const { handler, calls } = stubHandler(() => ec2Xml('DescribeInstances', '<reservationSet/>'));
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler });
    await expect(api.listInstances({ signal: AbortSignal.abort() })).rejects.toMatchObject({ error: { kind: 'aborted' } });
    expect(calls).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries a throttled call with backoff (adaptive) and succeeds', async () => {
    let n = 0;
    const { handler, calls } = stubHandler(() => (n++ === 0 ? ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503) : ec2Xml('DescribeInstances', '<reservationSet/>')));
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 3 });
    expect(await api.listInstances()).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('gives up after maxAttempts with throttled', async () => {
    const { handler, calls } = stubHandler(() => ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503));
    const api = createAwsApi({ region: 'us-east-1', simHandler: handler, maxAttempts: 2 });
    await expect(api.describeStatuses(undefined)).rejects.toMatchObject({ error: { kind: 'throttled' } });
    expect(calls).toHaveLength(2);
  });
});
