// The triage pane: Status → Metrics → Logs with state icons, results and details; the conclusion on top.
import { memo } from 'react';
import type { Instance } from '../../../domain/types.js';
import type { ChecklistRun } from '../../../triage/run.js';
import { Lines, scrollWindow } from '../../components/lines.js';
import { Pane, paneContentHeight } from '../../components/pane.js';
import { formatAge } from '../../format.js';
import { actionLine, conclusionLines, methodLines, pendingNoteLines, triageLines, type TriageLine } from './triage-lines.js';
import type { NoteRecord } from '../../../triage/notes.js';
import { SELECTED_MARKER } from '../../theme.js';
import type { ActionsSnapshot } from '../../../model/actions-types.js';

export interface TriagePaneProps {
  readonly run: ChecklistRun | undefined;
  readonly instance: Instance | undefined;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly now: number;
  /** The write path: the journal joins the timeline, the current action is pinned under the conclusion. */
  readonly actions?: ActionsSnapshot;
  /** The current line (↑/↓ move it while the pane is focused): Enter and m act on it. */
  readonly cursor?: number;
  /** A follower: the runs are the driver's (it has no t). */
  readonly isFollower?: boolean;
  /** The session's notes: the run's instance's (and those on none) join its timeline. */
  readonly notes?: readonly NoteRecord[];
}

/** Marks the cursor line on a finding from a log line: Enter opens the log view there. */
export const LOG_LINK_MARKER = '⏎';

/** The cursor line drawn with a marker (a shape, not only a colour: ⏎ on a log finding, else ›) and bold. */
export function withCursor(line: TriageLine): TriageLine {
  const mark = line.origin === undefined ? SELECTED_MARKER : LOG_LINK_MARKER;
  const text = line.text.startsWith(' ') ? `${mark}${line.text.slice(1)}` : `${mark}${line.text}`;
  return { ...line, text, isBold: true, isDim: false };
}

/** Columns inside the pane's border: what triage lines wrap to. */
export function triageLineWidth(paneWidth: number): number {
  return Math.max(1, paneWidth - 2);
}

/** Scrollable lines of a triage pane of this size (the conclusion, wrapped, is pinned above them). */
export function triageViewportHeight(height: number, run: ChecklistRun | undefined, width = Number.POSITIVE_INFINITY, hasActionLine = false): number {
  return Math.max(0, paneContentHeight(height) - conclusionLines(run?.conclusion, triageLineWidth(width)).length - (hasActionLine ? 1 : 0));
}

function subtitle(run: ChecklistRun | undefined, now: number): string {
  if (run === undefined) return '';
  const name = run.instanceName || run.instanceId;
  if (run.finishedAt === undefined) return `${name} · running ${formatAge(now - run.startedAt)}`;
  return `${name} · done ${formatAge(now - run.finishedAt)} ago`;
}

/** Memoised: it re-renders only when its own props change, not on every store change the app hears of. */
export const TriagePane = memo(function TriagePane({ run, instance, scroll, width, height, isFocused, now, actions, cursor, isFollower = false, notes = [] }: TriagePaneProps) {
  const conclusion = conclusionLines(run?.conclusion, triageLineWidth(width));
  const action = actionLine(actions?.current, instance?.id, now);
  const lines = run === undefined ? [] : triageLines(run, triageLineWidth(width), actions?.journal, notes);
  const { visible: plain, from } = scrollWindow(lines, scroll, triageViewportHeight(height, run, width, action !== undefined));
  const at = isFocused && cursor !== undefined ? Math.min(cursor, lines.length - 1) - from : -1;
  const visible = at < 0 || at >= plain.length ? plain : plain.map((l, i) => (i === at ? withCursor(l) : l));
  return (
    <Pane title="Triage" subtitle={subtitle(run, now)} width={width} height={height} isFocused={isFocused}>
      {run === undefined ? (
        <Lines
          lines={scrollWindow([...pendingNoteLines(notes, instance?.id, triageLineWidth(width)), ...methodLines(triageLineWidth(width), instance === undefined ? undefined : instance.name || instance.id, isFollower)], scroll, paneContentHeight(height)).visible}
        />
      ) : null}
      <Lines lines={conclusion} />
      {action === undefined ? null : <Lines lines={[action]} />}
      <Lines lines={visible} />
    </Pane>
  );
});
