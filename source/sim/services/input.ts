// Readers for operation input. The same operation may arrive as JSON (typed values) or as a query form
// (every leaf a string), so each reader accepts both and reports a bad value through the caller's `fail`.
import type { SimError } from '../protocol/errors.js';

/** Builds the service's own error for an invalid parameter (codes differ per service). */
export type Fail = (message: string) => SimError;

/** A string member, or undefined when absent; numbers are accepted as their decimal text. */
export function readString(value: unknown, name: string, fail: Fail): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw fail(`The parameter ${name} must be a string.`);
}

/** An integer member given as a JSON number or decimal text. */
export function readInteger(value: unknown, name: string, fail: Fail): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw fail(`Value (${String(value)}) for parameter ${name} is invalid. Expected an integer.`);
  return number;
}

/** A boolean member given as true/false or the text 'true'/'false'. */
export function readBoolean(value: unknown, name: string, fail: Fail): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw fail(`Value (${String(value)}) for parameter ${name} is invalid. Expected a boolean.`);
}

/**
 * A timestamp in epoch ms. JSON callers send epoch seconds (numbers, maybe fractional); query callers send
 * ISO 8601 text; both may send numeric text.
 */
export function readTimestamp(value: unknown, name: string, fail: Fail): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    const parsed = Date.parse(text);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw fail(`The parameter ${name} must be a valid timestamp (${String(value)}).`);
}

/** A list member: an array, an absent/empty value (an empty list), or a lone scalar (a one-item list). */
export function readList(value: unknown): readonly unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  return [value];
}

/** A structure member as a record ({} when absent). */
export function readStruct(value: unknown, name: string, fail: Fail): Readonly<Record<string, unknown>> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw fail(`The parameter ${name} must be a structure.`);
}

/** A list of strings. */
export function readStringList(value: unknown, name: string, fail: Fail): string[] {
  return readList(value).map((entry, i) => {
    const text = readString(entry, `${name}.${i + 1}`, fail);
    if (text === undefined) throw fail(`The parameter ${name}.${i + 1} must be a string.`);
    return text;
  });
}

/**
 * Matches AWS filter wildcards: `*` any run of characters, `?` exactly one. Greedy with one backtrack point (the
 * last `*`), so it takes at most pattern × text steps: a caller's `*a*a*a…b` cannot stall the fleet, as a
 * regular expression built from it would (12 stars on a 30-character name took 4.5 s).
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p;
      p += 1;
      resume = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
