import { describe, expect, it } from 'vitest';
import { RUNBOOKS, suggestRunbook } from '../../source/triage/runbooks/index.js';
import { evaluateRules } from '../../source/triage/rules.js';
import { missingFromError } from '../../source/triage/evidence.js';
import { deniedStatus, healthy, ML_SG, noAgent, scenario } from './evidence-fixtures.js';
import type { ScenarioName } from './evidence-fixtures.js';

const states = (id: keyof typeof RUNBOOKS, name: ScenarioName | 'denied' = 'healthy') =>
  RUNBOOKS[id].run(name === 'denied' ? deniedStatus() : scenario(name)).steps.map((s) => `${s.id}:${s.state}`);

describe('suggestRunbook', () => {
  it.each([
    ['oom', 'high-memory'], ['system-check-failed', 'status-check-failed'], ['instance-check-failed', 'status-check-failed'], ['disk-full', 'disk-full'],
    ['cpu-credits', 'high-cpu'], ['ssh-blocked', 'cant-ssh'], ['no-public-ip', 'cant-ssh'], ['wont-start', 'wont-start'], ['healthy', undefined],
  ] as const)('%s → %s', (name, runbook) => {
    expect(suggestRunbook(scenario(name))).toBe(runbook);
    expect(suggestRunbook(evaluateRules(scenario(name)))).toBe(runbook);
  });
});

describe("Can't SSH", () => {
  it('all links ok on the healthy instance, each with its API call', () => {
    const r = RUNBOOKS['cant-ssh'].run(healthy());
    expect(r.steps.map((s) => [s.id, s.apiCall, s.state])).toEqual([
      ['security-group', 'ec2:DescribeSecurityGroups', 'ok'], ['public-ip', 'ec2:DescribeInstances', 'ok'], ['route-table', 'ec2:DescribeRouteTables', 'ok'],
      ['network-acl', 'ec2:DescribeNetworkAcls', 'ok'], ['key-pair', 'ec2:DescribeKeyPairs', 'ok'], ['instance-status', 'ec2:DescribeInstanceStatus', 'ok'],
      ['console-sshd', 'ec2:GetConsoleOutput', 'ok'],
    ]);
    expect(r.brokenAt).toBeUndefined();
  });

  it('stops at the security group with the authorize command; later links are not reached', () => {
    const r = RUNBOOKS['cant-ssh'].run(scenario('ssh-blocked'));
    expect(r.brokenAt).toBe('security-group');
    expect(r.steps[0]?.fix).toEqual(["aws ec2 authorize-security-group-ingress --group-id sg-0a1b2c3d4e5f60001 --protocol tcp --port 22 --cidr '<your-ip>/32' --region us-east-1"]);
    expect(r.steps.slice(1).every((s) => s.state === 'skipped' && s.result.startsWith('Not reached'))).toBe(true);
  });

  it("uses the caller's CIDR when known, and rejects a group that does not include it", () => {
    const e = scenario('ssh-blocked');
    const r = RUNBOOKS['cant-ssh'].run({ ...e, network: { ...e.network, callerCidr: '198.51.100.7/32' } });
    expect(r.steps[0]?.fix?.[0]).toContain('--cidr 198.51.100.7/32');
    const other = RUNBOOKS['cant-ssh'].run({ ...healthy(), network: { ...healthy().network, callerCidr: '198.51.100.7/32' } });
    expect(other.steps[0]).toMatchObject({ state: 'failed', result: 'Port 22 open to 203.0.113.0/24, not to 198.51.100.7/32' });
  });

  it('warns (does not fail) when 22 is open to the world, and suggests revoking it', () => {
    const world = { ...ML_SG, ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], sourceGroupIds: [] }] };
    const e = { ...healthy(), network: { ...healthy().network, securityGroups: [world] } };
    const step0 = RUNBOOKS['cant-ssh'].run(e).steps[0];
    expect(step0?.state).toBe('warning');
    expect(step0?.fix?.[0]).toContain('revoke-security-group-ingress --group-id sg-0a1b2c3d4e5f60001 --protocol tcp --port 22 --cidr 0.0.0.0/0');
    expect(evaluateRules(e).map((f) => f.id)).toContain('ssh-open-to-world');
  });

  it('no public IP: breaks at the public IP link', () => {
    const r = RUNBOOKS['cant-ssh'].run(scenario('no-public-ip'));
    expect(r.brokenAt).toBe('public-ip');
    expect(r.steps[1]?.result).toBe('No public IP (subnet subnet-0private1a MapPublicIpOnLaunch=false)');
  });

  it('NACL denying the ephemeral replies breaks at the NACL with an egress entry numbered below the deny', () => {
    const e = healthy();
    const acl = { aclId: 'acl-0custom', isDefault: false, entries: [
      { ruleNumber: 100, protocol: '6', action: 'allow' as const, egress: false, cidr: '0.0.0.0/0', fromPort: 22, toPort: 22 },
      { ruleNumber: 100, protocol: '6', action: 'deny' as const, egress: true, cidr: '0.0.0.0/0', fromPort: 1024, toPort: 65535 },
      { ruleNumber: 200, protocol: '-1', action: 'allow' as const, egress: true, cidr: '0.0.0.0/0', fromPort: undefined, toPort: undefined },
    ] };
    const r = RUNBOOKS['cant-ssh'].run({ ...e, network: { ...e.network, networkAcl: acl } });
    expect(r.brokenAt).toBe('network-acl');
    expect(r.steps[3]?.result).toBe('acl-0custom: outbound replies to ephemeral port 1024 (1024-65535) are denied (rule #100)');
    expect(r.steps[3]?.fix?.[0]).toContain('create-network-acl-entry --network-acl-id acl-0custom --egress --rule-number 90 --protocol tcp --port-range From=1024,To=65535');
  });

  it('a denied call is "could not check" (never passed) and names the action', () => {
    const e = healthy();
    const denied = missingFromError({ kind: 'denied', action: 'ec2:DescribeSecurityGroups', message: 'not authorized' }, 'ec2:DescribeSecurityGroups');
    const r = RUNBOOKS['cant-ssh'].run({ ...e, network: { ...e.network, securityGroups: denied } });
    expect(r.steps[0]).toMatchObject({ state: 'unknown', result: 'Could not check: access denied: you lack ec2:DescribeSecurityGroups (ec2:DescribeSecurityGroups)' });
  });
});

describe('the other runbooks', () => {
  it.each([
    ['status-check-failed', 'system-check-failed', ['system-check:failed', 'instance-check:ok', 'history:warning', 'scheduled-events:ok']],
    ['status-check-failed', 'instance-check-failed', ['system-check:ok', 'instance-check:failed', 'history:warning', 'scheduled-events:ok']],
    ['status-check-failed', 'denied', ['system-check:unknown', 'instance-check:unknown', 'history:ok', 'scheduled-events:unknown']],
    ['wont-start', 'wont-start', ['state:failed', 'state-reason:failed', 'state-transition:ok']],
    ['wont-start', 'healthy', ['state:ok', 'state-reason:ok', 'state-transition:ok']],
    ['high-cpu', 'cpu-credits', ['cpu-max:ok', 'cpu-avg:ok', 'cpu-credits:failed', 'host:warning']],
    ['high-cpu', 'oom', ['cpu-max:warning', 'cpu-avg:ok', 'cpu-credits:skipped', 'host:warning']],
    ['high-memory', 'oom', ['mem:warning', 'log-signatures:failed', 'host:warning']],
    ['disk-full', 'disk-full', ['disk:failed', 'log-signatures:failed', 'host:warning']],
    ['disk-full', 'healthy', ['disk:ok', 'log-signatures:ok', 'host:warning']],
  ] as const)('%s on %s', (runbook, name, expected) => {
    expect(states(runbook, name)).toEqual(expected);
  });

  it('system check: the fix is stop/start; instance check: reboot then console output', () => {
    expect(RUNBOOKS['status-check-failed'].run(scenario('system-check-failed')).steps[0]?.fix?.[0]).toBe('aws ec2 stop-instances --instance-ids i-1234567890abcdef0 --region us-east-1');
    expect(RUNBOOKS['status-check-failed'].run(scenario('instance-check-failed')).steps[1]?.fix).toEqual([
      'aws ec2 reboot-instances --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 get-console-output --instance-id i-1234567890abcdef0 --latest --output text --region us-east-1',
    ]);
  });

  it('without the agent, memory and disk steps say why they are skipped', () => {
    const r = RUNBOOKS['high-memory'].run(noAgent());
    expect(r.steps[0]).toMatchObject({ state: 'skipped', result: 'No datapoints: the CloudWatch Agent is not reporting' });
  });
});

describe("can't SSH with no security group at all (moto launches instances without one)", () => {
  it('says so, and the fix names a placeholder group instead of inventing an id', () => {
    const base = scenario('ssh-blocked');
    const evidence = { ...base, instance: { ...base.instance, securityGroups: [] }, network: { ...base.network, securityGroups: [] } };
    const result = RUNBOOKS['cant-ssh'].run(evidence);
    const first = result.steps[0];
    expect(first?.result).toBe('The instance has no security group attached: nothing allows port 22');
    expect(first?.fix?.join('\n')).toContain("--group-id '<security-group-id>'");
  });
});
