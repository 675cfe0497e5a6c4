// Pagination tokens are opaque to callers (as AWS's are) but carry the position and a fingerprint of the
// request, so a token replayed against a different query is rejected instead of silently misapplied.
import { createHash } from 'node:crypto';

export interface PageToken {
  /** Index of the next item to return. */
  readonly offset: number;
  /** Extra state an operation pins across pages (e.g. the end time of a log search). */
  readonly pin?: number;
}

/** Encodes a page position for `scope` (a fingerprint of the operation and its filters). */
export function encodeToken(scope: string, token: PageToken): string {
  const json = JSON.stringify({ s: fingerprint(scope), o: token.offset, p: token.pin });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token made by encodeToken for the same scope; undefined when it is not one. */
export function decodeToken(scope: string, text: string): PageToken | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const { s, o, p } = parsed as { s?: unknown; o?: unknown; p?: unknown };
    if (s !== fingerprint(scope) || typeof o !== 'number' || !Number.isInteger(o) || o < 0) return undefined;
    return typeof p === 'number' ? { offset: o, pin: p } : { offset: o };
  } catch {
    return undefined;
  }
}

function fingerprint(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}
