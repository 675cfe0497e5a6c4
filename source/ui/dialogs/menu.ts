// The action menu as data: what can be done to the selected instance now, what the status checks and the triage
// recommend, and why an entry is unavailable. Pure.
import type { Instance, InstanceStatus } from '../../aws/types.js';
import type { CauseId } from '../../triage/diagnosis.js';

export type MenuItemId = 'reboot' | 'stop-start' | 'resize' | 'start' | 'alarms' | 'agent';

export interface MenuItem {
  readonly id: MenuItemId;
  readonly label: string;
  /** Why it cannot be chosen now; undefined when it can. */
  readonly unavailable: string | undefined;
  /** Why it is recommended (the status checks or the triage); undefined when it is not. */
  readonly recommended: string | undefined;
}

export interface MenuFacts {
  readonly instance: Instance;
  readonly status: InstanceStatus | undefined;
  /** The cause the last triage of this instance found. */
  readonly cause: CauseId | undefined;
  readonly isAgentReporting: boolean | undefined;
}

/** The menu's entries, in a fixed order (keys stay where the hand expects them). */
export function menuItems({ instance, status, cause, isAgentReporting }: MenuFacts): MenuItem[] {
  const state = instance.state;
  const isRunning = state === 'running';
  const notRunning = isRunning ? undefined : `the instance is ${state}`;
  const systemFailed = status?.system.status === 'impaired';
  const instanceFailed = status?.instance.status === 'impaired';
  const why = (...reasons: (string | false | undefined)[]): string | undefined => reasons.find((r): r is string => typeof r === 'string');
  return [
    {
      id: 'reboot',
      label: 'Reboot',
      unavailable: notRunning,
      recommended: why(instanceFailed && !systemFailed && 'instance status check failed', cause === 'instance-check-failed' && 'triage: instance check failed'),
    },
    {
      id: 'stop-start',
      label: 'Stop and start (new hardware)',
      unavailable: notRunning,
      recommended: why(systemFailed && 'system status check failed', cause === 'system-check-failed' && 'triage: system check failed'),
    },
    {
      id: 'resize',
      label: 'Resize (change instance type)…',
      unavailable: isRunning || state === 'stopped' ? undefined : `the instance is ${state}`,
      recommended: why(cause === 'oom' && 'triage: out of memory', cause === 'high-memory' && 'triage: memory pressure', cause === 'cpu-credits' && 'triage: CPU credits exhausted'),
    },
    {
      id: 'start',
      label: 'Start',
      unavailable: state === 'stopped' ? undefined : `the instance is ${state}`,
      recommended: why(state === 'stopped' && 'the instance is stopped'),
    },
    { id: 'alarms', label: 'Alarms (view, add the recommended set)…', unavailable: undefined, recommended: undefined },
    {
      id: 'agent',
      label: 'CloudWatch Agent config (memory, disk, logs)…',
      unavailable: undefined,
      recommended: why(isAgentReporting === false && 'no memory or disk metrics'),
    },
  ];
}

/** Where the cursor starts: the first recommended entry that can be chosen, else the first that can. */
export function initialMenuIndex(items: readonly MenuItem[]): number {
  const recommended = items.findIndex((i) => i.unavailable === undefined && i.recommended !== undefined);
  if (recommended >= 0) return recommended;
  return Math.max(0, items.findIndex((i) => i.unavailable === undefined));
}
