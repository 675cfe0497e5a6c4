// Systems Manager through the installed AWS CLI (botocore) against the training world's HTTP server, as
// `ec2-triage sim` serves it: describe-instance-information, send-command, get-command-invocation, and
// start-session up to the session-manager-plugin step (a stand-in plugin on PATH records what the CLI hands it).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCheckCommands, splitSections } from '../../source/domain/host-checks.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { ML_SERVER_ID, createWorld } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';
import { awsCli, hasAwsCli, type CliResult } from './helpers/aws-cli.js';

const isSkipped = !(await hasAwsCli()) && process.env.CI !== 'true';
const T0 = Date.UTC(2024, 0, 15, 2, 50);
let now = T0;
let server: SimServer;
let world: TrainingWorld;
let pluginDir: string;

const aws = (args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> => awsCli(server.url, args, env);

async function awsJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const result = await aws(args);
  expect([result.code, result.stderr]).toEqual([0, '']);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe.skipIf(isSkipped)('AWS CLI ssm against the training fleet', () => {
  beforeAll(async () => {
    world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => now } });
    server = await startSimServer(createSimHandler(world), { port: 0 });
    pluginDir = await mkdtemp(join(tmpdir(), 'ssm-plugin-'));
    const plugin = join(pluginDir, 'session-manager-plugin');
    await writeFile(plugin, `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(pluginDir, 'args.txt')}'\n`);
    await chmod(plugin, 0o755);
  });
  afterAll(async () => {
    await server.close();
    await rm(pluginDir, { recursive: true, force: true });
  });

  it('ssm describe-instance-information (filtered by instance id)', async () => {
    const out = await awsJson(['ssm', 'describe-instance-information', '--filters', `Key=InstanceIds,Values=${ML_SERVER_ID}`]);
    const list = out.InstanceInformationList as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ InstanceId: ML_SERVER_ID, PingStatus: 'Online', PlatformName: 'Amazon Linux', PlatformVersion: '2023', ResourceType: 'EC2Instance' });
  });

  it('ssm send-command then get-command-invocation: the memory check with its output', async () => {
    const parameters = JSON.stringify({ commands: hostCheckCommands('memory') });
    const sent = await awsJson(['ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', ML_SERVER_ID, '--parameters', parameters, '--comment', 'host check']);
    const command = sent.Command as { CommandId: string; Status: string; Parameters: { commands: string[] } };
    expect(command.Status).toBe('Pending');
    expect(command.Parameters.commands).toEqual(hostCheckCommands('memory'));
    now += 20_000;
    const done = await awsJson(['ssm', 'get-command-invocation', '--command-id', command.CommandId, '--instance-id', ML_SERVER_ID]);
    expect(done).toMatchObject({ Status: 'Success', ResponseCode: 0, StatusDetails: 'Success', DocumentName: 'AWS-RunShellScript' });
    expect(Object.keys(splitSections(String(done.StandardOutputContent)))).toEqual(['free', 'top-mem', 'oom']);
    const listed = await awsJson(['ssm', 'list-command-invocations', '--command-id', command.CommandId, '--details']);
    expect((listed.CommandInvocations as { CommandPlugins: { Output: string }[] }[])[0]?.CommandPlugins[0]?.Output).toContain('### free');
  });

  it('ssm send-command to an unmanaged instance fails with InvalidInstanceId', async () => {
    const bastion = world.instances().find((i) => i.tags.Name === 'pettracker-bastion')?.id ?? '';
    const out = await aws(['ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', bastion, '--parameters', 'commands=nproc']);
    expect(out.code).toBe(255);
    expect(out.stderr).toContain('An error occurred (InvalidInstanceId) when calling the SendCommand operation');
  });

  it('ssm start-session reaches the session-manager-plugin step with the StartSession response', async () => {
    const out = await aws(['ssm', 'start-session', '--target', ML_SERVER_ID], { PATH: `${pluginDir}:${process.env.PATH ?? ''}` });
    expect(out.code).toBe(0);
    const args = (await readFile(join(pluginDir, 'args.txt'), 'utf8')).split('\n');
    const response = JSON.parse(args[0] ?? '{}') as { SessionId: string; StreamUrl: string; TokenValue: string };
    expect(response.StreamUrl).toBe(`wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/${response.SessionId}?role=publish_subscribe`);
    expect(args.slice(1, 3)).toEqual(['us-east-1', 'StartSession']);
    expect(JSON.parse(args[4] ?? '{}')).toEqual({ Target: ML_SERVER_ID });
    expect(args[5]).toBe(server.url);
    const started = world.operations().filter((o) => o.service === 'ssm' && o.action === 'StartSession');
    expect(started.at(-1)).toMatchObject({ instanceIds: [ML_SERVER_ID], outcome: 'ok' });
  });
});
