// The record of the operations the fleet received (the last OPERATION_LOG_CAPACITY), and which actions change
// something: tests read it to prove what was (and was not) sent, e.g. that read-only mode never let a write out.
import type { SimOperationRecord } from './types.js';

/** Every action of the fleet's services that changes state (or runs something), as `Service:Action`. */
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
  'ssm:SendCommand',
  'ssm:StartSession',
  'ssm:TerminateSession',
  'ssm:ResumeSession',
  'ssm:CancelCommand',
]);

/** True when `service:action` changes something (whether or not the fleet implements it). */
export function isMutating(service: string, action: string): boolean {
  return MUTATING.has(`${service}:${action}`) || /^(Put|Delete|Create|Modify|Update|Set|Start|Stop|Reboot|Terminate)/.test(action);
}

/** How many reads, and apart how many writes, the record keeps: the most recent, older ones dropped first. */
export const OPERATION_LOG_CAPACITY = 1000;

interface Ring {
  readonly items: { seq: number; record: SimOperationRecord }[];
  next: number;
}

function push(ring: Ring, capacity: number, item: { seq: number; record: SimOperationRecord }): void {
  if (ring.items.length < capacity) ring.items.push(item);
  else ring.items[ring.next] = item;
  ring.next = (ring.next + 1) % capacity;
}

const inOrder = (ring: Ring): { seq: number; record: SimOperationRecord }[] => [...ring.items.slice(ring.next), ...ring.items.slice(0, ring.next)];

/**
 * The operation record: the last `capacity` reads and, in a ring of their own, the last `capacity` writes (so a
 * flood of reads never pushes a write out of the record that proves what was sent), merged oldest first.
 */
export function createOperationLog(capacity = OPERATION_LOG_CAPACITY): {
  operations(): readonly SimOperationRecord[];
  recordOperation(record: SimOperationRecord): void;
} {
  const reads: Ring = { items: [], next: 0 };
  const writes: Ring = { items: [], next: 0 };
  let seq = 0;
  return {
    operations: () => [...inOrder(reads), ...inOrder(writes)].sort((a, b) => a.seq - b.seq).map((item) => item.record),
    recordOperation: (record) => {
      const frozen = Object.freeze({ ...record, instanceIds: [...record.instanceIds], alarmNames: [...record.alarmNames] });
      seq += 1;
      push(record.isMutating ? writes : reads, capacity, { seq, record: frozen });
    },
  };
}
