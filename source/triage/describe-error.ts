// AwsError in words, for step results and the footer.
import type { AwsError } from '../aws/types.js';

/** The first line of a message, whitespace collapsed: a step result is one row. */
const oneLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();

/** One line for a step result or footer: "denied (ec2:DescribeInstanceStatus)", "throttled: Rate exceeded". */
export function describeError(raw: AwsError): string {
  const error = { ...raw, message: oneLine(raw.message) };
  switch (error.kind) {
    case 'denied':
      return `access denied${error.action === undefined ? '' : ` (${error.action})`}: ${error.message}`;
    case 'throttled':
      return `throttled by AWS: ${error.message}`;
    case 'expired-credentials':
      return `credentials expired: ${error.message}`;
    case 'no-credentials':
      return `no credentials: ${error.message}`;
    case 'not-found':
      return `not found: ${error.message}`;
    case 'network':
      return `network error: ${error.message}`;
    case 'aborted':
      return 'cancelled';
    case 'unknown':
      return `${error.code ?? 'error'}: ${error.message}`;
  }
}
