// Command mode (`:`, after k9s): the pure parser and completer. A line is a command name and its argument;
// `:budget` opens the API budget (calls per minute, throttles, each poller's cadence, the cost estimate).
import type { SortKey } from '../panes/instance-list/use-instance-list-state.js';

export type Command =
  | { readonly kind: 'region'; readonly regions: readonly string[] }
  | { readonly kind: 'profile'; readonly profiles: readonly string[] }
  | { readonly kind: 'filter'; readonly text: string }
  | { readonly kind: 'sort'; readonly sort: SortKey }
  | { readonly kind: 'budget' }
  | { readonly kind: 'quit' };

/** The command names completion offers, in the order it offers them. */
export const COMMAND_NAMES: readonly string[] = ['region', 'profile', 'filter', 'sort', 'budget', 'q'];

/** `:sort` words → the list's sort keys (`checks` is the problems-first sort). */
export const SORT_WORDS: Readonly<Record<string, SortKey>> = { checks: 'problems', cpu: 'cpu', name: 'name', state: 'state', region: 'region' };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const PROFILE = /^[A-Za-z0-9_.@+=-]+$/;

/** A comma list's entries (trimmed, de-duplicated); undefined when one is empty. */
function list(text: string): string[] | undefined {
  const items = text.split(',').map((x) => x.trim());
  return items.some((x) => x === '') ? undefined : [...new Set(items)];
}

/** Parses a command line (without the leading `:`): the command, or the one line that says what is wrong. */
export function parseCommand(line: string): Command | { readonly error: string } {
  const trimmed = line.trim();
  const space = trimmed.search(/\s/);
  const name = space < 0 ? trimmed : trimmed.slice(0, space);
  const arg = space < 0 ? '' : trimmed.slice(space).trim();
  switch (name) {
    case '':
      return { error: 'type a command: region, profile, filter, sort, budget or q' };
    case 'q':
    case 'q!':
    case 'quit':
      return { kind: 'quit' };
    case 'region':
    case 'regions': {
      const regions = list(arg);
      if (arg === '' || regions === undefined) return { error: ':region takes one or more regions, e.g. :region eu-west-1,us-east-1' };
      const bad = regions.find((r) => !REGION.test(r));
      return bad === undefined ? { kind: 'region', regions } : { error: `:region: '${bad}' is not an AWS region (such as us-east-1)` };
    }
    case 'profile':
    case 'profiles':
    case 'ctx': {
      const profiles = list(arg);
      if (arg === '' || profiles === undefined) return { error: ':profile takes one or more profiles, e.g. :profile prod,staging' };
      const bad = profiles.find((p) => !PROFILE.test(p));
      return bad === undefined ? { kind: 'profile', profiles } : { error: `:profile: '${bad}' is not a profile name` };
    }
    case 'filter':
      return { kind: 'filter', text: arg };
    case 'sort': {
      const sort = SORT_WORDS[arg.toLowerCase()];
      return sort === undefined ? { error: `:sort takes one of ${Object.keys(SORT_WORDS).join('|')}${arg === '' ? '' : `, got '${arg}'`}` } : { kind: 'sort', sort };
    }
    case 'budget':
      return arg === '' ? { kind: 'budget' } : { error: `:budget takes no argument, got '${arg}'` };
    default:
      return { error: `unknown command :${name} (commands: ${COMMAND_NAMES.map((n) => `:${n}`).join(' ')})` };
  }
}

/** What Tab may complete values from: the regions known and the profiles of the AWS config file. */
export interface CompletionSource {
  readonly regions: readonly string[];
  readonly profiles: readonly string[];
  /** Tag keys and values seen on the instances, as `tag:key=value`. */
  readonly tags?: readonly string[];
}

/** The longest prefix every candidate shares. */
function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Tab: completes the command name, or the last comma item of its value, as far as the candidates agree (one
 * candidate: whole, with a space after a command name). Returns the new line and the candidates it chose from.
 */
export function completeCommand(line: string, source: CompletionSource): { readonly line: string; readonly candidates: readonly string[] } {
  const space = line.search(/\s/);
  if (space < 0) {
    const candidates = COMMAND_NAMES.filter((n) => n.startsWith(line));
    if (candidates.length === 1) return { line: `${candidates[0] ?? ''} `, candidates };
    return { line: candidates.length === 0 ? line : commonPrefix(candidates), candidates };
  }
  const name = line.slice(0, space);
  const rest = line.slice(space).replace(/^\s+/, '');
  const comma = rest.lastIndexOf(',');
  const done = comma < 0 ? '' : rest.slice(0, comma + 1);
  const last = rest.slice(comma + 1);
  const chosen = new Set(done.split(',').map((x) => x.trim()));
  const pool = name === 'region' ? source.regions
    : name === 'profile' ? source.profiles
    : name === 'sort' ? Object.keys(SORT_WORDS)
    : name === 'filter' ? (source.tags ?? [])
    : [];
  const candidates = [...new Set(pool)].filter((c) => c.startsWith(last) && !chosen.has(c)).sort();
  const value = candidates.length === 1 ? (candidates[0] ?? '') : candidates.length === 0 ? last : commonPrefix(candidates);
  return { line: `${name} ${done}${value}`, candidates };
}
