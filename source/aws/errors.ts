// SDK exceptions → the small AwsError union panes render. Nothing outside aws/ ever sees an SDK error: every
// AwsApi method runs its calls through `guard`, so callers catch AwsFailure and nothing else.
import type { AwsError } from './types.js';

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
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError']);

interface ErrorLike {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly cause?: unknown;
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

function isNetwork(e: ErrorLike, code: string | undefined): boolean {
  const sys = text(e.code);
  if (sys !== undefined && NETWORK_CODES.has(sys)) return true;
  if (code !== undefined && NETWORK_NAMES.has(code)) return true;
  if (/socket hang up|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/.test(messageOf(e))) return true;
  // fetch-style failures wrap the socket error as `cause`.
  const cause = e.cause;
  return typeof cause === 'object' && cause !== null && cause !== e && isNetwork(cause as ErrorLike, undefined);
}

/** Maps whatever the SDK (or a socket) threw to an AwsError; `action` is the IAM action of the call, for 'denied'. */
export function toAwsError(e: unknown, action?: string): AwsError {
  if (e instanceof AwsFailure) return e.error;
  if (typeof e !== 'object' || e === null) return { kind: 'unknown', code: undefined, message: String(e) };
  const err = e as ErrorLike;
  const code = codeOf(err);
  const message = messageOf(err);
  if (code === 'AbortError') return { kind: 'aborted', message };
  if (code !== undefined && THROTTLED.has(code)) return { kind: 'throttled', message };
  if (code !== undefined && DENIED.has(code)) return { kind: 'denied', action: deniedAction(message) ?? action, message };
  if (code !== undefined && EXPIRED.has(code)) return { kind: 'expired-credentials', message };
  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') {
    // An SSO session past its end fails inside the provider chain, but the fix is a refresh, not new credentials.
    if (/expired|sso login/i.test(message)) return { kind: 'expired-credentials', message };
    return { kind: 'no-credentials', message };
  }
  if (code !== undefined && (code.includes('NotFound') || code === 'ResourceNotFoundException')) return { kind: 'not-found', message };
  if (isNetwork(err, code)) return { kind: 'network', message };
  return { kind: 'unknown', code: code ?? text(err.code), message };
}

/** The first line of a message with runs of whitespace collapsed: panes have one row per error. */
const oneLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();

/** The one line a pane shows for an error, in words an on-call engineer can act on. */
export function describeAwsError(e: AwsError): string {
  switch (e.kind) {
    case 'throttled':
      return 'Throttled by AWS — retrying with backoff';
    case 'denied':
      return e.action === undefined ? `Access denied: ${oneLine(e.message)}` : `Access denied: you lack ${e.action}`;
    case 'expired-credentials':
      return 'Credentials expired — refresh your session (aws sso login)';
    case 'no-credentials':
      return oneLine(e.message);
    case 'not-found':
      return `Not found: ${oneLine(e.message)}`;
    case 'network':
      return `Network error: ${oneLine(e.message)}`;
    case 'aborted':
      return 'Request cancelled';
    case 'unknown':
      return `${e.code ?? 'Error'}: ${oneLine(e.message)}`;
  }
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
