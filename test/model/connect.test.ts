import { describe, expect, it } from 'vitest';
import { connectPlan, noSessionReason, sessionArgv, sshPlan, sshUserFor, type ConnectFacts } from '../../source/model/connect.js';
import type { ManagedInstance } from '../../source/domain/host-checks.js';
import { makeInstance } from '../helpers/fake-aws.js';

const online: ManagedInstance = { instanceId: 'i-1', pingStatus: 'Online', lastPingAt: undefined, agentVersion: '3.3.1', platformName: 'Amazon Linux', platformVersion: '2023' };
const web = makeInstance({ id: 'i-1', publicIp: '54.1.2.3', privateIp: '10.0.0.5', keyName: 'prod-key' });
const facts = (over: Partial<ConnectFacts> = {}): ConnectFacts => ({ instance: web, managed: online, hasAwsCli: true, hasPlugin: true, ...over });
const target = { region: 'eu-west-1', profile: 'ops team', endpointUrl: 'http://127.0.0.1:4566' };

describe('sshUserFor', () => {
  it.each([
    ['Amazon Linux', 'ec2-user'],
    ['Red Hat Enterprise Linux', 'ec2-user'],
    ['SUSE Linux', 'ec2-user'],
    ['Ubuntu', 'ubuntu'],
    ['Debian GNU/Linux', 'admin'],
    ['al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64', 'ec2-user'],
    ['amzn2-ami-kernel-5.10-hvm-2.0.20240131.0-x86_64-gp2', 'ec2-user'],
    ['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207', 'ubuntu'],
    ['debian-12-amd64-20240201-1647', 'admin'],
    ['RHEL-9.3.0_HVM-20240117-x86_64-49-Hourly2-GP3', 'ec2-user'],
    ['my-golden-image-v42', undefined],
    ['Linux/UNIX', undefined],
    ['Windows', undefined],
    [undefined, undefined],
  ])('%s → %s', (platform, user) => expect(sshUserFor(platform)).toBe(user));
});

describe('connectPlan', () => {
  it('starts a session with the target flags unquoted as argv when the CLI, the plugin and an online agent are there', () => {
    expect(connectPlan(facts(), target)).toEqual({
      kind: 'session',
      argv: ['aws', 'ssm', 'start-session', '--target', 'i-1', '--region', 'eu-west-1', '--profile', 'ops team', '--endpoint-url', 'http://127.0.0.1:4566'],
    });
    expect(sessionArgv('i-9', { region: 'us-east-1' })).toEqual(['aws', 'ssm', 'start-session', '--target', 'i-9', '--region', 'us-east-1']);
  });

  it.each([
    [{ hasPlugin: false }, 'session-manager-plugin is not on PATH'],
    [{ hasAwsCli: false }, 'the aws CLI is not on PATH'],
    [{ managed: undefined }, 'is not managed by SSM'],
    [{ managed: { ...online, pingStatus: 'ConnectionLost' } }, 'ConnectionLost (not online)'],
    [{ managed: 'throttled by AWS (request rate exceeded)' }, 'could not be asked whether it manages i-1: throttled'],
    [{ instance: { ...web, state: 'stopped' as const } }, 'i-1 is stopped'],
  ])('%o: no session, says why and shows the SSH line', (over, why) => {
    const plan = connectPlan(facts(over), target);
    expect(plan.kind).toBe('ssh');
    if (plan.kind !== 'ssh') return;
    expect(plan.reason).toContain(why);
    expect(plan.command).toMatch(/^ssh -i prod-key\.pem \S+@54\.1\.2\.3$/);
  });

  it('the SSH user follows the AMI family SSM reports; unknown, it says the user depends on the AMI', () => {
    expect(sshPlan(web, online).command).toBe('ssh -i prod-key.pem ec2-user@54.1.2.3');
    expect(sshPlan(web, { ...online, platformName: 'Ubuntu' }).command).toBe('ssh -i prod-key.pem ubuntu@54.1.2.3');
    const unknown = sshPlan(web, undefined);
    expect(unknown.command).toBe('ssh -i prod-key.pem <user>@54.1.2.3');
    expect(unknown.notes.join('\n')).toContain('user depends on the AMI');
    expect(sshPlan(web, undefined, 'ubuntu/images/hvm-ssd/ubuntu-noble-24.04-amd64-server-20240423').command).toBe('ssh -i prod-key.pem ubuntu@54.1.2.3');
    expect(connectPlan(facts({ hasPlugin: false, managed: undefined, imageName: 'debian-12-amd64-20240201-1647' }), target)).toMatchObject({ command: 'ssh -i prod-key.pem admin@54.1.2.3' });
  });

  it('without a public IP it names the private IP and the way in (bastion); without a key pair it says so', () => {
    const inside = sshPlan({ ...web, publicIp: undefined, keyName: undefined }, online);
    expect(inside.command).toBe('ssh ec2-user@10.0.0.5');
    expect(inside.notes.join('\n')).toMatch(/no public IP: reach 10\.0\.0\.5 .*bastion/);
    expect(inside.notes.join('\n')).toContain('no key pair');
    expect(sshPlan({ ...web, publicIp: undefined, publicDns: 'ec2-x.compute-1.amazonaws.com' }, online).command).toBe('ssh -i prod-key.pem ec2-user@ec2-x.compute-1.amazonaws.com');
  });

  it('quotes a key name the shell would split', () => {
    expect(sshPlan({ ...web, keyName: "bob's key" }, online).command).toBe(`ssh -i 'bob'\\''s key.pem' ec2-user@54.1.2.3`);
  });

  it('a running, managed, online instance with both tools has no reason not to', () => {
    expect(noSessionReason(facts())).toBeUndefined();
  });
});

describe('the reason given first', () => {
  it('the instance side comes before missing tools (installing the plugin would not help an unmanaged instance)', () => {
    expect(noSessionReason(facts({ managed: undefined, hasPlugin: false, hasAwsCli: false }))).toContain('is not managed by SSM');
    expect(noSessionReason(facts({ hasPlugin: false, hasAwsCli: false }))).toContain('the aws CLI is not on PATH');
  });
});

describe('Windows', () => {
  it('says RDP, not SSH', () => {
    expect(sshPlan({ ...web, platformDetails: 'Windows' }, undefined).notes[0]).toMatch(/^Windows: connect with RDP/);
  });
});
