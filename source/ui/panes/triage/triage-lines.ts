// Pure: the triage checklist as lines (steps with icons, results, details) and its conclusion line.
import type { ActionRun } from '../../../model/actions-types.js';
import type { JournalEntry } from '../../../triage/journal.js';
import { STEP_READS, STEP_TITLES } from '../../../triage/steps.js';
import type { Finding, LogOrigin, StepState } from '../../../triage/types.js';
import type { ChecklistRun } from '../../../triage/run.js';
import type { Line } from '../../components/lines.js';
import { STEP_TONES, type Tone } from '../../theme.js';
import { formatElapsed } from '../../format.js';
import { engineLines, wrap } from './engine-lines.js';
import { noteLine, notesFor, type NoteRecord } from '../../../triage/notes.js';

export const STEP_ICONS: Readonly<Record<StepState, string>> = {
  pending: '·',
  running: '◐',
  ok: '✔',
  info: '•',
  warning: '▲',
  failed: '✘',
  unknown: '?',
};

const STEP_LINE_TONES: Readonly<Record<StepState, Tone>> = { ...STEP_TONES, info: 'info', unknown: 'warn' } as Record<StepState, Tone>;

/** Before the first run: the method itself, each step pending with what it will read (a follower cannot press t). */
export function methodLines(width = Number.POSITIVE_INFINITY, instanceLabel?: string, isFollower = false): Line[] {
  const lines: Line[] = [];
  const lead = isFollower
    ? `The driver has not triaged ${instanceLabel ?? 'this instance'}; a triage reads:`
    : instanceLabel === undefined ? 'Select an instance, then press t to triage it:' : `Press t to triage ${instanceLabel}:`;
  for (const row of wrap(lead, width, '  ')) lines.push({ text: row, isDim: true });
  for (const id of ['status', 'metrics', 'logs', 'diagnosis'] as const) {
    lines.push({ text: `${STEP_ICONS.pending} ${STEP_TITLES[id]}`, tone: STEP_LINE_TONES.pending });
    for (const row of wrap(`    ${STEP_READS[id]}`, width, '      ')) lines.push({ text: row, isDim: true });
  }
  return lines;
}

/** A triage line, with the log line it came from when it quotes or states a finding from one (Enter opens it). */
export interface TriageLine extends Line {
  readonly origin?: LogOrigin;
}

/** The time a log line was written, for a chart marker. */
export function originTime(origin: LogOrigin): Date | undefined {
  return origin.kind === 'console' ? origin.at : origin.timestamp;
}

/**
 * The checklist's scrollable lines: one per step, then its details indented, then the engine's sections.
 * `width` (the pane's inner width) wraps the lines that must be read whole; omitted, nothing wraps.
 */
export function triageLines(run: ChecklistRun, width = Number.POSITIVE_INFINITY, journal: readonly JournalEntry[] = [], notes: readonly NoteRecord[] = []): TriageLine[] {
  const lines: TriageLine[] = [];
  if (run.restored !== undefined) {
    const at = new Date(run.restored.savedAt).toISOString().slice(11, 16);
    for (const row of wrap(`From ${run.restored.path} saved ${at} UTC — t triages again and says what changed.`, width, '  ')) lines.push({ text: row, tone: 'info' });
  }
  if (run.changes !== undefined) for (const row of wrap(`Δ ${run.changes}`, width, '  ')) lines.push({ text: row, tone: 'info', isBold: true });
  if (run.since !== undefined) {
    const at = new Date(run.since.at).toISOString().slice(11, 19);
    for (const row of wrap(`Since the fix: ${run.since.what} (${at} UTC). Evidence before it is left out.`, width, '  ')) lines.push({ text: row, tone: 'info' });
  }
  for (const step of run.steps) {
    const result = step.result === '' ? '' : ` — ${step.result}`;
    const link = (origin: LogOrigin | undefined) => (origin === undefined ? {} : { origin });
    for (const row of wrap(`${STEP_ICONS[step.state]} ${step.title}${result}`, width, '    ')) lines.push({ text: row, tone: STEP_LINE_TONES[step.state], ...link(step.resultOrigin) });
    const details = step.id === 'diagnosis' ? [] : step.details;
    details.forEach((detail, i) => {
      for (const row of wrap(`    ${detail}`, width, '      ')) lines.push({ text: row, isDim: true, ...link(step.detailOrigins?.[i]) });
    });
  }
  if (run.engine !== undefined) lines.push(...engineLines(run.engine, width, journal.filter((e) => e.instanceId === run.instanceId), notesFor(notes, run.instanceId)));
  return lines;
}

/** Before a run, above the method: the notes of the selected instance and those on none (seen as soon as added). */
export function pendingNoteLines(notes: readonly NoteRecord[], instanceId: string | undefined, width = Number.POSITIVE_INFINITY): Line[] {
  const shown = instanceId === undefined ? notes.filter((n) => n.instanceId === undefined) : notesFor(notes, instanceId);
  if (shown.length === 0) return [];
  const lines: Line[] = [{ text: 'Notes (UTC)', isBold: true }];
  for (const n of shown) for (const row of wrap(`  ${new Date(n.at).toISOString().slice(11, 19)} ${noteLine(n)}`, width, '           ')) lines.push({ text: row, tone: 'info' });
  return [...lines, { text: '' }];
}

/** Rows the pinned headline may take: the cause must read whole even in an 80-column stacked layout. */
export const MAX_CONCLUSION_ROWS = 3;

/** The headline wrapped to `width` (at most MAX_CONCLUSION_ROWS rows), pinned above the steps. */
export function conclusionLines(conclusion: Finding | undefined, width = Number.POSITIVE_INFINITY): Line[] {
  const line = conclusionLine(conclusion);
  if (line === undefined) return [];
  return wrap(line.text, width, '  ').slice(0, MAX_CONCLUSION_ROWS).map((text) => ({ ...line, text }));
}

/** The headline, pinned above the steps: bold red when critical. */
export function conclusionLine(conclusion: Finding | undefined): Line | undefined {
  if (conclusion === undefined) return undefined;
  switch (conclusion.severity) {
    case 'critical':
      return { text: `✘ ${conclusion.text}`, tone: 'bad', isBold: true };
    case 'warning':
      return { text: `▲ ${conclusion.text}`, tone: 'warn', isBold: true };
    case 'info':
      return { text: `✔ ${conclusion.text}`, tone: 'ok' };
  }
}


/**
 * The action on this instance, pinned under the conclusion while it runs or until its dialog is closed: the
 * step it is on and for how long, or how it ended.
 */
export function actionLine(current: ActionRun | undefined, instanceId: string | undefined, now: number): Line | undefined {
  if (current === undefined || instanceId === undefined || current.plan.instanceId !== instanceId) return undefined;
  switch (current.phase) {
    case 'running': {
      const step = current.steps.find((s) => s.status === 'running');
      const state = current.live === undefined ? '' : ` · ${current.live.state}`;
      return { text: `▶ ${current.plan.title} · ${step?.label ?? 'starting'}${step?.startedAt === undefined ? '' : ` ${formatElapsed(now - step.startedAt)}`}${state} (a follows it)`, tone: 'info' };
    }
    case 'succeeded':
      return { text: `✔ ${current.plan.title}: done — t triages again`, tone: 'ok' };
    case 'failed':
      return { text: `✘ ${current.plan.title}: failed — ${current.error?.text ?? ''}`, tone: 'bad' };
    default:
      return undefined;
  }
}
