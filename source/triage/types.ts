// The triage checklist as the UI renders it. triage/ computes these from evidence; model/ runs the calls.

/** Where a checklist step stands: 'info' has only informational findings, 'unknown' could not read its evidence. */
export type StepState = 'pending' | 'running' | 'ok' | 'info' | 'warning' | 'failed' | 'unknown';

/** One step of Status → Metrics → Logs → (Host checks, when they were part of the run) → Diagnosis. */
export interface ChecklistStep {
  /** 'host': the host checks through SSM, only in a run the user allowed them (--diagnostics). */
  readonly id: 'status' | 'metrics' | 'logs' | 'host' | 'diagnosis';
  readonly title: string;
  readonly state: StepState;
  /** One line: what the step found ('' while pending). */
  readonly result: string;
  /** Supporting lines (peaks with times, matched log lines). */
  readonly details: readonly string[];
  /** The log line behind the result (the finding's latest quoted line), when it came from one. */
  readonly resultOrigin?: LogOrigin;
  /** Per detail (same index), the log line it came from, when it did. */
  readonly detailOrigins?: readonly (LogOrigin | undefined)[];
}

export type Severity = 'critical' | 'warning' | 'info';

/** One piece of evidence behind a finding: 'mem_used_percent 97.6% at 02:44 UTC', a matched log line. */
export interface EvidenceRef {
  readonly label: string;
  readonly at: Date | undefined;
  /** Where it came from: 'CloudWatch AWS/EC2 CPUUtilization', 'console output', 'log /pettracker/ml-server'. */
  readonly source: string;
  /** The log line it quotes, when it is one: where the log view opens for it (built once, in rules-logs.ts). */
  readonly origin?: LogOrigin;
}

/** Where a quoted log line lives: a line of the console output, or one event of a CloudWatch Logs group. */
export type LogOrigin =
  | { readonly kind: 'console'; readonly lineNumber: number; readonly line: string; readonly at: Date | undefined }
  | {
      readonly kind: 'group';
      readonly group: string;
      readonly stream: string;
      readonly timestamp: Date;
      readonly eventId: string | undefined;
      readonly line: string;
    };

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

