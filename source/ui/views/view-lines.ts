// What an open instance view shows, as lines (pure): the controller counts them for scrolling, the view draws them.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { InspectSnapshot } from '../../model/inspect-store.js';
import type { Line } from '../components/lines.js';
import { wrap } from '../panes/triage/engine-lines.js';
import { describeLines, LABEL_WIDTH, partNote, rawLines } from './describe-lines.js';
import type { InstanceViewState } from './view-state.js';

/** Lines above and below the content: the border (2) and the title line. */
export const VIEW_CHROME = 3;

/** Content lines a view of body height `height` shows. */
export function viewViewportHeight(height: number): number {
  return Math.max(1, height - VIEW_CHROME);
}

/** The title of a view. */
export function viewTitle(view: InstanceViewState, instance: Instance | undefined): string {
  const name = instance === undefined || instance.name === '' ? view.instanceId : `${instance.name} (${view.instanceId})`;
  switch (view.kind) {
    case 'describe':
      return `Describe ${name}`;
    case 'raw':
      return `DescribeInstances JSON ${name}`;
    case 'connect':
      return `Connect ${name}`;
  }
}

/** The lines of `c`'s answer when no session was started: why, then the SSH command and what to know about it. */
export function connectLines(view: Extract<InstanceViewState, { kind: 'connect' }>): Line[] {
  const { plan } = view.outcome;
  return [
    { text: `No SSM session: ${plan.reason}`, tone: 'warn' },
    { text: '' },
    { text: 'Use SSH instead:' },
    { text: `  ${plan.command}`, tone: 'command' },
    ...plan.notes.map((n): Line => ({ text: `  ${n}`, tone: 'muted' })),
  ];
}

/** Content columns of a view `columns` wide (inside its border). */
export function viewContentWidth(columns: number): number {
  return Math.max(1, columns - 2);
}

/** The indent of a line's continuation rows: under a field's value, else two past its own indent. */
function continuationIndent(text: string): string {
  const field = /^[A-Z][A-Za-z/ ]*? {2,}/.exec(text);
  if (field?.[0].length === LABEL_WIDTH) return ' '.repeat(LABEL_WIDTH);
  return ' '.repeat((/^ */.exec(text)?.[0].length ?? 0) + 2);
}

/** Lines wrapped to `width` (never cut: an ARN, a rule or an SSH command is read whole), each row keeping its style. */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((line) => wrap(line.text, width, continuationIndent(line.text)).map((text) => ({ ...line, text })));
}

/** Every line of the open view wrapped to `width` columns (its instance gone from the fleet: one line saying so). */
export function viewLines(
  view: InstanceViewState,
  instance: Instance | undefined,
  status: InstanceStatus | undefined,
  inspect: InspectSnapshot,
  now: number,
  width: number,
): Line[] {
  return wrapLines(unwrappedLines(view, instance, status, inspect, now), width);
}

function unwrappedLines(view: InstanceViewState, instance: Instance | undefined, status: InstanceStatus | undefined, inspect: InspectSnapshot, now: number): Line[] {
  switch (view.kind) {
    case 'connect':
      return connectLines(view);
    case 'raw': {
      const raw = inspect.raw;
      if (raw?.instanceId !== view.instanceId) return [{ text: partNote({ state: 'loading' }) ?? '', tone: 'muted' }];
      return rawLines(raw.json);
    }
    case 'describe': {
      if (instance === undefined) return [{ text: `${view.instanceId} is no longer in the instance list`, tone: 'warn' }];
      const details = inspect.details;
      if (details?.instanceId !== view.instanceId) return [{ text: partNote({ state: 'loading' }) ?? '', tone: 'muted' }];
      return describeLines(instance, status, details, now);
    }
  }
}
