// CloudWatch Logs operations: DescribeLogGroups and FilterLogEvents, camelCase members, epoch-ms numbers.
import { SimError } from '../protocol/errors.js';
import { decodeToken, encodeToken } from '../protocol/tokens.js';
import type { SimLogGroup, SimWorld } from '../types.js';
import { readInteger, readString, readStringList } from './input.js';
import type { Fail } from './input.js';
import { compileLogFilter } from './log-filter.js';
import type { Operations, WireObject } from './operation.js';

type Input = Readonly<Record<string, unknown>>;

const invalid: Fail = (message) => new SimError('InvalidParameterException', message);

function groupArn(world: SimWorld, name: string): string {
  return `arn:aws:logs:${world.region}:${world.accountId}:log-group:${name}`;
}

function readLimit(input: Input, max: number, fallback: number): number {
  const limit = readInteger(input.limit, 'limit', invalid) ?? fallback;
  if (limit < 1 || limit > max) {
    throw invalid(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`);
  }
  return limit;
}

function readOffset(input: Input, scope: string): { offset: number; pin: number | undefined } {
  const text = readString(input.nextToken, 'nextToken', invalid);
  if (text === undefined) return { offset: 0, pin: undefined };
  const token = decodeToken(scope, text);
  if (token === undefined) throw invalid('The specified nextToken is invalid.');
  return { offset: token.offset, pin: token.pin };
}

function describeLogGroups(world: SimWorld, input: Input): WireObject {
  const prefix = readString(input.logGroupNamePrefix, 'logGroupNamePrefix', invalid);
  const pattern = readString(input.logGroupNamePattern, 'logGroupNamePattern', invalid);
  if (prefix !== undefined && pattern !== undefined) {
    throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = readLimit(input, 50, 50);
  const groups = world
    .logGroups()
    .filter((g) => (prefix === undefined || g.name.startsWith(prefix)) && (pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase())))
    .slice()
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const scope = JSON.stringify(['DescribeLogGroups', prefix, pattern]);
  const { offset } = readOffset(input, scope);
  const end = Math.min(groups.length, offset + limit);
  return {
    logGroups: groups.slice(offset, end).map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: `${groupArn(world, g.name)}:*`,
      storedBytes: g.storedBytes,
      logGroupClass: 'STANDARD',
      logGroupArn: groupArn(world, g.name),
    })),
    nextToken: end < groups.length ? encodeToken(scope, { offset: end }) : undefined,
  };
}

/** The group a FilterLogEvents call names, by logGroupName or logGroupIdentifier (a name or an ARN). */
function targetGroup(world: SimWorld, input: Input): SimLogGroup {
  const name = readString(input.logGroupName, 'logGroupName', invalid);
  const identifier = readString(input.logGroupIdentifier, 'logGroupIdentifier', invalid);
  if (name !== undefined && identifier !== undefined) {
    throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const wanted = name ?? identifier?.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
  if (wanted === undefined || wanted === '') throw invalid('Either logGroupName or logGroupIdentifier must be specified.');
  const group = world.logGroups().find((g) => g.name === wanted);
  if (group === undefined) throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

function filterLogEvents(world: SimWorld, input: Input): WireObject {
  const group = targetGroup(world, input);
  const streams = readStringList(input.logStreamNames, 'logStreamNames', invalid);
  const streamPrefix = readString(input.logStreamNamePrefix, 'logStreamNamePrefix', invalid);
  if (streams.length > 0 && streamPrefix !== undefined) {
    throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const start = readInteger(input.startTime, 'startTime', invalid) ?? 0;
  const filterPattern = readString(input.filterPattern, 'filterPattern', invalid);
  const matches = compileLogFilter(filterPattern);
  const limit = readLimit(input, 10_000, 10_000);
  const requestedEnd = readInteger(input.endTime, 'endTime', invalid);
  if (requestedEnd !== undefined && requestedEnd < start) throw invalid('endTime must be greater than or equal to startTime.');
  const scope = JSON.stringify(['FilterLogEvents', group.name, streams, streamPrefix, start, requestedEnd, filterPattern]);
  const position = readOffset(input, scope);
  // Without an endTime the search ends "now"; the first page pins that instant so later pages see the same set.
  const end = requestedEnd ?? position.pin ?? world.clock.now() + 1;
  const inStream = (stream: string): boolean =>
    (streams.length === 0 || streams.includes(stream)) && (streamPrefix === undefined || stream.startsWith(streamPrefix));
  const all = world.logEvents(group.name, start, end).filter((e) => inStream(e.logStream));
  const matching = all.filter((e) => matches(e.message));
  const stop = Math.min(matching.length, position.offset + limit);
  const searched = [...new Set(all.map((e) => e.logStream))].sort();
  return {
    events: matching.slice(position.offset, stop).map((e) => ({
      logStreamName: e.logStream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: e.eventId,
    })),
    searchedLogStreams: searched.map((logStreamName) => ({ logStreamName, searchedCompletely: stop >= matching.length })),
    nextToken: stop < matching.length ? encodeToken(scope, { offset: stop, pin: end }) : undefined,
  };
}

/** CloudWatch Logs' operations by action name. */
export const logsOperations: Operations = {
  DescribeLogGroups: describeLogGroups,
  FilterLogEvents: filterLogEvents,
};
