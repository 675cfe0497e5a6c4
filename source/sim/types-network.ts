// The network half of the world contract: what the "Can't SSH" runbook inspects (security groups, public IP,
// subnet → route table → internet gateway, network ACLs, key pairs). Plain data; services render EC2 shapes.

export type SimTags = Readonly<Record<string, string>>;

export interface SimVpc {
  readonly id: string;
  /** The primary block; `cidrBlocks` lists it first, then any secondary blocks. */
  readonly cidrBlock: string;
  readonly cidrBlocks: readonly string[];
  readonly isDefault: boolean;
  readonly dhcpOptionsId: string;
  readonly tags: SimTags;
}

export interface SimSubnet {
  readonly id: string;
  readonly vpcId: string;
  readonly az: string;
  readonly cidrBlock: string;
  readonly availableIpCount: number;
  readonly isDefaultForAz: boolean;
  readonly mapPublicIpOnLaunch: boolean;
  readonly tags: SimTags;
}

export interface SimRoute {
  readonly destinationCidrBlock: string;
  /** 'local' for the VPC's own range, 'igw-…' for an internet gateway. */
  readonly gatewayId?: string;
  readonly natGatewayId?: string;
  readonly state: 'active' | 'blackhole';
  readonly origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface SimRouteTableAssociation {
  readonly id: string;
  readonly isMain: boolean;
  /** Only for explicit associations; the main table's association has none (it serves every other subnet). */
  readonly subnetId?: string;
}

export interface SimRouteTable {
  readonly id: string;
  readonly vpcId: string;
  readonly routes: readonly SimRoute[];
  readonly associations: readonly SimRouteTableAssociation[];
  readonly tags: SimTags;
}

export interface SimInternetGateway {
  readonly id: string;
  /** Attached VPCs (state 'available' on the wire, as EC2 reports an attached gateway). */
  readonly vpcIds: readonly string[];
  readonly tags: SimTags;
}

export interface SimNetworkAclEntry {
  /** 1–32766, or 32767 for the catch-all `*` rule. */
  readonly ruleNumber: number;
  /** IANA number as text; '-1' means all protocols, '6' TCP, '17' UDP. */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  readonly isEgress: boolean;
  readonly cidrBlock: string;
  /** Only for TCP/UDP rules. */
  readonly portRange?: { readonly from: number; readonly to: number };
}

export interface SimNetworkAcl {
  readonly id: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  readonly entries: readonly SimNetworkAclEntry[];
  /** Every subnet is associated with exactly one ACL. */
  readonly associations: readonly { readonly id: string; readonly subnetId: string }[];
  readonly tags: SimTags;
}

export interface SimIpPermission {
  /** 'tcp' | 'udp' | 'icmp' | '-1' (all). */
  readonly protocol: string;
  /** Absent for protocol '-1'. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly ipRanges: readonly { readonly cidr: string; readonly description?: string }[];
  readonly groupPairs: readonly { readonly groupId: string; readonly userId: string; readonly description?: string }[];
}

export interface SimSecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ownerId: string;
  readonly ingress: readonly SimIpPermission[];
  readonly egress: readonly SimIpPermission[];
  readonly tags: SimTags;
}

export interface SimKeyPair {
  readonly id: string;
  readonly name: string;
  /** colon-separated hex for RSA keys, base64 SHA-256 for ED25519, as EC2 reports them. */
  readonly fingerprint: string;
  readonly type: 'rsa' | 'ed25519';
  readonly createTime: number;
  readonly tags: SimTags;
}

/** All network objects of a world, each list sorted by id. */
export interface SimNetwork {
  readonly vpcs: readonly SimVpc[];
  readonly subnets: readonly SimSubnet[];
  readonly routeTables: readonly SimRouteTable[];
  readonly internetGateways: readonly SimInternetGateway[];
  readonly networkAcls: readonly SimNetworkAcl[];
  readonly securityGroups: readonly SimSecurityGroup[];
  readonly keyPairs: readonly SimKeyPair[];
}
