// The layout budget: every pane's size from the terminal's, so the frame is never taller than rows − 1
// (a frame as tall as the terminal makes Ink clear and redraw everything: flicker over SSH).
import type { PaneId } from './keymap.js';

export interface Rect {
  readonly width: number;
  /** Including the border; 0 means the pane is not shown. */
  readonly height: number;
}

export type LayoutMode = 'wide' | 'stacked' | 'tiny' | 'zoom';

export interface Layout {
  readonly mode: LayoutMode;
  readonly columns: number;
  /** Header + body + footer: always ≤ rows − 1. */
  readonly frameHeight: number;
  readonly bodyHeight: number;
  readonly panes: Readonly<Record<PaneId, Rect>>;
  /** Panes Tab visits: those the unzoomed layout shows (a zoomed layout keeps its base's). */
  readonly focusOrder?: readonly PaneId[];
}

/** At or above this width the list sits left of status + metrics + triage. */
export const WIDE_COLUMNS = 120;
const HEADER = 1;
const FOOTER = 1;
/** A bordered pane needs its border (2), a title line and one line of content. */
export const MIN_PANE_HEIGHT = 4;

function split(total: number, weights: readonly number[], minimum: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(minimum, Math.floor((total * w) / sum)));
  // Hand the rounding remainder (or take the overshoot) from the last slot so sizes add up exactly.
  const diff = total - sizes.reduce((a, b) => a + b, 0);
  const last = sizes.length - 1;
  sizes[last] = Math.max(0, (sizes[last] ?? 0) + diff);
  return sizes;
}

/** Sizes of header, body, footer and the four panes for a terminal of columns × rows. */
export function computeLayout(columns: number, rows: number): Layout {
  const cols = Math.max(1, Math.floor(columns));
  const frameHeight = Math.max(1, Math.floor(rows) - 1);
  const bodyHeight = Math.max(0, frameHeight - HEADER - FOOTER);
  const hidden: Rect = { width: cols, height: 0 };
  if (bodyHeight < MIN_PANE_HEIGHT * 2 || cols < 40) {
    // Too small for more than the list: show it alone rather than four unreadable slivers.
    const list: Rect = { width: cols, height: bodyHeight >= 3 ? bodyHeight : 0 };
    return { mode: 'tiny', columns: cols, frameHeight, bodyHeight, panes: { list, status: hidden, metrics: hidden, triage: hidden } };
  }
  if (cols >= WIDE_COLUMNS && bodyHeight >= MIN_PANE_HEIGHT * 3) {
    // At least 66 columns: the selection marker, a 22-column name (pettracker-staging-api whole), state, checks,
    // CPU and ALARM.
    const left = Math.min(110, Math.max(66, Math.floor(cols * 0.45)));
    const right = cols - left;
    const [status = 0, metrics = 0, triage = 0] = split(bodyHeight, [3, 4, 3], MIN_PANE_HEIGHT);
    return {
      mode: 'wide',
      columns: cols,
      frameHeight,
      bodyHeight,
      panes: {
        list: { width: left, height: bodyHeight },
        status: { width: right, height: status },
        metrics: { width: right, height: metrics },
        triage: { width: right, height: triage },
      },
    };
  }
  // Stacked: list on top, status | triage side by side, metrics full width below (charts want width); too short
  // for three rows of panes, the metrics go.
  const isShort = bodyHeight < MIN_PANE_HEIGHT * 3;
  const [list = 0, middle = 0, metrics = 0] = isShort
    ? split(bodyHeight, [1, 1], MIN_PANE_HEIGHT)
    : split(bodyHeight, [4, 3, 3], MIN_PANE_HEIGHT);
  const half = Math.floor(cols / 2);
  return {
    mode: 'stacked',
    columns: cols,
    frameHeight,
    bodyHeight,
    panes: {
      list: { width: cols, height: list },
      status: { width: half, height: middle },
      metrics: isShort ? hidden : { width: cols, height: metrics },
      triage: { width: cols - half, height: middle },
    },
  };
}

/** Panes that get any room, in focus order (zoomed: those of the layout it zooms into, so Tab moves the zoom). */
export function visiblePanes(layout: Layout): PaneId[] {
  if (layout.focusOrder !== undefined) return [...layout.focusOrder];
  return (['list', 'status', 'metrics', 'triage'] as const).filter((p) => layout.panes[p].height > 0);
}

/**
 * The page-step rule: PgDn/PgUp move by the visible height minus one line, so the last line of one page is the
 * first of the next and no line is ever skipped; at least one line.
 */
export function pageStep(viewport: number): number {
  return Math.max(1, viewport - 1);
}

/** The zoomed layout: the focused pane takes the whole body (z); the others are hidden, focus order unchanged. */
export function zoomLayout(base: Layout, pane: PaneId): Layout {
  const hidden: Rect = { width: base.columns, height: 0 };
  const panes = { list: hidden, status: hidden, metrics: hidden, triage: hidden, [pane]: { width: base.columns, height: base.bodyHeight } };
  return { ...base, mode: 'zoom', panes, focusOrder: visiblePanes(base) };
}
