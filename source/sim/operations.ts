// The record of every operation the fleet received, and which actions change something: tests read it to prove
// what was (and was not) sent, e.g. that read-only mode never let a mutating call out.
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
  'ec2:AllocateAddress',
  'ec2:AssociateAddress',
  'ec2:DisassociateAddress',
  'ec2:ReleaseAddress',
  'ec2:AttachInternetGateway',
  'ec2:DetachInternetGateway',
  'ec2:ReplaceRoute',
  'ec2:ReplaceNetworkAclEntry',
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

/** An append-only operation log. */
export function createOperationLog(): { operations(): readonly SimOperationRecord[]; recordOperation(record: SimOperationRecord): void } {
  const records: SimOperationRecord[] = [];
  return {
    operations: () => records.slice(),
    recordOperation: (record) => {
      records.push(Object.freeze({ ...record, instanceIds: [...record.instanceIds], alarmNames: [...record.alarmNames] }));
    },
  };
}
