// Query-protocol requests (EC2 Query and CloudWatch awsQuery) arrive as flat form fields whose dotted names
// encode structure: `Filter.1.Value.2` (EC2: flattened, 1-based) and `Dimensions.member.1.Name` (awsQuery).
// Unflattening both into one tree lets services read either shape with the same code.
// Both steps are linear in the request's size and bounded (QUERY_LIMITS): a request past a limit is refused
// with an AWS error before any tree is built, so no request can cost more than its bytes.
import { malformedQueryString, tooDeeplyNested, tooManyParameters } from './request-errors.js';

/** A parsed query request: strings at the leaves, arrays for numbered lists, objects for structures. */
export type QueryTree = string | readonly QueryTree[] | { readonly [key: string]: QueryTree };

/** The limits a Query request must respect. */
export interface QueryLimits {
  /** Fields in one request (URL and body together). */
  readonly maxParameters: number;
  /** Dotted segments in one field name: `MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name` is 9. */
  readonly maxDepth: number;
}

/**
 * The fleet's limits: far above anything an SDK or the CLI sends (500 GetMetricData queries with 3 dimensions
 * are ~7,000 fields; the deepest field the fleet reads has 9 segments), far below what could hurt the server.
 */
export const QUERY_LIMITS: QueryLimits = { maxParameters: 20_000, maxDepth: 16 };

type Building = { [key: string]: string | Building };

const INDEX = /^\d+$/;

function decodeComponent(text: string, index: number): string {
  const plain = text.replaceAll('+', ' ');
  if (!plain.includes('%')) return plain;
  try {
    return decodeURIComponent(plain);
  } catch {
    throw malformedQueryString(`field ${index} has a malformed percent-encoding or is not UTF-8`);
  }
}

/**
 * Decodes an application/x-www-form-urlencoded body (or query string) into its fields; later fields win.
 * Throws MalformedQueryString for a bad %-escape or invalid UTF-8, and InvalidQueryParameter past maxParameters.
 */
export function parseForm(body: string, limits: QueryLimits = QUERY_LIMITS): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (let start = 0; start <= body.length; ) {
    const amp = body.indexOf('&', start);
    const end = amp < 0 ? body.length : amp;
    if (end > start) {
      count += 1;
      if (count > limits.maxParameters) throw tooManyParameters(limits.maxParameters);
      const pair = body.slice(start, end);
      const eq = pair.indexOf('=');
      const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), count);
      fields[key] = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), count);
    }
    start = end + 1;
  }
  return fields;
}

/** Fails unless `fields` is within the limits; checked before any tree is built. */
export function checkQueryLimits(fields: Readonly<Record<string, string>>, limits: QueryLimits = QUERY_LIMITS): void {
  let count = 0;
  for (const key in fields) {
    count += 1;
    if (count > limits.maxParameters) throw tooManyParameters(limits.maxParameters);
    let depth = 1;
    for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      depth += 1;
      if (depth > limits.maxDepth) throw tooDeeplyNested(key, limits.maxDepth);
    }
  }
}

/**
 * Turns flat dotted fields into a tree: numbered segments become arrays, awsQuery `.member.N` too.
 * Throws (as checkQueryLimits) for a request past the limits.
 */
export function unflattenQuery(fields: Readonly<Record<string, string>>, limits: QueryLimits = QUERY_LIMITS): Record<string, QueryTree> {
  checkQueryLimits(fields, limits);
  const root: Building = Object.create(null) as Building;
  for (const [key, value] of Object.entries(fields)) insert(root, key.split('.'), value);
  return normalize(root) as Record<string, QueryTree>;
}

/** Walks (creating) the path's structure and sets its leaf; one pass over the segments. */
function insert(root: Building, path: readonly string[], value: string): void {
  let node = root;
  for (const [i, segment] of path.entries()) {
    // '__proto__' is never an AWS parameter name; dropping it (and empty segments) keeps the tree a plain record.
    if (segment === '' || segment === '__proto__') return;
    if (i === path.length - 1) {
      // A scalar never overwrites structure already seen (e.g. `Foo=x&Foo.1=y`): the structured form wins.
      if (typeof node[segment] !== 'object') node[segment] = value;
      return;
    }
    let child = node[segment];
    if (typeof child !== 'object') {
      child = Object.create(null) as Building;
      node[segment] = child;
    }
    node = child;
  }
}

/** Recursion here is bounded by maxDepth (checked before the tree was built). */
function normalize(node: string | Building): QueryTree {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'member') {
    const members = node.member;
    if (members !== undefined && typeof members === 'object') return toList(members);
  }
  if (keys.length > 0 && keys.every((k) => INDEX.test(k))) return toList(node);
  const out: Record<string, QueryTree> = {};
  for (const key of keys) {
    const child = node[key];
    if (child !== undefined) out[key] = normalize(child);
  }
  return out;
}

function toList(node: Building): QueryTree[] {
  return Object.keys(node)
    .filter((k) => INDEX.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => normalize(node[k] ?? ''));
}
