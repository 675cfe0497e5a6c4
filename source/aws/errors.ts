// SDK exceptions → the small AwsError union (its words are domain/aws-error.ts). Nothing outside aws/ ever sees
// an SDK error: every AwsApi method runs its calls through `guard`, so callers catch AwsFailure and nothing else.
import type { AwsError } from '../domain/types.js';

/** The one error type AwsApi methods throw; `error` is what a pane renders. */
export class AwsFailure extends Error {
  readonly error: AwsError;

  constructor(error: AwsError, options?: { readonly cause?: unknown }) {
    super(error.message, options);
    this.name = 'AwsFailure';
    this.error = error;
  }
}

const THROTTLED = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown',
]);
const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess']);
// Expired keys, and keys AWS no longer accepts (EC2 says AuthFailure, Logs UnrecognizedClientException): both are
// fixed by new credentials, which the clients read again at once (clients.ts).
const EXPIRED = new Set([
  'ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId', 'AuthFailure',
  'UnrecognizedClientException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSignatureException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError']);

/** Where a failed call went: noted on the error by the clients' outermost middleware. */
export interface CallNote {
  /** 'ec2', 'cloudwatch', 'logs'. */
  readonly service: string;
  readonly operation: string;
  /** What a person would call the endpoint: ec2.us-east-1, or 127.0.0.1:4566 for --endpoint-url. */
  readonly host: string;
  readonly timeouts: { readonly connectSeconds: number; readonly requestSeconds: number };
  readonly profile?: string;
}

const notes = new WeakMap<object, CallNote>();

/** Remembers which call `error` came from (kept beside the error: SDK waiters still match on it unchanged). */
export function noteCall(error: unknown, note: CallNote): unknown {
  if (typeof error === 'object' && error !== null && !notes.has(error)) notes.set(error, note);
  return error;
}

interface ErrorLike {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly cause?: unknown;
  readonly hostname?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Node's dual-stack connect throws an AggregateError whose own message is empty; the first inner one says it. */
function messageOf(e: ErrorLike): string {
  const own = text(e.message);
  if (own !== undefined) return own;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors as unknown[]) {
      const m = typeof inner === 'object' && inner !== null ? text((inner as ErrorLike).message) : undefined;
      if (m !== undefined) return m;
    }
  }
  return text(e.code) ?? text(e.name) ?? 'Unknown error';
}

/** The service's error code: SDK exceptions carry it as `name`; hand-built and XML ones sometimes as `Code`. */
function codeOf(e: ErrorLike): string | undefined {
  const code = text(e.Code);
  if (code !== undefined) return code;
  const name = text(e.name);
  return name === 'Error' ? undefined : name;
}

/** "… is not authorized to perform: ec2:DescribeInstances on resource …" → 'ec2:DescribeInstances'. */
export function deniedAction(message: string): string | undefined {
  return /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

/** Node's error code of a socket failure, looking through AggregateError and `cause` wrappers. */
function systemCode(e: ErrorLike, depth = 0): string | undefined {
  const own = text(e.code);
  if (own !== undefined && (NETWORK_CODES.has(own) || /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|EPROXY)/.test(own))) return own;
  if (depth > 3) return undefined;
  const inner = [...(Array.isArray(e.errors) ? (e.errors as unknown[]) : []), e.cause];
  for (const candidate of inner) {
    if (typeof candidate === 'object' && candidate !== null && candidate !== e) {
      const found = systemCode(candidate as ErrorLike, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isNetwork(e: ErrorLike, code: string | undefined): boolean {
  if (systemCode(e) !== undefined) return true;
  if (code !== undefined && NETWORK_NAMES.has(code)) return true;
  return /socket hang up|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/.test(messageOf(e));
}

/** The SDK's own connect / answer timeouts (its socket errors are also named TimeoutError, so read the words). */
function timeoutPhase(e: ErrorLike): 'connect' | 'answer' | undefined {
  if (text(e.name) !== 'TimeoutError') return undefined;
  const message = messageOf(e);
  if (/did not establish a connection/.test(message)) return 'connect';
  if (/requestTimeout|timed out after \d+ ms of inactivity/.test(message)) return 'answer';
  return undefined;
}

/** True for the SDK's connection or answer timeout: a retry would wait as long again. */
export function isTimeoutError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && timeoutPhase(e as ErrorLike) !== undefined;
}

/** True when AWS refused the credentials themselves: new ones (read again from the chain) may fix it. */
export function isCredentialRejection(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = codeOf(e as ErrorLike);
  return code !== undefined && EXPIRED.has(code);
}

/** The host a socket error names (getaddrinfo's hostname, connect's address:port). */
function dialled(e: ErrorLike, note: CallNote | undefined): string | undefined {
  const host = text(e.hostname);
  if (host !== undefined) return host;
  const address = text(e.address);
  if (address !== undefined) return typeof e.port === 'number' ? `${address}:${e.port}` : address;
  return note?.host;
}

/** Maps whatever the SDK (or a socket) threw to an AwsError; `action` is the IAM action of the call, for 'denied'. */
export function toAwsError(e: unknown, action?: string): AwsError {
  if (e instanceof AwsFailure) return e.error;
  if (typeof e !== 'object' || e === null) return { kind: 'unknown', code: undefined, message: String(e) };
  const err = e as ErrorLike;
  const note = notes.get(e);
  const code = codeOf(err);
  const message = messageOf(err);
  const status = typeof err.$metadata?.httpStatusCode === 'number' ? err.$metadata.httpStatusCode : undefined;
  const phase = timeoutPhase(err);
  if (code === 'AbortError') return { kind: 'aborted', message };
  if (phase !== undefined) {
    const seconds = phase === 'connect' ? (note?.timeouts.connectSeconds ?? 0) : (note?.timeouts.requestSeconds ?? 0);
    return { kind: 'timeout', message, host: note?.host ?? 'AWS', seconds, phase };
  }
  if (code !== undefined && THROTTLED.has(code)) return { kind: 'throttled', message };
  if (code !== undefined && DENIED.has(code)) return { kind: 'denied', action: deniedAction(message) ?? action, message };
  if (code !== undefined && EXPIRED.has(code)) return expired(message, note, code);
  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') {
    // An SSO session past its end fails inside the provider chain, but the fix is a refresh, not new credentials.
    if (/expired|sso login/i.test(message)) return expired(message, note, code);
    return { kind: 'no-credentials', message };
  }
  // Smithy says "Unknown" when an HTTP error carries no AWS error: a web server, not an AWS endpoint, answered.
  if (status !== undefined && status >= 300 && message === 'Unknown') return { kind: 'bad-endpoint', message, status };
  // SSM answers InvocationDoesNotExist for a moment after SendCommand, and for a command id it never had.
  if (code !== undefined && (code.includes('NotFound') || code === 'ResourceNotFoundException' || code === 'InvocationDoesNotExist')) {
    return { kind: 'not-found', message };
  }
  if (/Deserialization error|XML parse error|Unexpected token .* in JSON|is not valid JSON/.test(message)) {
    return { kind: 'malformed', message, service: note?.service ?? 'AWS', operation: note?.operation ?? action?.split(':')[1] ?? 'a call' };
  }
  if (isNetwork(err, code)) {
    const sys = systemCode(err);
    const host = dialled(err, note);
    return { kind: 'network', message, ...(sys === undefined ? {} : { code: sys }), ...(host === undefined ? {} : { host }) };
  }
  return { kind: 'unknown', code: code ?? text(err.code), message };
}

function expired(message: string, note: CallNote | undefined, code: string): AwsError {
  const isSso = /sso/i.test(message) || code === 'TokenProviderError';
  return { kind: 'expired-credentials', message, isSso, ...(note?.profile === undefined ? {} : { profile: note.profile }) };
}

/** Runs one AwsApi operation so that it throws only AwsFailure; `action` names the IAM action for denials. */
export async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AwsFailure) throw e;
    throw new AwsFailure(toAwsError(e, action), { cause: e });
  }
}
