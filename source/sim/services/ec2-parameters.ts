// The top-level Query parameters of each EC2 operation the fleet serves, as the EC2 service model names them on
// the wire (a member's queryName, else its capitalised locationName). EC2 refuses any other parameter with
// UnknownParameter; so does the fleet. test/sim/ec2-parameters.test.ts checks this table against botocore's model.
import { unknownParameter } from '../protocol/request-errors.js';

/** Parameters each EC2 operation accepts, by action. */
export const EC2_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  DescribeInstances: ['DryRun', 'Filter', 'IncludeManagedResources', 'InstanceId', 'MaxResults', 'NextToken'],
  DescribeInstanceStatus: ['DryRun', 'Filter', 'IncludeAllInstances', 'IncludeManagedResources', 'InstanceId', 'MaxResults', 'NextToken'],
  DescribeInstanceTypes: ['DryRun', 'Filter', 'IncludeUnsupportedInRegion', 'InstanceType', 'MaxResults', 'NextToken'],
  GetConsoleOutput: ['DryRun', 'InstanceId', 'Latest'],
  DescribeSecurityGroups: ['DryRun', 'Filter', 'GroupId', 'GroupName', 'MaxResults', 'NextToken'],
  DescribeSubnets: ['DryRun', 'Filter', 'MaxResults', 'NextToken', 'SubnetId'],
  DescribeRouteTables: ['DryRun', 'Filter', 'MaxResults', 'NextToken', 'RouteTableId'],
  DescribeNetworkAcls: ['DryRun', 'Filter', 'MaxResults', 'NetworkAclId', 'NextToken'],
  DescribeKeyPairs: ['DryRun', 'Filter', 'IncludePublicKey', 'KeyName', 'KeyPairId'],
  DescribeInternetGateways: ['DryRun', 'Filter', 'InternetGatewayId', 'MaxResults', 'NextToken'],
  DescribeVpcs: ['DryRun', 'Filter', 'MaxResults', 'NextToken', 'VpcId'],
  StopInstances: ['DryRun', 'Force', 'Hibernate', 'InstanceId', 'SkipOsShutdown'],
  StartInstances: ['AdditionalInfo', 'DryRun', 'InstanceId'],
  RebootInstances: ['DryRun', 'InstanceId'],
  ModifyInstanceAttribute: [
    'Attribute', 'BlockDeviceMapping', 'DisableApiStop', 'DisableApiTermination', 'DryRun', 'EbsOptimized', 'EnaSupport', 'GroupId',
    'InstanceId', 'InstanceInitiatedShutdownBehavior', 'InstanceType', 'Kernel', 'Ramdisk', 'SourceDestCheck', 'SriovNetSupport',
    'UserData', 'Value',
  ],
  DescribeInstanceAttribute: ['Attribute', 'DryRun', 'InstanceId'],
  // The writes the triage's printed fixes use.
  AllocateAddress: [
    'Address', 'CustomerOwnedIpv4Pool', 'Domain', 'DryRun', 'IpamPoolId', 'NetworkBorderGroup', 'PublicIpv4Pool',
    'TagSpecification',
  ],
  AssociateAddress: [
    'AllocationId', 'AllowReassociation', 'DryRun', 'InstanceId', 'NetworkInterfaceId', 'PrivateIpAddress',
    'PublicIp',
  ],
  AttachInternetGateway: ['DryRun', 'InternetGatewayId', 'VpcId'],
  AuthorizeSecurityGroupIngress: [
    'CidrIp', 'DryRun', 'FromPort', 'GroupId', 'GroupName', 'IpPermissions', 'IpProtocol', 'SourceSecurityGroupName',
    'SourceSecurityGroupOwnerId', 'TagSpecification', 'ToPort',
  ],
  CreateImage: [
    'BlockDeviceMapping', 'Description', 'DryRun', 'InstanceId', 'Name', 'NoReboot', 'SnapshotLocation',
    'TagSpecification',
  ],
  CreateInternetGateway: ['DryRun', 'TagSpecification'],
  CreateNetworkAclEntry: [
    'CidrBlock', 'DryRun', 'Egress', 'Icmp', 'Ipv6CidrBlock', 'NetworkAclId', 'PortRange', 'Protocol', 'RuleAction',
    'RuleNumber',
  ],
  CreateRoute: [
    'CarrierGatewayId', 'CoreNetworkArn', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock',
    'DestinationPrefixListId', 'DryRun', 'EgressOnlyInternetGatewayId', 'GatewayId', 'InstanceId', 'LocalGatewayId',
    'NatGatewayId', 'NetworkInterfaceId', 'OdbNetworkArn', 'RouteTableId', 'TransitGatewayId', 'VpcEndpointId',
    'VpcPeeringConnectionId',
  ],
  DeleteInternetGateway: ['DryRun', 'InternetGatewayId'],
  DeleteNetworkAclEntry: ['DryRun', 'Egress', 'NetworkAclId', 'RuleNumber'],
  DeleteRoute: [
    'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId', 'DryRun', 'RouteTableId',
  ],
  DescribeAddresses: ['AllocationId', 'DryRun', 'Filter', 'PublicIp'],
  DescribeImages: [
    'DryRun', 'ExecutableBy', 'Filter', 'ImageId', 'IncludeDeprecated', 'IncludeDisabled', 'MaxResults', 'NextToken',
    'Owner',
  ],
  DescribeInstanceCreditSpecifications: ['DryRun', 'Filter', 'InstanceId', 'MaxResults', 'NextToken'],
  DescribeVolumes: ['DryRun', 'Filter', 'IncludeManagedResources', 'MaxResults', 'NextToken', 'VolumeId'],
  DetachInternetGateway: ['DryRun', 'InternetGatewayId', 'VpcId'],
  DisassociateAddress: ['AssociationId', 'DryRun', 'PublicIp'],
  ModifyInstanceCreditSpecification: ['ClientToken', 'DryRun', 'InstanceCreditSpecification'],
  ModifyVolume: ['DryRun', 'Iops', 'MultiAttachEnabled', 'Size', 'Throughput', 'VolumeId', 'VolumeType'],
  ReleaseAddress: ['AllocationId', 'DryRun', 'NetworkBorderGroup', 'PublicIp'],
  ReplaceNetworkAclEntry: [
    'CidrBlock', 'DryRun', 'Egress', 'Icmp', 'Ipv6CidrBlock', 'NetworkAclId', 'PortRange', 'Protocol', 'RuleAction',
    'RuleNumber',
  ],
  ReplaceRoute: [
    'CarrierGatewayId', 'CoreNetworkArn', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock',
    'DestinationPrefixListId', 'DryRun', 'EgressOnlyInternetGatewayId', 'GatewayId', 'InstanceId', 'LocalGatewayId',
    'LocalTarget', 'NatGatewayId', 'NetworkInterfaceId', 'OdbNetworkArn', 'RouteTableId', 'TransitGatewayId',
    'VpcEndpointId', 'VpcPeeringConnectionId',
  ],
  RevokeSecurityGroupIngress: [
    'CidrIp', 'DryRun', 'FromPort', 'GroupId', 'GroupName', 'IpPermissions', 'IpProtocol', 'SecurityGroupRuleId',
    'SourceSecurityGroupName', 'SourceSecurityGroupOwnerId', 'ToPort',
  ],
  RunInstances: [
    'AdditionalInfo', 'BlockDeviceMapping', 'CapacityReservationSpecification', 'ClientToken', 'CpuOptions',
    'CreditSpecification', 'DisableApiStop', 'DisableApiTermination', 'DryRun', 'EbsOptimized',
    'ElasticGpuSpecification', 'ElasticInferenceAccelerator', 'EnablePrimaryIpv6', 'EnclaveOptions',
    'HibernationOptions', 'IamInstanceProfile', 'ImageId', 'InstanceInitiatedShutdownBehavior',
    'InstanceMarketOptions', 'InstanceType', 'Ipv6Address', 'Ipv6AddressCount', 'KernelId', 'KeyName',
    'LaunchTemplate', 'LicenseSpecification', 'MaintenanceOptions', 'MaxCount', 'MetadataOptions', 'MinCount',
    'Monitoring', 'NetworkInterface', 'NetworkPerformanceOptions', 'Operator', 'Placement', 'PrivateDnsNameOptions',
    'PrivateIpAddress', 'RamdiskId', 'SecondaryInterface', 'SecurityGroup', 'SecurityGroupId', 'SubnetId',
    'TagSpecification', 'UserData',
  ],
};

/** Signing parameters any Query request may carry (SigV4 in the URL, or the older SigV2 fields). */
const SIGNING = /^(X-Amz-[A-Za-z-]+|AWSAccessKeyId|SignatureVersion|SignatureMethod|Signature|Timestamp|Expires|SecurityToken)$/;

const KNOWN = new Map(Object.entries(EC2_PARAMETERS).map(([action, names]) => [action, new Set(names)]));

/** Throws UnknownParameter for the first top-level parameter `action` does not have (EC2's check, in field order). */
export function checkEc2Parameters(action: string, input: Readonly<Record<string, unknown>>): void {
  const known = KNOWN.get(action);
  if (known === undefined) return;
  for (const name of Object.keys(input)) {
    if (!known.has(name) && !SIGNING.test(name)) throw unknownParameter(name);
  }
}
