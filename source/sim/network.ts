// The fleet's network: the default VPC the PetTracker fleet lives in (public subnets per AZ behind an internet
// gateway, plus one private subnet behind a NAT gateway) and the generated fleet's VPC. Built once, lazily,
// from the fleet's ids; scenarios may patch a security group (e.g. ssh-blocked drops port 22).
import { hash32 } from './rng.js';
import { AZ_OCTET, AZS, hashedId, PRIVATE_SUBNET_CIDR } from './scenarios/fleet-ids.js';
import type { Fleet } from './scenarios/fleet.js';
import { defaultGroup, namedGroup } from './network-groups.js';
import type {
  SimInternetGateway, SimKeyPair, SimNetwork, SimNetworkAcl, SimNetworkAclEntry, SimRoute, SimRouteTable, SimSecurityGroup, SimSubnet, SimVpc,
} from './types.js';

const DAY = 86_400_000;
const PETTRACKER_CIDR = '172.31.0.0/16';
/** The generated VPC: one /16 per AZ (a primary block and five secondary ones). */
const GEN_CIDRS = AZS.map((_, az) => `10.${az * 16}.0.0/16`);

/** A change a scenario makes to one security group. */
export type GroupPatch = (group: SimSecurityGroup) => SimSecurityGroup;

const byId = <T extends { readonly id: string }>(items: T[]): T[] => items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The default ACL rules: rule 100 allows everything, the `*` rule (32767 on the wire) denies the rest. */
function allowAll(): SimNetworkAclEntry[] {
  return [false, true].flatMap((isEgress) => [
    { ruleNumber: 100, protocol: '-1', action: 'allow' as const, isEgress, cidrBlock: '0.0.0.0/0' },
    { ruleNumber: 32767, protocol: '-1', action: 'deny' as const, isEgress, cidrBlock: '0.0.0.0/0' },
  ]);
}

/** The private subnet's ACL: SSH and the app from inside the VPC, ephemeral ports back in, anything out. */
function privateRules(): SimNetworkAclEntry[] {
  const tcp = (ruleNumber: number, from: number, to: number, cidrBlock: string): SimNetworkAclEntry => ({
    ruleNumber, protocol: '6', action: 'allow', isEgress: false, cidrBlock, portRange: { from, to },
  });
  return [
    tcp(100, 22, 22, PETTRACKER_CIDR),
    tcp(110, 8080, 8080, PETTRACKER_CIDR),
    tcp(120, 1024, 65535, '0.0.0.0/0'),
    { ruleNumber: 32767, protocol: '-1', action: 'deny', isEgress: false, cidrBlock: '0.0.0.0/0' },
    { ruleNumber: 100, protocol: '-1', action: 'allow', isEgress: true, cidrBlock: '0.0.0.0/0' },
    { ruleNumber: 32767, protocol: '-1', action: 'deny', isEgress: true, cidrBlock: '0.0.0.0/0' },
  ];
}

const hexBytes = (seed: number, key: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => (hash32(seed, key, i) & 255).toString(16).padStart(2, '0'));
const base64Digest = (seed: number, key: number): string =>
  Buffer.from(hexBytes(seed, key, 32).join(''), 'hex').toString('base64');

/** Builds the network of a fleet; `patches` are keyed by security group id. */
export function buildNetwork(fleet: Fleet, seed: number, t0: number, ownerId: string, patches: ReadonlyMap<string, GroupPatch>): SimNetwork {
  const ids = fleet.ids;
  const id = (prefix: string, name: string): string => hashedId(seed, prefix, name);
  const used = new Map<string, number>();
  const groups = new Map<string, { readonly id: string; readonly name: string }>();
  for (const g of [...Object.values(ids.groups), ...Object.values(ids.genGroups)].flat()) groups.set(g.id, g);
  for (const m of fleet.members) {
    used.set(m.instance.subnetId, (used.get(m.instance.subnetId) ?? 0) + 1);
    for (const g of m.instance.securityGroups) if (!groups.has(g.id)) groups.set(g.id, g);
  }
  const free = (subnetId: string, size: number): number => size - 5 - (used.get(subnetId) ?? 0);

  const dhcp = id('dopt', 'default');
  const vpcs: SimVpc[] = [
    { id: ids.vpcId, cidrBlock: PETTRACKER_CIDR, cidrBlocks: [PETTRACKER_CIDR], isDefault: true, dhcpOptionsId: dhcp, tags: {} },
    { id: ids.genVpcId, cidrBlock: GEN_CIDRS[0] ?? '', cidrBlocks: GEN_CIDRS, isDefault: false, dhcpOptionsId: dhcp, tags: { Name: 'gen-fleet-vpc' } },
  ];
  const subnets: SimSubnet[] = [
    ...ids.subnets.map((subnetId, az) => ({
      id: subnetId, vpcId: ids.vpcId, az: AZS[az] ?? 'us-east-1a', cidrBlock: `172.31.${AZ_OCTET[az] ?? 0}.0/20`,
      availableIpCount: free(subnetId, 4096), isDefaultForAz: true, mapPublicIpOnLaunch: true, tags: {},
    })),
    {
      id: ids.privateSubnetId, vpcId: ids.vpcId, az: 'us-east-1a', cidrBlock: PRIVATE_SUBNET_CIDR,
      availableIpCount: free(ids.privateSubnetId, 4096), isDefaultForAz: false, mapPublicIpOnLaunch: false,
      tags: { Name: 'pettracker-private-1a' },
    },
    // Generated web instances get their public IPs from AssociatePublicIpAddress at launch, not from the subnet.
    ...ids.genSubnets.map((subnetId, az) => ({
      id: subnetId, vpcId: ids.genVpcId, az: AZS[az] ?? 'us-east-1a', cidrBlock: GEN_CIDRS[az] ?? '',
      availableIpCount: free(subnetId, 65536), isDefaultForAz: false, mapPublicIpOnLaunch: false,
      tags: { Name: `gen-${AZS[az] ?? ''}` },
    })),
  ];

  const igw = id('igw', 'pettracker');
  const genIgw = id('igw', 'gen');
  const nat = id('nat', 'pettracker-1a');
  const local = (cidr: string): SimRoute => ({ destinationCidrBlock: cidr, gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' });
  const toIgw = (gatewayId: string): SimRoute => ({ destinationCidrBlock: '0.0.0.0/0', gatewayId, state: 'active', origin: 'CreateRoute' });
  const explicit = (table: string, subnetId: string) => ({ id: id('rtbassoc', `${table}/${subnetId}`), isMain: false, subnetId });
  const main = (table: string) => ({ id: id('rtbassoc', `${table}/main`), isMain: true });
  const rtb = (name: string): string => id('rtb', name);
  const routeTables: SimRouteTable[] = [
    // The default VPC's main table serves us-east-1d..f implicitly; 1a..1c are explicitly on the public table.
    { id: rtb('pettracker-main'), vpcId: ids.vpcId, routes: [local(PETTRACKER_CIDR), toIgw(igw)], associations: [main(rtb('pettracker-main'))], tags: {} },
    {
      id: rtb('pettracker-public'), vpcId: ids.vpcId, routes: [local(PETTRACKER_CIDR), toIgw(igw)],
      associations: ids.subnets.slice(0, 3).map((s) => explicit(rtb('pettracker-public'), s)), tags: { Name: 'pettracker-public-rt' },
    },
    {
      id: rtb('pettracker-private'), vpcId: ids.vpcId,
      routes: [local(PETTRACKER_CIDR), { destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat, state: 'active', origin: 'CreateRoute' }],
      associations: [explicit(rtb('pettracker-private'), ids.privateSubnetId)], tags: { Name: 'pettracker-private-rt' },
    },
    { id: rtb('gen-main'), vpcId: ids.genVpcId, routes: [...GEN_CIDRS.map(local), toIgw(genIgw)], associations: [main(rtb('gen-main'))], tags: {} },
  ];

  const aclAssoc = (acl: string, subnetId: string) => ({ id: id('aclassoc', `${acl}/${subnetId}`), subnetId });
  const acl = (name: string): string => id('acl', name);
  const networkAcls: SimNetworkAcl[] = [
    {
      id: acl('pettracker-default'), vpcId: ids.vpcId, isDefault: true, entries: allowAll(), tags: {},
      associations: ids.subnets.map((s) => aclAssoc(acl('pettracker-default'), s)),
    },
    {
      id: acl('pettracker-private'), vpcId: ids.vpcId, isDefault: false, entries: privateRules(), tags: { Name: 'pettracker-private-acl' },
      associations: [aclAssoc(acl('pettracker-private'), ids.privateSubnetId)],
    },
    {
      id: acl('gen-default'), vpcId: ids.genVpcId, isDefault: true, entries: allowAll(), tags: {},
      associations: ids.genSubnets.map((s) => aclAssoc(acl('gen-default'), s)),
    },
  ];

  const groupIds = { bastion: ids.groups.bastion[0]?.id ?? '', web: ids.groups.web[0]?.id ?? '', genWeb: ids.genGroups.web[0]?.id ?? '' };
  const pettracker = { id: ids.vpcId, cidr: PETTRACKER_CIDR };
  const gen = { id: ids.genVpcId, cidr: '10.0.0.0/8' };
  const securityGroups: SimSecurityGroup[] = [
    defaultGroup(id('sg', 'default/pettracker'), ids.vpcId, ownerId),
    defaultGroup(id('sg', 'default/gen'), ids.genVpcId, ownerId),
    ...[...groups.values()].map((g) => {
      const group = namedGroup(g, g.name.startsWith('gen-') ? gen : pettracker, groupIds, ownerId);
      return patches.get(g.id)?.(group) ?? group;
    }),
  ];

  const keyPairs: SimKeyPair[] = [
    {
      id: id('key', 'pettracker-key'), name: 'pettracker-key', type: 'rsa', tags: {},
      fingerprint: hexBytes(seed, 0x4b1, 20).join(':'), createTime: Math.floor((t0 - 200 * DAY) / 1000) * 1000,
    },
    {
      id: id('key', 'gen-key'), name: 'gen-key', type: 'ed25519', tags: {},
      fingerprint: base64Digest(seed, 0x4b2), createTime: Math.floor((t0 - 400 * DAY) / 1000) * 1000,
    },
  ];

  return {
    vpcs: byId(vpcs),
    subnets: byId(subnets),
    routeTables: byId(routeTables),
    internetGateways: byId<SimInternetGateway>([
      { id: igw, vpcIds: [ids.vpcId], tags: {} },
      { id: genIgw, vpcIds: [ids.genVpcId], tags: { Name: 'gen-fleet-igw' } },
    ]),
    networkAcls: byId(networkAcls),
    securityGroups: byId(securityGroups),
    keyPairs: byId(keyPairs),
  };
}
