import { describe, expect, it } from 'vitest';
import { triage } from '../../source/triage/engine.js';
import { missing, missingFromError } from '../../source/triage/evidence.js';
import { decodeStateReason } from '../../source/triage/state-reasons.js';
import { nextSizeName } from '../../source/domain/instance-types.js';
import { recommendedResize, resizeCandidates } from '../../source/triage/write-plan.js';
import { C5, deniedStatus, ID, noAgent, scenario } from './evidence-fixtures.js';
import type { ScenarioName } from './evidence-fixtures.js';

const region = '--region us-east-1';

describe('engine on each training scenario', () => {
  it.each([
    // [scenario, cause, confidence, first chain link, a recommended command]
    ['oom', 'oom', 'high', /^Traffic spike \(NetworkIn 3\.3× median from 02:30 UTC\)$/, `aws ec2 modify-instance-attribute --instance-id ${ID} --instance-type c5.xlarge ${region}`],
    ['system-check-failed', 'system-check-failed', 'high', /^AWS host problem/, `aws ec2 stop-instances --instance-ids ${ID} ${region}`],
    ['instance-check-failed', 'instance-check-failed', 'high', /^Kernel panic: Fatal exception at 02:48:00 UTC$/, `aws ec2 reboot-instances --instance-ids ${ID} ${region}`],
    ['disk-full', 'disk-full', 'high', /^The root volume fills \(disk_used_percent 100% at 02:52 UTC\)$/, 'sudo du -sh /* | sort -rh | head -10'],
    ['cpu-credits', 'cpu-credits', 'high', /t3\.large baseline \(30%\)/, `aws ec2 modify-instance-credit-specification --instance-credit-specification InstanceId=${ID},CpuCredits=unlimited ${region}`],
    ['ssh-blocked', 'ssh-blocked', 'high', /no rule covers port 22/, `aws ec2 authorize-security-group-ingress --group-id sg-0a1b2c3d4e5f60001 --protocol tcp --port 22 --cidr '<your-ip>/32' ${region}`],
    ['no-public-ip', 'no-public-ip', 'high', /^The instance has no public IP/, `aws ec2 associate-address --instance-id ${ID} --allocation-id "$ALLOC_ID" ${region}`],
    ['wont-start', 'wont-start', 'high', /^Start requested \(c5\.xlarge in us-east-1a\)$/, `aws ec2 modify-instance-attribute --instance-id ${ID} --instance-type c5.large ${region}`],
  ] as const)('%s → %s', (name, cause, confidence, chain0, command) => {
    const { diagnosis, recommendations, findings } = triage(scenario(name as ScenarioName));
    expect(diagnosis.cause).toBe(cause);
    expect(diagnosis.confidence).toBe(confidence);
    expect(diagnosis.healthy).toBe(false);
    expect(diagnosis.chain[0]).toMatch(chain0);
    expect(recommendations.flatMap((r) => r.commands)).toContain(command);
    expect(findings.length).toBeGreaterThan(0);
    expect(diagnosis.notChecked).toEqual([]);
  });

  it('oom: the reference chain, the resize c5.large → c5.xlarge with its exact commands, and the memory alarm', () => {
    const { diagnosis, recommendations } = triage(scenario('oom'));
    expect(diagnosis.chain).toEqual([
      'Traffic spike (NetworkIn 3.3× median from 02:30 UTC)',
      'Memory climbs (mem_used_percent 97.6% at 02:44 UTC)',
      'OOM killer triggered at 02:45:12 UTC',
      'python3 (pid 1234) killed',
      'Service unavailable',
    ]);
    const resize = recommendations[0];
    expect(resize?.title).toBe('Resize c5.large → c5.xlarge');
    expect(resize?.notes?.[0]).toBe('c5.large 2 vCPU 4 GiB → c5.xlarge 4 vCPU 8 GiB');
    expect(resize?.commands).toEqual([
      'aws ec2 stop-instances --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 wait instance-stopped --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1',
      'aws ec2 start-instances --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 wait instance-running --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 wait instance-status-ok --instance-ids i-1234567890abcdef0 --region us-east-1',
    ]);
    // The commands are the plan's: what the preview shows and the action runner sends.
    expect(resize?.plan?.commands).toBe(resize?.commands);
    expect(recommendations[1]?.commands[0]).toBe(
      "aws cloudwatch put-metric-alarm --alarm-name pettracker-ml-server-memory --alarm-description 'Alert when memory use exceeds 85%' --metric-name mem_used_percent --namespace CWAgent --statistic Average --period 300 --threshold 85 --comparison-operator GreaterThanThreshold --evaluation-periods 2 --dimensions Name=InstanceId,Value=i-1234567890abcdef0 --region us-east-1",
    );
    expect(recommendations.some((r) => r.id === 'install-agent')).toBe(false);
  });

  it('system check: stop and start (not reboot) and the auto-recover alarm', () => {
    const { recommendations } = triage(scenario('system-check-failed'));
    expect(recommendations.map((r) => r.id)).toEqual(['stop-start', 'auto-recover']);
    expect(recommendations.flatMap((r) => r.commands).some((c) => c.includes('reboot'))).toBe(false);
    expect(recommendations[1]?.commands[0]).toContain('--alarm-actions arn:aws:automate:us-east-1:ec2:recover');
  });

  it('wont-start: InsufficientInstanceCapacity → another type (works now), a retry, another AZ', () => {
    const { recommendations, findings } = triage(scenario('wont-start'));
    expect(findings[0]?.text).toMatch(/Server\.InsufficientInstanceCapacity — AWS has no spare capacity/);
    expect(recommendations.map((r) => r.id)).toEqual(['other-type', 'retry-start', 'other-az']);
  });

  it('healthy: no findings, a clean diagnosis with high confidence, nothing to do', () => {
    const { findings, diagnosis, recommendations } = triage(scenario('healthy'));
    expect(findings).toEqual([]);
    expect(diagnosis).toMatchObject({ cause: 'healthy', healthy: true, confidence: 'high', chain: [] });
    expect(recommendations).toEqual([]);
  });
});

describe('evidence missing', () => {
  it('access denied on DescribeInstanceStatus: not checked, with the IAM action named, and never healthy', () => {
    const { diagnosis } = triage(deniedStatus());
    expect(diagnosis.notChecked).toEqual([
      { what: 'Status checks and scheduled events', why: 'access denied: you lack ec2:DescribeInstanceStatus', action: 'ec2:DescribeInstanceStatus', kind: 'denied' },
    ]);
    expect(diagnosis).toMatchObject({ cause: 'inconclusive', healthy: false, confidence: 'low' });
    expect(diagnosis.title).toMatch(/^Could not determine: Status checks and scheduled events \(access denied/);
  });

  it('no agent: memory and disk not checked, the agent recommended', () => {
    const { diagnosis, recommendations, findings } = triage(noAgent());
    expect(diagnosis.notChecked.map((n) => [n.what, n.kind])).toEqual([['Memory (CWAgent mem_used_percent)', 'no-agent'], ['Disk space (CWAgent disk_used_percent)', 'no-agent']]);
    expect(findings.map((f) => f.id)).toEqual(['no-agent']);
    expect(recommendations.map((r) => r.id)).toEqual(['install-agent']);
  });

  it('OOM without the agent: medium confidence, memory not measured, agent recommended', () => {
    const { diagnosis, recommendations } = triage(noAgent(scenario('oom')));
    expect(diagnosis.cause).toBe('oom');
    expect(diagnosis.confidence).toBe('medium');
    expect(diagnosis.chain[1]).toBe('Memory climbs (not measured: no CloudWatch Agent)');
    expect(recommendations.map((r) => r.id)).toContain('install-agent');
  });

  it('disk full without the agent: the diagnosis stands on the logs, and the agent is recommended too', () => {
    const { diagnosis, recommendations } = triage(noAgent(scenario('disk-full')));
    expect(diagnosis.cause).toBe('disk-full');
    expect(recommendations.map((r) => r.id)).toContain('install-agent');
  });

  it('status and metrics both unreadable: inconclusive, not healthy', () => {
    const e = deniedStatus();
    const throttled = missingFromError({ kind: 'throttled', message: 'Rate exceeded' }, 'cloudwatch:GetMetricData');
    const { diagnosis } = triage({ ...e, metrics: { ...e.metrics, cpuAvg: throttled, cpuMax: throttled } });
    expect(diagnosis).toMatchObject({ cause: 'inconclusive', healthy: false, confidence: 'low' });
  });

  it('not-applicable items are not listed; a missing family list falls back to the next size by name', () => {
    const e = scenario('oom');
    const { recommendations, diagnosis } = triage({ ...e, familyTypes: missing('denied', 'access denied', 'ec2:DescribeInstanceTypes') });
    expect(diagnosis.notChecked.map((n) => n.action)).toEqual(['ec2:DescribeInstanceTypes']);
    expect(recommendations[0]?.title).toBe('Resize c5.large → c5.xlarge');
    expect(recommendations[0]?.notes?.[0]).toMatch(/sizes not read/);
  });
});

describe('type and state helpers', () => {
  it('the recommended resize is the smallest bigger type of the family that fits', () => {
    const small = C5[0] ?? C5[1]!;
    const large = C5[2] ?? C5[1]!;
    expect(recommendedResize(small, resizeCandidates(small, C5))?.type).toBe('c5.xlarge');
    expect(recommendedResize(large, resizeCandidates(large, C5))).toBeUndefined();
    expect(nextSizeName('m5.2xlarge')).toBe('m5.4xlarge');
    expect(nextSizeName('weird')).toBeUndefined();
  });

  it.each([
    ['Server.InsufficientInstanceCapacity', true, /capacity/], ['InsufficientInstanceCapacity', true, /capacity/],
    ['Client.VolumeLimitExceeded', true, /EBS/], ['Client.InvalidSnapshot.NotFound', true, /snapshot/], ['Client.InternalError', true, /KMS/],
    ['Server.InternalError', true, /internal/], ['Client.UserInitiatedShutdown', false, /stopped/], ['Client.InstanceInitiatedShutdown', true, /OS shut/],
    ['VcpuLimitExceeded', true, /vCPU/], ['InstanceLimitExceeded', true, /limit/], ['Server.SpotInstanceTermination', true, /Spot/],
  ])('decodes %s', (code, isFailure, cause) => {
    const info = decodeStateReason(code);
    expect(info?.isFailure).toBe(isFailure);
    expect(info?.cause).toMatch(cause);
  });
});
