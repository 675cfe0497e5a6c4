// EC2 operations over the world: DescribeInstances, DescribeInstanceStatus, DescribeInstanceTypes,
// GetConsoleOutput, the network ones (ec2-network.ts) and the instance actions (ec2-actions.ts). Results use EC2's lowerCamel wire names; validation mirrors EC2's codes and messages.
import { SimError } from '../protocol/errors.js';
import type { SimInstance, SimWorld } from '../types.js';
import { checkFilterNames, instanceFilters, matchesFilters, readFilters, statusFilters, typeFilters } from './ec2-filters.js';
import type { StatusItem } from './ec2-filters.js';
import { renderInstance, renderInstanceType, renderStatus, reservationIdOf } from './ec2-render.js';
import { readBoolean, readInteger, readString, readStringList } from './input.js';
import type { Fail } from './input.js';
import type { Operations, WireObject } from './operation.js';
import { INSTANCE_ID, checkDryRun, page, readInstanceIds, scopeOf } from './ec2-common.js';
import { ec2ActionOperations } from './ec2-actions.js';
import { ec2NetworkOperations } from './ec2-network.js';
import { ec2FixNetworkOperations } from './ec2-fixes.js';
import { ec2FixInstanceOperations } from './ec2-fixes-instances.js';
import { ec2FixLaunchOperations } from './ec2-fixes-launch.js';

type Input = Readonly<Record<string, unknown>>;

const invalid: Fail = (message) => new SimError('InvalidParameterValue', message);

/** The instances named by `ids` (all when empty); unknown ids fail the whole call, as EC2 does. */
function lookUp(world: SimWorld, ids: readonly string[]): readonly SimInstance[] {
  if (ids.length === 0) return world.instances();
  const found: SimInstance[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const instance = world.instance(id);
    if (instance === undefined) missing.push(id);
    else found.push(instance);
  }
  if (missing.length === 1) throw new SimError('InvalidInstanceID.NotFound', `The instance ID '${missing[0] ?? ''}' does not exist`);
  if (missing.length > 1) throw new SimError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function readMaxResults(input: Input, min: number, max: number, hasIds: boolean): number | undefined {
  const value = readInteger(input.MaxResults, 'maxResults', invalid);
  if (value === undefined) return undefined;
  if (hasIds) {
    throw new SimError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  if (value < min) throw invalid(`Value ( ${value} ) for parameter maxResults is invalid. Expecting a value greater than ${min}.`);
  if (value > max) throw invalid(`Value ( ${value} ) for parameter maxResults is invalid. Expecting a value less than ${max}.`);
  return value;
}

function describeInstances(world: SimWorld, input: Input): WireObject {
  checkDryRun(input);
  const ids = readInstanceIds(input);
  const filters = readFilters(input);
  checkFilterNames(filters, instanceFilters);
  const maxResults = readMaxResults(input, 5, 1000, ids.length > 0);
  const matching = lookUp(world, ids).filter((i) => matchesFilters(i, filters, instanceFilters));
  const nextToken = readString(input.NextToken, 'nextToken', invalid);
  const result = page(matching, { scope: scopeOf('DescribeInstances', ids, filters), maxResults, nextToken });
  return {
    reservationSet: result.items.map((instance) => ({
      reservationId: reservationIdOf(instance.id),
      ownerId: world.accountId,
      groupSet: [],
      instancesSet: [renderInstance(world, instance)],
    })),
    nextToken: result.nextToken,
  };
}

function describeInstanceStatus(world: SimWorld, input: Input): WireObject {
  checkDryRun(input);
  const ids = readInstanceIds(input);
  if (ids.length > 100) throw invalid(`The maximum number of instance IDs is 100; ${ids.length} were given.`);
  const filters = readFilters(input);
  checkFilterNames(filters, statusFilters);
  const includeAll = readBoolean(input.IncludeAllInstances, 'includeAllInstances', invalid) ?? false;
  const maxResults = readMaxResults(input, 5, 1000, ids.length > 0);
  const items: StatusItem[] = [];
  for (const instance of lookUp(world, ids)) {
    if (!includeAll && instance.state !== 'running') continue;
    const status = world.status(instance.id);
    if (status !== undefined && matchesFilters({ instance, status }, filters, statusFilters)) items.push({ instance, status });
  }
  const nextToken = readString(input.NextToken, 'nextToken', invalid);
  const scope = scopeOf('DescribeInstanceStatus', ids, filters, String(includeAll));
  const result = page(items, { scope, maxResults, nextToken });
  return {
    instanceStatusSet: result.items.map(({ instance, status }) => renderStatus(instance, status)),
    nextToken: result.nextToken,
  };
}

function describeInstanceTypes(world: SimWorld, input: Input): WireObject {
  checkDryRun(input);
  const wanted = readStringList(input.InstanceType ?? input.InstanceTypes, 'InstanceType', invalid);
  const filters = readFilters(input);
  checkFilterNames(filters, typeFilters);
  const maxResults = readInteger(input.MaxResults, 'MaxResults', invalid);
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 100)) {
    throw invalid(`Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 100.`);
  }
  const catalogue = world.instanceTypes();
  const unknown = wanted.filter((name) => !catalogue.some((t) => t.type === name));
  if (unknown.length > 0) {
    throw new SimError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
  }
  const matching = catalogue
    .filter((t) => wanted.length === 0 || wanted.includes(t.type))
    .filter((t) => matchesFilters(t, filters, typeFilters))
    .slice()
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const nextToken = readString(input.NextToken, 'NextToken', invalid);
  const scope = scopeOf('DescribeInstanceTypes', wanted, filters);
  const result = page(matching, { scope, maxResults, nextToken, defaultSize: 100 });
  return { instanceTypeSet: result.items.map(renderInstanceType), nextToken: result.nextToken };
}

function getConsoleOutput(world: SimWorld, input: Input): WireObject {
  checkDryRun(input);
  const id = readString(input.InstanceId, 'InstanceId', invalid);
  if (id === undefined || id === '') throw new SimError('MissingParameter', 'The request must contain the parameter InstanceId');
  if (!INSTANCE_ID.test(id)) throw new SimError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  readBoolean(input.Latest, 'Latest', invalid);
  const output = world.consoleOutput(id);
  if (output === undefined) throw new SimError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  return {
    instanceId: id,
    timestamp: new Date(output.timestamp),
    output: Buffer.from(output.text, 'utf8').toString('base64'),
  };
}

/** EC2's operations by action name. */
export const ec2Operations: Operations = {
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  DescribeInstanceTypes: describeInstanceTypes,
  GetConsoleOutput: getConsoleOutput,
  ...ec2NetworkOperations,
  ...ec2ActionOperations,
  ...ec2FixNetworkOperations,
  ...ec2FixInstanceOperations,
  ...ec2FixLaunchOperations,
};
