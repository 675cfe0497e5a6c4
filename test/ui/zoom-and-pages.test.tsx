// Zoom (z) and the page-step rule in the app: a long triage read whole at 80×24, pages that overlap by one line.
import { afterEach, describe, expect, test } from 'vitest';
import { computeLayout, pageStep, visiblePanes, zoomLayout } from '../../source/ui/layout.js';
import { navDelta } from '../../source/ui/use-app-controller.js';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { oomRun } from '../helpers/oom-run.js';
import { KEYS, frame, press, renderApp, settle } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('the page-step rule', () => {
  test.each([
    [20, 19],
    [5, 4],
    [2, 1],
    [1, 1],
    [0, 1],
  ])('a viewport of %s lines pages by %s', (viewport, step) => {
    expect(pageStep(viewport)).toBe(step);
    expect(navDelta('pageDown', viewport, 100)).toBe(step);
    expect(navDelta('pageUp', viewport, 100)).toBe(-step);
    expect(navDelta('helpPageDown', viewport, 100)).toBe(step);
  });
});

describe('zoomLayout', () => {
  test('the zoomed pane gets the whole body, the others none; Tab still visits the four', () => {
    const base = computeLayout(80, 24);
    const zoomed = zoomLayout(base, 'triage');
    expect(zoomed.mode).toBe('zoom');
    expect(zoomed.panes.triage).toEqual({ width: 80, height: base.bodyHeight });
    expect([zoomed.panes.list.height, zoomed.panes.status.height, zoomed.panes.metrics.height]).toEqual([0, 0, 0]);
    expect(visiblePanes(zoomed)).toEqual(visiblePanes(base));
    expect(zoomed.frameHeight).toBe(base.frameHeight);
  });
});

/** The lines inside the focused (double) pane's border, below its title. */
function paneBody(text: string): string[] {
  const lines = text.split('\n');
  const top = lines.findIndex((l) => l.startsWith('╔'));
  const bottom = lines.findIndex((l, i) => i > top && l.startsWith('╚'));
  // The triage cursor's marker (› or ⏎ on a log finding, and a bold line) moves with the keys: read past it.
  return lines.slice(top + 2, bottom).map((l) => l.replace(/^║/, '').replace(/║$/, '').replace(/^[›⏎]/, ' ').trimEnd());
}

describe('zoom in the app at 80×24', () => {
  const ml = makeInstance(1, { id: 'i-1234567890abcdef0', name: 'pettracker-ml-server' });

  test('z zooms the focused triage pane, PgDn pages with one line of overlap, Esc comes back', async () => {
    const fake = createFakeModel({ instances: [ml] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    fake.triage.set(oomRun());
    await settle();
    for (let i = 0; i < 4 && !frame(app.lastFrame).includes('║[Triage]'); i += 1) await press(app.stdin, KEYS.tab);
    const lines = frame(app.lastFrame).split('\n');
    // Unzoomed, the triage pane sits beside the status pane: its height is the rows between its double borders.
    const small = lines.findIndex((l) => l.includes('╚')) - lines.findIndex((l) => l.includes('╔')) - 2;
    expect(small).toBeGreaterThan(0);
    await press(app.stdin, 'z');
    const zoomed = frame(app.lastFrame);
    expect(zoomed).not.toContain('Instances');
    expect(zoomed).not.toContain('Metrics');
    expect(zoomed.split('\n')).toHaveLength(23);
    const first = paneBody(zoomed);
    // 21 body rows: the border (2), the title and 18 lines of triage.
    expect(first.length).toBe(18);
    expect(first.length).toBeGreaterThan(small);
    expect(zoomed.split('\n').at(-1)).toMatch(/^Esc\/z unzoom/);

    // The conclusion stays pinned on top; the lines under it scroll by a page less one.
    await press(app.stdin, KEYS.pageDown);
    const second = paneBody(frame(app.lastFrame));
    const lastBefore = first.at(-1) ?? '';
    const at = second.indexOf(lastBefore);
    expect(at).toBeGreaterThan(-1);
    // Everything after the old last line is new: nothing between the pages was skipped.
    expect(second.slice(at + 1).every((l) => l === '' || !first.slice(0, -1).includes(l))).toBe(true);

    await press(app.stdin, KEYS.escape);
    const back = frame(app.lastFrame);
    expect(back).toContain('Instances');
    expect(back).toContain('[Triage]');
  });

  test('z zooms the status pane too; Tab moves the zoom to the next pane', async () => {
    const fake = createFakeModel({ instances: [ml] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, 'z');
    expect(frame(app.lastFrame)).toMatch(/║\[Status\]/);
    expect(frame(app.lastFrame)).not.toContain('Instances');
    await press(app.stdin, KEYS.tab);
    expect(frame(app.lastFrame)).toMatch(/║\[Metrics\]/);
    expect(frame(app.lastFrame)).not.toContain('Status');
    await press(app.stdin, 'z');
    expect(frame(app.lastFrame)).toContain('Instances');
  });
});
