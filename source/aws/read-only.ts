// Read-only mode as an allowlist enforced at the SDK: a command not on this list is refused before it is
// serialised, so no mutating call can leave the process however the UI was driven.
import { AwsFailure } from './errors.js';

/** Every operation ec2-triage may send in read-only mode, by service (SDK command names without 'Command'). */
export const READ_OPERATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  EC2Client: new Set([
    'DescribeInstances', 'DescribeInstanceStatus', 'DescribeInstanceTypes', 'DescribeInstanceAttribute', 'GetConsoleOutput',
    'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeNetworkAcls', 'DescribeKeyPairs',
    'DescribeInternetGateways', 'DescribeVpcs', 'DescribeVolumes', 'DescribeAddresses',
  ]),
  CloudWatchClient: new Set([
    'GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'DescribeAlarms', 'DescribeAlarmsForMetric', 'DescribeAlarmHistory',
  ]),
  CloudWatchLogsClient: new Set(['DescribeLogGroups', 'DescribeLogStreams', 'FilterLogEvents', 'GetLogEvents']),
};

const IAM_PREFIX: Readonly<Record<string, string>> = { EC2Client: 'ec2', CloudWatchClient: 'cloudwatch', CloudWatchLogsClient: 'logs' };

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
