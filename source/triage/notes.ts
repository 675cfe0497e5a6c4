// Notes and pointers as the timeline and the report tell them: "note · alice@bastion: text". Pure; the shape is
// model's SessionNote, restated here because triage/ imports only domain/.
import { hms } from './format.js';
import type { TimelineEntry } from './timeline.js';

/** A note typed with `n` or a follower's pointer. */
export interface NoteRecord {
  readonly kind: 'note' | 'pointer';
  /** Clock ms. */
  readonly at: number;
  readonly author: string;
  readonly instanceId?: string;
  readonly text: string;
}

/** "note · alice@bastion: memory climbs since 02:20". */
export const noteLine = (n: NoteRecord): string => `${n.kind} · ${n.author}: ${n.text}`;

/** The notes that belong with an instance's run: its own and those on no instance, oldest first. */
export function notesFor<N extends NoteRecord>(notes: readonly N[], instanceId: string): N[] {
  return notes.filter((n) => n.instanceId === undefined || n.instanceId === instanceId).sort((a, b) => a.at - b.at);
}

/** Notes as timeline entries (kind 'note'). */
export function noteTimeline(notes: readonly NoteRecord[]): TimelineEntry[] {
  return notes.map((n) => ({ at: new Date(n.at), kind: 'note', text: noteLine(n) }));
}

/** The report's "Notes" section (Markdown lines); empty when there are none. */
export function notesSection(notes: readonly NoteRecord[]): string[] {
  if (notes.length === 0) return [];
  return ['## Notes', '', ...notes.map((n) => `- **${hms(new Date(n.at))}** ${n.kind} by ${n.author}${n.instanceId === undefined ? '' : ` on ${n.instanceId}`}: ${n.text}`), ''];
}
