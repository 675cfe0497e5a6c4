// EC2's network Describe operations over world.network(): security groups, subnets, route tables, network ACLs,
// key pairs, internet gateways and VPCs. One generic describer: ids (unknown ones fail the call with EC2's
// NotFound code), filters, and MaxResults/NextToken pages where EC2 has them.
import { SimError } from '../protocol/errors.js';
import type { SimNetwork, SimWorld } from '../types.js';
import { checkDryRun, page, scopeOf } from './ec2-common.js';
import { checkFilterNames, matchesFilters, readFilters } from './ec2-filters.js';
import type { FilterSet } from './ec2-filters.js';
import {
  internetGatewayFilters, keyPairFilters, networkAclFilters, renderInternetGateway, renderKeyPair, renderNetworkAcl, renderRouteTable,
  renderSecurityGroup, renderSubnet, renderVpc, routeTableFilters, securityGroupFilters, subnetFilters, vpcFilters,
} from './ec2-network-render.js';
import { readInteger, readString, readStringList } from './input.js';
import type { Fail } from './input.js';
import type { Operation, Operations, WireObject } from './operation.js';

type Input = Readonly<Record<string, unknown>>;
const invalid: Fail = (message) => new SimError('InvalidParameterValue', message);

/** One way to name items in the request: the query member (and its JSON plural), the key it matches, the error. */
export interface Lookup<T> {
  readonly params: readonly [string, string];
  readonly keyOf: (item: T) => string;
  readonly notFound: (missing: readonly string[]) => SimError;
  /** Ids that do not even look like ids fail with `<code>.Malformed` before the lookup. */
  readonly malformed?: { readonly prefix: string; readonly code: string };
}

export interface Resource<T> {
  readonly action: string;
  readonly resultKey: string;
  readonly list: (network: SimNetwork, world: SimWorld) => readonly T[];
  readonly lookups: readonly Lookup<T>[];
  readonly filters: FilterSet<T>;
  readonly render: (item: T, world: SimWorld) => WireObject;
  /** False for DescribeKeyPairs, which has no MaxResults/NextToken. */
  readonly isPaged: boolean;
}

/** EC2's "does not exist" message: "The subnet ID 'subnet-1' does not exist" / "The subnet IDs 'a, b' do not exist". */
export const missingIn = (code: string, noun: string, plural = `${noun}s`) => (missing: readonly string[]): SimError =>
  missing.length === 1
    ? new SimError(code, `The ${noun} '${missing[0] ?? ''}' does not exist`)
    : new SimError(code, `The ${plural} '${missing.join(', ')}' do not exist`);

/** A Describe operation over one kind of resource: ids, filters, pages. */
export function describe<T>(resource: Resource<T>): Operation {
  return (world, input: Input) => {
    checkDryRun(input);
    const filters = readFilters(input);
    checkFilterNames(filters, resource.filters);
    let items = resource.list(world.network(), world);
    const named: string[] = [];
    for (const lookup of resource.lookups) {
      const wanted = readStringList(input[lookup.params[0]] ?? input[lookup.params[1]], lookup.params[0], invalid);
      if (wanted.length === 0) continue;
      const bad = lookup.malformed === undefined ? undefined : wanted.find((w) => !w.startsWith(`${lookup.malformed?.prefix ?? ''}-`));
      if (bad !== undefined && lookup.malformed !== undefined) {
        throw new SimError(lookup.malformed.code, `Invalid id: "${bad}" (expecting "${lookup.malformed.prefix}-...")`);
      }
      const keys = new Set(items.map(lookup.keyOf));
      const missing = [...new Set(wanted)].filter((w) => !keys.has(w));
      if (missing.length > 0) throw lookup.notFound(missing);
      const set = new Set(wanted);
      items = items.filter((item) => set.has(lookup.keyOf(item)));
      named.push(...wanted);
    }
    const matching = items.filter((item) => matchesFilters(item, filters, resource.filters));
    if (!resource.isPaged) return { [resource.resultKey]: matching.map((item) => resource.render(item, world)) };
    const maxResults = readInteger(input.MaxResults, 'MaxResults', invalid);
    if (maxResults !== undefined && named.length > 0) {
      throw new SimError('InvalidParameterCombination', 'The parameter MaxResults cannot be used with the parameter ids');
    }
    if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
      throw invalid(`Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
    }
    const nextToken = readString(input.NextToken, 'NextToken', invalid);
    const result = page(matching, { scope: scopeOf(resource.action, named, filters), maxResults, nextToken });
    return { [resource.resultKey]: result.items.map((item) => resource.render(item, world)), nextToken: result.nextToken };
  };
}

export const byId = <T extends { readonly id: string }>(
  params: readonly [string, string], code: string, noun: string, prefix: string, plural?: string,
): Lookup<T> => ({
  params,
  keyOf: (item) => item.id,
  notFound: missingIn(code, noun, plural),
  malformed: { prefix, code: code.replace('.NotFound', '.Malformed') },
});

/** The network operations by action name. */
export const ec2NetworkOperations: Operations = {
  DescribeSecurityGroups: describe({
    action: 'DescribeSecurityGroups',
    resultKey: 'securityGroupInfo',
    list: (n) => n.securityGroups,
    lookups: [
      { ...byId(['GroupId', 'GroupIds'], 'InvalidGroup.NotFound', 'security group', 'sg'), malformed: { prefix: 'sg', code: 'InvalidGroupId.Malformed' } },
      { params: ['GroupName', 'GroupNames'], keyOf: (g) => g.name, notFound: missingIn('InvalidGroup.NotFound', 'security group') },
    ],
    filters: securityGroupFilters,
    render: (g, world) => renderSecurityGroup(g, world.region),
    isPaged: true,
  }),
  DescribeSubnets: describe({
    action: 'DescribeSubnets',
    resultKey: 'subnetSet',
    list: (n) => n.subnets,
    lookups: [byId(['SubnetId', 'SubnetIds'], 'InvalidSubnetID.NotFound', 'subnet ID', 'subnet')],
    filters: subnetFilters,
    render: (s, world) => renderSubnet(s, world.region, world.accountId),
    isPaged: true,
  }),
  DescribeRouteTables: describe({
    action: 'DescribeRouteTables',
    resultKey: 'routeTableSet',
    list: (n) => n.routeTables,
    lookups: [byId(['RouteTableId', 'RouteTableIds'], 'InvalidRouteTableID.NotFound', 'routeTable ID', 'rtb')],
    filters: routeTableFilters,
    render: (t, world) => renderRouteTable(t, world.accountId),
    isPaged: true,
  }),
  DescribeNetworkAcls: describe({
    action: 'DescribeNetworkAcls',
    resultKey: 'networkAclSet',
    list: (n) => n.networkAcls,
    lookups: [byId(['NetworkAclId', 'NetworkAclIds'], 'InvalidNetworkAclID.NotFound', 'networkAcl ID', 'acl')],
    filters: networkAclFilters,
    render: (a, world) => renderNetworkAcl(a, world.accountId),
    isPaged: true,
  }),
  DescribeKeyPairs: describe({
    action: 'DescribeKeyPairs',
    resultKey: 'keySet',
    list: (n) => n.keyPairs,
    lookups: [
      { params: ['KeyName', 'KeyNames'], keyOf: (k) => k.name, notFound: missingIn('InvalidKeyPair.NotFound', 'key pair') },
      { params: ['KeyPairId', 'KeyPairIds'], keyOf: (k) => k.id, notFound: missingIn('InvalidKeyPair.NotFound', 'key pair') },
    ],
    filters: keyPairFilters,
    render: (k) => renderKeyPair(k),
    isPaged: false,
  }),
  DescribeInternetGateways: describe({
    action: 'DescribeInternetGateways',
    resultKey: 'internetGatewaySet',
    list: (n) => n.internetGateways,
    lookups: [byId(['InternetGatewayId', 'InternetGatewayIds'], 'InvalidInternetGatewayID.NotFound', 'internetGateway ID', 'igw')],
    filters: internetGatewayFilters,
    render: (g, world) => renderInternetGateway(g, world.accountId),
    isPaged: true,
  }),
  DescribeVpcs: describe({
    action: 'DescribeVpcs',
    resultKey: 'vpcSet',
    list: (n) => n.vpcs,
    lookups: [byId(['VpcId', 'VpcIds'], 'InvalidVpcID.NotFound', 'vpc ID', 'vpc')],
    filters: vpcFilters,
    render: (v, world) => renderVpc(v, world.accountId),
    isPaged: true,
  }),
};
