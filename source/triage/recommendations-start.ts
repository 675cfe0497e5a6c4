// Won't start: the StateReason decoded into its fix, with the commands for this instance. Starting again and
// starting as another type are plans the app runs; launching a copy elsewhere is a command sequence to copy.
import type { Evidence } from './evidence.js';
import { valueOf } from './evidence.js';
import type { Recommendation } from './recommendation.js';
import { planned } from './recommendation.js';
import { awsCommand, raw } from './shell.js';
import { decodeStateReason } from './state-reasons.js';
import { planResize, planStart } from './write-plan.js';

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

/**
 * A copy of the instance in another Availability Zone: an AMI of it, once available, launched into a subnet of
 * the same VPC in another AZ with the same type, key pair and security groups.
 */
function launchCopy(e: Evidence): string[] {
  const { instance: i, target: t } = e;
  const name = `${i.name === '' ? i.id : i.name}-move-az`;
  return [
    `IMAGE_ID=$(${awsCommand(t, 'ec2', 'create-image', ['--instance-id', i.id, '--name', name, '--no-reboot', '--query', 'ImageId', '--output', 'text'])})`,
    awsCommand(t, 'ec2', 'wait', ['image-available', '--image-ids', raw('"$IMAGE_ID"')]),
    `SUBNET_ID=$(${awsCommand(t, 'ec2', 'describe-subnets', ['--filters', `Name=vpc-id,Values=${i.vpcId ?? ''}`, '--query', `Subnets[?AvailabilityZone!='${i.az}'] | [0].SubnetId`, '--output', 'text'])})`,
    awsCommand(t, 'ec2', 'run-instances', [
      '--image-id', raw('"$IMAGE_ID"'), '--instance-type', i.type, '--subnet-id', raw('"$SUBNET_ID"'),
      ...(i.keyName === undefined ? [] : ['--key-name', i.keyName]),
      ...(i.securityGroups.length === 0 ? [] : ['--security-group-ids', ...i.securityGroups.map((g) => g.id)]),
      '--tag-specifications', `ResourceType=instance,Tags=[{Key=Name,Value=${name}}]`,
    ]),
  ];
}

/** The fixes for a stopped instance, keyed by its decoded StateReason. */
export function wontStartRecommendations(e: Evidence): Recommendation[] {
  const id = e.instance.id;
  const r = e.target;
  const code = decodeStateReason(e.instance.stateReason?.code)?.code ?? e.instance.stateReason?.code ?? '';
  const start = planStart(e.instance, r);
  const consoleOut = awsCommand(r, 'ec2', 'get-console-output', ['--instance-id', id, '--latest', '--output', 'text']);
  const volumes = awsCommand(r, 'ec2', 'describe-volumes', ['--filters', `Name=attachment.instance-id,Values=${id}`, '--query', 'Volumes[].[VolumeId,Size,Encrypted,KmsKeyId]', '--output', 'table']);
  switch (code) {
    case 'Server.InsufficientInstanceCapacity': {
      const alt = alternativeType(e);
      return [
        // Another type draws on another capacity pool: the one fix that works now; a retry may wait long.
        ...(alt === undefined ? [] : [planned('other-type', `Start it as ${alt} instead`, `${e.instance.type} has no capacity in ${e.instance.az}; another type draws on another pool`,
          planResize(e.instance, valueOf(e.typeInfo), valueOf(e.familyTypes)?.find((t) => t.type === alt) ?? alt, r))]),
        planned('retry-start', 'Try the start again in a few minutes', 'Capacity frees up; the error is per AZ and type at this moment', start),
        rec('other-az', 'Or launch a copy in another Availability Zone', `An AMI of it launched into another AZ than ${e.instance.az}; the copy gets a new id and addresses`, launchCopy(e)),
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
      return [
        planned('start', 'Start the instance', 'It was stopped on purpose', start),
        rec('who-stopped', 'See who stopped it (CloudTrail)', 'A stop on purpose may have a reason worth knowing first',
          [awsCommand(r, 'cloudtrail', 'lookup-events', ['--lookup-attributes', `AttributeKey=ResourceName,AttributeValue=${id}`, '--max-results', '20'])]),
      ];
    case 'Client.InstanceInitiatedShutdown':
      return [planned('start', 'Start it', 'Something inside the OS ran shutdown', start), rec('console-output', 'Then read the console output', 'It shows what shut the OS down', [consoleOut])];
    case 'Server.SpotInstanceTermination':
    case 'Server.SpotInstanceShutdown':
      return [rec('spot', 'Review the Spot request', 'Capacity was reclaimed', [awsCommand(r, 'ec2', 'describe-spot-instance-requests', ['--filters', `Name=instance-id,Values=${id}`])])];
    default:
      return [planned('start', 'Start the instance', 'Server.InternalError and scheduled stops clear with a new start', start), rec('console-output', 'Then read the console output', 'It shows how the boot went', [consoleOut])];
  }
}
