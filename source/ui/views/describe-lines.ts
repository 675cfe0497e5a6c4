// The describe view's lines (pure): everything about one instance, each part that could not be read saying so
// on its own line in the words of describeAwsError.
import { describeAwsError } from '../../domain/aws-error.js';
import { gib } from '../../domain/instance-types.js';
import type { IngressRule, SecurityGroup } from '../../domain/network-types.js';
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { InstanceDetails, Part } from '../../model/inspect-store.js';
import type { Line } from '../components/lines.js';
import { formatAge, formatDateTime } from '../format.js';
import { stateTone } from '../theme.js';

/** Columns of a field's label: the values line up after it. */
export const LABEL_WIDTH = 13;
const LABEL = LABEL_WIDTH;

const field = (label: string, value: string, extra: Partial<Line> = {}): Line => ({ text: `${label.padEnd(LABEL)}${value}`, ...extra });
const heading = (text: string): Line => ({ text, tone: 'heading', isBold: true });
const blank: Line = { text: '' };

/** "not read (access denied: you lack ec2:DescribeVolumes)", "reading…", or undefined when the part is read. */
export function partNote(part: Part<unknown>): string | undefined {
  switch (part.state) {
    case 'loading':
      return 'reading…';
    case 'failed':
      return `not read (${describeAwsError(part.error)})`;
    case 'unavailable':
      return `not read (${part.reason})`;
    case 'ok':
      return undefined;
  }
}

const noteLine = (indent: string, part: Part<unknown>): Line =>
  ({ text: `${indent}${partNote(part) ?? ''}`, tone: part.state === 'loading' ? 'muted' : 'warn' });

/** "tcp 22", "tcp 8000-8100", "all traffic", "icmp" */
export function portsOf(rule: IngressRule): string {
  if (rule.protocol === '-1') return 'all traffic';
  const protocol = rule.protocol === '6' ? 'tcp' : rule.protocol === '17' ? 'udp' : rule.protocol === '1' ? 'icmp' : rule.protocol;
  if (rule.fromPort === undefined || rule.fromPort === -1) return `${protocol} all ports`;
  return rule.fromPort === rule.toPort || rule.toPort === undefined ? `${protocol} ${rule.fromPort}` : `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

/** One inbound rule: "tcp 22 from 203.0.113.0/24, sg-0abc". */
export function ruleText(rule: IngressRule): string {
  const sources = [...rule.cidrs, ...rule.ipv6Cidrs, ...rule.sourceGroupIds, ...(rule.prefixListIds ?? [])];
  return `${portsOf(rule)} from ${sources.length === 0 ? '(no source)' : sources.join(', ')}`;
}

function groupLines(instance: Instance, part: Part<readonly SecurityGroup[]>): Line[] {
  const lines: Line[] = [heading('Security groups (inbound rules)')];
  if (instance.securityGroups.length === 0) return [...lines, { text: '  none' }];
  const read = part.state === 'ok' ? part.data : [];
  for (const ref of instance.securityGroups) {
    lines.push({ text: `  ${ref.id} (${ref.name})` });
    const group = read.find((g) => g.groupId === ref.id);
    if (part.state !== 'ok') lines.push(noteLine('    ', part));
    else if (group === undefined) lines.push({ text: '    not in the DescribeSecurityGroups answer', tone: 'warn' });
    else if (group.ingress.length === 0) lines.push({ text: '    no inbound rules: nothing can connect in', tone: 'warn' });
    else lines.push(...group.ingress.map((r) => ({ text: `    ${ruleText(r)}`, ...(r.cidrs.includes('0.0.0.0/0') ? { tone: 'warn' as const } : {}) })));
  }
  return lines;
}

function volumeLines(instance: Instance, details: InstanceDetails): Line[] {
  const lines: Line[] = [heading('EBS volumes')];
  const devices = instance.blockDevices ?? [];
  if (devices.length === 0) return [...lines, { text: '  none attached' }];
  const part = details.volumes;
  for (const d of devices) {
    const root = d.deviceName === instance.rootDeviceName ? ' (root)' : '';
    const volume = part.state === 'ok' ? part.data.find((v) => v.id === d.volumeId) : undefined;
    const about = volume === undefined
      ? ''
      : ` · ${volume.sizeGiB} GiB ${volume.type}${volume.iops === undefined ? '' : ` ${volume.iops} IOPS`} · ${volume.state}${volume.isEncrypted ? ' · encrypted' : ''}`;
    lines.push({ text: `  ${d.deviceName} ${d.volumeId}${root} · ${d.status}${about}` });
  }
  if (part.state !== 'ok') lines.push(noteLine('  ', part));
  return lines;
}

function ssmLines(details: InstanceDetails, now: number): Line[] {
  const part = details.ssm;
  if (part.state !== 'ok') return [field('SSM managed', partNote(part) ?? '', { tone: part.state === 'loading' ? 'muted' : 'warn' })];
  const m = part.data;
  if (m === undefined) return [field('SSM managed', 'no (not registered with Systems Manager)')];
  const ping = m.lastPingAt === undefined ? '' : `, last ${formatAge(now - m.lastPingAt.getTime())} ago`;
  const platform = m.platformName === undefined ? '' : ` · ${m.platformName}${m.platformVersion === undefined ? '' : ` ${m.platformVersion}`}`;
  return [field('SSM managed', `yes · agent ${m.agentVersion ?? '?'} · ping ${m.pingStatus}${ping}${platform}`, { tone: m.pingStatus === 'Online' ? 'ok' : 'warn' })];
}

function typeValue(instance: Instance, details: InstanceDetails): string {
  const part = details.type;
  if (part.state !== 'ok') return `${instance.type} · ${partNote(part) ?? ''}`;
  if (part.data === undefined) return `${instance.type} · not in the DescribeInstanceTypes answer`;
  return `${instance.type} · ${part.data.vcpus} vCPU · ${gib(part.data.memoryMiB)} memory${part.data.isBurstable ? ' · burstable' : ''}`;
}

function amiValue(instance: Instance, part: InstanceDetails['image']): string {
  const platform = `${instance.platformDetails === undefined ? '' : ` · ${instance.platformDetails}`}${instance.architecture === undefined ? '' : ` · ${instance.architecture}`}`;
  const name = part.state === 'ok' ? (part.data === undefined ? ' (image no longer exists)' : part.data.name === undefined ? '' : ` (${part.data.name})`) : ` (name ${partNote(part) ?? ''})`;
  return `${instance.imageId ?? 'unknown'}${instance.imageId === undefined ? '' : name}${platform}`;
}

function addressValue(part: InstanceDetails['addresses']): string {
  if (part.state !== 'ok') return partNote(part) ?? '';
  if (part.data.length === 0) return 'none';
  return part.data.map((a) => `${a.publicIp}${a.allocationId === undefined ? '' : ` (${a.allocationId})`}`).join(', ');
}

/** Every line of the describe view for one instance; `now` for the age and the last SSM ping. */
export function describeLines(instance: Instance, status: InstanceStatus | undefined, details: InstanceDetails, now: number): Line[] {
  const reason = instance.stateReason?.message ?? instance.stateTransitionReason;
  const launched = instance.launchTime === undefined ? 'unknown' : `${formatDateTime(instance.launchTime)} (${formatAge(now - instance.launchTime.getTime())} ago)`;
  const tags = Object.entries(instance.tags).sort(([a], [b]) => a.localeCompare(b));
  const events = status?.events ?? [];
  return [
    { text: `${instance.name === '' ? '(no Name tag)' : instance.name}  ${instance.id}`, isBold: true },
    field('State', `${instance.state}${reason === undefined || reason === '' ? '' : ` (${reason})`}`, { tone: stateTone(instance.state) }),
    field('Type', typeValue(instance, details)),
    field('Zone', instance.az),
    field('VPC/subnet', `${instance.vpcId ?? 'none'} / ${instance.subnetId ?? 'none'}`),
    field('Private IP', `${instance.privateIp ?? 'none'}${instance.privateDns === undefined ? '' : `  ${instance.privateDns}`}`),
    field('Public IP', instance.publicIp === undefined ? 'none (reachable only from inside the VPC)' : `${instance.publicIp}${instance.publicDns === undefined ? '' : `  ${instance.publicDns}`}`),
    field('Elastic IP', addressValue(details.addresses), details.addresses.state === 'ok' ? {} : { tone: 'warn' }),
    field('Key pair', instance.keyName ?? 'none'),
    field('IAM profile', instance.iamInstanceProfileArn ?? 'none (SSM and the CloudWatch Agent need one)'),
    field('AMI', amiValue(instance, details.image)),
    field('Launched', launched),
    field('Monitoring', instance.isDetailedMonitoring ? 'detailed (1-minute metrics)' : 'basic (5-minute metrics)'),
    ...ssmLines(details, now),
    blank,
    ...groupLines(instance, details.securityGroups),
    blank,
    ...volumeLines(instance, details),
    blank,
    heading('Scheduled events'),
    ...(status === undefined
      ? [{ text: '  not read (no status for this instance yet)', tone: 'muted' as const }]
      : events.length === 0
        ? [{ text: '  none' }]
        : events.map((e) => ({
            text: `  ${e.code}: ${e.description}${e.notBefore === undefined ? '' : ` · from ${formatDateTime(e.notBefore)}`}${e.notAfter === undefined ? '' : ` to ${formatDateTime(e.notAfter)}`}`,
            tone: 'warn' as const,
          }))),
    blank,
    heading('Tags'),
    ...(tags.length === 0 ? [{ text: '  none' }] : tags.map(([k, v]) => ({ text: `  ${k} = ${v}` }))),
  ];
}

/** The raw view's lines: the JSON pretty-printed (2 spaces), or why it is not there. */
export function rawLines(json: Part<unknown>): Line[] {
  if (json.state !== 'ok') return [{ text: partNote(json) ?? '', tone: json.state === 'loading' ? 'muted' : 'warn' }];
  return rawText(json.data).split('\n').map((text) => ({ text }));
}

/** The JSON text the raw view shows and `w` saves. */
export function rawText(data: unknown): string {
  return JSON.stringify(data, null, 2);
}
