// The host checks' gatherer: managed/offline/not-managed, the four checks sent at once and polled on the model's
// clock, the round's deadline, abort, and no SSM call at all without the user's consent.
import { describe, expect, it } from 'vitest';
import { createAppModel } from '../../source/model/app-model.js';
import { gatherEvidence } from '../../source/model/evidence-gatherer.js';
import { createTriageRunner } from '../../source/model/triage-runner.js';
import { gatherHostChecks, HOST_CHECK_TIMEOUT_MS } from '../../source/model/host-checks.js';
import type { HostEvidence, Missing } from '../../source/triage/evidence.js';
import { createFakeAws, makeInstance, makeManaged } from '../helpers/fake-aws.js';
import type { FakeAwsData } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const ID = 'i-1234567890abcdef0';
const FREE = '### free\n              total        used        free      shared  buff/cache   available\nMem:           7812        7580          95           0         137         120\n';

const setup = (ssm: FakeAwsData['ssm']) => {
  const clock = createFakeClock();
  const api = createFakeAws({ instances: [makeInstance({ id: ID })], ssm });
  return { clock, api };
};

const asHost = (x: unknown): HostEvidence => x as HostEvidence;
const asMissing = (x: unknown): Missing['missing'] => (x as Missing).missing;

describe('host checks gatherer', () => {
  it('sends the four checks at once and reads each until it ends, polling once a second', async () => {
    const { clock, api } = setup({
      managed: [makeManaged(ID)],
      invocations: { memory: { statuses: ['InProgress', 'InProgress', 'Success'], stdout: FREE }, cpu: { statuses: ['Pending', 'Success'], stdout: '### nproc\n2\n' } },
    });
    const done = gatherHostChecks(api, ID, { clock });
    await clock.flush();
    expect(api.sentHostChecks.map((s) => s.check)).toEqual(['memory', 'cpu', 'disk', 'ssh']);
    expect(api.calls.getCommandInvocation).toBe(0);
    await clock.advance(1000);
    expect(api.calls.getCommandInvocation).toBe(4);
    await clock.advance(1000);
    await clock.advance(1000);
    const host = asHost(await done);
    expect(host.managed.instanceId).toBe(ID);
    expect(host.checks.memory).toMatchObject({ id: 'memory', status: 'Success', responseCode: 0, stdout: FREE });
    expect(host.checks.cpu).toMatchObject({ id: 'cpu', status: 'Success', stdout: '### nproc\n2\n' });
    expect(Object.keys(host.checks).sort()).toEqual(['cpu', 'disk', 'memory', 'ssh']);
    // memory: 3 reads, cpu: 2, disk and ssh: 1 each.
    expect(api.calls.getCommandInvocation).toBe(7);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('an instance SSM does not manage: a reason that says how to make it managed, and no SendCommand', async () => {
    const { clock, api } = setup({ managed: [] });
    const reason = asMissing(await gatherHostChecks(api, ID, { clock }));
    expect(reason).toMatchObject({ kind: 'not-applicable', action: 'ssm:DescribeInstanceInformation' });
    expect(reason.message).toMatch(/not managed by SSM.*SSM Agent.*AmazonSSMManagedInstanceCore/);
    expect(api.calls.sendHostCheck).toBe(0);
  });

  it('an agent that lost its connection: offline, said so, and no SendCommand', async () => {
    const { clock, api } = setup({ managed: [{ ...makeManaged(ID, 'ConnectionLost'), lastPingAt: new Date('2024-01-15T02:47:00Z') }] });
    const reason = asMissing(await gatherHostChecks(api, ID, { clock }));
    expect(reason.message).toMatch(/SSM Agent offline \(ConnectionLost since 02:47 UTC\): the instance is down/);
    expect(api.calls.sendHostCheck).toBe(0);
  });

  it('a denied DescribeInstanceInformation or SendCommand is said with the IAM action', async () => {
    const denied = setup({ managed: [makeManaged(ID)] });
    denied.api.fail('describeInstanceInformation', { kind: 'denied', action: 'ssm:DescribeInstanceInformation', message: 'no' });
    expect(asMissing(await gatherHostChecks(denied.api, ID, { clock: denied.clock }))).toMatchObject({ kind: 'denied', action: 'ssm:DescribeInstanceInformation' });

    const { clock, api } = setup({ managed: [makeManaged(ID)] });
    api.fail('sendHostCheck', { kind: 'denied', action: 'ssm:SendCommand', message: 'User is not authorized to perform: ssm:SendCommand' });
    const done = gatherHostChecks(api, ID, { clock });
    const host = asHost(await done);
    const memory = asMissing(host.checks.memory);
    expect(memory).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
    expect(memory.message).toMatch(/you lack ssm:SendCommand.*AmazonSSMManagedInstanceCore/);
  });

  it('a command that ends badly says what happened and what to do; a failed one with output keeps it', async () => {
    const { clock, api } = setup({
      managed: [makeManaged(ID)],
      invocations: {
        memory: { statuses: ['DeliveryTimedOut'] },
        cpu: { statuses: ['TimedOut'] },
        disk: { statuses: ['Failed'], stdout: '### df\n/dev/xvda1 8G 8G 0 100% /\n', responseCode: 1 },
        ssh: { statuses: ['Failed'], stderr: 'bash: ss: command not found\n', responseCode: 127 },
      },
    });
    const done = gatherHostChecks(api, ID, { clock });
    await clock.advance(1000);
    const host = asHost(await done);
    expect(asMissing(host.checks.memory).message).toMatch(/memory check: the SSM Agent did not pick the command up \(DeliveryTimedOut\)/);
    expect(asMissing(host.checks.cpu).message).toMatch(/cpu check: the command ran out of time.*\(TimedOut\)/);
    expect(host.checks.disk).toMatchObject({ status: 'Failed', responseCode: 1 });
    expect(asMissing(host.checks.ssh).message).toBe('ssh check: the command failed on the instance (exit 127): bash: ss: command not found');
  });

  it('an invocation not there yet is polled again; one that never ends stops at the deadline with words', async () => {
    const { clock, api } = setup({ managed: [makeManaged(ID)], invocations: { memory: { statuses: ['InProgress'] } } });
    api.fail('getCommandInvocation', { kind: 'not-found', message: 'InvocationDoesNotExist' }, 4);
    const done = gatherHostChecks(api, ID, { clock });
    await clock.advance(2000);
    await clock.advance(HOST_CHECK_TIMEOUT_MS);
    const host = asHost(await done);
    expect(host.checks.cpu).toMatchObject({ status: 'Success' });
    expect(asMissing(host.checks.memory)).toMatchObject({ kind: 'error', action: 'ssm:GetCommandInvocation' });
    expect(asMissing(host.checks.memory).message).toMatch(/memory check: no result in 30 s \(SSM says InProgress\)/);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("the run's signal stops the polling at once", async () => {
    const { clock, api } = setup({ managed: [makeManaged(ID)], invocations: { memory: { statuses: ['InProgress'] } } });
    const controller = new AbortController();
    const done = gatherHostChecks(api, ID, { clock, signal: controller.signal });
    await clock.advance(1000);
    const reads = api.calls.getCommandInvocation;
    controller.abort();
    const result = asMissing(await done);
    expect(result.message).toBe('request cancelled');
    await clock.advance(5000);
    expect(api.calls.getCommandInvocation).toBe(reads);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('without consent the round makes no SSM call at all and Evidence.host stays absent', async () => {
    const { clock, api } = setup({ managed: [makeManaged(ID)] });
    const evidence = await gatherEvidence(api, makeInstance({ id: ID }), { now: clock.now() });
    expect(evidence.host).toBeUndefined();
    expect(api.calls).toMatchObject({ describeInstanceInformation: 0, sendHostCheck: 0, getCommandInvocation: 0 });
  });

  it('with consent the round carries the host evidence, its calls on the timeline', async () => {
    const { clock, api } = setup({ managed: [makeManaged(ID)], invocations: { memory: { statuses: ['Success'], stdout: FREE } } });
    const operations: string[] = [];
    const round = gatherEvidence(api, makeInstance({ id: ID }), { now: clock.now(), hostChecks: { clock }, onCall: (c) => operations.push(c.operation) });
    await clock.advance(1000);
    const evidence = await round;
    expect(asHost(evidence.host).checks.memory).toMatchObject({ stdout: FREE });
    expect(operations.filter((o) => o.startsWith('ssm:'))).toEqual([
      'ssm:DescribeInstanceInformation', 'ssm:SendCommand', 'ssm:SendCommand', 'ssm:SendCommand', 'ssm:SendCommand',
      'ssm:GetCommandInvocation', 'ssm:GetCommandInvocation', 'ssm:GetCommandInvocation', 'ssm:GetCommandInvocation',
    ]);
  });
});


describe('host checks in a triage run', () => {
  it('a run with consent shows a running host step, then what the host said', async () => {
    const { clock, api } = setup({ managed: [makeManaged(ID)], invocations: { memory: { statuses: ['InProgress', 'Success'], stdout: FREE } } });
    const runner = createTriageRunner({ api, clock });
    runner.run(makeInstance({ id: ID }), { hostChecks: true });
    expect(runner.getSnapshot()?.steps.map((s) => [s.id, s.state])).toEqual([
      ['status', 'running'], ['metrics', 'running'], ['logs', 'running'], ['host', 'running'], ['diagnosis', 'running'],
    ]);
    await clock.advance(2000);
    const host = runner.getSnapshot()?.steps.find((s) => s.id === 'host');
    // The step is the engine's: the host's own facts, not a list of what ran.
    expect(host).toMatchObject({ state: 'warning', result: 'Memory nearly exhausted on the host: available memory 120 MiB of 7.6 GiB' });
  });

  it.each([
    ['not managed', [], 'info', /^Not run: not managed by SSM/],
    ['offline', [makeManaged(ID, 'ConnectionLost')], 'warning', /^Not run: SSM Agent offline/],
  ] as const)('the host step says %s', async (_what, managed, state, result) => {
    const { clock, api } = setup({ managed: [...managed] });
    const runner = createTriageRunner({ api, clock });
    runner.run(makeInstance({ id: ID }), { hostChecks: true });
    await clock.flush();
    const host = runner.getSnapshot()?.steps.find((s) => s.id === 'host');
    expect(host?.state).toBe(state);
    expect(host?.result).toMatch(result);
  });

  it('the app model runs host checks only with --diagnostics and after the preview was confirmed', async () => {
    const make = (hasDiagnostics: boolean) => {
      const { clock, api } = setup({ managed: [makeManaged(ID)] });
      const model = createAppModel({
        api, clock, hasDiagnostics, target: { kind: 'aws', region: 'us-east-1', profile: undefined, endpointUrl: undefined },
        isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no writes here')), who: 'test',
      });
      return { clock, api, model };
    };
    const without = make(false);
    expect(without.model.diagnostics).toBeUndefined();
    without.model.runTriage(makeInstance({ id: ID }));
    await without.clock.advance(2000);
    expect(without.api.calls).toMatchObject({ describeInstanceInformation: 0, sendHostCheck: 0 });

    const { clock, api, model } = make(true);
    model.runTriage(makeInstance({ id: ID }));
    await clock.advance(2000);
    expect(api.calls).toMatchObject({ describeInstanceInformation: 0, sendHostCheck: 0 });
    expect(model.diagnostics?.isConfirmed()).toBe(false);
    model.diagnostics?.confirm();
    model.runTriage(makeInstance({ id: ID }));
    await clock.advance(2000);
    expect(api.calls).toMatchObject({ describeInstanceInformation: 1, sendHostCheck: 4 });
    model.stop();
  });
});
