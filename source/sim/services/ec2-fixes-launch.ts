// RunInstances, for won't-start's "launch a copy in another Availability Zone": one instance of an available image
// into a subnet (the capacity the stopped instance lacks may be there), tagged as asked. The world's launch store
// (world-launch.ts) checks the image, type, subnet, groups and key, and the capacity of the subnet's AZ.
import { invalidParameterValue } from '../fix-errors.js';
import { SimError } from '../protocol/errors.js';
import { checkDryRun } from './ec2-common.js';
import { required, tagsOf, write } from './ec2-fixes.js';
import { renderInstance, reservationIdOf } from './ec2-render.js';
import { readInteger, readList, readString, readStringList, readStruct } from './input.js';
import type { Fail } from './input.js';
import type { Operations } from './operation.js';

const invalid: Fail = (message) => invalidParameterValue(message);

const runInstances = write((fixes, base, input, world) => {
  const imageId = required(input, 'ImageId');
  const min = readInteger(input.MinCount, 'MinCount', invalid);
  const max = readInteger(input.MaxCount, 'MaxCount', invalid);
  if (min === undefined) throw new SimError('MissingParameter', 'The request must contain the parameter MinCount');
  if (max === undefined) throw new SimError('MissingParameter', 'The request must contain the parameter MaxCount');
  if (min < 1 || max < min) throw invalid(`Value (${min}) for parameter minCount is invalid. Expected a value between 1 and maxCount.`);
  if (min > 1) throw new SimError('UnsupportedOperation', 'The training fleet launches one instance per call.');
  if (readList(input.NetworkInterface ?? input.NetworkInterfaces).length > 0) {
    throw new SimError('UnsupportedOperation', 'The training fleet launches into SubnetId with SecurityGroupId, not NetworkInterfaces.');
  }
  const zone = readString(readStruct(input.Placement, 'Placement', invalid).AvailabilityZone, 'Placement.AvailabilityZone', invalid);
  const subnetId = readString(input.SubnetId, 'SubnetId', invalid)
    ?? base.subnets.find((s) => s.isDefaultForAz && (zone === undefined || s.az === zone))?.id
    ?? '';
  const subnet = base.subnets.find((s) => s.id === subnetId);
  if (zone !== undefined && subnet !== undefined && subnet.az !== zone) {
    throw invalid(`Value (${zone}) for parameter availabilityZone is invalid. Subnet ${subnetId} is in ${subnet.az}.`);
  }
  const groupIds = readStringList(input.SecurityGroupId ?? input.SecurityGroupIds, 'SecurityGroupId', invalid);
  const request = {
    imageId, type: readString(input.InstanceType, 'InstanceType', invalid) ?? 'm1.small', subnetId, groupIds,
    keyName: readString(input.KeyName, 'KeyName', invalid), tags: tagsOf(input, 'instance'),
  };
  checkDryRun(input);
  const instance = fixes.launches.launch(request);
  return { reservationId: reservationIdOf(instance.id), ownerId: world.accountId, groupSet: [], instancesSet: [renderInstance(world, instance)] };
});

/** RunInstances by action name. */
export const ec2FixLaunchOperations: Operations = { RunInstances: runInstances };
