// Network domain types: what the "Can't SSH" runbook reads. aws/network.ts maps DescribeSecurityGroups,
// DescribeSubnets, DescribeRouteTables, DescribeNetworkAcls and DescribeKeyPairs into these.

/** One inbound rule of a security group (an IpPermission flattened). */
export interface IngressRule {
  /** '-1' (all traffic), 'tcp', 'udp', 'icmp', or an IANA number as text ('6' is TCP). */
  readonly protocol: string;
  /** Undefined for protocol '-1' (every port). */
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly cidrs: readonly string[];
  readonly ipv6Cidrs: readonly string[];
  readonly sourceGroupIds: readonly string[];
  /** Managed prefix lists (pl-…), e.g. a corporate VPN's ranges. */
  readonly prefixListIds?: readonly string[];
}

export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly ingress: readonly IngressRule[];
}

export interface Subnet {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly az: string;
  readonly mapPublicIpOnLaunch: boolean;
}

/** One route: destination CIDR and its target ('local', 'igw-…', 'nat-…', 'pcx-…', 'tgw-…', 'eni-…', 'vgw-…'). */
export interface Route {
  readonly destination: string;
  readonly target: string;
  readonly state: 'active' | 'blackhole';
}

/** The route table that serves the subnet: its explicit association, else the VPC's main table. */
export interface RouteTable {
  readonly routeTableId: string;
  readonly isMain: boolean;
  readonly routes: readonly Route[];
}

export interface NetworkAclEntry {
  /** 1–32766; 32767 is the catch-all `*` deny. Lower numbers are evaluated first. */
  readonly ruleNumber: number;
  /** '-1' (all), '6' / 'tcp', '17' / 'udp', … */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  readonly egress: boolean;
  readonly cidr: string;
  /** Undefined when the rule covers every port. */
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
}

/** The network ACL associated with the subnet. */
export interface NetworkAcl {
  readonly aclId: string;
  readonly isDefault: boolean;
  readonly entries: readonly NetworkAclEntry[];
}

/** Whether the instance's key pair still exists in the region (DescribeKeyPairs by name). */
export interface KeyPairCheck {
  readonly keyName: string;
  readonly exists: boolean;
}

/** The internet gateway attached to a VPC (DescribeInternetGateways attachment.vpc-id); undefined id = none. */
export interface InternetGatewayCheck {
  readonly vpcId: string;
  readonly internetGatewayId: string | undefined;
}
