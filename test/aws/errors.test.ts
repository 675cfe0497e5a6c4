// SDK exception → AwsError, table-driven over exceptions built the way the SDK builds them.
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { CredentialsProviderError } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import { AwsFailure, deniedAction, describeAwsError, guard, toAwsError } from '../../source/aws/errors.js';
import type { AwsError } from '../../source/aws/types.js';

const $metadata = { httpStatusCode: 400, requestId: 'req-1' };
const ec2 = (name: string, message: string) => new EC2ServiceException({ name, $fault: 'client', $metadata, message });
const cw = (name: string, message: string) => new CloudWatchServiceException({ name, $fault: 'client', $metadata, message });
const logs = (name: string, message: string) => new CloudWatchLogsServiceException({ name, $fault: 'client', $metadata, message });
const sys = (code: string, message: string) => Object.assign(new Error(message), { code });
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

const DENIED_MSG =
  'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ops is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action';

const cases: readonly (readonly [string, unknown, string | undefined, Partial<AwsError>])[] = [
  ['EC2 RequestLimitExceeded', ec2('RequestLimitExceeded', 'Request limit exceeded.'), undefined, { kind: 'throttled' }],
  ['CloudWatch Throttling', cw('Throttling', 'Rate exceeded'), undefined, { kind: 'throttled' }],
  ['Logs ThrottlingException', logs('ThrottlingException', 'Rate exceeded'), undefined, { kind: 'throttled' }],
  ['TooManyRequestsException', named('TooManyRequestsException', 'slow down'), undefined, { kind: 'throttled' }],
  ['UnauthorizedOperation with the action in the message', ec2('UnauthorizedOperation', DENIED_MSG), 'ec2:DescribeInstanceStatus', { kind: 'denied', action: 'ec2:DescribeInstances' }],
  ['AccessDenied from the call site', cw('AccessDenied', 'User is not allowed'), 'cloudwatch:GetMetricData', { kind: 'denied', action: 'cloudwatch:GetMetricData' }],
  ['AccessDeniedException', logs('AccessDeniedException', 'denied'), 'logs:FilterLogEvents', { kind: 'denied', action: 'logs:FilterLogEvents' }],
  ['UnauthorizedAccess', named('UnauthorizedAccess', 'nope'), undefined, { kind: 'denied', action: undefined }],
  ['ExpiredToken', cw('ExpiredToken', 'The security token included in the request is expired'), undefined, { kind: 'expired-credentials' }],
  ['ExpiredTokenException', logs('ExpiredTokenException', 'expired'), undefined, { kind: 'expired-credentials' }],
  ['RequestExpired', ec2('RequestExpired', 'Request has expired.'), undefined, { kind: 'expired-credentials' }],
  ['InvalidClientTokenId', cw('InvalidClientTokenId', 'The security token is invalid.'), undefined, { kind: 'expired-credentials' }],
  ['CredentialsProviderError', new CredentialsProviderError('Could not load credentials from any providers'), undefined, { kind: 'no-credentials' }],
  ['expired SSO session', new CredentialsProviderError('The SSO session has expired. To refresh this SSO session run aws sso login'), undefined, { kind: 'expired-credentials' }],
  ['InvalidInstanceID.NotFound', ec2('InvalidInstanceID.NotFound', "The instance ID 'i-0abc' does not exist"), undefined, { kind: 'not-found' }],
  ['ResourceNotFoundException', logs('ResourceNotFoundException', 'The specified log group does not exist.'), undefined, { kind: 'not-found' }],
  ['errors carrying Code, not name', Object.assign(new Error('x'), { Code: 'Throttling' }), undefined, { kind: 'throttled' }],
  ['ECONNREFUSED', sys('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566'), undefined, { kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:4566' }],
  ['ENOTFOUND', sys('ENOTFOUND', 'getaddrinfo ENOTFOUND ec2.nowhere.example'), undefined, { kind: 'network' }],
  ['ETIMEDOUT', sys('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'), undefined, { kind: 'network' }],
  ['TimeoutError', named('TimeoutError', 'Connection timed out after 1000 ms'), undefined, { kind: 'network' }],
  ['socket hang up', sys('ECONNRESET', 'socket hang up'), undefined, { kind: 'network' }],
  ['dual-stack AggregateError with an empty message', Object.assign(new AggregateError([sys('ECONNREFUSED', 'connect ECONNREFUSED ::1:4566')], ''), { code: 'ECONNREFUSED' }), undefined, { kind: 'network', message: 'connect ECONNREFUSED ::1:4566' }],
  ['AbortError', named('AbortError', 'Request aborted'), undefined, { kind: 'aborted' }],
  ['anything else keeps its code', ec2('InvalidParameterValue', 'Value (x) for parameter y is invalid'), undefined, { kind: 'unknown', code: 'InvalidParameterValue' }],
  ['a plain Error has no code', new Error('boom'), undefined, { kind: 'unknown', code: undefined, message: 'boom' }],
  ['a non-error value', 'weird', undefined, { kind: 'unknown', message: 'weird' }],
];

describe('toAwsError', () => {
  it.each(cases)('%s', (_label, thrown, action, expected) => {
    expect(toAwsError(thrown, action)).toMatchObject(expected);
  });

  it('passes an AwsFailure through unchanged', () => {
    const error: AwsError = { kind: 'throttled', message: 'x' };
    expect(toAwsError(new AwsFailure(error))).toBe(error);
  });

  it('finds the IAM action in the message', () => {
    expect(deniedAction(DENIED_MSG)).toBe('ec2:DescribeInstances');
    expect(deniedAction('User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: logs:FilterLogEvents on resource: x')).toBe('logs:FilterLogEvents');
    expect(deniedAction('Access denied')).toBeUndefined();
  });
});

describe('describeAwsError', () => {
  it.each<readonly [AwsError, string]>([
    [{ kind: 'throttled', message: 'Rate exceeded' }, 'Throttled by AWS — retrying with backoff'],
    [{ kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'x' }, 'Access denied: you lack ec2:DescribeInstanceStatus'],
    [{ kind: 'denied', action: undefined, message: 'User is not allowed' }, 'Access denied: User is not allowed'],
    [{ kind: 'expired-credentials', message: 'x' }, 'Credentials expired — refresh your session (aws sso login)'],
    [{ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:4566' }, 'Network error: connect ECONNREFUSED 127.0.0.1:4566'],
    [{ kind: 'not-found', message: "The instance ID 'i-1' does not exist" }, "Not found: The instance ID 'i-1' does not exist"],
    [{ kind: 'aborted', message: 'x' }, 'Request cancelled'],
    [{ kind: 'unknown', code: 'InternalError', message: 'An internal error\n  has occurred' }, 'InternalError: An internal error'],
    [{ kind: 'no-credentials', message: 'No AWS credentials: set AWS_PROFILE' }, 'No AWS credentials: set AWS_PROFILE'],
  ])('%o → %s', (error, line) => {
    expect(describeAwsError(error)).toBe(line);
  });
});

describe('guard', () => {
  it('wraps whatever the call threw in an AwsFailure naming the action', async () => {
    const failure = await guard('ec2:DescribeInstanceStatus', () => Promise.reject(ec2('UnauthorizedOperation', 'You are not authorized to perform this operation.'))).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AwsFailure);
    expect((failure as AwsFailure).error).toEqual({ kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'You are not authorized to perform this operation.' });
    expect((failure as AwsFailure).cause).toBeInstanceOf(EC2ServiceException);
  });

  it('returns the value when the call succeeds', async () => {
    await expect(guard('ec2:DescribeInstances', async () => 42)).resolves.toBe(42);
  });
});
