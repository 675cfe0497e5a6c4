// One triage run, as every view holds it: the engine's whole output for a round (TriageRun) and the checklist
// around it (ChecklistRun). Apart from types.ts so that the findings' types import none of the engine.
import type { TriageResult } from './engine.js';
import type { Evidence } from './evidence.js';
import type { RunbookId, RunbookResult } from './runbooks/types.js';
import type { TimelineEntry } from './timeline.js';
import type { ChecklistStep, Finding } from './types.js';

export interface TriageRun {
  readonly evidence: Evidence;
  readonly result: TriageResult;
  readonly timeline: readonly TimelineEntry[];
  readonly runbook?: RunbookResult;
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
  /** --resume: this run was read from a session file (the pane and the report say which, and when it was saved). */
  readonly restored?: RestoredFrom;
  /** After --resume, a new run: what changed since the run restored from the file (triage/changes-since.ts). */
  readonly changes?: string;
}

/** The session file a run was restored from, and when that file had last been saved. */
export interface RestoredFrom {
  readonly path: string;
  readonly savedAt: number;
}

/** A fix a triage run looks after: when it was confirmed and what it was. */
export interface SinceFix {
  readonly at: number;
  readonly what: string;
}
