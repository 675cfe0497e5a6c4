// Turning whatever a call threw into the AwsError union panes render. aws/ throws AwsFailure carrying an AwsError;
// this duck-types that shape (and a few others) so model/ does not depend on aws/errors.ts internals.
import { AWS_ERROR_KINDS } from '../domain/types.js';
import type { AwsError } from '../domain/types.js';

const KINDS = new Set<string>(AWS_ERROR_KINDS);

const isAwsError = (value: unknown): value is AwsError =>
  typeof value === 'object' && value !== null && KINDS.has(String((value as { kind?: unknown }).kind)) &&
  typeof (value as { message?: unknown }).message === 'string';

/** The AwsError inside a thrown value (AwsFailure.error / .awsError / the value itself), else 'unknown'. */
export function asAwsError(thrown: unknown): AwsError {
  if (isAwsError(thrown)) return thrown;
  if (typeof thrown === 'object' && thrown !== null) {
    for (const key of ['error', 'awsError', 'cause']) {
      const inner = (thrown as Record<string, unknown>)[key];
      if (isAwsError(inner)) return inner;
    }
    const name = (thrown as { name?: unknown }).name;
    const message = String((thrown as { message?: unknown }).message ?? thrown);
    if (name === 'AbortError') return { kind: 'aborted', message };
    return { kind: 'unknown', code: typeof name === 'string' ? name : undefined, message };
  }
  return { kind: 'unknown', code: undefined, message: String(thrown) };
}

/** True when the value is (or carries) an abort: not a failure, the caller no longer wanted the result. */
export function isAbort(thrown: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || asAwsError(thrown).kind === 'aborted';
}
