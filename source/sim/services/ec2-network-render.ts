// Network objects → EC2 wire structures (lowerCamel locationNames from the EC2 model), and their filters.
import type {
  SimInternetGateway, SimIpPermission, SimKeyPair, SimNetworkAcl, SimRouteTable, SimSecurityGroup, SimSubnet, SimTags, SimVpc,
} from '../types.js';
import type { FilterSet } from './ec2-filters.js';
import type { WireObject } from './operation.js';

/** Tags on the wire. */
export const tagSet = (tags: SimTags): WireObject[] => Object.entries(tags).map(([key, value]) => ({ key, value }));
const text = (n: number | undefined): string[] => (n === undefined ? [] : [String(n)]);
// AWS's zone ids for us-east-1 differ per account; these are this account's mapping.
const ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2', 'us-east-1c': 'use1-az4',
  'us-east-1d': 'use1-az6', 'us-east-1e': 'use1-az3', 'us-east-1f': 'use1-az5',
};

/** One IpPermission (ingress or egress) on the wire. */
export function renderPermission(p: SimIpPermission): WireObject {
  return {
    ipProtocol: p.protocol,
    fromPort: p.fromPort,
    toPort: p.toPort,
    groups: p.groupPairs.map((g) => ({ description: g.description, userId: g.userId, groupId: g.groupId })),
    ipRanges: p.ipRanges.map((r) => ({ cidrIp: r.cidr, description: r.description })),
    ipv6Ranges: [],
    prefixListIds: [],
  };
}

/** One DescribeSecurityGroups entry. */
export function renderSecurityGroup(g: SimSecurityGroup, region: string): WireObject {
  return {
    ownerId: g.ownerId,
    groupId: g.id,
    groupName: g.name,
    groupDescription: g.description,
    ipPermissions: g.ingress.map(renderPermission),
    ipPermissionsEgress: g.egress.map(renderPermission),
    vpcId: g.vpcId,
    securityGroupArn: `arn:aws:ec2:${region}:${g.ownerId}:security-group/${g.id}`,
    tagSet: tagSet(g.tags),
  };
}

/** One DescribeSubnets entry. */
export function renderSubnet(s: SimSubnet, region: string, ownerId: string): WireObject {
  return {
    subnetId: s.id,
    subnetArn: `arn:aws:ec2:${region}:${ownerId}:subnet/${s.id}`,
    state: 'available',
    vpcId: s.vpcId,
    ownerId,
    cidrBlock: s.cidrBlock,
    availableIpAddressCount: s.availableIpCount,
    availabilityZone: s.az,
    availabilityZoneId: ZONE_IDS[s.az],
    defaultForAz: s.isDefaultForAz,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    ipv6CidrBlockAssociationSet: [],
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    tagSet: tagSet(s.tags),
  };
}

/** One DescribeRouteTables entry. */
export function renderRouteTable(t: SimRouteTable, ownerId: string): WireObject {
  return {
    routeTableId: t.id,
    vpcId: t.vpcId,
    ownerId,
    routeSet: t.routes.map((r) => ({
      destinationCidrBlock: r.destinationCidrBlock,
      gatewayId: r.gatewayId,
      natGatewayId: r.natGatewayId,
      state: r.state,
      origin: r.origin,
    })),
    associationSet: t.associations.map((a) => ({
      main: a.isMain,
      routeTableAssociationId: a.id,
      routeTableId: t.id,
      subnetId: a.subnetId,
      associationState: { state: 'associated' },
    })),
    propagatingVgwSet: [],
    tagSet: tagSet(t.tags),
  };
}

/** One DescribeNetworkAcls entry. */
export function renderNetworkAcl(a: SimNetworkAcl, ownerId: string): WireObject {
  return {
    networkAclId: a.id,
    vpcId: a.vpcId,
    default: a.isDefault,
    entrySet: a.entries.map((e) => ({
      ruleNumber: e.ruleNumber,
      protocol: e.protocol,
      ruleAction: e.action,
      egress: e.isEgress,
      cidrBlock: e.cidrBlock,
      portRange: e.portRange === undefined ? undefined : { from: e.portRange.from, to: e.portRange.to },
    })),
    associationSet: a.associations.map((s) => ({ networkAclAssociationId: s.id, networkAclId: a.id, subnetId: s.subnetId })),
    tagSet: tagSet(a.tags),
    ownerId,
  };
}

/** One DescribeKeyPairs entry. */
export function renderKeyPair(k: SimKeyPair): WireObject {
  return { keyPairId: k.id, keyFingerprint: k.fingerprint, keyName: k.name, keyType: k.type, tagSet: tagSet(k.tags), createTime: new Date(k.createTime) };
}

/** One DescribeInternetGateways entry. */
export function renderInternetGateway(g: SimInternetGateway, ownerId: string): WireObject {
  return { internetGatewayId: g.id, ownerId, attachmentSet: g.vpcIds.map((vpcId) => ({ state: 'available', vpcId })), tagSet: tagSet(g.tags) };
}

/** One DescribeVpcs entry. */
export function renderVpc(v: SimVpc, ownerId: string): WireObject {
  return {
    vpcId: v.id,
    ownerId,
    state: 'available',
    cidrBlock: v.cidrBlock,
    cidrBlockAssociationSet: v.cidrBlocks.map((cidr, i) => ({
      associationId: `vpc-cidr-assoc-${v.id.slice(4, 12)}${String(i).padStart(9, '0')}`,
      cidrBlock: cidr,
      cidrBlockState: { state: 'associated' },
    })),
    dhcpOptionsId: v.dhcpOptionsId,
    instanceTenancy: 'default',
    isDefault: v.isDefault,
    tagSet: tagSet(v.tags),
  };
}

const permissions = (g: SimSecurityGroup): readonly SimIpPermission[] => g.ingress;
const egress = (g: SimSecurityGroup): readonly SimIpPermission[] => g.egress;

export const securityGroupFilters: FilterSet<SimSecurityGroup> = {
  named: {
    'group-id': (g) => [g.id],
    'group-name': (g) => [g.name],
    'vpc-id': (g) => [g.vpcId],
    description: (g) => [g.description],
    'owner-id': (g) => [g.ownerId],
    'ip-permission.protocol': (g) => permissions(g).map((p) => p.protocol),
    'ip-permission.from-port': (g) => permissions(g).flatMap((p) => text(p.fromPort)),
    'ip-permission.to-port': (g) => permissions(g).flatMap((p) => text(p.toPort)),
    'ip-permission.cidr': (g) => permissions(g).flatMap((p) => p.ipRanges.map((r) => r.cidr)),
    'ip-permission.group-id': (g) => permissions(g).flatMap((p) => p.groupPairs.map((x) => x.groupId)),
    'egress.ip-permission.protocol': (g) => egress(g).map((p) => p.protocol),
    'egress.ip-permission.cidr': (g) => egress(g).flatMap((p) => p.ipRanges.map((r) => r.cidr)),
  },
  tags: (g) => g.tags,
};

export const subnetFilters: FilterSet<SimSubnet> = {
  named: {
    'subnet-id': (s) => [s.id],
    'vpc-id': (s) => [s.vpcId],
    'availability-zone': (s) => [s.az],
    'cidr-block': (s) => [s.cidrBlock],
    cidr: (s) => [s.cidrBlock],
    cidrBlock: (s) => [s.cidrBlock],
    'default-for-az': (s) => [String(s.isDefaultForAz)],
    'map-public-ip-on-launch': (s) => [String(s.mapPublicIpOnLaunch)],
    state: () => ['available'],
  },
  tags: (s) => s.tags,
};

export const routeTableFilters: FilterSet<SimRouteTable> = {
  named: {
    'route-table-id': (t) => [t.id],
    'vpc-id': (t) => [t.vpcId],
    // As on AWS, only explicit associations carry a subnet id: a subnet on the main table implicitly matches nothing.
    'association.subnet-id': (t) => t.associations.flatMap((a) => (a.subnetId === undefined ? [] : [a.subnetId])),
    'association.main': (t) => t.associations.map((a) => String(a.isMain)),
    'association.route-table-association-id': (t) => t.associations.map((a) => a.id),
    'association.route-table-id': (t) => [t.id],
    'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
    'route.gateway-id': (t) => t.routes.flatMap((r) => (r.gatewayId === undefined ? [] : [r.gatewayId])),
    'route.nat-gateway-id': (t) => t.routes.flatMap((r) => (r.natGatewayId === undefined ? [] : [r.natGatewayId])),
    'route.state': (t) => t.routes.map((r) => r.state),
    'route.origin': (t) => t.routes.map((r) => r.origin),
  },
  tags: (t) => t.tags,
};

export const networkAclFilters: FilterSet<SimNetworkAcl> = {
  named: {
    'network-acl-id': (a) => [a.id],
    'vpc-id': (a) => [a.vpcId],
    default: (a) => [String(a.isDefault)],
    'association.subnet-id': (a) => a.associations.map((s) => s.subnetId),
    'association.association-id': (a) => a.associations.map((s) => s.id),
    'association.network-acl-id': (a) => [a.id],
    'entry.rule-number': (a) => a.entries.map((e) => String(e.ruleNumber)),
    'entry.protocol': (a) => a.entries.map((e) => e.protocol),
    'entry.rule-action': (a) => a.entries.map((e) => e.action),
    'entry.egress': (a) => a.entries.map((e) => String(e.isEgress)),
    'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
    'entry.port-range.from': (a) => a.entries.flatMap((e) => text(e.portRange?.from)),
    'entry.port-range.to': (a) => a.entries.flatMap((e) => text(e.portRange?.to)),
  },
  tags: (a) => a.tags,
};

export const keyPairFilters: FilterSet<SimKeyPair> = {
  named: {
    'key-name': (k) => [k.name],
    'key-pair-id': (k) => [k.id],
    fingerprint: (k) => [k.fingerprint],
    'key-type': (k) => [k.type],
  },
  tags: (k) => k.tags,
};

export const internetGatewayFilters: FilterSet<SimInternetGateway> = {
  named: {
    'internet-gateway-id': (g) => [g.id],
    'attachment.vpc-id': (g) => g.vpcIds,
    'attachment.state': (g) => g.vpcIds.map(() => 'available'),
  },
  tags: (g) => g.tags,
};

export const vpcFilters: FilterSet<SimVpc> = {
  named: {
    'vpc-id': (v) => [v.id],
    cidr: (v) => [v.cidrBlock],
    'cidr-block-association.cidr-block': (v) => v.cidrBlocks,
    'is-default': (v) => [String(v.isDefault)],
    'dhcp-options-id': (v) => [v.dhcpOptionsId],
    state: () => ['available'],
  },
  tags: (v) => v.tags,
};
