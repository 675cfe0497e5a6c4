import { afterEach, describe, expect, test } from 'vitest';
import { createFakeModel, loaded, makeInstance, makeSeries, T0, type FakeModel } from '../helpers/fake-model.js';
import { KEYS, displayWidth, frame, press, renderApp, resize, settle } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function busyModel(): FakeModel {
  const fake = createFakeModel({
    instances: Array.from({ length: 500 }, (_, n) =>
      makeInstance(n, { name: `a-very-long-instance-name-that-should-be-truncated-${n}` }),
    ),
  });
  const entry = {
    range: '24h',
    period: 60,
    isAgentReporting: false,
    charts: loaded([
      makeSeries('cpu', 'CPU utilization', 'Percent', Array.from({ length: 1440 }, (_, i) => (i * 7) % 100)),
      makeSeries('net_in', 'Network in', 'Bytes', Array.from({ length: 1440 }, (_, i) => i * 99_999)),
      makeSeries('disk_read', 'Disk read', 'Bytes', Array.from({ length: 1440 }, (_, i) => (i % 13) * 4096)),
    ]),
  } as const;
  const instances = fake.fleet.getSnapshot().instances.data ?? [];
  fake.metrics.set({ range: '24h', byInstance: new Map(instances.map((i) => [i.id, { ...entry, instanceId: i.id }])) });
  fake.triage.set({
    instanceId: 'i',
    instanceName: 'x',
    steps: [{ id: 'logs', title: 'Logs', state: 'failed', result: 'x'.repeat(500), details: ['y'.repeat(500)] }],
    findings: [],
    conclusion: { severity: 'critical', text: 'z'.repeat(500), at: undefined },
    startedAt: T0,
    finishedAt: T0,
  });
  fake.activity.set({ inFlight: 2, lastRefreshAt: T0 });
  return fake;
}

function expectFits(text: string, columns: number, rows: number): void {
  const lines = text.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('layout', () => {
  test.each([
    [80, 24],
    [200, 50],
    [120, 30],
    [100, 40],
    [60, 15],
    [40, 8],
  ])('%s×%s: frame ≤ rows − 1 lines and no line wider than the terminal', async (columns, rows) => {
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns, rows });
    cleanup = app.unmount;
    expectFits(frame(app.lastFrame), columns, rows);
    await press(app.stdin, '?');
    expectFits(frame(app.lastFrame), columns, rows);
  });

  test('80×24 stacks the panes; 200×50 puts the list left of the others', async () => {
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    const narrow = frame(app.lastFrame).split('\n');
    const listTop = narrow.findIndex((l) => l.includes('Instances'));
    const statusTop = narrow.findIndex((l) => l.includes('Status'));
    expect(statusTop).toBeGreaterThan(listTop);
    resize(app, 200, 50);
    await settle();
    const wide = frame(app.lastFrame).split('\n');
    const row = wide.find((l) => l.includes('Instances')) ?? '';
    expect(row).toContain('Status');
    expectFits(frame(app.lastFrame), 200, 50);
    resize(app, 80, 24);
    await settle();
    expectFits(frame(app.lastFrame), 80, 24);
  });

  test('Tab moves the highlighted (double) border; Shift-Tab goes back', async () => {
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns: 200, rows: 50 });
    cleanup = app.unmount;
    const focusedTitle = () => {
      const lines = frame(app.lastFrame).split('\n');
      const at = lines.findIndex((l) => l.includes('╔'));
      const cells = lines[at + 1] ?? '';
      const start = lines[at]?.indexOf('╔') ?? 0;
      return cells.slice(start + 1, start + 12).trim();
    };
    // The focused title is bracketed too, so focus shows without colour.
    expect(focusedTitle()).toMatch(/^\[Instances\]/);
    const order: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await press(app.stdin, KEYS.tab);
      order.push(/^\[(\w+)\]/.exec(focusedTitle())?.[1] ?? '');
    }
    expect(order).toEqual(['Status', 'Metrics', 'Triage', 'Instances']);
    await press(app.stdin, KEYS.shiftTab);
    expect(focusedTitle()).toMatch(/^\[Triage\]/);
  });
});

describe('header and footer', () => {
  test('demo: training fleet, scenario, speed, fleet clock; footer age and calls in flight', async () => {
    const fake = busyModel();
    fake.setNow(T0 + 3_000);
    const app = await renderApp(fake.model, { columns: 200, rows: 50 });
    cleanup = app.unmount;
    const lines = frame(app.lastFrame).split('\n');
    expect(lines[0]).toContain('ec2-triage · TRAINING FLEET · scenario oom · ×10');
    expect(lines[0]).toContain('03:00:03 UTC');
    expect(lines[0]).not.toContain('READ-ONLY');
    expect(lines[0]).toContain(' WRITE ');
    expect(lines[lines.length - 1]).toContain('refreshed 3s ago · 2 calls');
  });

  test('aws: region · profile · endpoint and READ-ONLY', async () => {
    const fake = createFakeModel({
      instances: [],
      isReadOnly: true,
      target: { kind: 'aws', region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://localhost:5000' },
    });
    const app = await renderApp(fake.model, { columns: 120, rows: 30 });
    cleanup = app.unmount;
    const header = frame(app.lastFrame).split('\n')[0] ?? '';
    expect(header).toContain('eu-west-1 · profile oncall · http://localhost:5000');
    expect(header).toContain('READ-ONLY');
  });
});

describe('keys to intents', () => {
  test('q exits at once and calls onExit', async () => {
    let exits = 0;
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns: 80, rows: 24 }, () => (exits += 1));
    cleanup = app.unmount;
    await press(app.stdin, 'q');
    expect(exits).toBe(1);
  });

  test('Ctrl-C exits too (the CLI renders with exitOnCtrlC: false)', async () => {
    let exits = 0;
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns: 80, rows: 24 }, () => (exits += 1));
    cleanup = app.unmount;
    await press(app.stdin, KEYS.ctrlC);
    expect(exits).toBe(1);
  });

  test('r refreshes now when the model can; harmless when it cannot', async () => {
    const fake = busyModel();
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, 'r');
    expect(fake.calls.refreshes).toBe(1);
    cleanup();
    const bare = createFakeModel({ instances: [makeInstance(1)], hasRefresh: false });
    const second = await renderApp(bare.model, { columns: 80, rows: 24 });
    cleanup = second.unmount;
    await press(second.stdin, 'r');
    expect(frame(second.lastFrame)).toContain('Instances');
  });

  test('the selection reaches the model on first data', async () => {
    const fake = createFakeModel();
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    expect(fake.calls.selected).toEqual([undefined]);
    fake.fleet.set({ ...fake.fleet.getSnapshot(), instances: loaded([makeInstance(9)]) });
    await press(app.stdin, '');
    expect(fake.calls.selected.at(-1)?.id).toBe(makeInstance(9).id);
  });
});
