// Pure: what the log view shows — which lines match the search, where the next match is, the signature a line
// matches and its meaning (from the triage table, never a pattern of its own), times in the header's zone (UTC),
// the window of lines around the cursor, and a marker's label.
import type { LogLine } from '../../../model/logs-store.js';
import { scanLine, type SignatureId } from '../../../triage/signatures.js';
import type { Severity } from '../../../triage/types.js';
import { formatClock } from '../../format.js';
import type { Tone } from '../../theme.js';

/** HH:MM:SS in the header's zone (formatClock's, UTC), said once in the view's title; '--:--:--' when unknown. */
export function logTime(at: Date | undefined): string {
  return at === undefined ? '--:--:--' : formatClock(at.getTime()).slice(0, 8);
}

/** Indexes of the lines containing `query` (case-insensitive); none for an empty query. */
export function findMatches(lines: readonly LogLine[], query: string): number[] {
  if (query === '') return [];
  const q = query.toLowerCase();
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.text.toLowerCase().includes(q)) out.push(i);
  });
  return out;
}

/** The match after (dir 1) or before (dir −1) line `from`, wrapping around; undefined when there is none. */
export function stepMatch(matches: readonly number[], from: number, dir: 1 | -1): number | undefined {
  if (matches.length === 0) return undefined;
  if (dir === 1) return matches.find((m) => m > from) ?? matches[0];
  return [...matches].reverse().find((m) => m < from) ?? matches.at(-1);
}

/** A line cut into plain and matching pieces (case-insensitive), to draw the matches highlighted. */
export function matchSegments(text: string, query: string): { readonly text: string; readonly isMatch: boolean }[] {
  if (query === '') return [{ text, isMatch: false }];
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const out: { text: string; isMatch: boolean }[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + q.length)) {
    if (i > at) out.push({ text: text.slice(at, i), isMatch: false });
    out.push({ text: text.slice(i, i + q.length), isMatch: true });
    at = i + q.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), isMatch: false });
  return out;
}

const SEVERITY_TONES: Readonly<Record<Severity, Tone>> = { critical: 'bad', warning: 'warn', info: 'info' };

/** Short names for markers and badges; a signature added to the table without one does not compile. */
const SHORT: Readonly<Record<SignatureId, string>> = {
  'oom-kill': 'OOM kill',
  'kernel-panic': 'kernel panic',
  'fs-error': 'FS error',
  'fsck-failed': 'fsck failed',
  'disk-full': 'ENOSPC',
  'read-only-fs': 'read-only FS',
  'cloud-init-failed': 'cloud-init',
  'sshd-failed': 'sshd',
  'nic-error': 'ENA error',
  'soft-lockup': 'soft lockup',
};

/** The known signature a line matches (the triage table's first), with its meaning and tone. */
export function lineSignature(text: string): { readonly id: SignatureId; readonly short: string; readonly meaning: string; readonly tone: Tone } | undefined {
  const m = scanLine(text, 0)[0];
  if (m === undefined) return undefined;
  return { id: m.signature, short: SHORT[m.signature], meaning: m.title, tone: SEVERITY_TONES[m.severity] };
}

/** A chart marker's label for a line: the signature's short name (else 'log line') and the time. */
export function markerLabel(line: LogLine | undefined, at: Date): string {
  const name = line === undefined ? undefined : lineSignature(line.text)?.short;
  return `${name ?? 'log line'} ${logTime(at)}`;
}

/** Where the cursor sits: a line, the newest line ('end', which a followed source keeps moving), or the default. */
export type CursorState = number | 'end' | undefined;

/**
 * The cursor line and the first line shown. The default cursor is the line opened for (a finding's), else the
 * newest; `from` keeps the cursor in view (centred on a finding's line, at the bottom when tailing).
 */
export function logWindow(count: number, viewport: number, cursor: CursorState, from: number | undefined, focusLine: number | undefined): { cursor: number; from: number } {
  if (count === 0) return { cursor: 0, from: 0 };
  const view = Math.max(1, viewport);
  const last = count - 1;
  const at = cursor === undefined ? (focusLine ?? last) : cursor === 'end' ? last : Math.min(Math.max(0, cursor), last);
  const maxFrom = Math.max(0, count - view);
  let top = from ?? (cursor === undefined && focusLine !== undefined ? at - Math.floor(view / 2) : at - view + 1);
  if (at < top) top = at;
  if (at >= top + view) top = at - view + 1;
  return { cursor: at, from: Math.min(Math.max(0, top), maxFrom) };
}
