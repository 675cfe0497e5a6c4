import { describe, expect, test } from 'vitest';
import { PANES } from '../../source/ui/keymap.js';
import { computeLayout, visiblePanes } from '../../source/ui/layout.js';

const SIZES: readonly [number, number][] = [
  [80, 24],
  [100, 30],
  [119, 40],
  [120, 30],
  [200, 50],
  [300, 80],
  [80, 12],
  [60, 16],
  [30, 10],
  [80, 5],
];

describe('computeLayout', () => {
  test.each(SIZES)('%s×%s never exceeds the terminal and adds up', (columns, rows) => {
    const layout = computeLayout(columns, rows);
    expect(layout.frameHeight).toBeLessThanOrEqual(rows - 1);
    expect(layout.bodyHeight).toBe(Math.max(0, layout.frameHeight - 2));
    const { list, status, metrics, triage } = layout.panes;
    for (const pane of PANES) {
      expect(layout.panes[pane].width).toBeLessThanOrEqual(columns);
      expect(layout.panes[pane].height).toBeGreaterThanOrEqual(0);
    }
    if (layout.mode === 'wide') {
      expect(list.width + status.width).toBe(columns);
      expect(status.height + metrics.height + triage.height).toBe(layout.bodyHeight);
      expect(list.height).toBe(layout.bodyHeight);
    } else if (layout.mode === 'stacked') {
      expect(status.width + triage.width).toBe(columns);
      expect(status.height).toBe(triage.height);
      expect(list.height + status.height + metrics.height).toBe(layout.bodyHeight);
    } else {
      expect(list.height).toBeLessThanOrEqual(layout.bodyHeight);
    }
  });

  test.each<[number, number, string]>([
    [80, 24, 'stacked'],
    [119, 40, 'stacked'],
    [120, 30, 'wide'],
    [200, 50, 'wide'],
    [30, 10, 'tiny'],
    [80, 8, 'tiny'],
  ])('%s×%s is %s', (columns, rows, mode) => {
    expect(computeLayout(columns, rows).mode).toBe(mode);
  });

  test('80×24 shows all four panes; tiny shows the list alone', () => {
    expect(visiblePanes(computeLayout(80, 24))).toEqual(['list', 'status', 'metrics', 'triage']);
    expect(visiblePanes(computeLayout(30, 10))).toEqual(['list']);
  });

  test('larger terminals give the metrics more room', () => {
    expect(computeLayout(200, 50).panes.metrics.height).toBeGreaterThan(computeLayout(80, 24).panes.metrics.height);
  });
});
