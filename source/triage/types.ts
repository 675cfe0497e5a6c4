// The triage checklist as the UI renders it. triage/ computes these from evidence; model/ runs the calls.

/** Where a checklist step stands: 'info' has only informational findings, 'unknown' could not read its evidence. */
export type StepState = 'pending' | 'running' | 'ok' | 'info' | 'warning' | 'failed' | 'unknown';

/** One step of Status → Metrics → Logs → Diagnosis. */
export interface ChecklistStep {
  /** 'host': the host checks through SSM, only in a run the user allowed them (--diagnostics). */
  readonly id: 'status' | 'metrics' | 'logs' | 'host' | 'diagnosis';
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

