// The record of the operations the fleet received (the last OPERATION_LOG_CAPACITY), and which actions change
// something: tests read it to prove what was (and was not) sent, e.g. that read-only mode never let a write out.
import type { SimOperationRecord } from './types.js';

/** Every action of the three services that changes state, as `Service:Action`. */
const MUTATING = new Set([
  'ec2:StopInstances',
  'ec2:StartInstances',
  'ec2:RebootInstances',
  'ec2:TerminateInstances',
  'ec2:ModifyInstanceAttribute',
  'ec2:RunInstances',
  'ec2:CreateTags',
  'ec2:DeleteTags',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:MonitorInstances',
  'ec2:UnmonitorInstances',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:DeleteAlarms',
  'cloudwatch:SetAlarmState',
  'cloudwatch:EnableAlarmActions',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:PutMetricData',
  'cloudwatch:PutDashboard',
  'logs:CreateLogGroup',
  'logs:DeleteLogGroup',
  'logs:PutLogEvents',
  'logs:PutRetentionPolicy',
]);

/** True when `service:action` changes something (whether or not the fleet implements it). */
export function isMutating(service: string, action: string): boolean {
  return MUTATING.has(`${service}:${action}`) || /^(Put|Delete|Create|Modify|Update|Set|Start|Stop|Reboot|Terminate)/.test(action);
}

/** How many operations the record keeps: the most recent ones, older ones dropped first. */
export const OPERATION_LOG_CAPACITY = 1000;

/** The operation record: a ring of the last `capacity` operations, oldest first. */
export function createOperationLog(capacity = OPERATION_LOG_CAPACITY): {
  operations(): readonly SimOperationRecord[];
  recordOperation(record: SimOperationRecord): void;
} {
  const ring: SimOperationRecord[] = [];
  let next = 0;
  return {
    operations: () => (ring.length < capacity ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)]),
    recordOperation: (record) => {
      const frozen = Object.freeze({ ...record, instanceIds: [...record.instanceIds], alarmNames: [...record.alarmNames] });
      if (ring.length < capacity) ring.push(frozen);
      else ring[next] = frozen;
      next = (next + 1) % capacity;
    },
  };
}
