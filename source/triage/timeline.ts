// The evidence timeline: every call the triage made (operation, duration, outcome), every finding at the time it
// happened, and later every action, in one time-ordered list the pane scrolls and the report prints.
import type { AwsError } from '../domain/types.js';
import { describeAwsError } from '../domain/aws-error.js';
import type { Finding } from './types.js';

export type TimelineKind = 'call' | 'finding' | 'action' | 'note';

export interface TimelineEntry {
  readonly at: Date;
  readonly kind: TimelineKind;
  readonly text: string;
  readonly detail?: string;
}

/** One call of a triage round, as model/ records it. */
export interface CallRecord {
  /** 'ec2:DescribeInstanceStatus' */
  readonly operation: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly error?: AwsError;
  /** What it returned, in a few words: '2 series, 74 datapoints'. */
  readonly summary?: string;
}

/** A call as a timeline entry: 'ec2:DescribeInstanceStatus 84 ms ok'. */
export function callEntry(call: CallRecord): TimelineEntry {
  const outcome = call.outcome === 'ok' ? 'ok' : call.error === undefined ? 'failed' : describeAwsError(call.error);
  const detail = call.summary;
  return { at: call.startedAt, kind: 'call', text: `${call.operation} ${Math.round(call.durationMs)} ms ${outcome}`, ...(detail === undefined ? {} : { detail }) };
}

/** A finding as a timeline entry at the time it happened (or `fallback` when it has none). */
export function findingEntry(finding: Finding, fallback: Date): TimelineEntry {
  const source = finding.evidence?.[0];
  return { at: finding.at ?? fallback, kind: 'finding', text: `[${finding.severity}] ${finding.text}`, ...(source === undefined ? {} : { detail: `${source.source}: ${source.label}` }) };
}

/** The merged timeline, ascending; ties keep calls, then findings, then actions, then notes, in input order. */
export function buildTimeline(input: { calls?: readonly CallRecord[]; findings?: readonly Finding[]; actions?: readonly TimelineEntry[]; notes?: readonly TimelineEntry[]; fallback: Date }): TimelineEntry[] {
  const entries = [
    ...(input.calls ?? []).map(callEntry),
    ...(input.findings ?? []).map((f) => findingEntry(f, input.fallback)),
    ...(input.actions ?? []),
    ...(input.notes ?? []),
  ];
  const rank: Readonly<Record<TimelineKind, number>> = { call: 0, finding: 1, action: 2, note: 3 };
  return entries.map((e, i) => [e, i] as const).sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || rank[a[0].kind] - rank[b[0].kind] || a[1] - b[1]).map(([e]) => e);
}

/** Wall time of a round: the span from the first call's start to the last call's end (one round, not a sum). */
export function roundDurationMs(calls: readonly CallRecord[]): number {
  if (calls.length === 0) return 0;
  const start = Math.min(...calls.map((c) => c.startedAt.getTime()));
  const end = Math.max(...calls.map((c) => c.startedAt.getTime() + c.durationMs));
  return end - start;
}
