// Won't start: the StateReason decoded into its fix, with the commands for this instance.
import type { Evidence } from './evidence.js';
import { valueOf } from './evidence.js';
import type { Recommendation } from './recommendations.js';
import { awsCommand } from './shell.js';
import { decodeStateReason } from './state-reasons.js';

const rec = (id: string, title: string, why: string, commands: string[], isDisruptive = false): Recommendation => ({ id, title, why, where: 'aws', commands, isDisruptive });

/** The type to try instead: the previous size in the family (the one it ran as), else nothing. */
function alternativeType(e: Evidence): string | undefined {
  const current = valueOf(e.typeInfo);
  const family = valueOf(e.familyTypes) ?? [];
  const prefix = e.instance.type.split('.')[0];
  return family
    .filter((t) => t.type !== e.instance.type && t.type.split('.')[0] === prefix && (current === undefined || t.memoryMiB < current.memoryMiB))
    .sort((a, b) => b.memoryMiB - a.memoryMiB)[0]?.type;
}

/** The fixes for a stopped instance, keyed by its decoded StateReason. */
export function wontStartRecommendations(e: Evidence): Recommendation[] {
  const id = e.instance.id;
  const r = e.region;
  const code = decodeStateReason(e.instance.stateReason?.code)?.code ?? e.instance.stateReason?.code ?? '';
  const start = awsCommand(r, 'ec2', 'start-instances', ['--instance-ids', id]);
  const consoleOut = awsCommand(r, 'ec2', 'get-console-output', ['--instance-id', id, '--latest', '--output', 'text']);
  const volumes = awsCommand(r, 'ec2', 'describe-volumes', ['--filters', `Name=attachment.instance-id,Values=${id}`, '--query', 'Volumes[].[VolumeId,Size,Encrypted,KmsKeyId]', '--output', 'table']);
  switch (code) {
    case 'Server.InsufficientInstanceCapacity': {
      const alt = alternativeType(e);
      return [
        rec('retry-start', 'Try the start again in a few minutes', 'Capacity frees up; the error is per AZ and type at this moment', [start]),
        ...(alt === undefined ? [] : [rec('other-type', `Start it as ${alt} instead`, `${e.instance.type} has no capacity in ${e.instance.az}; another type draws on another pool`,
          [awsCommand(r, 'ec2', 'modify-instance-attribute', ['--instance-id', id, '--instance-type', alt]), start], true)]),
        rec('other-az', 'Or launch a copy in another Availability Zone', `An AMI of it can launch in another AZ than ${e.instance.az} (pick a subnet there)`,
          [awsCommand(r, 'ec2', 'create-image', ['--instance-id', id, '--name', `${e.instance.name === '' ? id : e.instance.name}-move-az`, '--no-reboot'])]),
      ];
    }
    case 'Client.VolumeLimitExceeded':
      return [rec('unused-volumes', 'Find unused EBS volumes to delete', 'Detached volumes still count against the limit',
        [awsCommand(r, 'ec2', 'describe-volumes', ['--filters', 'Name=status,Values=available', '--query', 'Volumes[].[VolumeId,Size,CreateTime]', '--output', 'table'])])];
    case 'Client.InvalidSnapshot.NotFound':
      return [rec('check-ami', "Check the AMI's snapshots", 'A snapshot the AMI needs was deleted',
        [awsCommand(r, 'ec2', 'describe-images', ['--image-ids', e.instance.imageId ?? 'ami-unknown', '--query', 'Images[].BlockDeviceMappings[].Ebs.SnapshotId'])])];
    case 'Client.InternalError':
      return [rec('check-kms', 'Check the encrypted volumes and their KMS key', 'An unusable KMS key (disabled, pending deletion, policy) stops EBS from attaching', [volumes, awsCommand(r, 'kms', 'describe-key', ['--key-id', 'KEY_ID_FROM_ABOVE'])])];
    case 'Client.InstanceLimitExceeded':
    case 'Client.VcpuLimitExceeded':
      return [rec('quota', 'Check the vCPU quota (Running On-Demand Standard instances)', 'Raise it or stop other instances',
        [awsCommand(r, 'service-quotas', 'get-service-quota', ['--service-code', 'ec2', '--quota-code', 'L-1216C47A'])])];
    case 'Client.UserInitiatedShutdown':
      return [rec('start', 'Start the instance', 'It was stopped on purpose; CloudTrail names who stopped it',
        [start, awsCommand(r, 'cloudtrail', 'lookup-events', ['--lookup-attributes', `AttributeKey=ResourceName,AttributeValue=${id}`, '--max-results', '20'])])];
    case 'Client.InstanceInitiatedShutdown':
      return [rec('start-and-read', 'Start it and read the console output', 'Something inside the OS ran shutdown', [start, consoleOut])];
    case 'Server.SpotInstanceTermination':
    case 'Server.SpotInstanceShutdown':
      return [rec('spot', 'Review the Spot request', 'Capacity was reclaimed', [awsCommand(r, 'ec2', 'describe-spot-instance-requests', ['--filters', `Name=instance-id,Values=${id}`])])];
    default:
      return [rec('start', 'Start the instance', 'Server.InternalError and scheduled stops clear with a new start', [start, consoleOut])];
  }
}
