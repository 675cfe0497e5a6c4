// CloudWatch Logs filter patterns for unstructured events: `ERROR timeout` (every term, case-sensitive),
// `"exact phrase"`, `?ERROR ?WARN` (any of these), `-DEBUG` (none of these). JSON (`{ $.x = 1 }`) and
// space-delimited (`[ip, user]`) patterns are out of scope and rejected rather than misread.
import { SimError } from '../protocol/errors.js';

/** A compiled filter pattern: true when the message matches. */
export type LogMatcher = (message: string) => boolean;

interface Terms {
  readonly all: string[];
  readonly any: string[];
  readonly none: string[];
}

function tokenize(pattern: string): string[] {
  const tokens: string[] = [];
  const re = /([?-]?)"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let match = re.exec(pattern); match !== null; match = re.exec(pattern)) {
    if (match[2] !== undefined) tokens.push(`${match[1] ?? ''}\u0000${match[2].replace(/\\(.)/g, '$1')}`);
    else if (match[3] !== undefined) tokens.push(match[3]);
  }
  return tokens;
}

function classify(tokens: readonly string[]): Terms {
  const terms: Terms = { all: [], any: [], none: [] };
  for (const token of tokens) {
    // Quoted phrases carry a NUL marker after their prefix so a quoted "-x" is not mistaken for exclusion.
    const [prefix, text] = token.includes('\u0000') ? (token.split('\u0000') as [string, string]) : ['', token];
    if (prefix === '?' || (prefix === '' && text.startsWith('?') && text.length > 1 && !token.includes('\u0000'))) {
      terms.any.push(prefix === '?' ? text : text.slice(1));
    } else if (prefix === '-' || (prefix === '' && text.startsWith('-') && text.length > 1 && !token.includes('\u0000'))) {
      terms.none.push(prefix === '-' ? text : text.slice(1));
    } else {
      terms.all.push(text);
    }
  }
  return terms;
}

/** Compiles a filter pattern; an empty pattern matches every event. Throws InvalidParameterException. */
export function compileLogFilter(pattern: string | undefined): LogMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new SimError('InvalidParameterException', 'JSON and space-delimited filter patterns are not supported by the training fleet.');
  }
  if ((text.match(/"/g) ?? []).length % 2 === 1) throw new SimError('InvalidParameterException', 'Invalid filter pattern: unbalanced quotes.');
  const { all, any, none } = classify(tokenize(text));
  return (message) =>
    all.every((t) => message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t))) && !none.some((t) => message.includes(t));
}
