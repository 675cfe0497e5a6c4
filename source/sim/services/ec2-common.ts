// Pieces every EC2 Describe operation shares: DryRun, NextToken pages and the token scope.
import { SimError } from '../protocol/errors.js';
import { decodeToken, encodeToken } from '../protocol/tokens.js';
import { readBoolean, readStringList } from './input.js';
import type { Fail } from './input.js';
import type { Filter } from './ec2-filters.js';

const invalid: Fail = (message) => new SimError('InvalidParameterValue', message);

export const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/** The InstanceId.N list (InstanceIds in JSON-shaped input); a malformed id fails the call as EC2 does. */
export function readInstanceIds(input: Readonly<Record<string, unknown>>): string[] {
  const ids = readStringList(input.InstanceId ?? input.InstanceIds, 'InstanceId', invalid);
  const malformed = ids.find((id) => !INSTANCE_ID.test(id));
  if (malformed !== undefined) throw new SimError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  return ids;
}

/** Throws EC2's DryRunOperation (HTTP 412) when DryRun is set: every call here would succeed. */
export function checkDryRun(input: Readonly<Record<string, unknown>>): void {
  if (readBoolean(input.DryRun, 'DryRun', invalid) === true) {
    throw new SimError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
}

export interface PageRequest {
  readonly scope: string;
  readonly maxResults: number | undefined;
  readonly nextToken: string | undefined;
  /** The page size when MaxResults is absent (undefined: everything in one page). */
  readonly defaultSize?: number;
}

/** Cuts one page out of `items`, returning it with the token for the rest. */
export function page<T>(items: readonly T[], request: PageRequest): { items: readonly T[]; nextToken: string | undefined } {
  let offset = 0;
  if (request.nextToken !== undefined && request.nextToken !== '') {
    const token = decodeToken(request.scope, request.nextToken);
    if (token === undefined) throw new SimError('InvalidPaginationToken', `The specified pagination token is not valid or is expired.`);
    offset = token.offset;
  }
  const size = request.maxResults ?? request.defaultSize ?? Number.POSITIVE_INFINITY;
  const end = Math.min(items.length, offset + size);
  return { items: items.slice(offset, end), nextToken: end < items.length ? encodeToken(request.scope, { offset: end }) : undefined };
}

/** What a NextToken is bound to: the same action, ids and filters. */
export function scopeOf(action: string, ids: readonly string[], filters: readonly Filter[], extra = ''): string {
  return JSON.stringify([action, ids, filters, extra]);
}
