// `learn` serves its in-process fleet over HTTP: the command the app prints names the served port, and run in a
// shell it changes the very world the app (and the lesson's observer) reads in-process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DEFAULT_PORT, TRAINING_CALLER_CIDR, targetNote, trainingFleetTarget } from '../../source/domain/target.js';
import { createAwsApi } from '../../source/aws/index.js';
import type { AwsApi } from '../../source/aws/api.js';
import { commandTargetOf } from '../../source/model/command-target.js';
import { learnPort } from '../../source/cli/run-learn.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer, type SimServer } from '../../source/sim/server.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { awsCommand } from '../../source/triage/shell.js';
import { gatherEvidence } from '../../source/model/evidence-gatherer.js';
import { triage } from '../../source/triage/engine.js';
import { hasAwsCli } from '../sim/helpers/aws-cli.js';

const sh = promisify(execFile);
const isSkipped = !(await hasAwsCli()) && process.env.CI !== 'true';

describe('the training fleet target', () => {
  it('without a served port: `ec2-triage sim` on its default port', () => {
    const target = trainingFleetTarget('us-east-1');
    expect(target.endpointUrl).toBe(`http://127.0.0.1:${SIM_DEFAULT_PORT}`);
    expect(targetNote(target)).toContain(`ec2-triage sim --port ${SIM_DEFAULT_PORT}`);
    expect(target.callerCidr, 'no trainee address outside learn').toBeUndefined();
  });

  it('served by this run: the served port, and a note that says so', () => {
    const target = commandTargetOf({ kind: 'demo', scenario: 'ssh-blocked', speed: 60, region: 'us-east-1', servedPort: 40123 }, {});
    expect(target).toEqual({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:40123', isTrainingFleet: true, isServedHere: true, callerCidr: TRAINING_CALLER_CIDR });
    const note = targetNote(target) ?? '';
    expect(note).toContain("this lesson's fleet at http://127.0.0.1:40123 while ec2-triage runs");
    expect(note).toContain('AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test');
    expect(note).not.toContain('ec2-triage sim');
    expect(awsCommand(target, 'ec2', 'describe-instances', [])).toBe('aws ec2 describe-instances --region us-east-1 --endpoint-url http://127.0.0.1:40123');
  });

  it('learn --port: 4566 by default, 0 for any free port, a typo refused', () => {
    expect(learnPort({})).toBe(4566);
    expect(learnPort({ port: '0' })).toBe(0);
    expect(() => learnPort({ port: 'x' })).toThrow(/--port/);
    expect(() => learnPort({ port: '70000' })).toThrow(/--port/);
  });
});

describe.skipIf(isSkipped)('the printed command runs against the served world', () => {
  let server: SimServer;
  let api: AwsApi;
  beforeAll(async () => {
    const world = createWorld({ scenario: 'ssh-blocked', seed: 1, fleetSize: 0, clock: { now: () => Date.UTC(2024, 0, 15, 2, 50) } });
    const simHandler = createSimHandler(world);
    server = await startSimServer(simHandler, { port: 0, host: '127.0.0.1' });
    api = createAwsApi({ region: world.region, simHandler, isReadOnly: false, allowHostChecks: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it('authorize-security-group-ingress pasted into a shell is seen in-process', async () => {
    const target = commandTargetOf({ kind: 'demo', scenario: 'ssh-blocked', speed: 1, region: 'us-east-1', servedPort: server.port }, {});
    const [ml] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
    const groupId = ml?.securityGroups[0]?.id ?? '';
    expect(groupId).toMatch(/^sg-/);
    const before = JSON.stringify(await api.describeSecurityGroups([groupId]));
    expect(before).not.toContain('203.0.113.7/32');
    const line = awsCommand(target, 'ec2', 'authorize-security-group-ingress', ['--group-id', groupId, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.7/32']);
    expect(line).toContain(`--endpoint-url http://127.0.0.1:${server.port}`);
    await sh('sh', ['-c', line], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' } });
    expect(JSON.stringify(await api.describeSecurityGroups([groupId]))).toContain('203.0.113.7/32');
  }, 30_000);
});

describe('the triage in learn names the training address', () => {
  it('ssh-blocked: the rule to add is for 203.0.113.7/32, no <your-ip> to fill in; outside learn it still asks', async () => {
    const world = createWorld({ scenario: 'ssh-blocked', seed: 1, fleetSize: 0, clock: { now: () => Date.UTC(2024, 0, 15, 2, 50) } });
    const api = createAwsApi({ region: world.region, simHandler: createSimHandler(world) });
    const [ml] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
    if (ml === undefined) throw new Error('no ML server');
    const fixOf = async (target: ReturnType<typeof trainingFleetTarget>) => {
      const evidence = await gatherEvidence(api, ml, { now: Date.UTC(2024, 0, 15, 2, 50), target });
      return triage(evidence).recommendations.find((r) => r.id === 'authorize-ssh');
    };
    const served = await fixOf(trainingFleetTarget('us-east-1', 40123));
    expect(served?.title).toContain(TRAINING_CALLER_CIDR);
    expect(served?.commands[0]).toContain(`--cidr ${TRAINING_CALLER_CIDR} --region us-east-1 --endpoint-url http://127.0.0.1:40123`);
    expect(served?.notes).toBeUndefined();
    const demo = await fixOf(trainingFleetTarget('us-east-1'));
    expect(demo?.commands[0]).toContain("--cidr '<your-ip>/32'");
    expect(demo?.notes?.join(' ')).toContain('checkip');
  }, 30_000);
});
