// Read-only mode as an allowlist enforced at the SDK: a command not on this list is refused before it is
// serialised, so no mutating call can leave the process however the UI was driven.
import { fixedHostCheck } from '../domain/host-checks.js';
import { AwsFailure } from './errors.js';

/** Every operation ec2-triage may send in read-only mode, by service (SDK command names without 'Command'). */
export const READ_OPERATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  EC2Client: new Set([
    'DescribeInstances', 'DescribeInstanceStatus', 'DescribeInstanceTypes', 'DescribeInstanceAttribute', 'GetConsoleOutput',
    'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeNetworkAcls', 'DescribeKeyPairs',
    'DescribeInternetGateways', 'DescribeInstanceCreditSpecifications', 'DescribeVpcs', 'DescribeVolumes', 'DescribeAddresses',
    'DescribeImages',
  ]),
  CloudWatchClient: new Set([
    'GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'DescribeAlarms', 'DescribeAlarmsForMetric', 'DescribeAlarmHistory',
  ]),
  CloudWatchLogsClient: new Set(['DescribeLogGroups', 'DescribeLogStreams', 'FilterLogEvents', 'GetLogEvents']),
  SSMClient: new Set(['DescribeInstanceInformation', 'GetCommandInvocation', 'ListCommandInvocations', 'ListCommands']),
};

const IAM_PREFIX: Readonly<Record<string, string>> = { EC2Client: 'ec2', CloudWatchClient: 'cloudwatch', CloudWatchLogsClient: 'logs', SSMClient: 'ssm' };

/** True when `commandName` ('StopInstancesCommand' or 'StopInstances') of `clientName` is a read. */
export function isReadOperation(clientName: string, commandName: string): boolean {
  const op = commandName.replace(/Command$/, '');
  return READ_OPERATIONS[clientName]?.has(op) === true;
}

/** The refusal a blocked command throws: a denial naming the action, so panes render it like any other. */
export function readOnlyRefusal(clientName: string, commandName: string): AwsFailure {
  const op = commandName.replace(/Command$/, '');
  const action = `${IAM_PREFIX[clientName] ?? clientName}:${op}`;
  return new AwsFailure({
    kind: 'denied',
    action,
    message: `read-only mode: ${action} was not sent (start ec2-triage with --write to allow changes)`,
  });
}

// SendCommand's input fields a host check uses; any other field (Targets, OutputS3BucketName, DocumentVersion,
// ServiceRoleArn, NotificationConfig, CloudWatchOutputConfig…) set to anything makes the command not a host check.
const HOST_CHECK_FIELDS: ReadonlySet<string> = new Set(['InstanceIds', 'DocumentName', 'Parameters', 'TimeoutSeconds', 'Comment']);

/** Why a SendCommand input is not exactly one fixed host check on one instance (undefined: it is one). */
export function notAHostCheck(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return 'no input';
  const fields = input as Readonly<Record<string, unknown>>;
  const extra = Object.keys(fields).filter((k) => fields[k] !== undefined && !HOST_CHECK_FIELDS.has(k));
  if (extra.length > 0) return `it sets ${extra.join(', ')}`;
  const ids = fields.InstanceIds;
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string' || !/^(i|mi)-[0-9a-f]{8,17}$/.test(ids[0])) {
    return 'it does not name exactly one instance';
  }
  const parameters = fields.Parameters;
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return 'it has no commands';
  const names = Object.keys(parameters).filter((k) => (parameters as Record<string, unknown>)[k] !== undefined);
  if (names.length !== 1 || names[0] !== 'commands') return `its parameters are ${names.join(', ') || 'empty'}, not commands alone`;
  if (fixedHostCheck(fields.DocumentName, (parameters as Record<string, unknown>).commands) === undefined) {
    return 'its document or script is not one of the fixed host checks';
  }
  const timeout = fields.TimeoutSeconds;
  if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 30 || timeout > 600)) return 'its timeout is not 30–600 s';
  const comment = fields.Comment;
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 100)) return 'its comment is not a short text';
  return undefined;
}

/**
 * The SSM guard, in every mode (read-only and --write): reads pass; SendCommand passes only with the user's consent
 * (--diagnostics) and only as exactly one fixed host check; every other SSM operation (StartSession, Cancel…, Put…)
 * is refused: ec2-triage's SDK never needs one (`c` connects through the user's own aws CLI).
 */
export function ssmRefusal(commandName: string, input: unknown, allowHostChecks: boolean): AwsFailure | undefined {
  const op = commandName.replace(/Command$/, '');
  if (isReadOperation('SSMClient', op)) return undefined;
  if (op !== 'SendCommand') {
    return new AwsFailure({ kind: 'denied', action: `ssm:${op}`, message: `not sent: ec2-triage never sends ssm:${op}` });
  }
  if (!allowHostChecks) {
    return new AwsFailure({
      kind: 'denied',
      action: 'ssm:SendCommand',
      message: 'not sent: host checks run only with --diagnostics (your consent to the fixed read-only scripts)',
    });
  }
  const why = notAHostCheck(input);
  if (why === undefined) return undefined;
  return new AwsFailure({
    kind: 'denied',
    action: 'ssm:SendCommand',
    message: `not sent: only the fixed host-check scripts may run through SSM, and ${why}`,
  });
}
