// The runbooks by id, and which one applies to an instance's evidence or findings.
import type { CauseId } from '../diagnosis.js';
import type { Evidence } from '../evidence.js';
import { evaluateRules } from '../rules.js';
import type { Finding } from '../types.js';
import { CANT_SSH } from './cant-ssh.js';
import { DISK_FULL_RUNBOOK, HIGH_CPU, HIGH_MEMORY } from './resources.js';
import { STATUS_CHECK_FAILED } from './status-check-failed.js';
import type { Runbook, RunbookId } from './types.js';
import { WONT_START } from './wont-start.js';

export type { Runbook, RunbookId, RunbookResult, RunbookStep, RunbookStepState } from './types.js';

export const RUNBOOKS: Readonly<Record<RunbookId, Runbook>> = {
  'status-check-failed': STATUS_CHECK_FAILED,
  'cant-ssh': CANT_SSH,
  'wont-start': WONT_START,
  'high-cpu': HIGH_CPU,
  'high-memory': HIGH_MEMORY,
  'disk-full': DISK_FULL_RUNBOOK,
};

/** Finding id → runbook, in order of precedence (the first finding present decides). */
const BY_FINDING: readonly (readonly [string, RunbookId])[] = [
  ['wont-start', 'wont-start'], ['not-running', 'wont-start'],
  ['system-check-failed', 'status-check-failed'], ['instance-check-failed', 'status-check-failed'], ['kernel-panic', 'status-check-failed'],
  ['status-check-history', 'status-check-failed'], ['scheduled-event', 'status-check-failed'],
  ['oom-kill', 'high-memory'], ['disk-high', 'disk-full'], ['disk-full', 'disk-full'], ['read-only-fs', 'disk-full'],
  ['cpu-credits-exhausted', 'high-cpu'], ['cpu-high', 'high-cpu'], ['mem-high', 'high-memory'],
  ['ssh-port-closed', 'cant-ssh'], ['ssh-caller-not-allowed', 'cant-ssh'], ['no-public-ip', 'cant-ssh'], ['no-igw-route', 'cant-ssh'],
  ['nacl-blocks-ssh', 'cant-ssh'], ['key-pair-missing', 'cant-ssh'], ['sshd-failed', 'cant-ssh'], ['ssh-open-to-world', 'cant-ssh'],
];

/** Diagnosis cause → runbook. */
export const RUNBOOK_OF_CAUSE: Readonly<Partial<Record<CauseId, RunbookId>>> = {
  'wont-start': 'wont-start', 'not-running': 'wont-start', 'system-check-failed': 'status-check-failed', 'instance-check-failed': 'status-check-failed',
  oom: 'high-memory', 'high-memory': 'high-memory', 'disk-full': 'disk-full', 'cpu-credits': 'high-cpu', 'high-cpu': 'high-cpu',
  'ssh-blocked': 'cant-ssh', 'no-public-ip': 'cant-ssh', 'no-igw-route': 'cant-ssh', 'nacl-blocks-ssh': 'cant-ssh', 'key-pair-missing': 'cant-ssh', 'ssh-open-to-world': 'cant-ssh',
  'scheduled-event': 'status-check-failed',
};

/** Which runbook applies: from findings (or evidence, evaluated first); undefined when none does. */
export function suggestRunbook(input: Evidence | readonly Finding[]): RunbookId | undefined {
  const findings = Array.isArray(input) ? (input as readonly Finding[]) : evaluateRules(input as Evidence);
  const serious = findings.filter((f) => f.severity !== 'info');
  return BY_FINDING.find(([id]) => serious.some((f) => f.id === id))?.[1];
}
