// The actions taken on an instance, as the timeline and the report tell them: who, what, when, the preview that
// was shown (calls and commands), and the outcome. Pure.
import { fence, utc } from './format.js';
import type { ActionPlan } from './write-plan.js';
import type { TimelineEntry } from './timeline.js';

export type JournalOutcome = 'succeeded' | 'failed' | 'cancelled' | 'not sent (read-only)' | 'refused by DryRun' | 'interrupted';

/** What the preview showed (the plan's own fields), then who, when and how it ended. */
export interface JournalEntry extends Pick<ActionPlan, 'kind' | 'instanceId' | 'title' | 'calls' | 'commands' | 'notes'> {
  readonly id: number;
  readonly who: string;
  readonly previewedAt: number;
  readonly confirmedAt: number | undefined;
  readonly endedAt: number;
  readonly outcome: JournalOutcome;
  /** Steps with their durations, and the error in words when it failed. */
  readonly detail: readonly string[];
}

/** Timeline entries of the journal: preview shown, confirmed, outcome. */
export function journalTimeline(entries: readonly JournalEntry[]): TimelineEntry[] {
  return entries.flatMap((e): TimelineEntry[] => [
    { at: new Date(e.previewedAt), kind: 'action', text: `preview: ${e.title}`, detail: `by ${e.who}` },
    ...(e.confirmedAt === undefined ? [] : [{ at: new Date(e.confirmedAt), kind: 'action' as const, text: `confirmed: ${e.title}`, detail: `by ${e.who}` }]),
    { at: new Date(e.endedAt), kind: 'action', text: `${e.outcome}: ${e.title}`, ...(e.detail.length === 0 ? {} : { detail: e.detail.join('; ') }) },
  ]);
}

const at = (ms: number): string => utc(new Date(ms));

/** The report's "Actions taken" section (Markdown lines); empty when there were none. */
export function journalSection(entries: readonly JournalEntry[]): string[] {
  if (entries.length === 0) return [];
  const out = ['## Actions taken', ''];
  for (const e of entries) {
    out.push(`### ${e.title}: ${e.outcome}`, '');
    out.push(`- **Who:** ${e.who}`, `- **Previewed:** ${at(e.previewedAt)}`);
    if (e.confirmedAt !== undefined) out.push(`- **Confirmed:** ${at(e.confirmedAt)}`);
    out.push(`- **Ended:** ${at(e.endedAt)}`, '');
    if (e.notes.length > 0) out.push(...e.notes.map((n) => `> ${n}`), '');
    out.push('API calls previewed:', '', ...e.calls.map((c) => `- \`${c.operation}\` ${JSON.stringify(c.params)}`), '');
    out.push('Equivalent commands:', '', fence(e.commands.join('\n'), 'sh'), '');
    if (e.detail.length > 0) out.push('Outcome:', '', ...e.detail.map((d) => `- ${d}`), '');
  }
  return out;
}

/** The last fix that succeeded on the instance (alarms are prevention, not a fix). */
export function lastFix(entries: readonly JournalEntry[], instanceId: string): JournalEntry | undefined {
  return entries.filter((e) => e.instanceId === instanceId && e.outcome === 'succeeded' && e.kind !== 'alarms' && e.confirmedAt !== undefined).at(-1);
}
