import { afterEach, describe, expect, test } from 'vitest';
import type { ChartSeries, InstanceMetrics } from '../../source/model/types.js';
import { AGENT_NOTE } from '../../source/ui/panes/metrics/metrics-pane.js';
import { createFakeModel, loaded, makeInstance, makeSeries, metricsFor, T0 } from '../helpers/fake-model.js';
import { KEYS, displayWidth, frame, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const wave = (n: number, scale: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 100) * scale);
const stated = (s: ChartSeries, stat: string): ChartSeries => ({ ...s, stat, period: 300 });
// 36 five-minute points: 00:00 … 02:55 UTC (T0 is 03:00).
const SERIES = [
  stated(makeSeries('cpu', 'CPU utilization', 'Percent', [...wave(35, 1), 97.4]), 'Average'),
  stated(makeSeries('net_in', 'Network in', 'Bytes', wave(36, 12_582)), 'Sum'),
  stated(makeSeries('net_out', 'Network out', 'Bytes', wave(36, 9_000)), 'Sum'),
  stated(makeSeries('status_failed', 'Status check failed', 'Count', wave(36, 0.03).map(Math.round)), 'Maximum'),
  stated(makeSeries('mem_used_percent', 'Memory used', 'Percent', wave(36, 0.9)), 'Average'),
];
const ML = makeInstance(1, { name: 'ml-server' });

async function mount(metrics: Partial<InstanceMetrics>, size = { columns: 200, rows: 50 }) {
  const fake = createFakeModel({ instances: [ML, makeInstance(2, { name: 'web-2' })] });
  fake.metrics.set(metricsFor(ML, { range: '3h', period: 300, charts: loaded(SERIES), isAgentReporting: true, ...metrics }));
  const app = await renderApp(fake.model, size);
  cleanup = app.unmount;
  return { fake, app, text: () => frame(app.lastFrame) };
}

/** The metrics pane's lines (from its title to its bottom border), without the borders. */
function metricsPane(text: string): string[] {
  const lines = text.split('\n');
  const top = lines.findIndex((l) => /[│║] ?\[?Metrics/.test(l));
  const column = lines[top]?.search(/[│║] ?\[?Metrics/) ?? 0;
  const rows: string[] = [];
  for (const line of lines.slice(top + 1)) {
    const inner = [...line].slice(column + 1);
    if (/^[└╚]/.test([...line].slice(column).join(''))) break;
    rows.push(inner.join('').replace(/[│║]\s*$/, '').replace(/[│║].*$/, '').trimEnd());
  }
  return rows;
}

describe('metrics pane', () => {
  test('titles with unit-formatted stats, the statistic, range and period', async () => {
    const { text } = await mount({});
    expect(text()).toContain('3h · 5 min periods');
    expect(text()).toContain('CPU utilization (Average of 5 min)  now 97.4%');
    expect(text()).toMatch(/Network in \(Sum per 5 min\) {2}now [\d.]+ (KB|MB)/);
    expect(text()).toContain('Network out (Sum per 5 min)  now');
  });

  test('[ and ] step the range through the model', async () => {
    const { fake, app, text } = await mount({});
    await press(app.stdin, ']');
    expect(fake.calls.ranges).toEqual(['12h']);
    expect(text()).toContain('12h · 5 min periods');
    await pressAll(app.stdin, [']', ']']);
    expect(fake.calls.ranges).toEqual(['12h', '24h']);
    await pressAll(app.stdin, ['[', '[', '[', '[']);
    expect(fake.calls.ranges).toEqual(['12h', '24h', '12h', '3h', '1h']);
  });

  test('agent not reporting: the install note replaces mem/disk charts', async () => {
    const { text } = await mount({ isAgentReporting: false });
    expect(text()).toContain(AGENT_NOTE);
    expect(text()).not.toContain('Memory used');
  });

  test('80×24: a chart with a time axis, whole values, and a scroll line that follows ↑/↓', async () => {
    const { app, text } = await mount({}, { columns: 80, rows: 24 });
    const pane = metricsPane(text());
    expect(pane[0]).toMatch(/^CPU utilization \((Average of|avg) 5 min\) {2}now 97\.4% {2}min 0\.0% {2}(avg [\d.]+% {2})?max 99\.0%$/);
    expect(pane).toContainEqual(expect.stringMatching(/^00:00 .* 02:55 UTC$/));
    expect(pane.at(-1)).toBe('+4 more below (charts 1–1 of 5, ↑/↓)');
    for (const line of text().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(pane.join('\n')).not.toContain('…');
    await pressAll(app.stdin, [KEYS.tab, KEYS.tab, KEYS.down, KEYS.down]);
    expect(metricsPane(text()).at(-1)).toBe('+2 more below, 2 above (charts 3–3 of 5, ↑/↓)');
    await pressAll(app.stdin, [KEYS.down, KEYS.down, KEYS.down, KEYS.down]);
    expect(metricsPane(text())[0]).toMatch(/^Memory used/);
    expect(metricsPane(text()).at(-1)).toBe('4 above (charts 5–5 of 5, ↑/↓)');
    await pressAll(app.stdin, [KEYS.up, KEYS.up, KEYS.up, KEYS.up, KEYS.up, KEYS.up]);
    expect(metricsPane(text())[0]).toMatch(/^CPU utilization/);
  });

  test('80×24 with the agent note: the scroll note shares the time axis line', async () => {
    const { text } = await mount({ isAgentReporting: false }, { columns: 80, rows: 24 });
    const pane = metricsPane(text());
    expect(pane).toContainEqual(expect.stringMatching(/^00:00 {2}\+3 more below \(charts 1–1 of 4, ↑\/↓\) +02:55 UTC$/));
    expect(pane.at(-1)).toBe(AGENT_NOTE);
  });

  test('200×50: the charts grow with the pane, y labels line up, one time axis from start to end', async () => {
    const { text } = await mount({});
    const pane = metricsPane(text());
    const titles = pane.map((l, i) => (/^(CPU utilization|Network in|Network out|Status check failed|Memory used) \(/.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    // Taller than the old fixed two rows: every chart shown gets the same, larger height.
    const heights = titles.slice(1).map((at, i) => at - (titles[i] ?? 0) - 1);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(3);
    const axes = pane.filter((l) => /UTC$/.test(l));
    expect(axes).toHaveLength(1);
    expect(axes[0]).toMatch(/^ +00:00 .*\d\d:\d\d .*02:55 UTC$/);
    // The axis starts under the plots' first column (their y-axis), which is the same for every chart.
    const axisColumns = new Set(pane.filter((l) => /[┤┼]/.test(l)).map((l) => l.search(/[┤┼]/)));
    expect(axisColumns.size).toBe(1);
    expect(axes[0]?.search(/\d/)).toBe([...axisColumns][0]);
    for (const line of text().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(200);
  });

  test('moving the selection never shows the previous instance\'s charts under the new name', async () => {
    const { app, text } = await mount({}, { columns: 120, rows: 40 });
    expect(text()).toContain('now 97.4%');
    await press(app.stdin, 'j');
    // The fake store never heard of web-2's charts: the pane says so instead of showing ml-server's.
    expect(text()).toMatch(/Metrics\]? +web-2/);
    expect(text()).not.toContain('now 97.4%');
    expect(text()).toContain('Loading metrics…');
  });

  test('loading, empty and error states', async () => {
    const loadingCase = await mount({ charts: { data: undefined, updatedAt: undefined, error: undefined, isLoading: true } });
    expect(loadingCase.text()).toContain('Loading metrics…');
    cleanup?.();
    const empty = await mount({ charts: loaded([]) });
    expect(empty.text()).toContain('No datapoints in the last 3h');
    cleanup?.();
    const failing = await mount({ charts: { ...loaded(SERIES, T0 - 120_000), error: { kind: 'throttled', message: 'x' } } });
    expect(failing.text()).toContain('throttled by AWS');
    expect(failing.text()).toContain('showing data from 2m ago');
    expect(failing.text()).toContain('CPU utilization');
    expect(failing.text()).toContain('ml-server');
  });
});
