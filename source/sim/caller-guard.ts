// Who the fleet's HTTP server answers: requests addressed to it on loopback, not from a web page. A page open in a
// browser on the same machine could otherwise reach it (a form POST, DNS rebinding to read the record).
import type { SimError } from './protocol/errors.js';
import { foreignHost, foreignOrigin } from './protocol/request-errors.js';

/** The host names the server answers to: loopback by name and address, and the address it listens on. */
export function allowedHostNames(listenHost: string): readonly string[] {
  const bracketed = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return [...new Set(['127.0.0.1', 'localhost', bracketed])];
}

/** The host part of a Host header or an origin's authority, lower-cased, without its port. */
function hostName(authority: string): string {
  const text = authority.trim().toLowerCase();
  if (text.startsWith('[')) return text.slice(0, text.indexOf(']') + 1);
  const colon = text.indexOf(':');
  return colon < 0 ? text : text.slice(0, colon);
}

/** True when `authority` is one of `names` with at most a numeric port (`127.0.0.1:4566`, `localhost`). */
function isAllowedAuthority(authority: string, names: readonly string[]): boolean {
  const name = hostName(authority);
  const rest = authority.trim().slice(name.length);
  return names.includes(name) && /^(:\d{1,5})?$/.test(rest);
}

/** The refusal for a request whose Host or Origin is not the fleet's own; undefined when it may proceed. */
export function checkCaller(headers: Readonly<Record<string, string | undefined>>, names: readonly string[]): SimError | undefined {
  const host = headers.host ?? '';
  if (!isAllowedAuthority(host, names)) return foreignHost(host === '' ? '(no Host header)' : host);
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const match = /^http:\/\/([^/]+)$/i.exec(origin.trim());
  return match?.[1] !== undefined && isAllowedAuthority(match[1], names) ? undefined : foreignOrigin(origin);
}
