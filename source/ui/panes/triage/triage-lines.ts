// Pure: the triage checklist as lines (steps with icons, results, details) and its conclusion line.
import type { ChecklistRun, Finding, StepState } from '../../../triage/types.js';
import type { Line } from '../../components/lines.js';

export const STEP_ICONS: Readonly<Record<StepState, string>> = {
  pending: '·',
  running: '◐',
  ok: '✔',
  warning: '▲',
  failed: '✘',
};

const STEP_COLORS: Readonly<Record<StepState, string | undefined>> = {
  pending: 'gray',
  running: 'cyan',
  ok: 'green',
  warning: 'yellow',
  failed: 'red',
};

/** The checklist's scrollable lines: one per step, then its details indented. */
export function triageLines(run: ChecklistRun): Line[] {
  const lines: Line[] = [];
  for (const step of run.steps) {
    const result = step.result === '' ? '' : ` — ${step.result}`;
    lines.push({ text: `${STEP_ICONS[step.state]} ${step.title}${result}`, color: STEP_COLORS[step.state] });
    for (const detail of step.details) lines.push({ text: `    ${detail}`, isDim: true });
  }
  return lines;
}

/** The headline, pinned above the steps: bold red when critical. */
export function conclusionLine(conclusion: Finding | undefined): Line | undefined {
  if (conclusion === undefined) return undefined;
  switch (conclusion.severity) {
    case 'critical':
      return { text: `✘ ${conclusion.text}`, color: 'red', isBold: true };
    case 'warning':
      return { text: `▲ ${conclusion.text}`, color: 'yellow', isBold: true };
    case 'info':
      return { text: `✔ ${conclusion.text}`, color: 'green' };
  }
}
