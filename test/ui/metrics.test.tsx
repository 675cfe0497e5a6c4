import { afterEach, describe, expect, test } from 'vitest';
import type { MetricsSnapshot } from '../../source/model/types.js';
import { AGENT_NOTE } from '../../source/ui/panes/metrics/metrics-pane.js';
import { createFakeModel, loaded, makeInstance, makeSeries, T0 } from '../helpers/fake-model.js';
import { KEYS, displayWidth, frame, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const wave = (n: number, scale: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 100) * scale);
const SERIES = [
  makeSeries('cpu', 'CPU utilization', 'Percent', [...wave(287, 1), 98.2]),
  makeSeries('net_in', 'Network in', 'Bytes', wave(288, 12_582)),
  makeSeries('net_out', 'Network out', 'Bytes', wave(288, 9_000)),
  makeSeries('status_failed', 'Status check failed', 'Count', wave(288, 0.03).map(Math.round)),
  makeSeries('mem_used_percent', 'Memory used', 'Percent', wave(288, 0.9)),
];

async function mount(metrics: Partial<MetricsSnapshot>, size = { columns: 200, rows: 50 }) {
  const fake = createFakeModel({ instances: [makeInstance(1, { name: 'ml-server' })] });
  fake.metrics.set({ instanceId: 'i', range: '3h', period: 300, charts: loaded(SERIES), isAgentReporting: true, ...metrics });
  const app = await renderApp(fake.model, size);
  cleanup = app.unmount;
  return { fake, app, text: () => frame(app.lastFrame) };
}

describe('metrics pane', () => {
  test('titles with unit-formatted stats, range and period', async () => {
    const { text } = await mount({});
    expect(text()).toContain('3h · 5 min');
    expect(text()).toContain('CPU utilization  now 98.2%');
    expect(text()).toMatch(/Network in {2}now [\d.]+ (KB|MB)/);
    expect(text()).toContain('Status check failed  now');
  });

  test('[ and ] step the range through the model', async () => {
    const { fake, app, text } = await mount({});
    await press(app.stdin, ']');
    expect(fake.calls.ranges).toEqual(['12h']);
    expect(text()).toContain('12h · 5 min');
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

  test('80×24: as many charts as fit, "+N more", ↑/↓ scroll when focused; no line wider than the terminal', async () => {
    const { app, text } = await mount({}, { columns: 80, rows: 24 });
    expect(text()).toMatch(/\+\d+ more \(↑\/↓ to scroll\)/);
    expect(text()).toContain('CPU utilization');
    for (const line of text().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    await pressAll(app.stdin, [KEYS.tab, KEYS.tab]);
    await pressAll(app.stdin, [KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down]);
    expect(text()).not.toContain('CPU utilization');
    expect(text()).toContain('Memory used');
    await pressAll(app.stdin, [KEYS.up, KEYS.up, KEYS.up, KEYS.up, KEYS.up, KEYS.up]);
    expect(text()).toContain('CPU utilization');
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
