// The network writes the triage's fixes use: security group ingress, Elastic IPs, internet gateways, routes and
// network ACL entries (the CLI's shorthand included, e.g. --protocol/--port/--cidr). Each parses its input,
// checks what it names exists, answers DryRun, then asks the world's change store (world-fixes*.ts) to apply it.
import {
  invalidCidr, invalidCombination, invalidParameterValue, missingParameter,
} from '../fix-errors.js';
import { SimError } from '../protocol/errors.js';
import type { SimIpPermission, SimNetwork, SimNetworkAclEntry, SimWorld } from '../types.js';
import type { WorldFixes } from '../world-fixes.js';
import { checkDryRun } from './ec2-common.js';
import { readBoolean, readInteger, readList, readString, readStruct } from './input.js';
import type { Fail } from './input.js';
import { renderPermission, tagSet } from './ec2-network-render.js';
import type { Operation, Operations, WireObject } from './operation.js';

type Input = Readonly<Record<string, unknown>>;
const invalid: Fail = (message) => invalidParameterValue(message);

/** The change store of a training world; a world without one (a test's fake) cannot take these writes. */
export function fixesOf(world: SimWorld): WorldFixes {
  const fixes = (world as SimWorld & { readonly fixes?: WorldFixes }).fixes;
  if (fixes === undefined) throw new SimError('UnsupportedOperation', 'This fleet does not accept this operation.');
  return fixes;
}

/** An operation on the world's change store, given the network as of now (a world without the store refuses it). */
export const write = (run: (fixes: WorldFixes, base: SimNetwork, input: Input, world: SimWorld) => WireObject): Operation => (world, input) => {
  const fixes = fixesOf(world);
  return run(fixes, world.network(), input, world);
};

/** A required string member. */
export function required(input: Input, name: string): string {
  const value = readString(input[name], name, invalid);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR block as EC2 accepts it. */
export function cidr(value: string, parameter: string): string {
  const parts = IPV4_CIDR.exec(value.trim());
  if (parts === null || parts.slice(1, 5).some((p) => Number(p) > 255) || Number(parts[5]) > 32) throw invalidCidr(parameter, value);
  return value.trim();
}

/** IANA protocol names EC2 stores in security groups ('6' is kept as 'tcp'); -1 and 'all' are every protocol. */
function protocolName(value: string): string {
  const v = value.toLowerCase();
  const named: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
  const name = named[v] ?? v;
  if (['tcp', 'udp', 'icmp', '-1'].includes(name) || (/^\d+$/.test(name) && Number(name) <= 255)) return name;
  throw invalid(`Invalid value '${value}' for IP protocol. Unknown protocol.`);
}

function ports(protocol: string, from: number | undefined, to: number | undefined): Pick<SimIpPermission, 'fromPort' | 'toPort'> {
  if (protocol === '-1') return {};
  if (protocol !== 'tcp' && protocol !== 'udp') return { fromPort: from ?? -1, toPort: to ?? -1 };
  if (from === undefined || to === undefined) throw invalid('Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
  if (from < 0 || to > 65535 || from > to) throw invalid(`Invalid TCP/UDP port range (${from}, ${to})`);
  return { fromPort: from, toPort: to };
}

/** IpPermissions.N, or the top-level IpProtocol/FromPort/ToPort/CidrIp an older caller (or the CLI shorthand) sends. */
function readPermissions(input: Input, ownerId: string): SimIpPermission[] {
  const listed = readList(input.IpPermissions);
  const topLevel = input.IpProtocol !== undefined || input.CidrIp !== undefined;
  if (listed.length > 0 && topLevel) throw invalidCombination('The parameter IpPermissions cannot be used with the parameters IpProtocol, FromPort, ToPort or CidrIp');
  const raw = topLevel
    ? [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: input.CidrIp === undefined ? [] : [{ CidrIp: input.CidrIp }] }]
    : listed;
  if (raw.length === 0) throw missingParameter('IpPermissions');
  return raw.map((entry, i) => {
    const p = readStruct(entry, `IpPermissions.${i + 1}`, invalid);
    const protocol = protocolName(readString(p.IpProtocol, 'IpProtocol', invalid) ?? '');
    const at = `IpPermissions.${i + 1}`;
    const ipRanges = readList(p.IpRanges).map((r, j) => {
      const range = readStruct(r, `${at}.IpRanges.${j + 1}`, invalid);
      const description = readString(range.Description, 'Description', invalid);
      return { cidr: cidr(readString(range.CidrIp, 'CidrIp', invalid) ?? '', 'cidrIp'), ...(description === undefined ? {} : { description }) };
    });
    const groupPairs = readList(p.UserIdGroupPairs ?? p.Groups).map((g, j) => {
      const pair = readStruct(g, `${at}.Groups.${j + 1}`, invalid);
      const description = readString(pair.Description, 'Description', invalid);
      const groupId = readString(pair.GroupId, 'GroupId', invalid) ?? '';
      return { groupId, userId: readString(pair.UserId, 'UserId', invalid) ?? ownerId, ...(description === undefined ? {} : { description }) };
    });
    if (readList(p.Ipv6Ranges).length > 0 || readList(p.PrefixListIds).length > 0) {
      throw new SimError('UnsupportedOperation', 'The training fleet takes IPv4 ranges and security groups as sources, not IPv6 ranges or prefix lists.');
    }
    if (ipRanges.length === 0 && groupPairs.length === 0) throw missingParameter(`${at}.IpRanges`);
    const from = readInteger(p.FromPort, 'FromPort', invalid);
    const to = readInteger(p.ToPort, 'ToPort', invalid);
    return { protocol, ...ports(protocol, from, to), ipRanges, groupPairs };
  });
}

/** GroupId, or GroupName (a group of the default VPC, as EC2 resolves it). */
function groupIdOf(base: SimNetwork, input: Input): string {
  const id = readString(input.GroupId, 'GroupId', invalid);
  if (id !== undefined && id !== '') return id;
  const name = readString(input.GroupName, 'GroupName', invalid);
  if (name === undefined || name === '') throw new SimError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  const defaultVpc = base.vpcs.find((v) => v.isDefault)?.id;
  const group = base.securityGroups.find((g) => g.name === name && g.vpcId === defaultVpc);
  if (group === undefined) throw new SimError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${defaultVpc ?? ''}'`);
  return group.id;
}

const must = <T>(item: T | undefined, error: () => SimError): T => {
  if (item === undefined) throw error();
  return item;
};
const groupExists = (base: SimNetwork, id: string): void =>
  void must(base.securityGroups.find((g) => g.id === id), () => new SimError('InvalidGroup.NotFound', `The security group '${id}' does not exist`));

/** The tags TagSpecification.N asks for on one resource type. */
export function tagsOf(input: Input, resourceType: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const raw of readList(input.TagSpecification ?? input.TagSpecifications)) {
    const spec = readStruct(raw, 'TagSpecification', invalid);
    if (readString(spec.ResourceType, 'ResourceType', invalid) !== resourceType) continue;
    for (const t of readList(spec.Tag ?? spec.Tags)) {
      const tag = readStruct(t, 'Tag', invalid);
      tags[readString(tag.Key, 'Key', invalid) ?? ''] = readString(tag.Value, 'Value', invalid) ?? '';
    }
  }
  return tags;
}

/** The group and rules of an ingress change, checked, past DryRun. */
function ingressChange(base: SimNetwork, input: Input, world: SimWorld): { groupId: string; permissions: SimIpPermission[] } {
  const groupId = groupIdOf(base, input);
  const permissions = readPermissions(input, world.accountId);
  groupExists(base, groupId);
  checkDryRun(input);
  return { groupId, permissions };
}

const authorizeIngress = write((fixes, base, input, world) => {
  const { groupId, permissions } = ingressChange(base, input, world);
  const added = fixes.net.authorizeIngress(base, groupId, permissions);
  return {
    return: true,
    securityGroupRuleSet: added.map(({ ruleId, permission }) => ({
      securityGroupRuleId: ruleId, groupId, groupOwnerId: world.accountId, isEgress: false, ipProtocol: permission.protocol,
      fromPort: permission.fromPort ?? -1, toPort: permission.toPort ?? -1, cidrIpv4: permission.ipRanges[0]?.cidr,
      referencedGroupInfo: permission.groupPairs[0] === undefined ? undefined : { groupId: permission.groupPairs[0].groupId, userId: permission.groupPairs[0].userId },
      description: permission.ipRanges[0]?.description ?? permission.groupPairs[0]?.description,
    })),
  };
});

const revokeIngress = write((fixes, base, input, world) => {
  const { groupId, permissions } = ingressChange(base, input, world);
  const unknown = fixes.net.revokeIngress(base, groupId, permissions);
  return { return: true, unknownIpPermissionSet: unknown.map(renderPermission) };
});

const createInternetGateway = write((fixes, _base, input, world) => {
  const tags = tagsOf(input, 'internet-gateway');
  checkDryRun(input);
  const g = fixes.net.createInternetGateway(tags);
  return { internetGateway: { internetGatewayId: g.id, ownerId: world.accountId, attachmentSet: [], tagSet: tagSet(g.tags) } };
});

const gatewayAttachment = (kind: 'attach' | 'detach') => write((fixes, base, input) => {
  const gatewayId = required(input, 'InternetGatewayId');
  const vpcId = required(input, 'VpcId');
  checkDryRun(input);
  if (kind === 'attach') fixes.net.attachInternetGateway(base, gatewayId, vpcId);
  else fixes.net.detachInternetGateway(base, gatewayId, vpcId);
  return { return: true };
});

const deleteInternetGateway = write((fixes, base, input) => {
  const gatewayId = required(input, 'InternetGatewayId');
  checkDryRun(input);
  fixes.net.deleteInternetGateway(base, gatewayId);
  return { return: true };
});

const route = (mode: 'create' | 'replace') => write((fixes, base, input) => {
  const tableId = required(input, 'RouteTableId');
  if (input.DestinationIpv6CidrBlock !== undefined || input.DestinationPrefixListId !== undefined) {
    throw new SimError('UnsupportedOperation', 'The training fleet routes IPv4 destinations only.');
  }
  const destination = cidr(required(input, 'DestinationCidrBlock'), 'destinationCidrBlock');
  const gatewayId = readString(input.GatewayId, 'GatewayId', invalid);
  const natGatewayId = readString(input.NatGatewayId, 'NatGatewayId', invalid);
  const targets = [gatewayId, natGatewayId].filter((t) => t !== undefined && t !== '');
  if (targets.length !== 1) {
    throw invalidCombination('The request must contain exactly one of gatewayId, natGatewayId, instanceId, networkInterfaceId, vpcPeeringConnectionId or transitGatewayId');
  }
  checkDryRun(input);
  fixes.net.putRoute(base, tableId, destination, gatewayId !== undefined && gatewayId !== '' ? { gatewayId } : { natGatewayId }, mode);
  return { return: true };
});

const deleteRoute = write((fixes, base, input) => {
  const tableId = required(input, 'RouteTableId');
  const destination = cidr(required(input, 'DestinationCidrBlock'), 'destinationCidrBlock');
  checkDryRun(input);
  fixes.net.deleteRoute(base, tableId, destination);
  return { return: true };
});

/** NACL entries store IANA numbers: the CLI's --protocol tcp arrives as 'tcp' and is kept as '6'. */
const ACL_PROTOCOLS: Readonly<Record<string, string>> = { tcp: '6', udp: '17', icmp: '1', all: '-1' };

function readAclEntry(input: Input): SimNetworkAclEntry {
  const ruleNumber = readInteger(input.RuleNumber, 'RuleNumber', invalid);
  if (ruleNumber === undefined) throw missingParameter('RuleNumber');
  if (ruleNumber < 1 || ruleNumber > 32766) throw invalid(`Value (${ruleNumber}) for parameter ruleNumber is invalid. Must be between 1 and 32766.`);
  const rawProtocol = required(input, 'Protocol').toLowerCase();
  const protocol = ACL_PROTOCOLS[rawProtocol] ?? rawProtocol;
  if (!/^-1$|^\d+$/.test(protocol) || Number(protocol) > 255) throw invalid(`Invalid value '${rawProtocol}' for protocol.`);
  const action = required(input, 'RuleAction').toLowerCase();
  if (action !== 'allow' && action !== 'deny') throw invalid(`Value (${action}) for parameter ruleAction is invalid.`);
  const isEgress = readBoolean(input.Egress, 'Egress', invalid);
  if (isEgress === undefined) throw missingParameter('Egress');
  const cidrBlock = cidr(required(input, 'CidrBlock'), 'cidrBlock');
  const range = readStruct(input.PortRange, 'PortRange', invalid);
  const from = readInteger(range.From, 'PortRange.From', invalid);
  const to = readInteger(range.To, 'PortRange.To', invalid);
  const needsPorts = protocol === '6' || protocol === '17';
  if (needsPorts && (from === undefined || to === undefined)) throw missingParameter('PortRange');
  return { ruleNumber, protocol, action, isEgress, cidrBlock, ...(needsPorts ? { portRange: { from: from ?? 0, to: to ?? 0 } } : {}) };
}

const aclEntry = (mode: 'create' | 'replace') => write((fixes, base, input) => {
  const aclId = required(input, 'NetworkAclId');
  const entry = readAclEntry(input);
  checkDryRun(input);
  fixes.net.putAclEntry(base, aclId, entry, mode);
  return { return: true };
});

const deleteAclEntry = write((fixes, base, input) => {
  const aclId = required(input, 'NetworkAclId');
  const ruleNumber = readInteger(input.RuleNumber, 'RuleNumber', invalid);
  const isEgress = readBoolean(input.Egress, 'Egress', invalid);
  if (ruleNumber === undefined) throw missingParameter('RuleNumber');
  if (isEgress === undefined) throw missingParameter('Egress');
  checkDryRun(input);
  fixes.net.deleteAclEntry(base, aclId, ruleNumber, isEgress);
  return { return: true };
});

/** The network writes by action name. */
export const ec2FixNetworkOperations: Operations = {
  AuthorizeSecurityGroupIngress: authorizeIngress,
  RevokeSecurityGroupIngress: revokeIngress,
  CreateInternetGateway: createInternetGateway,
  AttachInternetGateway: gatewayAttachment('attach'),
  DetachInternetGateway: gatewayAttachment('detach'),
  DeleteInternetGateway: deleteInternetGateway,
  CreateRoute: route('create'),
  ReplaceRoute: route('replace'),
  DeleteRoute: deleteRoute,
  CreateNetworkAclEntry: aclEntry('create'),
  ReplaceNetworkAclEntry: aclEntry('replace'),
  DeleteNetworkAclEntry: deleteAclEntry,
};
