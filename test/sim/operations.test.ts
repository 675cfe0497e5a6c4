// Issue 10: the operation record is bounded — a ring of the last N operations, ids capped per record.
import { describe, expect, it } from 'vitest';
import { RECORD_ID_CAP, summarize } from '../../source/sim/handler-record.js';
import { OPERATION_LOG_CAPACITY, createOperationLog } from '../../source/sim/operations.js';

const record = (action: string) => summarize(0, 'ec2', action, {}, 'ok');

describe('the operation record', () => {
  it('keeps the last `capacity` operations, oldest first', () => {
    const log = createOperationLog(3);
    for (const action of ['A', 'B', 'C', 'D', 'E']) log.recordOperation(record(action));
    expect(log.operations().map((o) => o.action)).toEqual(['C', 'D', 'E']);
    log.recordOperation(record('F'));
    expect(log.operations().map((o) => o.action)).toEqual(['D', 'E', 'F']);
  });

  it('keeps writes in a ring of their own: a flood of reads never pushes a write out', () => {
    const log = createOperationLog(3);
    log.recordOperation(record('StopInstances'));
    for (const action of ['A', 'B', 'C', 'D']) log.recordOperation(record(action));
    log.recordOperation(record('StartInstances'));
    expect(log.operations().map((o) => o.action)).toEqual(['StopInstances', 'B', 'C', 'D', 'StartInstances']);
  });

  it('is 1,000 operations by default', () => {
    const log = createOperationLog();
    for (let i = 0; i < OPERATION_LOG_CAPACITY + 5; i++) log.recordOperation(record(`A${i}`));
    expect(OPERATION_LOG_CAPACITY).toBe(1000);
    expect(log.operations()).toHaveLength(OPERATION_LOG_CAPACITY);
    expect(log.operations()[0]?.action).toBe('A5');
  });

  it('keeps at most 100 ids per record, counting the rest, and cuts caller text', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `i-${String(i).padStart(17, '0')}`);
    const summary = summarize(0, 'ec2', 'X'.repeat(10_000), { InstanceId: ids, AlarmNames: ['a'.repeat(5000)] }, 'ok');
    expect(summary.instanceIds).toHaveLength(RECORD_ID_CAP);
    expect(summary.instanceIds[0]).toBe(ids[0]);
    expect(summary.omittedIds).toBe(100_000 - RECORD_ID_CAP);
    expect(summary.action.length).toBeLessThanOrEqual(128);
    expect(summary.alarmNames[0]?.length).toBeLessThanOrEqual(128);
    expect(summarize(0, 'ec2', 'StopInstances', { InstanceId: ['i-1'] }, 'ok')).not.toHaveProperty('omittedIds');
  });
});
