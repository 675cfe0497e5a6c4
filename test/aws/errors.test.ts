// SDK exception → AwsError, table-driven over exceptions built the way the SDK builds them.
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { SSMServiceException } from '@aws-sdk/client-ssm';
import { CredentialsProviderError } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import { AwsFailure, deniedAction, guard, noteCall, toAwsError } from '../../source/aws/errors.js';
import { describeAwsError, describeCommandStatus } from '../../source/domain/aws-error.js';
import type { AwsError } from '../../source/domain/types.js';

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
  ['getaddrinfo names the host', Object.assign(sys('ENOTFOUND', 'getaddrinfo ENOTFOUND ec2.us-east-1.amazonaws.com'), { hostname: 'ec2.us-east-1.amazonaws.com' }), undefined, { kind: 'network', code: 'ENOTFOUND', host: 'ec2.us-east-1.amazonaws.com' }],
  ['socket hang up', sys('ECONNRESET', 'socket hang up'), undefined, { kind: 'network' }],
  ['dual-stack AggregateError with an empty message', Object.assign(new AggregateError([sys('ECONNREFUSED', 'connect ECONNREFUSED ::1:4566')], ''), { code: 'ECONNREFUSED' }), undefined, { kind: 'network', message: 'connect ECONNREFUSED ::1:4566' }],
  ['the SDK connect timeout', named('TimeoutError', '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'), undefined, { kind: 'timeout', phase: 'connect' }],
  ['the SDK request timeout', Object.assign(named('TimeoutError', '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms requestTimeout.'), { code: 'ETIMEDOUT' }), undefined, { kind: 'timeout', phase: 'answer' }],
  ['ECONNREFUSED renamed TimeoutError by the SDK stays a network error', Object.assign(named('TimeoutError', 'connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 }), undefined, { kind: 'network', code: 'ECONNREFUSED', host: '127.0.0.1:9' }],
  ['a 404 from a web server', Object.assign(named('NotFound', 'Unknown'), { $metadata: { httpStatusCode: 404 } }), undefined, { kind: 'bad-endpoint', status: 404 }],
  ['an answer the SDK cannot parse', new Error('@aws-sdk XML parse error: unexpected content.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), 'ec2:DescribeInstances', { kind: 'malformed', operation: 'DescribeInstances' }],
  ['EC2 AuthFailure (a key AWS no longer accepts)', ec2('AuthFailure', 'AWS was not able to validate the provided access credentials'), undefined, { kind: 'expired-credentials' }],
  ['AbortError', named('AbortError', 'Request aborted'), undefined, { kind: 'aborted' }],
  ['anything else keeps its code', ec2('InvalidParameterValue', 'Value (x) for parameter y is invalid'), undefined, { kind: 'unknown', code: 'InvalidParameterValue' }],
  ['a plain Error has no code', new Error('boom'), undefined, { kind: 'unknown', code: undefined, message: 'boom' }],
  ['a non-error value', 'weird', undefined, { kind: 'unknown', message: 'weird' }],
];

describe('toAwsError', () => {
  it.each(cases)('%s', (_label, thrown, action, expected) => {
    expect(toAwsError(thrown, action)).toMatchObject(expected);
  });

  it('words a timeout with the host and seconds of the call it came from', () => {
    const error = noteCall(named('TimeoutError', 'a request has exceeded the configured 15000 ms requestTimeout'), {
      service: 'ec2', operation: 'DescribeInstances', host: 'ec2.us-east-1', timeouts: { connectSeconds: 3, requestSeconds: 15 }, profile: 'prod',
    });
    expect(describeAwsError(toAwsError(error))).toBe('no answer from ec2.us-east-1 in 15 s');
    const expiredSso = noteCall(new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login'), {
      service: 'ec2', operation: 'DescribeInstances', host: 'ec2.us-east-1', timeouts: { connectSeconds: 3, requestSeconds: 15 }, profile: 'prod',
    });
    expect(describeAwsError(toAwsError(expiredSso))).toBe('SSO session expired: aws sso login --profile prod, then r');
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

describe('describeAwsError: the one wording every view prints', () => {
  it.each<readonly [AwsError, string]>([
    [{ kind: 'throttled', message: 'Rate exceeded' }, 'throttled by AWS (request rate exceeded)'],
    [{ kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'x' }, 'access denied: you lack ec2:DescribeInstanceStatus'],
    [{ kind: 'denied', action: undefined, message: 'User is not allowed' }, 'access denied: User is not allowed'],
    [{ kind: 'expired-credentials', message: 'x', profile: 'prod', isSso: true }, 'SSO session expired: aws sso login --profile prod, then r'],
    [{ kind: 'expired-credentials', message: 'x' }, 'credentials expired or refused: renew them (aws sso login / aws configure), then r'],
    [{ kind: 'network', message: 'getaddrinfo ENOTFOUND ec2.us-east-1.amazonaws.com', code: 'ENOTFOUND', host: 'ec2.us-east-1.amazonaws.com' },
      'cannot resolve ec2.us-east-1.amazonaws.com: no network or DNS from this host (proxy? HTTPS_PROXY is honoured)'],
    [{ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:4566', code: 'ECONNREFUSED', host: '127.0.0.1:4566' },
      '127.0.0.1:4566 refused the connection: is the endpoint running? (proxy? HTTPS_PROXY is honoured)'],
    [{ kind: 'network', message: 'self-signed certificate in certificate chain', code: 'SELF_SIGNED_CERT_IN_CHAIN', host: 'ec2.us-east-1' },
      "the TLS certificate of ec2.us-east-1 is not trusted (SELF_SIGNED_CERT_IN_CHAIN): set AWS_CA_BUNDLE to your proxy's CA file"],
    [{ kind: 'timeout', message: 'x', host: 'ec2.us-east-1', seconds: 15, phase: 'answer' }, 'no answer from ec2.us-east-1 in 15 s'],
    [{ kind: 'malformed', message: 'x', service: 'ec2', operation: 'DescribeInstances' }, 'malformed answer from ec2 (DescribeInstances); retrying'],
    [{ kind: 'bad-endpoint', message: 'Unknown', status: 404 }, 'the endpoint answered 404: is it an AWS-compatible endpoint?'],
    [{ kind: 'not-found', message: "The instance ID 'i-1' does not exist" }, "not found: The instance ID 'i-1' does not exist"],
    [{ kind: 'aborted', message: 'x' }, 'request cancelled'],
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

describe('SSM errors and command statuses in words, each with what to do', () => {
  const ssm = (name: string, message: string) => new SSMServiceException({ name, $fault: 'client', $metadata, message });
  const SEND_DENIED =
    'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: ssm:SendCommand on resource: arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0 because no identity-based policy allows the ssm:SendCommand action';

  it('AccessDeniedException on SendCommand names the missing action and the instance side (AmazonSSMManagedInstanceCore)', () => {
    const error = toAwsError(ssm('AccessDeniedException', SEND_DENIED), 'ssm:SendCommand');
    expect(error).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
    expect(describeAwsError(error)).toBe(
      'access denied: you lack ssm:SendCommand (allow it on the instance and on document AWS-RunShellScript; the instance itself needs AmazonSSMManagedInstanceCore)',
    );
  });

  it('a denied SSM read names the three actions host checks need', () => {
    expect(describeAwsError({ kind: 'denied', action: 'ssm:DescribeInstanceInformation', message: 'x' })).toMatch(
      /you lack ssm:DescribeInstanceInformation \(host checks need ssm:DescribeInstanceInformation, ssm:SendCommand and ssm:GetCommandInvocation\)/,
    );
  });

  it('InvalidInstanceId: not managed by SSM, and how to make it managed (the agent and the instance profile)', () => {
    const error = toAwsError(ssm('InvalidInstanceId', 'Instances not in a valid state for account'), 'ssm:SendCommand');
    expect(describeAwsError(error)).toBe(
      'SSM cannot reach the instance (not managed, agent offline, or not running): run the SSM Agent on it (preinstalled on Amazon Linux and Ubuntu AMIs) and attach an instance profile whose role has AmazonSSMManagedInstanceCore',
    );
  });

  it('InvocationDoesNotExist is not-found (SSM registers an invocation a moment after SendCommand)', () => {
    expect(toAwsError(ssm('InvocationDoesNotExist', ''), 'ssm:GetCommandInvocation').kind).toBe('not-found');
  });

  it("ec2-triage's own refusals say why, not 'you lack'", () => {
    expect(describeAwsError({ kind: 'denied', action: 'ssm:SendCommand', message: 'not sent: host checks run only with --diagnostics (x)' })).toBe(
      'not sent: host checks run only with --diagnostics (x)',
    );
  });

  it.each([
    ['Success', undefined],
    ['DeliveryTimedOut', 'the SSM Agent did not pick the command up (DeliveryTimedOut): check the agent runs and reaches SSM (VPC endpoint or internet), then t'],
    ['Undeliverable', 'the SSM Agent did not pick the command up (Undeliverable): check the agent runs and reaches SSM (VPC endpoint or internet), then t'],
    ['TimedOut', 'the command ran out of time on the instance (TimedOut): it may be overloaded; t runs it again, or connect with c'],
    ['ExecutionTimedOut', 'the command ran out of time on the instance (ExecutionTimedOut): it may be overloaded; t runs it again, or connect with c'],
    ['AccessDenied', "the instance's SSM role may not run it (AccessDenied): its role needs AmazonSSMManagedInstanceCore"],
    ['Cancelled', 'the command was cancelled before it finished: t runs it again'],
  ])('command status %s → %s', (status, words) => {
    expect(describeCommandStatus(status)).toBe(words);
  });

  it('Failed says the exit code and the first line of stderr', () => {
    expect(describeCommandStatus('Failed', { responseCode: 2, stderr: 'df: /x: No such file\nmore' })).toBe('the command failed on the instance (exit 2): df: /x: No such file');
  });
});
