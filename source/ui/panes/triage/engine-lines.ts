// Pure: the engine's output as pane lines — diagnosis and chain, what to do (whole commands, wrapped, never
// truncated: an engineer copies them), the runbook, what was not checked, and the timeline.
import { journalTimeline, type JournalEntry } from '../../../triage/journal.js';
import type { TriageRun } from '../../../triage/run.js';
import { noteTimeline, type NoteRecord } from '../../../triage/notes.js';
import { targetNote } from '../../../domain/target.js';
import type { RunbookStepState } from '../../../triage/runbooks/index.js';
import type { Line } from '../../components/lines.js';
import type { Tone } from '../../theme.js';

const RUNBOOK_ICONS: Readonly<Record<RunbookStepState, string>> = { ok: '✔', warning: '▲', failed: '✘', unknown: '?', skipped: '·' };
const RUNBOOK_TONES: Readonly<Record<string, Tone | undefined>> = { ok: 'ok', warning: 'warn', failed: 'bad', unknown: 'warn' };

/** Splits text into rows of at most `width` characters, continuation rows indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  if (!Number.isFinite(width) || width <= indent.length + 8 || [...text].length <= width) return [text];
  const rows: string[] = [];
  let rest = text;
  let prefix = '';
  while ([...prefix, ...rest].length > width) {
    const room = width - [...prefix].length;
    // Break at the last space that fits, else hard-break (a long ARN or JSON has none).
    const slice = rest.slice(0, room);
    const at = slice.lastIndexOf(' ');
    const cut = at > room / 3 ? at : room;
    rows.push(`${prefix}${rest.slice(0, cut).trimEnd()}`);
    rest = rest.slice(cut).trimStart();
    prefix = indent;
  }
  rows.push(`${prefix}${rest}`);
  return rows;
}

const push = (lines: Line[], text: string, width: number, indent: string, style: Omit<Line, 'text'> = {}): void => {
  for (const row of wrap(text, width, indent)) lines.push({ text: row, ...style });
};

const hms = (d: Date): string => d.toISOString().slice(11, 19);

/** Every section after the checklist steps, for a pane `width` columns wide (inside its border). */
export function engineLines(engine: TriageRun, width: number, journal: readonly JournalEntry[] = [], notes: readonly NoteRecord[] = []): Line[] {
  const { diagnosis, recommendations } = engine.result;
  const lines: Line[] = [{ text: '' }];
  lines.push({ text: `Diagnosis · confidence ${diagnosis.confidence}`, isBold: true });
  if (diagnosis.chain.length > 1) push(lines, `  ${diagnosis.chain.join(' → ')}`, width, '    ');
  push(lines, `  ${diagnosis.confidenceWhy}`, width, '    ', { isDim: true });
  if (recommendations.length > 0) {
    lines.push({ text: '' }, { text: 'Do this', isBold: true });
    const note = targetNote(engine.evidence.target);
    if (note !== undefined) push(lines, `  ${note}`, width, '    ', { isDim: true });
    recommendations.forEach((r, i) => {
      const tags = `${r.isDisruptive ? ' ⚠ disruptive' : ''}${r.where === 'host' ? ' · on the instance' : ''}`;
      push(lines, `${i + 1}. ${r.title}${tags}`, width, '   ', r.isDisruptive ? { tone: 'warn' } : {});
      for (const note of r.notes ?? []) push(lines, `   ${note}`, width, '     ', { isDim: true });
      for (const command of r.commands) push(lines, `   $ ${command}`, width, '       ', { tone: 'info' });
    });
  }
  const book = engine.runbook;
  if (book !== undefined) {
    lines.push({ text: '' }, { text: `Runbook: ${book.title}`, isBold: true });
    for (const step of book.steps) {
      push(lines, `${RUNBOOK_ICONS[step.state]} ${step.title} (${step.apiCall}) — ${step.result}`, width, '    ', { tone: RUNBOOK_TONES[step.state] });
      if (step.id === book.brokenAt) for (const fix of step.fix ?? []) push(lines, `    fix: ${fix}`, width, '         ', { tone: 'info' });
    }
  }
  if (diagnosis.notChecked.length > 0) {
    lines.push({ text: '' }, { text: 'Not checked', isBold: true });
    for (const n of diagnosis.notChecked) push(lines, `  ${n.what} — ${n.why}${n.action === undefined ? '' : ` (${n.action})`}`, width, '    ', { isDim: true });
  }
  // The actions taken on the instance and the session's notes join the timeline: preview, confirmation, outcome.
  const extra = [...journalTimeline(journal), ...noteTimeline(notes)];
  const timeline = extra.length === 0 ? engine.timeline : [...engine.timeline, ...extra].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (timeline.length > 0) {
    lines.push({ text: '' }, { text: 'Timeline (UTC)', isBold: true });
    for (const entry of timeline) {
      // A note says its own kind ("note · alice@bastion: …", "pointer · sre: …") in the note's tone.
      if (entry.kind === 'note') push(lines, `  ${hms(entry.at)} ${entry.text}`, width, '           ', { tone: 'info' });
      else push(lines, `  ${hms(entry.at)} ${entry.kind.padEnd(7)} ${entry.text}`, width, '                    ', { isDim: entry.kind === 'call' });
    }
  }
  return lines;
}
