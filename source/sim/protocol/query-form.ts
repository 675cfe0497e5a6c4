// Query-protocol requests (EC2 Query and CloudWatch awsQuery) arrive as flat form fields whose dotted names
// encode structure: `Filter.1.Value.2` (EC2: flattened, 1-based) and `Dimensions.member.1.Name` (awsQuery).
// Unflattening both into one tree lets services read either shape with the same code.

/** A parsed query request: strings at the leaves, arrays for numbered lists, objects for structures. */
export type QueryTree = string | readonly QueryTree[] | { readonly [key: string]: QueryTree };

type Building = { [key: string]: string | Building };

const INDEX = /^\d+$/;

/** Decodes an application/x-www-form-urlencoded body (or query string) into its fields; later fields win. */
export function parseForm(body: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(body)) {
    fields[key] = value;
  }
  return fields;
}

/** Turns flat dotted fields into a tree: numbered segments become arrays, awsQuery `.member.N` too. */
export function unflattenQuery(fields: Readonly<Record<string, string>>): Record<string, QueryTree> {
  const root: Building = Object.create(null) as Building;
  for (const [key, value] of Object.entries(fields)) {
    insert(root, key.split('.'), value);
  }
  return normalize(root) as Record<string, QueryTree>;
}

function insert(node: Building, path: readonly string[], value: string): void {
  const [head, ...rest] = path;
  // '__proto__' and friends are never AWS parameter names; dropping them keeps the tree a plain record.
  if (head === undefined || head === '' || head === '__proto__') return;
  if (rest.length === 0) {
    // A scalar never overwrites structure already seen (e.g. `Foo=x&Foo.1=y`): the structured form wins.
    if (typeof node[head] !== 'object') node[head] = value;
    return;
  }
  let child = node[head];
  if (typeof child !== 'object') {
    child = Object.create(null) as Building;
    node[head] = child;
  }
  insert(child, rest, value);
}

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
