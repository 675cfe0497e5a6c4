// Diagnosis → what to do, as the exact commands for THIS instance and target (region, profile, endpoint): `aws` CLI
// commands to run from your machine, host commands to run on the instance. A recommendation the app can carry out
// carries its plan — the steps the action runner executes — and its commands are that plan's commands, so the fix
// printed by `check`, the triage pane, the report and the preview is the fix that runs.
import { nextSizeName } from '../domain/instance-types.js';
import type { AlarmKind } from './write-plan.js';
import { planned } from './recommendation.js';
import type { Recommendation, RecommendOptions } from './recommendation.js';
import { alarmSpec, planAlarms, planReboot, planResize, planStopStart, recommendedResize, resizeCandidates } from './write-plan.js';
import { agentSetup } from './agent-config.js';
import type { Diagnosis } from './diagnosis.js';
import type { Evidence, EvidenceKey } from './evidence.js';
import type { Finding } from './types.js';
import { stateOfKey, valueOf } from './evidence.js';
import { networkRecommendations } from './recommendations-network.js';
import { wontStartRecommendations } from './recommendations-start.js';
import { awsCommand, raw } from './shell.js';

export type { Recommendation, RecommendOptions } from './recommendation.js';

/** The resize: the smallest type that fits with more memory (DescribeInstanceTypes), else the next size by name. */
export function resizeRecommendation(e: Evidence, why: string): Recommendation | undefined {
  const info = valueOf(e.typeInfo);
  const fits = info === undefined ? [] : resizeCandidates(info, valueOf(e.familyTypes) ?? []);
  const next = info === undefined ? undefined : recommendedResize(info, fits);
  const to = next ?? nextSizeName(e.instance.type);
  if (to === undefined) return undefined;
  const toType = typeof to === 'string' ? to : to.type;
  return planned('resize', `Resize ${e.instance.type} → ${toType}`, why, planResize(e.instance, info, to, e.target));
}

const alarmNote = (o: RecommendOptions): string[] => (o.snsTopicArn === undefined ? ['Add --alarm-actions <your SNS topic ARN> to be notified'] : []);

/** One alarm of the reference's set, as a plan (PutMetricAlarm creates it, or replaces one of the same name). */
function alarmRecommendation(e: Evidence, o: RecommendOptions, kind: AlarmKind, id: string, title: string, why: string): Recommendation {
  const spec = alarmSpec(kind, e.instance, e.target.region, o.snsTopicArn);
  return planned(id, title, why, planAlarms(e.instance, [spec], undefined, e.target, title), kind === 'auto-recover' ? [] : alarmNote(o));
}

/** Install and start the CloudWatch Agent with the reference config (the agent view shows and saves the same). */
export function agentRecommendation(e: Evidence): Recommendation {
  return {
    id: 'install-agent', where: 'host', isDisruptive: false, view: 'agent',
    title: 'Install the CloudWatch Agent (memory and disk metrics)',
    why: 'EC2 does not report memory or disk space: only the agent does, and the memory alarm needs it',
    commands: agentSetup(e.instance).commands,
    notes: ['The instance role needs the CloudWatchAgentServerPolicy managed policy'],
  };
}

const host = (id: string, title: string, why: string, commands: string[]): Recommendation => ({ id, title, why, where: 'host', commands, isDisruptive: false });

/**
 * Commands to run on the instance, unless the host checks ran them already: their facts are in the run (the Host
 * checks step, the report), so asking the engineer to type them again would be asking twice.
 */
const unlessHostRead = (e: Evidence, key: EvidenceKey, r: Recommendation): Recommendation[] => (stateOfKey(e, key) === 'observed' ? [] : [r]);

function memoryActions(e: Evidence, noAgent: boolean, o: RecommendOptions): Recommendation[] {
  const resize = resizeRecommendation(e, 'More memory for the same workload: the process no longer runs out');
  return [
    ...(resize === undefined ? [] : [resize]),
    alarmRecommendation(e, o, 'memory', 'memory-alarm', 'Alarm on memory above 85%', 'Be told before the OOM killer acts (requires the CloudWatch Agent)'),
    ...(noAgent ? [agentRecommendation(e)] : []),
    ...unlessHostRead(e, 'hostMemory', host('memory-host', 'See what uses the memory', 'Confirm which process grows', ['free -h', 'ps aux --sort=-%mem | head -10', "watch -n 5 'free -h'"])),
  ];
}

const stopStart = (e: Evidence, title: string, why: string, notes: string[] = []): Recommendation => planned('stop-start', title, why, planStopStart(e.instance, e.target), notes);
const consoleCommand = (e: Evidence): string => awsCommand(e.target, 'ec2', 'get-console-output', ['--instance-id', e.instance.id, '--latest', '--output', 'text']);

function diskActions(e: Evidence): Recommendation[] {
  const vol = valueOf(e.rootVolume);
  const id = e.instance.id;
  const grow = vol === undefined
    ? [`VOLUME_ID=$(${awsCommand(e.target, 'ec2', 'describe-volumes', ['--filters', `Name=attachment.instance-id,Values=${id}`, '--query', 'Volumes[0].VolumeId', '--output', 'text'])})`,
      `SIZE=$(${awsCommand(e.target, 'ec2', 'describe-volumes', ['--volume-ids', raw('"$VOLUME_ID"'), '--query', 'Volumes[0].Size', '--output', 'text'])})`,
      awsCommand(e.target, 'ec2', 'modify-volume', ['--volume-id', raw('"$VOLUME_ID"'), '--size', raw('$((SIZE * 3 / 2))')])]
    : [awsCommand(e.target, 'ec2', 'modify-volume', ['--volume-id', vol.volumeId, '--size', String(Math.ceil((vol.sizeGiB * 1.5) / 10) * 10)])];
  return [
    ...unlessHostRead(e, 'hostDisk', host('disk-host', 'Find what fills the disk', 'Delete or rotate the culprit first: growing the volume only buys time', ['df -h', 'sudo du -sh /* | sort -rh | head -10', 'sudo find / -mtime -1 -size +100M -type f 2>/dev/null'])),
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
      commands: [awsCommand(e.target, 'ec2', 'modify-instance-credit-specification', ['--instance-credit-specification', `InstanceId=${e.instance.id},CpuCredits=unlimited`])] },
    ...(resize === undefined ? [] : [resize]),
  ];
}

const cpuHost = (e: Evidence): Recommendation[] => unlessHostRead(e, 'hostCpu', host('cpu-host', 'Find what uses the CPU', "A high 'st' column in vmstat is CPU steal (noisy neighbour)", ['top -b -n 1 | head -20', 'ps aux --sort=-%cpu | head -10', 'vmstat 1 5']));

/** SSH refused by the instance: get in without SSH (Session Manager), then start sshd or open the host firewall. */
function sshHostActions(e: Evidence): Recommendation[] {
  return [
    { id: 'ssm-session', where: 'aws', isDisruptive: false, title: 'Get a shell without SSH (Session Manager)', why: 'The instance is managed by SSM: a session does not need sshd or port 22', commands: [awsCommand(e.target, 'ssm', 'start-session', ['--target', e.instance.id])] },
    host('sshd-start', 'Start sshd and open port 22 on the host', 'sshd is down or the host firewall drops port 22', [
      'sudo systemctl status sshd || sudo systemctl status ssh', 'sudo systemctl enable --now sshd || sudo systemctl enable --now ssh', "sudo ss -tlnp 'sport = :22'", 'sudo iptables -I INPUT -p tcp --dport 22 -j ACCEPT',
    ]),
  ];
}

/**
 * The recommended actions for a diagnosis, most important first. `findings` are the run's (all of them: the
 * agent's absence is an info finding the diagnosis does not keep).
 */
export function recommend(e: Evidence, d: Diagnosis, findings: readonly Finding[], o: RecommendOptions = {}): Recommendation[] {
  const noAgent = findings.some((f) => f.id === 'no-agent');
  const agent = noAgent ? [agentRecommendation(e)] : [];
  switch (d.cause) {
    case 'oom':
    case 'high-memory':
      return memoryActions(e, noAgent, o);
    case 'system-check-failed':
      return [
        stopStart(e, 'Stop and start the instance (not reboot)', 'A stop/start moves the instance to new hardware; a reboot stays on the failed host', ['Instance-store data is lost']),
        alarmRecommendation(e, o, 'auto-recover', 'auto-recover', 'Auto-recover on system check failure', 'EC2 recovers the instance onto new hardware by itself next time'),
      ];
    case 'instance-check-failed':
      return [
        planned('reboot', 'Reboot the instance', 'An OS-level failure (kernel panic, hung kernel) usually clears with a reboot', planReboot(e.instance, e.target)),
        { id: 'console-output', where: 'aws', isDisruptive: false, title: 'Read the console output (OS logs)', why: 'The kernel prints the cause (panic, file system errors) there; check it after the reboot too', commands: [consoleCommand(e)] },
        stopStart(e, 'If the reboot does not help: stop and start', 'Both checks failing may need new hardware, or a new instance'),
      ];
    case 'disk-full':
      return [...diskActions(e), ...agent];
    case 'cpu-credits':
      return [...cpuCreditActions(e), ...cpuHost(e)];
    case 'high-cpu':
      return [...cpuHost(e), ...agent];
    case 'cpu-steal':
      return [
        stopStart(e, 'Stop and start the instance (moves it to another host)', 'Steal comes from other tenants on the same hardware: a stop and start lands on a new host', ['Instance-store data is lost']),
        ...cpuHost(e),
      ];
    case 'ssh-host':
      return sshHostActions(e);
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
      return [stopStart(e, 'Stop and start before the scheduled event', 'Moves the instance off the host being retired, at a time you choose')];
    case 'healthy':
    case 'inconclusive':
      return agent;
  }
}
