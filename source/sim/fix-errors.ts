// EC2's errors for the write operations the triage fixes use, as named constructors (moto's ec2/exceptions.py):
// the models in world-fixes*.ts throw them, the handler renders them. Codes and messages are EC2's own.
import { SimError } from './protocol/errors.js';

const notFoundOne = (code: string, noun: string) => (id: string): SimError => new SimError(code, `The ${noun} '${id}' does not exist`);

export const invalidParameterValue = (message: string): SimError => new SimError('InvalidParameterValue', message);
export const missingParameter = (name: string): SimError => new SimError('MissingParameter', `The request must contain the parameter ${name}`);
export const invalidCombination = (message: string): SimError => new SimError('InvalidParameterCombination', message);

export const groupNotFound = notFoundOne('InvalidGroup.NotFound', 'security group');
export const internetGatewayNotFound = notFoundOne('InvalidInternetGatewayID.NotFound', 'internetGateway ID');
export const gatewayNotFound = notFoundOne('InvalidGatewayID.NotFound', 'gateway ID');
export const vpcNotFound = notFoundOne('InvalidVpcID.NotFound', 'vpc ID');
export const routeTableNotFound = notFoundOne('InvalidRouteTableID.NotFound', 'routeTable ID');
export const networkAclNotFound = notFoundOne('InvalidNetworkAclID.NotFound', 'networkAcl ID');
export const allocationNotFound = notFoundOne('InvalidAllocationID.NotFound', 'allocation ID');
export const associationNotFound = notFoundOne('InvalidAssociationID.NotFound', 'association ID');
export const instanceNotFound = notFoundOne('InvalidInstanceID.NotFound', 'instance ID');
export const volumeNotFound = (id: string): SimError => new SimError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
export const imageNotFound = (id: string): SimError => new SimError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);

/** A CIDR EC2 would refuse ("This is not a valid CIDR block"). */
export const invalidCidr = (parameter: string, value: string): SimError =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);

export const duplicatePermission = (rule: string): SimError =>
  new SimError('InvalidPermission.Duplicate', `the specified rule "${rule}" already exists`);
export const permissionNotFound = (): SimError =>
  new SimError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');

export const routeAlreadyExists = (cidr: string): SimError => new SimError('RouteAlreadyExists', `The route identified by ${cidr} already exists.`);
export const noRouteToReplace = (cidr: string): SimError =>
  invalidParameterValue(`There is no route defined for '${cidr}' in the route table. Use CreateRoute instead.`);
export const routeNotFound = (cidr: string, table: string): SimError =>
  new SimError('InvalidRoute.NotFound', `no route with destination-cidr-block ${cidr} in route table ${table}`);
export const differentNetworks = (table: string, gateway: string): SimError =>
  invalidParameterValue(`route table ${table} and network gateway ${gateway} belong to different networks`);

export const alreadyAttached = (gateway: string, vpc: string): SimError =>
  new SimError('Resource.AlreadyAssociated', `resource ${gateway} is already attached to network ${vpc}`);
export const vpcHasGateway = (vpc: string): SimError =>
  new SimError('Resource.AlreadyAssociated', `Network ${vpc} already has an internet gateway attached`);
export const gatewayNotAttached = (gateway: string, vpc: string): SimError =>
  new SimError('Gateway.NotAttached', `resource ${gateway} is not attached to network ${vpc}`);
export const vpcWithoutGateway = (vpc: string): SimError =>
  new SimError('Gateway.NotAttached', `Network ${vpc} is not attached to any internet gateway`);
export const dependencyViolation = (gateway: string): SimError =>
  new SimError('DependencyViolation', `The internetGateway '${gateway}' has dependencies and cannot be deleted.`);

export const addressLimit = (): SimError => new SimError('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
export const addressAssociated = (allocation: string, association: string): SimError =>
  new SimError('Resource.AlreadyAssociated', `resource ${allocation} is already associated with associate-id ${association}`);
export const addressInUse = (): SimError => new SimError('InvalidIPAddress.InUse', 'Address is in use');
export const badInstanceState = (id: string, state: string): SimError =>
  new SimError('IncorrectInstanceState', `The ${state} instance '${id}' is not in a valid state for this operation.`);

export const aclEntryExists = (rule: number): SimError =>
  new SimError('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${rule} already exists.`);
export const aclEntryNotFound = (rule: number, egress: boolean, acl: string): SimError =>
  new SimError('InvalidNetworkAclEntry.NotFound', `The ${egress ? 'egress' : 'ingress'} entry ${rule} does not exist in ${acl}`);

export const amiUnavailable = (id: string, state: string): SimError =>
  new SimError('InvalidAMIID.Unavailable', `AMI '${id}' is ${state}, and cannot be run`);
export const amiNameTaken = (name: string, id: string): SimError => new SimError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${id}`);
export const volumeRateExceeded = (): SimError =>
  new SimError(
    'VolumeModificationRateExceeded',
    "You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.",
  );
