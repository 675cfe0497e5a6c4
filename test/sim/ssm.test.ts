// Systems Manager at the handler: routing and hardening, the managed fleet and its pings, Run Command in fleet
// time, and the host checks' output agreeing with what the fleet's metrics and logs say at that moment.
import { describe, expect, it } from 'vitest';
import { hostCheck, hostCheckCommands, splitSections } from '../../source/domain/host-checks.js';
import type { HostCheckId } from '../../source/domain/host-checks.js';
import { scaledClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { unknownScript } from '../../source/sim/host-run.js';
import { memTotalMiB } from '../../source/sim/host-view.js';
import { OOM_TIMELINE, oomKills } from '../../source/sim/scenarios/oom.js';
import { INSTANCE_CHECK_TIMELINE } from '../../source/sim/scenarios/instance-check-failed.js';
import { ML_SERVER_ID, createWorld } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';
import { UNMANAGED_NAMES } from '../../source/sim/world-agents.js';
import type { SimHandler } from '../../source/sim/types.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');
const SEC = 1000;
const MIN = 60 * SEC;
const SEED = 7;

interface Fleet {
  readonly world: TrainingWorld;
  readonly handler: SimHandler;
  /** The fleet clock's reading. */
  readonly clock: { t: number };
  advance(ms: number): void;
  call(action: string, input: Record<string, unknown>, method?: string): Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, string> }>;
  /** Sends a host check to the ML server, waits `wait` of fleet time and returns its invocation. */
  check(id: HostCheckId, wait?: number): Promise<Record<string, unknown>>;
}

function fleet(scenario: string, fleetSize = 0, start = T0): Fleet {
  const clock = { t: start };
  const world = createWorld({ scenario, seed: SEED, fleetSize, clock: { now: () => clock.t }, t0: T0 });
  const handler = createSimHandler(world);
  const call: Fleet['call'] = async (action, input, method = 'POST') => {
    const response = await handler({
      method, path: '/', query: {}, body: JSON.stringify(input),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${action}` },
    });
    return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown>, headers: response.headers };
  };
  const advance = (ms: number): void => void (clock.t += ms);
  return {
    world, handler, clock, advance, call,
    check: async (id, wait = 30 * SEC) => {
      const sent = await call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: hostCheckCommands(id) } });
      expect(sent.status).toBe(200);
      advance(wait);
      const commandId = (sent.json.Command as { CommandId: string }).CommandId;
      return (await call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json;
    },
  };
}

/** The CWAgent/EC2 datapoint of a metric for the minute holding t (what a dashboard shows for that minute). */
function metricAt(world: TrainingWorld, namespace: string, metricName: string, t: number, extra: Record<string, string> = {}): number {
  const minute = Math.floor(t / MIN) * MIN;
  const points = world.datapoints({ namespace, metricName, dimensions: { InstanceId: ML_SERVER_ID, ...extra } }, minute, minute + MIN, 60, 'Average');
  const value = points.values[0];
  if (value === undefined) throw new Error(`no ${metricName} datapoint at ${new Date(minute).toISOString()}`);
  return value;
}

/** free -m's Mem: row as numbers. */
function freeRow(stdout: string): { total: number; used: number; free: number; available: number } {
  const mem = splitSections(stdout).free?.split('\n').find((l) => l.startsWith('Mem:'));
  const [total, used, free, , , available] = (mem ?? '').split(/\s+/).slice(1).map(Number);
  return { total: total ?? NaN, used: used ?? NaN, free: free ?? NaN, available: available ?? NaN };
}

/** The ps aux rows under a section (header dropped). */
function psRows(text: string | undefined): { user: string; pid: number; mem: number; cpu: number; command: string }[] {
  return (text ?? '').split('\n').slice(1).filter((l) => l !== '').map((l) => {
    const cells = l.split(/\s+/);
    return { user: cells[0] ?? '', pid: Number(cells[1]), cpu: Number(cells[2]), mem: Number(cells[3]), command: cells.slice(10).join(' ') };
  });
}

describe('SSM on the wire', () => {
  it('routes AmazonSSM targets as JSON 1.1 and answers unknown actions in protocol', async () => {
    const f = fleet('healthy');
    const ok = await f.call('DescribeInstanceInformation', {});
    expect([ok.status, ok.headers['content-type']]).toEqual([200, 'application/x-amz-json-1.1']);
    const unknown = await f.call('DeleteEverything', {});
    expect([unknown.status, unknown.json.__type]).toEqual([400, 'UnknownOperationException']);
  });

  it('refuses SSM writes sent as GET (a web page cannot run a command or open a session) and records every call', async () => {
    const f = fleet('healthy');
    for (const action of ['SendCommand', 'StartSession', 'TerminateSession']) {
      const response = await f.call(action, { Target: ML_SERVER_ID, SessionId: 'trainee-0', DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: ['id'] } }, 'GET');
      expect([action, response.status, response.json.__type]).toEqual([action, 405, 'MethodNotAllowed']);
    }
    expect(f.world.ssm.commands()).toEqual([]);
    await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: hostCheckCommands('ssh') } });
    const sends = f.world.operations().filter((o) => o.service === 'ssm' && o.action === 'SendCommand').map((o) => [o.outcome, o.isMutating, o.instanceIds]);
    expect(sends).toEqual([['MethodNotAllowed', true, [ML_SERVER_ID]], ['ok', true, [ML_SERVER_ID]]]);
  });

  it('a caller denied ssm:SendCommand gets AccessDeniedException and runs nothing', async () => {
    const world = createWorld({ scenario: 'healthy', seed: SEED, fleetSize: 0, clock: { now: () => T0 }, t0: T0 });
    const handler = createSimHandler(world, { deny: ['ssm:SendCommand'] });
    const response = await handler({
      method: 'POST', path: '/', query: {}, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.SendCommand' },
      body: JSON.stringify({ DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: hostCheckCommands('memory') } }),
    });
    const body = JSON.parse(response.body) as { __type: string; message: string };
    expect([response.status, body.__type]).toEqual([400, 'AccessDeniedException']);
    expect(body.message).toContain(`ssm:SendCommand on resource: arn:aws:ec2:us-east-1:123456789012:instance/${ML_SERVER_ID}`);
    expect(world.ssm.commands()).toEqual([]);
  });

  it('validates SendCommand as SSM does', async () => {
    const f = fleet('healthy');
    const send = async (input: Record<string, unknown>): Promise<unknown> => (await f.call('SendCommand', input)).json.__type;
    const base = { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: ['id'] } };
    expect(await send({ ...base, DocumentName: undefined })).toBe('ValidationException');
    expect(await send({ ...base, DocumentName: 'AWS-RunPowerShellScript' })).toBe('UnsupportedPlatformType');
    expect(await send({ ...base, DocumentName: 'My-Document' })).toBe('InvalidDocument');
    expect(await send({ ...base, InstanceIds: [] })).toBe('ValidationException');
    expect(await send({ ...base, InstanceIds: ['not-an-id'] })).toBe('InvalidInstanceId');
    expect(await send({ ...base, InstanceIds: ['i-0aaaaaaaaaaaaaaaa'] })).toBe('InvalidInstanceId');
    expect(await send({ ...base, Parameters: {} })).toBe('InvalidParameters');
    expect(await send({ ...base, Parameters: { commands: ['id'], user: ['root'] } })).toBe('InvalidParameters');
    expect(await send({ ...base, TimeoutSeconds: 5 })).toBe('ValidationException');
    expect(await send({ ...base, Comment: 'x'.repeat(101) })).toBe('ValidationException');
    expect(await send({ ...base, Targets: [{ Key: 'tag:Name', Values: ['x'] }] })).toBe('ValidationException');
    expect(f.world.ssm.commands()).toEqual([]);
    const invocation = await f.call('GetCommandInvocation', { CommandId: 'nope', InstanceId: ML_SERVER_ID });
    expect(invocation.json.__type).toBe('InvalidCommandId');
    const listed = await f.call('ListCommandInvocations', { CommandId: '00000000-0000-4000-a000-000000000000' });
    expect(listed.json.__type).toBe('InvalidCommandId');
  });
});

describe('the managed fleet', () => {
  it('manages most instances: the bastion, a worker and some generated ones are not managed', async () => {
    const f = fleet('oom', 60);
    const info: { InstanceId: string; PingStatus: string; PlatformName: string; PlatformVersion: string; LastPingDateTime: number }[] = [];
    let token: string | undefined;
    do {
      const page = await f.call('DescribeInstanceInformation', { MaxResults: 50, NextToken: token });
      info.push(...(page.json.InstanceInformationList as typeof info));
      token = page.json.NextToken as string | undefined;
    } while (token !== undefined);
    const managed = new Set(info.map((i) => i.InstanceId));
    const all = f.world.instances();
    const unmanaged = all.filter((i) => !managed.has(i.id));
    expect(unmanaged.map((i) => i.tags.Name)).toEqual(expect.arrayContaining([...UNMANAGED_NAMES]));
    expect(unmanaged.some((i) => i.tags.App === 'gen')).toBe(true);
    expect(managed.size).toBeGreaterThan(all.length * 0.7);
    const ml = info.find((i) => i.InstanceId === ML_SERVER_ID);
    expect(ml).toMatchObject({ PingStatus: 'Online', PlatformName: 'Amazon Linux', PlatformVersion: '2023' });
    expect(ml?.LastPingDateTime).toBeLessThanOrEqual(T0 / 1000);
    expect(ml?.LastPingDateTime).toBeGreaterThan(T0 / 1000 - 300);
    expect(info.filter((i) => f.world.instance(i.InstanceId)?.tags.App === 'gen').every((i) => i.PlatformVersion === '2')).toBe(true);
    // A stopped instance's agent last pinged before it stopped.
    const staging = all.find((i) => i.tags.Name === 'pettracker-staging-api');
    const stopped = info.find((i) => i.InstanceId === staging?.id);
    expect(stopped?.PingStatus).toBe('ConnectionLost');
    expect(stopped?.LastPingDateTime).toBeLessThan(T0 / 1000 - 86_400);
  });

  it('filters by instance id (both filter forms) and pages with MaxResults', async () => {
    const f = fleet('oom', 30);
    const bastion = f.world.instances().find((i) => i.tags.Name === 'pettracker-bastion')?.id ?? '';
    const byFilters = await f.call('DescribeInstanceInformation', { Filters: [{ Key: 'InstanceIds', Values: [ML_SERVER_ID, bastion] }] });
    expect((byFilters.json.InstanceInformationList as { InstanceId: string }[]).map((i) => i.InstanceId)).toEqual([ML_SERVER_ID]);
    const byList = await f.call('DescribeInstanceInformation', { InstanceInformationFilterList: [{ key: 'InstanceIds', valueSet: [ML_SERVER_ID] }] });
    expect((byList.json.InstanceInformationList as unknown[]).length).toBe(1);
    const first = await f.call('DescribeInstanceInformation', { MaxResults: 5 });
    expect((first.json.InstanceInformationList as unknown[]).length).toBe(5);
    const second = await f.call('DescribeInstanceInformation', { MaxResults: 5, NextToken: first.json.NextToken });
    expect((second.json.InstanceInformationList as { InstanceId: string }[])[0]?.InstanceId).not.toBe((first.json.InstanceInformationList as { InstanceId: string }[])[0]?.InstanceId);
    expect((await f.call('DescribeInstanceInformation', { MaxResults: 5, NextToken: 'forged' })).json.__type).toBe('InvalidNextToken');
    expect((await f.call('DescribeInstanceInformation', { Filters: [{ Key: 'Colour', Values: ['red'] }] })).json.__type).toBe('InvalidInstanceInformationFilterValue');
  });

  it('an unmanaged instance takes no command and no session', async () => {
    const f = fleet('oom');
    const bastion = f.world.instances().find((i) => i.tags.Name === 'pettracker-bastion')?.id ?? '';
    const sent = await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [bastion], Parameters: { commands: hostCheckCommands('ssh') } });
    expect([sent.status, sent.json.__type]).toEqual([400, 'InvalidInstanceId']);
    const session = await f.call('StartSession', { Target: bastion });
    expect([session.json.__type, session.json.message]).toEqual(['TargetNotConnected', `${bastion} is not connected.`]);
  });
});

describe('the \'all\' world: each scenario twin\'s agent and host tell its own story', () => {
  it('the instance-check-failed and system-check-failed twins are offline, the disk-full twin\'s / is full', async () => {
    const clock = { t: T0 };
    const world = createWorld({ scenario: 'all', seed: SEED, fleetSize: 0, clock: { now: () => clock.t }, t0: T0 });
    const twin = (name: string): string => world.instances().find((i) => i.tags.Scenario === name)?.id ?? '';
    expect(world.ssm.managedInstance(twin('instance-check-failed'))?.pingStatus).toBe('ConnectionLost');
    expect(world.ssm.managedInstance(twin('system-check-failed'))?.pingStatus).toBe('ConnectionLost');
    expect(world.ssm.managedInstance(twin('wont-start'))?.pingStatus).toBe('ConnectionLost');
    expect(world.ssm.managedInstance(twin('ssh-blocked'))?.pingStatus).toBe('Online');
    const sent = world.ssm.sendCommand({ documentName: 'AWS-RunShellScript', commands: hostCheckCommands('disk'), instanceIds: [twin('disk-full')], timeoutSeconds: 3600, executionTimeoutSeconds: 3600, comment: '' });
    if (!sent.ok) throw new Error(sent.refusal.message);
    clock.t += 30 * SEC;
    const out = world.ssm.command(sent.value.commandId)?.invocations[0]?.stdout ?? '';
    expect(splitSections(out).df).toMatch(/ 100% \/$/m);
    expect(splitSections(out).recent).toContain('/var/tmp/ml-server/batch-cache/');
  });
});

describe('an offline agent (instance-check-failed: the OS is down)', () => {
  it('reads ConnectionLost since the panic, refuses sessions, and leaves a command Pending until its delivery times out', async () => {
    const f = fleet('instance-check-failed');
    const panic = T0 + INSTANCE_CHECK_TIMELINE.panic;
    const info = (await f.call('DescribeInstanceInformation', { Filters: [{ Key: 'InstanceIds', Values: [ML_SERVER_ID] }] })).json.InstanceInformationList as { PingStatus: string; LastPingDateTime: number }[];
    expect(info[0]?.PingStatus).toBe('ConnectionLost');
    expect(info[0]?.LastPingDateTime).toBeLessThan(panic / 1000);
    expect(info[0]?.LastPingDateTime).toBeGreaterThan(panic / 1000 - 300);
    expect((await f.call('StartSession', { Target: ML_SERVER_ID })).json.__type).toBe('TargetNotConnected');
    const sent = await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], TimeoutSeconds: 60, Parameters: { commands: hostCheckCommands('memory') } });
    const commandId = (sent.json.Command as { CommandId: string }).CommandId;
    const read = async (): Promise<Record<string, unknown>> => (await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json;
    f.advance(30 * SEC);
    expect(await read()).toMatchObject({ Status: 'Pending', StatusDetails: 'Pending', ResponseCode: -1, ExecutionStartDateTime: '', StandardOutputContent: '' });
    f.advance(31 * SEC);
    expect(await read()).toMatchObject({ Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', ResponseCode: -1 });
    const command = (await f.call('ListCommands', { CommandId: commandId })).json.Commands as { Status: string; DeliveryTimedOutCount: number }[];
    expect(command[0]).toMatchObject({ Status: 'TimedOut', DeliveryTimedOutCount: 1 });
  });

  it('delivers a waiting command once a reboot brings the OS and its agent back', async () => {
    const f = fleet('instance-check-failed');
    const sent = await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: hostCheckCommands('ssh') } });
    const commandId = (sent.json.Command as { CommandId: string }).CommandId;
    f.advance(MIN);
    expect(f.world.instanceAction(ML_SERVER_ID, { kind: 'reboot' }, true).ok).toBe(true);
    f.advance(5 * SEC);
    expect((await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json.Status).toBe('Pending');
    f.advance(2 * MIN);
    const done = (await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json;
    expect(done.Status).toBe('Success');
    expect(Date.parse(String(done.ExecutionStartDateTime))).toBeGreaterThan(T0 + MIN + 8 * SEC);
    expect(splitSections(String(done.StandardOutputContent)).sshd).toBe('active');
    expect((await f.call('StartSession', { Target: ML_SERVER_ID })).status).toBe(200);
  });
});

describe('Run Command in fleet time', () => {
  it('goes Pending → InProgress → Success over a few fleet seconds, also on a fast fleet clock', async () => {
    let real = 0;
    const clock = scaledClock(60, T0, () => real);
    const world = createWorld({ scenario: 'healthy', seed: SEED, fleetSize: 0, clock, t0: T0 });
    const outcome = world.ssm.sendCommand({ documentName: 'AWS-RunShellScript', commands: hostCheckCommands('cpu'), instanceIds: [ML_SERVER_ID], timeoutSeconds: 3600, executionTimeoutSeconds: 3600, comment: '' });
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    const status = (): string | undefined => world.ssm.command(outcome.value.commandId)?.invocations[0]?.status;
    const seen: string[] = [];
    // Real milliseconds: at ×60 the whole run (about 5 fleet seconds) takes under 100 ms of real time.
    for (real = 0; real <= 200; real += 5) if (seen.at(-1) !== status()) seen.push(status() ?? '');
    expect(seen).toEqual(['Pending', 'InProgress', 'Success']);
    const invocation = world.ssm.command(outcome.value.commandId)?.invocations[0];
    const took = (invocation?.endedAt ?? 0) - (invocation?.startedAt ?? 0);
    // vmstat 1 5 takes four seconds of host time.
    expect(took).toBeGreaterThanOrEqual(4000);
    expect(took).toBeLessThan(5000);
    expect((invocation?.startedAt ?? 0) - T0).toBeLessThan(1500);
  });

  it('a script it does not know runs as a shell would: echo prints, other programs are not found, the last status is the exit code', () => {
    const world = createWorld({ scenario: 'healthy', seed: SEED, fleetSize: 0, clock: { now: () => T0 }, t0: T0 });
    const run = (commands: string[]): { stdout: string; stderr: string; exitCode: number } => {
      const sent = world.ssm.sendCommand({ documentName: 'AWS-RunShellScript', commands, instanceIds: [ML_SERVER_ID], timeoutSeconds: 3600, executionTimeoutSeconds: 3600, comment: '' });
      if (!sent.ok) throw new Error(sent.refusal.message);
      return unknownScript(ML_SERVER_ID, sent.value.commandId, commands);
    };
    const mixed = run(["echo '### free'; free -m # memory"]);
    expect(mixed.stdout).toBe('### free\n');
    expect(mixed.stderr).toMatch(/_script\.sh: line 1: free: command not found\nfailed to run commands: exit status 127$/);
    expect(mixed.exitCode).toBe(127);
    expect(run(['echo "hello world"', 'true'])).toMatchObject({ stdout: 'hello world\n', stderr: '', exitCode: 0 });
    expect(run(['sudo FOO=1 reboot', 'echo done'])).toMatchObject({ stdout: 'done\n', exitCode: 0 });
  });

  it('a script past its executionTimeout ends TimedOut (ExecutionTimedOut)', async () => {
    const f = fleet('healthy');
    const sent = await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Parameters: { commands: hostCheckCommands('cpu'), executionTimeout: ['2'] } });
    const commandId = (sent.json.Command as { CommandId: string; Parameters: { executionTimeout: string[] } }).CommandId;
    expect((sent.json.Command as { Parameters: { executionTimeout: string[] } }).Parameters.executionTimeout).toEqual(['2']);
    f.advance(10 * SEC);
    const done = (await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json;
    expect(done).toMatchObject({ Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut' });
    expect(String(done.ExecutionElapsedTime)).toBe('PT2.000S');
  });

  it('runs a script it does not know with the shell\'s 127, and lists invocations with their output', async () => {
    const f = fleet('healthy');
    const sent = await f.call('SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [ML_SERVER_ID], Comment: 'x', Parameters: { commands: ['cat /etc/shadow', 'rm -rf /tmp/x'] } });
    const commandId = (sent.json.Command as { CommandId: string }).CommandId;
    f.advance(10 * SEC);
    const done = (await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: ML_SERVER_ID })).json;
    expect(done).toMatchObject({ Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 127, StandardOutputContent: '', PluginName: 'aws:runShellScript' });
    expect(String(done.StandardErrorContent).split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/_script\.sh: line 1: cat: command not found$/),
      expect.stringMatching(/_script\.sh: line 2: rm: command not found$/),
    ]);
    expect(String(done.ExecutionElapsedTime)).toMatch(/^PT\d+\.\d{3}S$/);
    const brief = (await f.call('ListCommandInvocations', { InstanceId: ML_SERVER_ID })).json.CommandInvocations as { CommandPlugins: unknown[] }[];
    expect(brief[0]?.CommandPlugins).toEqual([]);
    const detailed = (await f.call('ListCommandInvocations', { CommandId: commandId, Details: true })).json.CommandInvocations as { Status: string; InstanceName: string; CommandPlugins: { Output: string; ResponseCode: number }[] }[];
    expect(detailed[0]).toMatchObject({ Status: 'Failed', InstanceName: 'pettracker-ml-server' });
    expect(detailed[0]?.CommandPlugins[0]?.Output).toMatch(/^\n----------ERROR-------\n.*cat: command not found/);
    expect((await f.call('GetCommandInvocation', { CommandId: commandId, InstanceId: 'i-0aaaaaaaaaaaaaaaa' })).json.__type).toBe('InvocationDoesNotExist');
  });

  it('answers every section of every check, in order, after its marker', async () => {
    const f = fleet('healthy');
    for (const id of ['memory', 'cpu', 'disk', 'ssh'] as const) {
      const done = await f.check(id);
      expect(done.Status).toBe('Success');
      expect(Object.keys(splitSections(String(done.StandardOutputContent)))).toEqual(hostCheck(id).sections.map((s) => s.key));
    }
  });
});

describe('host checks agree with the world at that moment', () => {
  it('oom, on the plateau before the first kill: memory nearly exhausted, python3 on top, free -m agreeing with mem_used_percent', async () => {
    const f = fleet('oom', 0, T0 - 3 * MIN);
    const done = await f.check('memory', 2 * SEC);
    const at = Date.parse(String(done.ExecutionStartDateTime));
    const out = String(done.StandardOutputContent);
    const free = freeRow(out);
    const metric = metricAt(f.world, 'CWAgent', 'mem_used_percent', at);
    expect(metric).toBeGreaterThan(95);
    expect(free.total).toBe(memTotalMiB(4096));
    expect(Math.abs((100 * (free.total - free.available)) / free.total - metric)).toBeLessThan(0.1);
    const top = psRows(splitSections(out)['top-mem']);
    expect(top[0]?.command).toContain('python3');
    expect(top[0]?.mem).toBeGreaterThan(85);
    expect(splitSections(out).oom).toBe('');
  });

  it('oom, just after the kill: the kernel lines at the kill time and no python3 until systemd restarts it', async () => {
    const f = fleet('oom', 0, T0 + 40 * SEC);
    const kill = oomKills(T0, SEED)[0] ?? 0;
    const done = await f.check('memory', 2 * SEC);
    const sections = splitSections(String(done.StandardOutputContent));
    const lines = (sections.oom ?? '').split('\n').filter((l) => l !== '');
    const stamp = (t: number): string => new Date(t).toUTCString().slice(8, 11) + ' ' + new Date(t).toUTCString().slice(5, 7) + ' ' + new Date(t).toISOString().slice(11, 19);
    expect(lines).toEqual([
      `${stamp(kill)} ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child`,
      expect.stringMatching(new RegExp(`^${stamp(kill + 12)} ip-172-31-45-67 kernel: Killed process 1234 \\(python3\\) total-vm:\\d+kB, anon-rss:\\d+kB`)),
    ]);
    expect(psRows(sections['top-mem']).some((p) => p.command.includes('python3'))).toBe(false);
    // Ten minutes on, python3 runs again under the pid its log announced.
    const g = fleet('oom', 0, kill + OOM_TIMELINE.restartDelay + 8 * MIN);
    const later = splitSections(String((await g.check('memory', 2 * SEC)).StandardOutputContent));
    const started = g.world.logEvents('/pettracker/ml-server', T0, g.clock.t).map((e) => /Starting PetTracker ML server \S+ \(pid (\d+)\)/.exec(e.message)?.[1]).filter((p) => p !== undefined);
    expect(psRows(later['top-mem'])[0]).toMatchObject({ pid: Number(started.at(-1)), command: expect.stringContaining('python3') as unknown });
  });

  it('oom, after the resize to a type with more memory: free -m shows the new total, the new boot has no OOM lines', async () => {
    const f = fleet('oom', 0, T0 + MIN);
    expect(f.world.instanceAction(ML_SERVER_ID, { kind: 'stop' }, true).ok).toBe(true);
    f.advance(2 * MIN);
    expect(f.world.instanceAction(ML_SERVER_ID, { kind: 'modify-type', instanceType: 'r5.large' }, true).ok).toBe(true);
    expect(f.world.instanceAction(ML_SERVER_ID, { kind: 'start' }, true).ok).toBe(true);
    f.advance(3 * MIN);
    const done = await f.check('memory', 2 * SEC);
    const at = Date.parse(String(done.ExecutionStartDateTime));
    const free = freeRow(String(done.StandardOutputContent));
    expect(free.total).toBe(memTotalMiB(16_384));
    expect(Math.abs((100 * (free.total - free.available)) / free.total - metricAt(f.world, 'CWAgent', 'mem_used_percent', at))).toBeLessThan(0.1);
    expect(splitSections(String(done.StandardOutputContent)).oom).toBe('');
  });

  it('disk-full: / at 100 %, the cache under /var/tmp the largest directory, its newest files found by find', async () => {
    const f = fleet('disk-full');
    const done = await f.check('disk', 30 * SEC);
    const at = Date.parse(String(done.ExecutionStartDateTime));
    const sections = splitSections(String(done.StandardOutputContent));
    const root = (sections.df ?? '').split('\n').find((l) => l.endsWith(' /'));
    expect(root).toMatch(/^\/dev\/nvme0n1p1 +30G +30G +0 100% \/$/);
    expect(metricAt(f.world, 'CWAgent', 'disk_used_percent', at, { path: '/', device: 'nvme0n1p1', fstype: 'xfs' })).toBe(100);
    const du = (sections.du ?? '').split('\n');
    expect(du[0]).toBe('mount /');
    expect(du.slice(1, 4).map((l) => l.split('\t')[1])).toEqual(['/', '/var', '/var/tmp']);
    const found = (sections.recent ?? '').split('\n').filter((l) => l !== '');
    expect(found).toHaveLength(5);
    expect(found[0]).toMatch(/^\d+ -rw-r--r--\. 1 ml-server ml-server \d+ \w{3} +\d+ \d\d:\d\d \/var\/tmp\/ml-server\/batch-cache\/\d{4}-\d\d-\d\d\/batch-000870\.npy$/);
    const blocks = found.map((l) => Number(l.split(' ')[0]));
    expect([...blocks].sort((a, b) => b - a)).toEqual(blocks);
  });

  it('a healthy disk agrees with disk_used_percent and finds nothing big and new', async () => {
    const f = fleet('oom');
    const done = await f.check('disk', 30 * SEC);
    const at = Date.parse(String(done.ExecutionStartDateTime));
    const sections = splitSections(String(done.StandardOutputContent));
    const percent = Number(/ (\d+)% \/$/m.exec(sections.df ?? '')?.[1]);
    expect(Math.abs(percent - metricAt(f.world, 'CWAgent', 'disk_used_percent', at, { path: '/', device: 'nvme0n1p1', fstype: 'xfs' }))).toBeLessThanOrEqual(1);
    expect(sections.recent).toBe('');
  });

  it('cpu-credits: us+sy at the throttled CPUUtilization, the rest taken as steal; a CPU-bound oom server shows none', async () => {
    const f = fleet('cpu-credits');
    const done = await f.check('cpu');
    const at = Date.parse(String(done.ExecutionStartDateTime));
    const sections = splitSections(String(done.StandardOutputContent));
    const rows = (sections.vmstat ?? '').split('\n').slice(2).filter((l) => l !== '').map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows).toHaveLength(5);
    const cpu = metricAt(f.world, 'AWS/EC2', 'CPUUtilization', at);
    // The first row is since boot (mostly before the credits ran out); the live rows follow the metric.
    for (const r of rows.slice(1)) {
      const [us = 0, sy = 0, , , st = 0] = r.slice(12);
      expect(Math.abs(us + sy - cpu)).toBeLessThan(5);
      expect(st).toBeGreaterThan(50);
    }
    expect(sections.nproc).toBe('2\n');
    const g = fleet('oom', 0, T0 - 3 * MIN);
    const busy = splitSections(String((await g.check('cpu')).StandardOutputContent));
    const busyRows = (busy.vmstat ?? '').split('\n').slice(2).filter((l) => l !== '').map((l) => l.trim().split(/\s+/).map(Number));
    expect(busyRows.every((r) => (r[16] ?? -1) === 0)).toBe(true);
    expect(busyRows.slice(1).every((r) => (r[12] ?? 0) > 70)).toBe(true);
    // Since boot (nine days), the ML server averaged its everyday load, far under the plateau.
    expect(busyRows[0]?.[12]).toBeLessThan(50);
    expect(psRows(busy['top-cpu'])[0]?.command).toContain('python3');
  });

  it('ssh-blocked: sshd active and listening on 22, no host firewall rule (the security group is the problem)', async () => {
    const f = fleet('ssh-blocked');
    const done = await f.check('ssh');
    expect(done.Status).toBe('Success');
    const sections = splitSections(String(done.StandardOutputContent));
    expect(sections.sshd).toBe('active');
    expect(sections.listen?.split('\n').filter((l) => l !== '').map((l) => l.split(/\s+/)[3])).toEqual(['0.0.0.0:22', '[::]:22']);
    expect(sections.firewall).toBe('no host firewall rules\n');
  });
});
