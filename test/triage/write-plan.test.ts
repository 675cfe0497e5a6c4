import { describe, expect, it } from 'vitest';
import type { Instance, InstanceTypeInfo } from '../../source/domain/types.js';
import {
  isConfirmed,
  planAlarms,
  planResize,
  planStopStart,
  putAlarmCommand,
  recommendedAlarms,
  recommendedResize,
  resizeCandidates,
} from '../../source/triage/write-plan.js';

const ml: Instance = {
  id: 'i-1234567890abcdef0', name: 'pettracker-ml-server', tags: { Name: 'pettracker-ml-server' }, type: 'c5.large', state: 'running',
  az: 'us-east-1a', launchTime: undefined, platformDetails: 'Linux/UNIX', architecture: 'x86_64', isDetailedMonitoring: false,
  publicIp: '54.123.45.67', privateIp: '172.31.45.67', keyName: 'pettracker-key', securityGroups: [], subnetId: 'subnet-1', vpcId: 'vpc-1',
  imageId: 'ami-1', stateReason: undefined, stateTransitionReason: undefined,
};
const t = (type: string, vcpus: number, memoryMiB: number, over: Partial<InstanceTypeInfo> = {}): InstanceTypeInfo => ({
  type, vcpus, memoryMiB, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable: type.startsWith('t'), hypervisor: 'nitro', virtualizationTypes: ['hvm'], ...over,
});
const catalogue = [
  t('c5.large', 2, 4096), t('c5.xlarge', 4, 8192), t('c5.2xlarge', 8, 16384), t('m5.large', 2, 8192), t('r5.large', 2, 16384),
  t('c6g.xlarge', 4, 8192, { architectures: ['arm64'] }), t('c4.xlarge', 4, 7680, { isCurrentGeneration: false }),
];

describe('resize', () => {
  it('candidates share architecture and virtualization, are current generation, by memory', () => {
    const names = resizeCandidates(catalogue[0] as InstanceTypeInfo, catalogue).map((c) => c.type);
    expect(names).toEqual(['m5.large', 'c5.xlarge', 'r5.large', 'c5.2xlarge']);
  });

  it('for an OOM the smallest same-family type with more memory is recommended (c5.large → c5.xlarge)', () => {
    const current = catalogue[0] as InstanceTypeInfo;
    expect(recommendedResize(current, resizeCandidates(current, catalogue))?.type).toBe('c5.xlarge');
  });

  it('the plan stops, modifies, starts, and shows before → after with the exact commands', () => {
    const plan = planResize(ml, catalogue[0], catalogue[1] as InstanceTypeInfo, { region: 'us-east-1' });
    expect(plan.calls.map((c) => c.operation)).toEqual([
      'ec2:StopInstances', 'ec2:DescribeInstances (waiter: instance-stopped)', 'ec2:ModifyInstanceAttribute',
      'ec2:StartInstances', 'ec2:DescribeInstances (waiter: instance-running)', 'ec2:DescribeInstanceStatus (waiter: instance-status-ok)',
    ]);
    expect(plan.commands).toContain('aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1');
    expect(plan.notes[0]).toBe('c5.large 2 vCPU 4 GiB → c5.xlarge 4 vCPU 8 GiB');
    expect(plan.needsTypedConfirm).toBe(true);
  });

  it('stop and start needs a typed confirmation; its commands match the reference', () => {
    const plan = planStopStart(ml, { region: 'us-east-1' });
    expect(plan.needsTypedConfirm).toBe(true);
    expect(plan.commands.slice(0, 3)).toEqual([
      'aws ec2 stop-instances --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 wait instance-stopped --instance-ids i-1234567890abcdef0 --region us-east-1',
      'aws ec2 start-instances --instance-ids i-1234567890abcdef0 --region us-east-1',
    ]);
  });
});

describe('plans as steps', () => {
  it('a stopped instance is resized without a stop; DryRun checks each mutating action once', () => {
    const plan = planResize({ ...ml, state: 'stopped' }, catalogue[0], catalogue[1] as InstanceTypeInfo, { region: 'us-east-1' });
    expect(plan.steps.map((s) => s.kind)).toEqual(['modify-type', 'start', 'wait', 'wait']);
    expect(plan.permissionChecks).toEqual([{ action: 'modify-type', instanceType: 'c5.xlarge' }, { action: 'start' }]);
    expect(plan.calls).toHaveLength(plan.steps.length);
    expect(plan.commands).toHaveLength(plan.steps.length);
  });

  it('the id or the Name confirms, exactly; anything else does not', () => {
    const plan = planStopStart(ml, { region: 'us-east-1' });
    expect(isConfirmed(plan, 'i-1234567890abcdef0')).toBe(true);
    expect(isConfirmed(plan, ' pettracker-ml-server ')).toBe(true);
    expect(isConfirmed(plan, 'pettracker-ml')).toBe(false);
    expect(isConfirmed(plan, 'PETTRACKER-ML-SERVER')).toBe(false);
    expect(isConfirmed(planStopStart({ ...ml, name: '' }, { region: 'us-east-1' }), '')).toBe(false);
  });

  it('the alarm calls carry the whole PutMetricAlarm input the SDK is sent', () => {
    const specs = recommendedAlarms(ml, 'us-east-1', { isAgentReporting: false });
    const plan = planAlarms(ml, specs, [], { region: 'us-east-1' });
    expect(plan.calls[2]).toEqual({
      operation: 'cloudwatch:PutMetricAlarm',
      params: {
        AlarmName: 'pettracker-ml-server-auto-recover', AlarmDescription: 'Recover the instance when the system status check fails', Namespace: 'AWS/EC2',
        MetricName: 'StatusCheckFailed_System', Dimensions: [{ Name: 'InstanceId', Value: 'i-1234567890abcdef0' }], Statistic: 'Maximum', Period: 60,
        EvaluationPeriods: 2, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: ['arn:aws:automate:us-east-1:ec2:recover'],
      },
    });
    expect(plan.permissionChecks).toEqual([]);
  });
});

describe('recommended alarms', () => {
  it('the reference set, the memory alarm only with the agent, named <Name>-<what>', () => {
    const withAgent = recommendedAlarms(ml, 'us-east-1', { topicArn: 'arn:aws:sns:us-east-1:123456789012:pettracker-alerts', isAgentReporting: true });
    expect(withAgent.map((a) => a.name)).toEqual([
      'pettracker-ml-server-high-cpu', 'pettracker-ml-server-status-check', 'pettracker-ml-server-auto-recover', 'pettracker-ml-server-memory',
    ]);
    expect(withAgent[2]?.alarmActions).toEqual(['arn:aws:automate:us-east-1:ec2:recover']);
    expect(withAgent[0]).toMatchObject({ statistic: 'Average', period: 300, evaluationPeriods: 2, threshold: 80, comparison: 'GreaterThanThreshold' });
    expect(recommendedAlarms(ml, 'us-east-1', { isAgentReporting: false }).map((a) => a.name)).not.toContain('pettracker-ml-server-memory');
  });

  it('the CLI command is the reference put-metric-alarm', () => {
    const [cpu] = recommendedAlarms(ml, 'us-east-1', { topicArn: 'arn:aws:sns:us-east-1:123456789012:pettracker-alerts', isAgentReporting: false });
    expect(putAlarmCommand(cpu!, { region: 'us-east-1' })).toBe(
      "aws cloudwatch put-metric-alarm --alarm-name pettracker-ml-server-high-cpu --alarm-description 'Alert when CPU exceeds 80%' " +
        '--metric-name CPUUtilization --namespace AWS/EC2 --statistic Average --period 300 --threshold 80 ' +
        '--comparison-operator GreaterThanThreshold --evaluation-periods 2 --dimensions Name=InstanceId,Value=i-1234567890abcdef0 ' +
        '--alarm-actions arn:aws:sns:us-east-1:123456789012:pettracker-alerts --region us-east-1',
    );
  });

  it('existing alarms of the same name are updates, not duplicates', () => {
    const specs = recommendedAlarms(ml, 'us-east-1', { isAgentReporting: false });
    const plan = planAlarms(ml, specs, ['pettracker-ml-server-high-cpu'], { region: 'us-east-1' });
    expect(plan.notes[0]).toMatch(/^update pettracker-ml-server-high-cpu/);
    expect(plan.notes[1]).toMatch(/^create pettracker-ml-server-status-check/);
    expect(plan.calls).toHaveLength(3);
  });
});
