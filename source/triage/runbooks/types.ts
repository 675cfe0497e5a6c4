// A runbook is a checklist of its own over the same Evidence: each step names the API call behind it, what it
// found, and the fix when it failed. Steps are pure evaluators; nothing here calls AWS.
import type { Evidence, Item } from '../evidence.js';
import { missingReason } from '../evidence.js';

export type RunbookId = 'status-check-failed' | 'cant-ssh' | 'wont-start' | 'high-cpu' | 'high-memory' | 'disk-full';

/** 'unknown': its evidence could not be read (never passed); 'skipped': not reached or not applicable. */
export type RunbookStepState = 'ok' | 'warning' | 'failed' | 'unknown' | 'skipped';

export interface RunbookStep {
  readonly id: string;
  readonly title: string;
  /** The call behind the step: 'ec2:DescribeSecurityGroups'. */
  readonly apiCall: string;
  readonly state: RunbookStepState;
  /** One line: what the step found, or why it was skipped. */
  readonly result: string;
  /** Commands that fix a failed/warning step. */
  readonly fix?: readonly string[];
}

export interface RunbookResult {
  readonly id: RunbookId;
  readonly title: string;
  readonly steps: readonly RunbookStep[];
  /** The first failed step (Can't SSH stops there); undefined when none failed. */
  readonly brokenAt: string | undefined;
}

export interface Runbook {
  readonly id: RunbookId;
  readonly title: string;
  /** One line: when to pick this runbook (the runbook picker shows it). */
  readonly whenItApplies: string;
  /** Evaluates every step over the evidence. */
  readonly run: (evidence: Evidence) => RunbookResult;
}

type StepBase = Pick<RunbookStep, 'id' | 'title' | 'apiCall'>;

/** A step's outcome. */
export const step = (base: StepBase, state: RunbookStepState, result: string, fix?: readonly string[]): RunbookStep =>
  fix === undefined || fix.length === 0 ? { ...base, state, result } : { ...base, state, result, fix };

/** A step whose evidence is missing: 'could not check' with the reason (or skipped, when nothing applies). */
export function skippedFor(base: StepBase, item: Item<unknown> | undefined): RunbookStep {
  const reason = missingReason(item);
  const why = `${reason?.message ?? 'not gathered'}${reason?.action === undefined ? '' : ` (${reason.action})`}`;
  return reason?.kind === 'not-applicable' ? step(base, 'skipped', `Not applicable: ${why}`) : step(base, 'unknown', `Could not check: ${why}`);
}

/** Packs steps into a result; the first failed step is where the runbook points. */
export function result(id: RunbookId, title: string, steps: readonly RunbookStep[]): RunbookResult {
  return { id, title, steps, brokenAt: steps.find((s) => s.state === 'failed')?.id };
}
