// One triage round, shared by the TUI's `t` and `ec2-triage check`: gather the evidence (at most two round-trips), run the
// pure engine, pick the runbook, and build the timeline.
import type { AwsApi } from '../aws/api.js';
import { triage } from '../triage/engine.js';
import type { TriageRun } from '../triage/run.js';
import { RUNBOOK_OF_CAUSE, RUNBOOKS } from '../triage/runbooks/index.js';
import type { RunbookId } from '../triage/runbooks/index.js';
import { buildTimeline } from '../triage/timeline.js';
import type { CallRecord } from '../triage/timeline.js';
import { gatherEvidence } from './evidence-gatherer.js';
import type { GatherOptions, TriageSubject } from './evidence-gatherer.js';

export interface RoundOptions extends GatherOptions {
  /** Run this runbook instead of the one the diagnosis suggests. */
  readonly runbook?: RunbookId;
  /** SNS topic for recommended alarms' --alarm-actions. */
  readonly snsTopicArn?: string;
}

/** Gathers, diagnoses and records one round for `subject` (an instance, or check's lookup of one). */
export async function triageRound(api: AwsApi, subject: TriageSubject, options: RoundOptions): Promise<TriageRun> {
  const calls: CallRecord[] = [];
  const evidence = await gatherEvidence(api, subject, {
    ...options,
    onCall: (call) => {
      calls.push(call);
      options.onCall?.(call);
    },
  });
  const result = triage(evidence, options.snsTopicArn === undefined ? {} : { snsTopicArn: options.snsTopicArn });
  const runbookId = options.runbook ?? RUNBOOK_OF_CAUSE[result.diagnosis.cause];
  const runbook = runbookId === undefined ? undefined : RUNBOOKS[runbookId].run(evidence);
  const timeline = buildTimeline({ calls, findings: result.findings, fallback: evidence.gatheredAt });
  return runbook === undefined ? { evidence, result, timeline } : { evidence, result, timeline, runbook };
}
