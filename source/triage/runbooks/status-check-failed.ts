// Status check failed: system vs instance, the StatusCheckFailed history, scheduled events, and the reference's
// actions table (system → stop/start; instance → reboot and read the OS logs; both → both, maybe a new instance).
import type { Evidence } from '../evidence.js';
import { valueOf } from '../evidence.js';
import { hm } from '../format.js';
import { awsCommand } from '../shell.js';
import { planReboot, planStopStart } from '../write-plan.js';
import type { Runbook, RunbookStep } from './types.js';
import { result, skippedFor, step } from './types.js';

const firstOne = (e: Evidence, key: 'statusFailedSystem' | 'statusFailedInstance'): Date | undefined => {
  const s = valueOf(e.metrics[key]);
  return s?.timestamps[s.values.findIndex((v) => v >= 1)];
};

function steps(e: Evidence): RunbookStep[] {
  const status = valueOf(e.status);
  // The same plans the action menu runs: what the runbook prints is what a confirmed action sends.
  const stopStart = planStopStart(e.instance, e.target).commands;
  const reboot = [...planReboot(e.instance, e.target).commands, awsCommand(e.target, 'ec2', 'get-console-output', ['--instance-id', e.instance.id, '--latest', '--output', 'text'])];
  const out: RunbookStep[] = [];
  const sys = { id: 'system-check', title: 'System status check (AWS host)', apiCall: 'ec2:DescribeInstanceStatus' };
  const inst = { id: 'instance-check', title: 'Instance status check (your OS)', apiCall: 'ec2:DescribeInstanceStatus' };
  if (status === undefined) out.push(skippedFor(sys, e.status), skippedFor(inst, e.status));
  else {
    out.push(status.system.status === 'impaired'
      ? step(sys, 'failed', 'Impaired: stop and start the instance (new hardware), not reboot', stopStart)
      : step(sys, status.system.status === 'ok' ? 'ok' : 'warning', `System check ${status.system.status}`));
    out.push(status.instance.status === 'impaired'
      ? step(inst, 'failed', 'Impaired: reboot the instance and check the OS logs (console output)', reboot)
      : step(inst, status.instance.status === 'ok' ? 'ok' : 'warning', `Instance check ${status.instance.status}`));
  }
  const hist = { id: 'history', title: 'StatusCheckFailed history in the window', apiCall: 'cloudwatch:GetMetricData' };
  const sysAt = firstOne(e, 'statusFailedSystem');
  const instAt = firstOne(e, 'statusFailedInstance');
  if (valueOf(e.metrics.statusFailedSystem) === undefined && valueOf(e.metrics.statusFailedInstance) === undefined) out.push(skippedFor(hist, e.metrics.statusFailedSystem));
  else if (sysAt === undefined && instAt === undefined) out.push(step(hist, 'ok', 'No failed check in the window'));
  else out.push(step(hist, 'warning', [sysAt === undefined ? '' : `system failed from ${hm(sysAt)}`, instAt === undefined ? '' : `instance failed from ${hm(instAt)}`].filter((x) => x !== '').join('; ')));
  const ev = { id: 'scheduled-events', title: 'Scheduled events', apiCall: 'ec2:DescribeInstanceStatus' };
  if (status === undefined) out.push(skippedFor(ev, e.status));
  else out.push(status.events.length === 0 ? step(ev, 'ok', 'None') : step(ev, 'warning', status.events.map((x) => `${x.code}: ${x.description}`).join('; ')));
  return out;
}

/** Status check failed runbook. */
export const STATUS_CHECK_FAILED: Runbook = {
  id: 'status-check-failed',
  title: 'Status check failed',
  whenItApplies: 'A system or instance status check is impaired, failed lately, or AWS scheduled an event.',
  run: (e) => result('status-check-failed', 'Status check failed', steps(e)),
};
