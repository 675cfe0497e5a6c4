import { describe, expect, it } from 'vitest';
import { describeLines, partNote, portsOf, rawLines, rawText, ruleText } from '../../../source/ui/views/describe-lines.js';
import type { InstanceDetails } from '../../../source/model/inspect-store.js';
import type { InstanceStatus } from '../../../source/domain/types.js';
import { makeInstance, makeStatus } from '../../helpers/fake-aws.js';

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0);
const instance = makeInstance({
  id: 'i-0abc', name: 'web-1', type: 'c5.large', publicIp: '54.1.2.3', publicDns: 'ec2-54-1-2-3.compute-1.amazonaws.com', privateIp: '10.0.0.5',
  privateDns: 'ip-10-0-0-5.ec2.internal', keyName: 'prod-key', vpcId: 'vpc-1', subnetId: 'subnet-1', imageId: 'ami-1', iamInstanceProfileArn: 'arn:aws:iam::1:instance-profile/web',
  securityGroups: [{ id: 'sg-1', name: 'web-sg' }], isDetailedMonitoring: true, rootDeviceName: '/dev/xvda',
  blockDevices: [{ deviceName: '/dev/xvda', volumeId: 'vol-1', status: 'attached', deleteOnTermination: true }],
});
const details: InstanceDetails = {
  instanceId: 'i-0abc',
  type: { state: 'ok', data: { type: 'c5.large', vcpus: 2, memoryMiB: 4096, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable: false, hypervisor: 'nitro', virtualizationTypes: ['hvm'] } },
  securityGroups: { state: 'ok', data: [{ groupId: 'sg-1', groupName: 'web-sg', ingress: [
    { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['203.0.113.0/24'], ipv6Cidrs: [], sourceGroupIds: [] },
    { protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], sourceGroupIds: [] },
  ] }] },
  volumes: { state: 'ok', data: [{ id: 'vol-1', sizeGiB: 8, type: 'gp3', state: 'in-use', iops: 3000, isEncrypted: true }] },
  addresses: { state: 'ok', data: [{ publicIp: '54.1.2.3', allocationId: 'eipalloc-1', associationId: 'eipassoc-1' }] },
  image: { state: 'ok', data: { id: 'ami-1', name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64', description: undefined, platformDetails: 'Linux/UNIX' } },
  ssm: { state: 'ok', data: { instanceId: 'i-0abc', pingStatus: 'Online', lastPingAt: new Date(NOW - 120_000), agentVersion: '3.3.1', platformName: 'Amazon Linux', platformVersion: '2023' } },
};
const status: InstanceStatus = { ...makeStatus('i-0abc'), events: [{ id: 'e-1', code: 'system-reboot', description: 'Scheduled reboot', notBefore: new Date(Date.UTC(2024, 0, 12, 2)), notAfter: undefined }] };
const text = (d: InstanceDetails, s: InstanceStatus | undefined = status): string => describeLines(instance, s, d, NOW).map((l) => l.text).join('\n');

describe('describeLines', () => {
  it('shows every part: state, type with vCPU/memory, network, IPs and DNS, EIP, key, IAM, AMI, age, monitoring, SSM, rules, volumes, events, tags', () => {
    const t = text(details);
    for (const part of [
      'web-1  i-0abc', 'State        running', 'c5.large · 2 vCPU · 4 GiB memory', 'vpc-1 / subnet-1', '10.0.0.5  ip-10-0-0-5.ec2.internal',
      '54.1.2.3  ec2-54-1-2-3.compute-1.amazonaws.com', 'Elastic IP   54.1.2.3 (eipalloc-1)', 'Key pair     prod-key',
      'arn:aws:iam::1:instance-profile/web', 'ami-1 (al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64) · Linux/UNIX · x86_64', '2024-01-06 00:00 UTC (4d ago)', 'detailed (1-minute metrics)',
      'yes · agent 3.3.1 · ping Online, last 2m ago · Amazon Linux 2023', 'sg-1 (web-sg)', 'tcp 22 from 203.0.113.0/24', 'tcp 443 from 0.0.0.0/0',
      '/dev/xvda vol-1 (root) · attached · 8 GiB gp3 3000 IOPS · in-use · encrypted', 'system-reboot: Scheduled reboot · from 2024-01-12 02:00 UTC', 'Name = web-1',
    ]) expect(t).toContain(part);
  });

  it('one part failing says so on its own line in describeAwsError words; the rest stays', () => {
    const t = text({
      ...details,
      securityGroups: { state: 'failed', error: { kind: 'denied', action: 'ec2:DescribeSecurityGroups', message: 'no' } },
      volumes: { state: 'failed', error: { kind: 'throttled', message: 'Rate exceeded' } },
      ssm: { state: 'unavailable', reason: 'ssm:DescribeInstanceInformation is not available on this endpoint' },
    });
    expect(t).toContain('    not read (access denied: you lack ec2:DescribeSecurityGroups)');
    expect(t).toContain('  not read (throttled by AWS (request rate exceeded))');
    expect(t).toContain('SSM managed  not read (ssm:DescribeInstanceInformation is not available on this endpoint)');
    expect(t).toContain('c5.large · 2 vCPU');
    expect(t).toContain('/dev/xvda vol-1 (root) · attached');
  });

  it('says loading, not managed, no public IP, no events and no status each in words', () => {
    const t = describeLines({ ...instance, publicIp: undefined, publicDns: undefined }, undefined, { ...details, type: { state: 'loading' }, ssm: { state: 'ok', data: undefined } }, NOW)
      .map((l) => l.text).join('\n');
    expect(t).toContain('c5.large · reading…');
    expect(t).toContain('SSM managed  no (not registered with Systems Manager)');
    expect(t).toContain('Public IP    none (reachable only from inside the VPC)');
    expect(t).toContain('not read (no status for this instance yet)');
    expect(text({ ...details, image: { state: 'ok', data: undefined } })).toContain('ami-1 (image no longer exists)');
    expect(text({ ...details, image: { state: 'failed', error: { kind: 'denied', action: 'ec2:DescribeImages', message: 'x' } } })).toContain('ami-1 (name not read (access denied: you lack ec2:DescribeImages))');
    expect(text(details, makeStatus('i-0abc'))).toMatch(/Scheduled events\n {2}none/);
  });

  it('words ports and sources of a rule', () => {
    expect(portsOf({ protocol: '-1', fromPort: undefined, toPort: undefined, cidrs: [], ipv6Cidrs: [], sourceGroupIds: [] })).toBe('all traffic');
    expect(portsOf({ protocol: '6', fromPort: 8000, toPort: 8100, cidrs: [], ipv6Cidrs: [], sourceGroupIds: [] })).toBe('tcp 8000-8100');
    expect(ruleText({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: [], ipv6Cidrs: ['::/0'], sourceGroupIds: ['sg-9'], prefixListIds: ['pl-1'] })).toBe('tcp 22 from ::/0, sg-9, pl-1');
  });
});

describe('raw JSON', () => {
  it('pretty-prints the JSON, one line each; a part not read is one line saying why', () => {
    const data = { Reservations: [{ Instances: [{ InstanceId: 'i-1', LaunchTime: '2024-01-06T00:00:00.000Z' }] }] };
    expect(rawText(data)).toBe(JSON.stringify(data, null, 2));
    expect(rawLines({ state: 'ok', data }).map((l) => l.text)).toEqual(JSON.stringify(data, null, 2).split('\n'));
    expect(rawLines({ state: 'failed', error: { kind: 'not-found', message: 'gone' } })[0]?.text).toMatch(/^not read \(/);
    expect(partNote({ state: 'loading' })).toBe('reading…');
  });
});

describe('wrapLines', () => {
  it('wraps, never cuts: a field continues under its value, an indented line two past its indent, styles kept', async () => {
    const { wrapLines } = await import('../../../source/ui/views/view-lines.js');
    const rows = wrapLines([
      { text: 'IAM profile  arn:aws:iam::123456789012:instance-profile/a-rather-long-profile-name', tone: 'warn' },
      { text: '  no public IP: reach 10.0.0.5 from inside the VPC (a bastion, VPN or EC2 Instance Connect Endpoint)' },
    ], 40);
    for (const row of rows) expect([...row.text].length).toBeLessThanOrEqual(40);
    expect(rows[0]?.text.startsWith('IAM profile  arn:')).toBe(true);
    expect(rows[1]?.text).toMatch(/^ {13}\S/);
    expect(rows.every((r, i) => i > 1 || r.tone === 'warn')).toBe(true);
    expect(rows.find((r) => r.text.startsWith('  no public IP'))).toBeDefined();
    expect(rows.filter((r) => /^ {4}\S/.test(r.text)).length).toBeGreaterThan(0);
    expect(rows.map((r) => r.text.trim()).join('')).toContain('a-rather-long-profile-name'.slice(-10));
  });
});
