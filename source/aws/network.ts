// EC2 network reads for the "Can't SSH" runbook: security groups, the subnet, the route table and network ACL
// that serve it, and whether the key pair exists. SDK shapes are mapped to plain domain data here.
import {
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import type {
  EC2Client,
  IpPermission,
  NetworkAcl as SdkNetworkAcl,
  NetworkAclEntry as SdkNetworkAclEntry,
  RouteTable as SdkRouteTable,
} from '@aws-sdk/client-ec2';
import type { CallOptions } from './api.js';
import { AwsFailure, guard } from './errors.js';
import type {
  IngressRule,
  InternetGatewayCheck,
  KeyPairCheck,
  NetworkAcl,
  NetworkAclEntry,
  RouteTable,
  SecurityGroup,
  Subnet,
} from '../domain/network-types.js';

const send = (options: CallOptions | undefined) => ({ abortSignal: options?.signal });

/** AWS names protocols by IANA number or name; the domain keeps AWS's text ('-1', 'tcp', '6'). */
function toIngress(p: IpPermission): IngressRule {
  const isAll = p.IpProtocol === '-1';
  return {
    protocol: p.IpProtocol ?? '-1',
    fromPort: isAll ? undefined : p.FromPort,
    toPort: isAll ? undefined : p.ToPort,
    cidrs: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp === undefined ? [] : [r.CidrIp])),
    ipv6Cidrs: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 === undefined ? [] : [r.CidrIpv6])),
    sourceGroupIds: (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId === undefined ? [] : [g.GroupId])),
    prefixListIds: (p.PrefixListIds ?? []).flatMap((l) => (l.PrefixListId === undefined ? [] : [l.PrefixListId])),
  };
}

/** The instance's security groups with their inbound rules. */
export function describeSecurityGroups(ec2: EC2Client, groupIds: readonly string[], options?: CallOptions): Promise<SecurityGroup[]> {
  return guard('ec2:DescribeSecurityGroups', async () => {
    if (groupIds.length === 0) return [];
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...groupIds] }), send(options));
    return (out.SecurityGroups ?? []).map((g) => ({
      groupId: g.GroupId ?? '',
      groupName: g.GroupName ?? '',
      ingress: (g.IpPermissions ?? []).map(toIngress),
    }));
  });
}

/** One subnet: its CIDR, AZ and whether it hands out public IPs. */
export function describeSubnet(ec2: EC2Client, subnetId: string, options?: CallOptions): Promise<Subnet> {
  return guard('ec2:DescribeSubnets', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }), send(options));
    const s = out.Subnets?.[0];
    if (s === undefined) throw notFound(`The subnet ID '${subnetId}' does not exist`);
    return {
      subnetId: s.SubnetId ?? subnetId,
      vpcId: s.VpcId ?? '',
      cidr: s.CidrBlock ?? '',
      az: s.AvailabilityZone ?? '',
      mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
    };
  });
}

function toRouteTable(t: SdkRouteTable): RouteTable {
  return {
    routeTableId: t.RouteTableId ?? '',
    isMain: (t.Associations ?? []).some((a) => a.Main === true),
    routes: (t.Routes ?? []).map((r) => ({
      destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
      target:
        r.GatewayId ?? r.NatGatewayId ?? r.TransitGatewayId ?? r.VpcPeeringConnectionId ?? r.NetworkInterfaceId ?? r.InstanceId ?? '',
      state: r.State === 'blackhole' ? ('blackhole' as const) : ('active' as const),
    })),
  };
}

/**
 * The route table that serves a subnet. `association.subnet-id` matches explicit associations only, as on
 * AWS; a subnet without one uses its VPC's main table. With the VPC known, one call reads the VPC's tables and
 * picks (the explicit association, else the main table): no second round-trip for the common main-table case.
 */
export function describeRouteTableForSubnet(
  ec2: EC2Client,
  subnetId: string,
  vpcId: string,
  options?: CallOptions,
): Promise<RouteTable> {
  return guard('ec2:DescribeRouteTables', async () => {
    if (vpcId !== '') {
      const out = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), send(options));
      const tables = out.RouteTables ?? [];
      const table =
        tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId)) ?? tables.find((t) => (t.Associations ?? []).some((a) => a.Main === true));
      if (table === undefined) throw notFound(`No route table serves subnet ${subnetId}`);
      return toRouteTable(table);
    }
    const explicit = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
      send(options),
    );
    const table = explicit.RouteTables?.[0];
    if (table === undefined) throw notFound(`No route table serves subnet ${subnetId}`);
    return toRouteTable(table);
  });
}

function toAclEntry(e: SdkNetworkAclEntry): NetworkAclEntry {
  const all = e.Protocol === '-1' || e.PortRange === undefined;
  return {
    ruleNumber: e.RuleNumber ?? 32767,
    protocol: e.Protocol ?? '-1',
    action: e.RuleAction === 'allow' ? 'allow' : 'deny',
    egress: e.Egress === true,
    cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '',
    fromPort: all ? undefined : e.PortRange?.From,
    toPort: all ? undefined : e.PortRange?.To,
  };
}

function toAcl(a: SdkNetworkAcl): NetworkAcl {
  return { aclId: a.NetworkAclId ?? '', isDefault: a.IsDefault === true, entries: (a.Entries ?? []).map(toAclEntry) };
}

/** The network ACL associated with a subnet (every subnet has exactly one). */
export function describeNetworkAclForSubnet(ec2: EC2Client, subnetId: string, options?: CallOptions): Promise<NetworkAcl> {
  return guard('ec2:DescribeNetworkAcls', async () => {
    const out = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
      send(options),
    );
    const acl = out.NetworkAcls?.[0];
    if (acl === undefined) throw notFound(`No network ACL is associated with subnet ${subnetId}`);
    return toAcl(acl);
  });
}

/** Whether a key pair of that name exists in the region; a deleted key is an answer, not an error. */
export function describeKeyPair(ec2: EC2Client, keyName: string, options?: CallOptions): Promise<KeyPairCheck> {
  return guard('ec2:DescribeKeyPairs', async () => {
    try {
      const out = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: [keyName] }), send(options));
      return { keyName, exists: (out.KeyPairs ?? []).some((k) => k.KeyName === keyName) };
    } catch (error) {
      if ((error as { name?: string }).name === 'InvalidKeyPair.NotFound') return { keyName, exists: false };
      throw error;
    }
  });
}

/** The internet gateway attached to a VPC; none attached is an answer (`internetGatewayId` undefined), not an error. */
export function describeInternetGatewayForVpc(ec2: EC2Client, vpcId: string, options?: CallOptions): Promise<InternetGatewayCheck> {
  return guard('ec2:DescribeInternetGateways', async () => {
    const out = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }), send(options));
    return { vpcId, internetGatewayId: out.InternetGateways?.find((g) => g.InternetGatewayId !== undefined)?.InternetGatewayId };
  });
}

function notFound(message: string): AwsFailure {
  return new AwsFailure({ kind: 'not-found', message });
}
