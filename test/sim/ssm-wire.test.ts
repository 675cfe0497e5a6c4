// Systems Manager through the real SDK v3 client, in-process: the JSON 1.1 wire shapes the SDK parses, its
// error names, and the fleet's record of every SSM call.
import {
  DescribeInstanceInformationCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, SSMClient, SendCommandCommand,
  StartSessionCommand, TerminateSessionCommand, paginateDescribeInstanceInformation,
} from '@aws-sdk/client-ssm';
import { failure } from './helpers/fleet.js';
import { describe, expect, it } from 'vitest';
import { hostCheckCommands } from '../../source/domain/host-checks.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { NOW, createFakeWorld } from './helpers/fake-world.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

let now = NOW;
const world = createFakeWorld({ now: () => now });
const ssm = new SSMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  requestHandler: simRequestHandler(createSimHandler(world)),
  maxAttempts: 1,
});

describe('SSM through the SDK', () => {
  it('starts a session on an online managed instance the way AWS answers it, and terminates it', async () => {
    const out = await ssm.send(new StartSessionCommand({ Target: 'i-00000000000000001' }));
    expect(out.SessionId).toMatch(/^trainee-[0-9a-f]{17}$/);
    expect(out.StreamUrl).toBe(`wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/${out.SessionId ?? ''}?role=publish_subscribe`);
    expect(out.TokenValue).toMatch(/^[A-Za-z0-9+/]{100,}$/);
    const ended = await ssm.send(new TerminateSessionCommand({ SessionId: out.SessionId }));
    expect(ended.SessionId).toBe(out.SessionId);
    const record = world.operations().filter((o) => o.service === 'ssm').map((o) => [o.action, o.instanceIds.join(','), o.isMutating, o.outcome]);
    expect(record.slice(-2)).toEqual([['StartSession', 'i-00000000000000001', true, 'ok'], ['TerminateSession', '', true, 'ok']]);
  });

  it('refuses a session with an unmanaged, offline or unknown target (TargetNotConnected), and an unknown document', async () => {
    for (const target of ['i-00000000000000008', 'i-00000000000000003', 'i-00000000000000009', 'i-0000000000000dead']) {
      const error = await failure(ssm.send(new StartSessionCommand({ Target: target })));
      expect(error.name).toBe('TargetNotConnected');
      expect(error.message).toBe(`${target} is not connected.`);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    const bad = await failure(ssm.send(new StartSessionCommand({ Target: 'i-00000000000000001', DocumentName: 'My-Own-Doc' })));
    expect(bad.name).toBe('InvalidDocument');
  });

  it('describes managed instances: unmanaged ones are absent, offline ones ConnectionLost; filters and pages', async () => {
    const all = await ssm.send(new DescribeInstanceInformationCommand({}));
    const ids = all.InstanceInformationList?.map((i) => i.InstanceId);
    expect(ids).not.toContain('i-00000000000000008');
    expect(ids).not.toContain('i-0000000000000000a');
    const byId = new Map(all.InstanceInformationList?.map((i) => [i.InstanceId, i]));
    expect(byId.get('i-00000000000000001')).toMatchObject({ PingStatus: 'Online', PlatformName: 'Amazon Linux', PlatformVersion: '2023', AgentVersion: '3.3.1142.0', ResourceType: 'EC2Instance' });
    expect(byId.get('i-00000000000000009')?.PingStatus).toBe('ConnectionLost');
    expect(byId.get('i-00000000000000001')?.LastPingDateTime).toBeInstanceOf(Date);
    const filtered = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: ['i-00000000000000003', 'i-00000000000000008'] }] }));
    expect(filtered.InstanceInformationList?.map((i) => [i.InstanceId, i.PingStatus])).toEqual([['i-00000000000000003', 'ConnectionLost']]);
    const legacy = await ssm.send(new DescribeInstanceInformationCommand({ InstanceInformationFilterList: [{ key: 'PingStatus', valueSet: ['Online'] }] }));
    expect(legacy.InstanceInformationList?.every((i) => i.PingStatus === 'Online')).toBe(true);
    const pages = [];
    for await (const page of paginateDescribeInstanceInformation({ client: ssm, pageSize: 5 }, {})) pages.push(page.InstanceInformationList?.length);
    expect(pages).toEqual([5, 4]);
    const tooSmall = await failure(ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 2 })));
    expect(tooSmall.name).toBe('ValidationException');
  });

  it('runs a script the fleet does not know: Pending, then Failed with the shell\'s 127, in fleet time', async () => {
    const sent = await ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-00000000000000001'], Parameters: { commands: ['uptime'] }, Comment: 'wire' }));
    const commandId = sent.Command?.CommandId ?? '';
    expect(commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent.Command).toMatchObject({ Status: 'Pending', DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-00000000000000001'], Comment: 'wire', TimeoutSeconds: 3600 });
    const read = (): Promise<{ Status?: string; ResponseCode?: number; StandardErrorContent?: string; ExecutionStartDateTime?: string }> =>
      ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: 'i-00000000000000001' }));
    expect((await read()).Status).toBe('Pending');
    now += 10_000;
    const done = await read();
    expect(done.Status).toBe('Failed');
    expect(done.ResponseCode).toBe(127);
    expect(done.StandardErrorContent).toContain(`/var/lib/amazon/ssm/i-00000000000000001/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh: line 1: uptime: command not found`);
    expect(Date.parse(done.ExecutionStartDateTime ?? '')).toBeGreaterThan(NOW);
    const listed = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }));
    expect(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]).toMatchObject({ Name: 'aws:runShellScript', Status: 'Failed', ResponseCode: 127 });
    expect(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.Output).toContain('----------ERROR-------');
  });

  it('answers SSM errors by name: unmanaged instance, unknown document, unknown invocation', async () => {
    const commands = hostCheckCommands('memory');
    expect((await failure(ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-00000000000000008'], Parameters: { commands } })))).name).toBe('InvalidInstanceId');
    expect((await failure(ssm.send(new SendCommandCommand({ DocumentName: 'AWS-Nope', InstanceIds: ['i-00000000000000001'], Parameters: { commands } })))).name).toBe('InvalidDocument');
    expect((await failure(ssm.send(new GetCommandInvocationCommand({ CommandId: '00000000-0000-4000-a000-000000000000', InstanceId: 'i-00000000000000001' })))).name).toBe('InvocationDoesNotExist');
  });
});
