// What an open instance view shows, as lines (pure): the controller counts them for scrolling, the view draws them.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { InspectSnapshot } from '../../model/inspect-store.js';
import type { Line } from '../components/lines.js';
import { describeLines, partNote, rawLines } from './describe-lines.js';
import type { ViewState } from './view-state.js';

/** Lines above and below the content: the border (2) and the title line. */
export const VIEW_CHROME = 3;

/** Content lines a view of body height `height` shows. */
export function viewViewportHeight(height: number): number {
  return Math.max(1, height - VIEW_CHROME);
}

/** The title of a view. */
export function viewTitle(view: ViewState, instance: Instance | undefined): string {
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
export function connectLines(view: Extract<ViewState, { kind: 'connect' }>): Line[] {
  const { plan } = view.outcome;
  return [
    { text: `No SSM session: ${plan.reason}`, tone: 'warn' },
    { text: '' },
    { text: 'Use SSH instead:' },
    { text: `  ${plan.command}`, tone: 'command' },
    ...plan.notes.map((n): Line => ({ text: `  ${n}`, tone: 'muted' })),
  ];
}

/** Every line of the open view (its instance gone from the fleet: one line saying so). */
export function viewLines(view: ViewState, instance: Instance | undefined, status: InstanceStatus | undefined, inspect: InspectSnapshot, now: number): Line[] {
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
