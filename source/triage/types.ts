// The triage checklist as the UI renders it. triage/ computes these from evidence; model/ runs the calls.
import type { TriageRun } from './report.js';
import type { RunbookId } from './runbooks/types.js';

/** Where a checklist step stands: 'info' has only informational findings, 'unknown' could not read its evidence. */
export type StepState = 'pending' | 'running' | 'ok' | 'info' | 'warning' | 'failed' | 'unknown';

/** One step of Status → Metrics → Logs → Diagnosis. */
export interface ChecklistStep {
  readonly id: 'status' | 'metrics' | 'logs' | 'diagnosis';
  readonly title: string;
  readonly state: StepState;
  /** One line: what the step found ('' while pending). */
  readonly result: string;
  /** Supporting lines (peaks with times, matched log lines). */
  readonly details: readonly string[];
}

export type Severity = 'critical' | 'warning' | 'info';

/** One piece of evidence behind a finding: 'mem_used_percent 97.6% at 02:44 UTC', a matched log line. */
export interface EvidenceRef {
  readonly label: string;
  readonly at: Date | undefined;
  /** Where it came from: 'CloudWatch AWS/EC2 CPUUtilization', 'console output', 'log /pettracker/ml-server'. */
  readonly source: string;
}

/** Something the checklist concluded, with the time it happened when known. */
export interface Finding {
  readonly severity: Severity;
  readonly text: string;
  readonly at: Date | undefined;
  /** Stable id of the rule that fired (rules.ts FindingId); absent on the checklist's own findings. */
  readonly id?: string;
  /** The evidence behind it, with times. */
  readonly evidence?: readonly EvidenceRef[];
}

/** A run of the checklist for one instance. */
export interface ChecklistRun {
  readonly instanceId: string;
  readonly instanceName: string;
  readonly steps: readonly ChecklistStep[];
  readonly findings: readonly Finding[];
  /** The headline once the run is over (the most severe finding, or "no problem found"). */
  readonly conclusion: Finding | undefined;
  readonly startedAt: number;
  readonly finishedAt: number | undefined;
  /**
   * The engine's whole output once the round is in: evidence, findings, diagnosis (cause, chain, confidence,
   * not checked), recommendations with their aws commands, the runbook that applies, and the timeline.
   * `renderReport(engine)` is the Markdown incident report.
   */
  readonly engine?: TriageRun;
  /** The runbook the user picked for this run (else the engine's suggestion, in engine.runbook). */
  readonly runbookId?: RunbookId;
  /** The fix this run looks after: evidence before it is out of the window. */
  readonly since?: SinceFix;
}

/** A fix a triage run looks after: when it was confirmed and what it was. */
export interface SinceFix {
  readonly at: number;
  readonly what: string;
}
