// Diagnosis → what to do, as the exact commands for THIS instance and region: `aws` CLI commands to run from your
// machine, host commands to run on the instance. Carrying them out is a later feature; here they are shown.
import type { InstanceTypeInfo } from '../aws/types.js';
import type { Diagnosis } from './diagnosis.js';
import type { Evidence } from './evidence.js';
import { valueOf } from './evidence.js';
import { networkRecommendations } from './recommendations-network.js';
import { wontStartRecommendations } from './recommendations-start.js';
import { awsCommand, raw, shellQuote } from './shell.js';

export interface Recommendation {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  /** 'aws': run from your machine with the AWS CLI; 'host': run on the instance (SSH or Session Manager). */
  readonly where: 'aws' | 'host';
  readonly commands: readonly string[];
  /** Stops, reboots or changes the instance: confirm before running. */
  readonly isDisruptive: boolean;
  /** Extra lines: 'c5.large 2 vCPU 4 GiB → c5.xlarge 4 vCPU 8 GiB'. */
  readonly notes?: readonly string[];
}

/** Options the engine cannot read from the evidence. */
export interface RecommendOptions {
  /** SNS topic for alarm notifications; without it alarms are created without actions (a note says so). */
  readonly snsTopicArn?: string;
}

const gib = (mib: number): string => `${Math.round((mib / 1024) * 10) / 10} GiB`;
/** 'c5.large 2 vCPU 4 GiB' */
export const typeText = (t: InstanceTypeInfo): string => `${t.type} ${t.vcpus} vCPU ${gib(t.memoryMiB)}`;
const SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];
const sizeRank = (type: string): number => SIZES.indexOf(type.split('.')[1] ?? '');

/** The smallest type of the same family with more memory (and the same architecture); undefined when none is known. */
export function nextLargerType(current: InstanceTypeInfo, family: readonly InstanceTypeInfo[]): InstanceTypeInfo | undefined {
  const prefix = current.type.split('.')[0];
  return family
    .filter((t) => t.type.split('.')[0] === prefix && t.memoryMiB > current.memoryMiB && (current.architectures.length === 0 || t.architectures.some((a) => current.architectures.includes(a))))
    .sort((a, b) => a.memoryMiB - b.memoryMiB || a.vcpus - b.vcpus)[0];
}

/** The next size by name ('c5.large' → 'c5.xlarge') when DescribeInstanceTypes was not read. */
export function nextSizeName(type: string): string | undefined {
  const [family, size = ''] = type.split('.');
  const next = SIZES[SIZES.indexOf(size) + 1];
  return family === undefined || next === undefined || SIZES.indexOf(size) < 0 ? undefined : `${family}.${next}`;
}

/** The resize: stop, wait, change the type, start. */
export function resizeRecommendation(e: Evidence, why: string): Recommendation | undefined {
  const info = valueOf(e.typeInfo);
  const next = info === undefined ? undefined : nextLargerType(info, valueOf(e.familyTypes) ?? []);
  const target = next?.type ?? nextSizeName(e.instance.type);
  if (target === undefined || sizeRank(target) < 0) return undefined;
  const id = e.instance.id;
  return {
    id: 'resize', where: 'aws', isDisruptive: true, why,
    title: `Resize ${e.instance.type} → ${target}`,
    notes: [info !== undefined && next !== undefined ? `${typeText(info)} → ${typeText(next)}` : `${e.instance.type} → ${target} (sizes not read: DescribeInstanceTypes)`, 'The instance stops: a few minutes of downtime; the public IP changes unless it is an Elastic IP'],
    commands: [
      awsCommand(e.region, 'ec2', 'stop-instances', ['--instance-ids', id]),
      awsCommand(e.region, 'ec2', 'wait', ['instance-stopped', '--instance-ids', id]),
      awsCommand(e.region, 'ec2', 'modify-instance-attribute', ['--instance-id', id, '--instance-type', target]),
      awsCommand(e.region, 'ec2', 'start-instances', ['--instance-ids', id]),
    ],
  };
}

/** A CloudWatch alarm on one metric of this instance (the reference's put-metric-alarm shape). */
export function alarmCommand(e: Evidence, o: RecommendOptions, a: { suffix: string; metric: string; namespace: string; statistic: string; period: number; threshold: number; comparison: string; actions?: string }): string {
  const name = `${e.instance.name === '' ? e.instance.id : e.instance.name}-${a.suffix}`;
  const actions = a.actions ?? o.snsTopicArn;
  return awsCommand(e.region, 'cloudwatch', 'put-metric-alarm', [
    '--alarm-name', name, '--metric-name', a.metric, '--namespace', a.namespace, '--statistic', a.statistic,
    '--period', String(a.period), '--threshold', String(a.threshold), '--comparison-operator', a.comparison,
    '--evaluation-periods', '2', '--dimensions', `Name=InstanceId,Value=${e.instance.id}`,
    ...(actions === undefined ? [] : ['--alarm-actions', actions]),
  ]);
}

const alarmNote = (o: RecommendOptions): string[] => (o.snsTopicArn === undefined ? ['Add --alarm-actions <your SNS topic ARN> to be notified'] : []);

const AGENT_CONFIG = JSON.stringify({ metrics: { metrics_collected: { mem: { measurement: ['mem_used_percent'] }, disk: { measurement: ['disk_used_percent'], resources: ['/'] } }, append_dimensions: { InstanceId: '${aws:InstanceId}' } } });

/** Install and start the CloudWatch Agent with memory and disk metrics (the reference's config). */
export function agentRecommendation(): Recommendation {
  return {
    id: 'install-agent', where: 'host', isDisruptive: false,
    title: 'Install the CloudWatch Agent (memory and disk metrics)',
    why: 'EC2 does not report memory or disk space: only the agent does, and the memory alarm needs it',
    commands: [
      'sudo yum install -y amazon-cloudwatch-agent',
      `echo ${shellQuote(AGENT_CONFIG)} | sudo tee /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json`,
      'sudo /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json',
    ],
    notes: ['The instance role needs the CloudWatchAgentServerPolicy managed policy'],
  };
}

const host = (id: string, title: string, why: string, commands: string[]): Recommendation => ({ id, title, why, where: 'host', commands, isDisruptive: false });
const hasFinding = (d: Diagnosis, id: string): boolean => [...d.supporting, ...d.otherFindings].some((f) => f.id === id);

function memoryActions(e: Evidence, d: Diagnosis, o: RecommendOptions): Recommendation[] {
  const noAgent = d.notChecked.some((n) => n.kind === 'no-agent' && n.what.startsWith('Memory')) || valueOf(e.metrics.mem) === undefined;
  const resize = resizeRecommendation(e, 'More memory for the same workload: the process no longer runs out');
  return [
    ...(resize === undefined ? [] : [resize]),
    { id: 'memory-alarm', where: 'aws', isDisruptive: false, title: 'Alarm on memory above 85%', why: 'Be told before the OOM killer acts (requires the CloudWatch Agent)', notes: alarmNote(o),
      commands: [alarmCommand(e, o, { suffix: 'memory', metric: 'mem_used_percent', namespace: 'CWAgent', statistic: 'Average', period: 300, threshold: 85, comparison: 'GreaterThanThreshold' })] },
    ...(noAgent ? [agentRecommendation()] : []),
    host('memory-host', 'See what uses the memory', 'Confirm which process grows', ['free -h', 'ps aux --sort=-%mem | head -10', "watch -n 5 'free -h'"]),
  ];
}

const stopStart = (e: Evidence): string[] => [
  awsCommand(e.region, 'ec2', 'stop-instances', ['--instance-ids', e.instance.id]),
  awsCommand(e.region, 'ec2', 'wait', ['instance-stopped', '--instance-ids', e.instance.id]),
  awsCommand(e.region, 'ec2', 'start-instances', ['--instance-ids', e.instance.id]),
];
const consoleCommand = (e: Evidence): string => awsCommand(e.region, 'ec2', 'get-console-output', ['--instance-id', e.instance.id, '--latest', '--output', 'text']);

function diskActions(e: Evidence): Recommendation[] {
  const vol = valueOf(e.rootVolume);
  const id = e.instance.id;
  const grow = vol === undefined
    ? [`VOLUME_ID=$(${awsCommand(e.region, 'ec2', 'describe-volumes', ['--filters', `Name=attachment.instance-id,Values=${id}`, '--query', 'Volumes[0].VolumeId', '--output', 'text'])})`,
      `SIZE=$(${awsCommand(e.region, 'ec2', 'describe-volumes', ['--volume-ids', raw('"$VOLUME_ID"'), '--query', 'Volumes[0].Size', '--output', 'text'])})`,
      awsCommand(e.region, 'ec2', 'modify-volume', ['--volume-id', raw('"$VOLUME_ID"'), '--size', raw('$((SIZE * 3 / 2))')])]
    : [awsCommand(e.region, 'ec2', 'modify-volume', ['--volume-id', vol.volumeId, '--size', String(Math.ceil((vol.sizeGiB * 1.5) / 10) * 10)])];
  return [
    host('disk-host', 'Find what fills the disk', 'Delete or rotate the culprit first: growing the volume only buys time', ['df -h', 'sudo du -sh /* | sort -rh | head -10', 'sudo find / -mtime -1 -size +100M -type f 2>/dev/null']),
    { id: 'grow-volume', where: 'aws', isDisruptive: false, title: `Grow the root EBS volume${vol === undefined ? '' : ` (${vol.volumeId}, ${vol.sizeGiB} GiB)`}`, why: 'More space without downtime (EBS Elastic Volumes)', commands: grow,
      notes: ['Then on the instance: sudo growpart /dev/nvme0n1 1 && sudo xfs_growfs -d / (ext4: sudo resize2fs /dev/nvme0n1p1)'] },
  ];
}

function cpuCreditActions(e: Evidence): Recommendation[] {
  const family = e.instance.type.split('.')[0] ?? '';
  const size = e.instance.type.split('.')[1] ?? '';
  const steady = `${family.startsWith('t4g') ? 'm6g' : 'm5'}.${size}`;
  const resize = resizeRecommendation(e, `A larger burstable type earns more credits; or a non-burstable type such as ${steady} has no credits to run out of`);
  return [
    { id: 'credits-unlimited', where: 'aws', isDisruptive: false, title: 'Switch to unlimited credit mode', why: 'The instance may burst above its baseline at all times (surplus credits are billed)',
      commands: [awsCommand(e.region, 'ec2', 'modify-instance-credit-specification', ['--instance-credit-specification', `InstanceId=${e.instance.id},CpuCredits=unlimited`])] },
    ...(resize === undefined ? [] : [resize]),
  ];
}

const cpuHost = (): Recommendation => host('cpu-host', 'Find what uses the CPU', "A high 'st' column in vmstat is CPU steal (noisy neighbour)", ['top -b -n 1 | head -20', 'ps aux --sort=-%cpu | head -10', 'vmstat 1 5']);

/** The recommended actions for a diagnosis, most important first. */
export function recommend(e: Evidence, d: Diagnosis, o: RecommendOptions = {}): Recommendation[] {
  const id = e.instance.id;
  const agent = hasFinding(d, 'no-agent') ? [agentRecommendation()] : [];
  switch (d.cause) {
    case 'oom':
    case 'high-memory':
      return memoryActions(e, d, o);
    case 'system-check-failed':
      return [
        { id: 'stop-start', where: 'aws', isDisruptive: true, title: 'Stop and start the instance (not reboot)', why: 'A stop/start moves the instance to new hardware; a reboot stays on the failed host', commands: stopStart(e), notes: ['Instance-store data is lost; the public IP changes unless it is an Elastic IP'] },
        { id: 'auto-recover', where: 'aws', isDisruptive: false, title: 'Auto-recover on system check failure', why: 'EC2 recovers the instance onto new hardware by itself next time',
          commands: [alarmCommand(e, o, { suffix: 'auto-recover', metric: 'StatusCheckFailed_System', namespace: 'AWS/EC2', statistic: 'Maximum', period: 60, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', actions: `arn:aws:automate:${e.region}:ec2:recover` })] },
      ];
    case 'instance-check-failed':
      return [
        { id: 'reboot', where: 'aws', isDisruptive: true, title: 'Reboot the instance', why: 'An OS-level failure (kernel panic, hung kernel) usually clears with a reboot', commands: [awsCommand(e.region, 'ec2', 'reboot-instances', ['--instance-ids', id])] },
        { id: 'console-output', where: 'aws', isDisruptive: false, title: 'Read the console output (OS logs)', why: 'The kernel prints the cause (panic, file system errors) there; check it after the reboot too', commands: [consoleCommand(e)] },
        { id: 'stop-start', where: 'aws', isDisruptive: true, title: 'If the reboot does not help: stop and start', why: 'Both checks failing may need new hardware, or a new instance', commands: stopStart(e) },
      ];
    case 'disk-full':
      return [...diskActions(e), ...agent];
    case 'cpu-credits':
      return [...cpuCreditActions(e), cpuHost()];
    case 'high-cpu':
      return [cpuHost(), ...agent];
    case 'wont-start':
    case 'not-running':
      return wontStartRecommendations(e);
    case 'ssh-blocked':
    case 'no-public-ip':
    case 'no-igw-route':
    case 'nacl-blocks-ssh':
    case 'key-pair-missing':
    case 'ssh-open-to-world':
      return networkRecommendations(e, d.cause);
    case 'os-errors':
      return [{ id: 'console-output', where: 'aws', isDisruptive: false, title: 'Read the console output', why: 'The full context of the errors', commands: [consoleCommand(e)] }, ...agent];
    case 'scheduled-event':
      return [{ id: 'stop-start', where: 'aws', isDisruptive: true, title: 'Stop and start before the scheduled event', why: 'Moves the instance off the host being retired, at a time you choose', commands: stopStart(e) }];
    case 'healthy':
    case 'inconclusive':
      return agent;
  }
}
