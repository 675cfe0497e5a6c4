// The runbook picker as data: every runbook by name with the line saying when it applies (from its definition),
// the one the last triage (or the status checks) points to preselected. Pure.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import { RUNBOOK_OF_CAUSE, RUNBOOKS, type RunbookId } from '../../triage/runbooks/index.js';
import type { ChecklistRun } from '../../triage/run.js';
import type { Line } from '../components/lines.js';
import { wrap } from '../panes/triage/engine-lines.js';

/** The runbooks in the picker's order (their numbers are keys). */
export const RUNBOOK_IDS = Object.keys(RUNBOOKS) as RunbookId[];

export interface ApplicableRunbook {
  readonly id: RunbookId;
  /** Why: 'triage: Out of memory…', 'a status check is impaired'. */
  readonly why: string;
}

/** The runbook that applies: the last triage's diagnosis of this instance, else its status checks and state. */
export function applicableRunbook(instance: Instance, status: InstanceStatus | undefined, run: ChecklistRun | undefined): ApplicableRunbook | undefined {
  const diagnosis = run?.instanceId === instance.id ? run.engine?.result.diagnosis : undefined;
  const fromCause = diagnosis === undefined ? undefined : RUNBOOK_OF_CAUSE[diagnosis.cause];
  if (fromCause !== undefined && diagnosis !== undefined) return { id: fromCause, why: `triage: ${diagnosis.title}` };
  if (status?.system.status === 'impaired' || status?.instance.status === 'impaired') return { id: 'status-check-failed', why: 'a status check is impaired' };
  if (instance.state === 'stopped' || instance.state === 'pending') return { id: 'wont-start', why: `the instance is ${instance.state}` };
  return undefined;
}

/** Where the cursor starts: the applicable runbook, else the first. */
export function initialRunbookIndex(applicable: ApplicableRunbook | undefined): number {
  return applicable === undefined ? 0 : Math.max(0, RUNBOOK_IDS.indexOf(applicable.id));
}

/** The runbook a run of this instance used, if any (a pick, or the one its diagnosis suggested). */
export function lastRunbook(run: ChecklistRun | undefined, instance: Instance): RunbookId | undefined {
  return run?.instanceId === instance.id ? (run.runbookId ?? run.engine?.runbook?.id) : undefined;
}

/** The picker's lines and the line of each entry (to keep the cursor in view). */
export function runbookPickerLines(
  instance: Instance,
  applicable: ApplicableRunbook | undefined,
  last: RunbookId | undefined,
  cursor: number,
  width: number,
): { readonly lines: Line[]; readonly entryLines: number[] } {
  const name = instance.name === '' ? instance.id : `${instance.name} (${instance.id})`;
  const lines: Line[] = [...wrap(`Runbooks for ${name} · ${instance.type} · ${instance.state}`, width, '  ').map((text) => ({ text, isBold: true }))];
  if (applicable === undefined) lines.push(...wrap('None is known to apply yet: t triages the instance and names the one that does.', width).map((text) => ({ text, isDim: true })));
  lines.push({ text: '' });
  const entryLines: number[] = [];
  RUNBOOK_IDS.forEach((id, i) => {
    const runbook = RUNBOOKS[id];
    const tags = [id === applicable?.id ? `applies: ${applicable.why}` : '', id === last ? 'last run' : ''].filter((t) => t !== '');
    entryLines.push(lines.length);
    const isCursor = i === cursor;
    for (const row of wrap(`${isCursor ? '›' : ' '} ${i + 1}. ${runbook.title}${tags.length === 0 ? '' : ` — ${tags.join('; ')}`}`, width, '      ')) {
      lines.push({ text: row, ...(isCursor ? { isBold: true } : {}), ...(id === applicable?.id ? { tone: 'warn' } : {}) });
    }
    for (const row of wrap(runbook.whenItApplies, width - 6, '')) lines.push({ text: `      ${row}`, isDim: true });
  });
  const after = "Enter runs the runbook's checks on this instance in one triage round (read-only calls); the triage pane shows each step.";
  lines.push({ text: '' }, ...wrap(after, width).map((text) => ({ text, isDim: true })));
  return { lines, entryLines };
}
