// A runbook's "on the instance" step: when the host checks ran (SSM), their facts and what the host rules made of
// them; otherwise the commands to run by hand. The facts and their judgement are the engine's (host-facts.ts,
// rules-host.ts): the runbook says nothing of its own about them.
import type { HostCheckId } from '../../domain/host-checks.js';
import type { Evidence } from '../evidence.js';
import { factLines, hostFacts } from '../host-facts.js';
import { HOST_FINDING_CHECK, hostRules } from '../rules-host.js';
import type { RunbookStep, RunbookStepState } from './types.js';
import { step } from './types.js';

const STATE: Readonly<Record<string, RunbookStepState>> = { critical: 'failed', warning: 'warning', info: 'ok' };
const RANK: readonly string[] = ['critical', 'warning', 'info'];

/** The step for one host check: its facts when it ran, else the commands for the user to run. */
export function hostRunbookStep(e: Evidence, check: HostCheckId, id: string, title: string, commands: readonly string[]): RunbookStep {
  const facts = hostFacts(e);
  if (facts[check] === undefined) return step({ id, title, apiCall: 'on the instance' }, 'warning', 'Run on the instance (SSH or Session Manager)', commands);
  const mine = hostRules(e, facts).filter((f) => f.id !== undefined && HOST_FINDING_CHECK[f.id as keyof typeof HOST_FINDING_CHECK] === check);
  const worst = [...mine].sort((a, b) => RANK.indexOf(a.severity) - RANK.indexOf(b.severity))[0];
  const state = worst === undefined ? 'ok' : (STATE[worst.severity] ?? 'ok');
  const text = worst !== undefined && worst.severity !== 'info' ? worst.text : factLines(facts, check).join(' · ');
  return step({ id, title, apiCall: 'ssm:SendCommand (host checks)' }, state, text, state === 'ok' ? undefined : commands);
}
