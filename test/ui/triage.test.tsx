import { afterEach, describe, expect, test } from 'vitest';
import type { ChecklistRun } from '../../source/triage/run.js';
import type { ChecklistStep } from '../../source/triage/types.js';
import { STEP_ICONS, conclusionLine, triageLines } from '../../source/ui/panes/triage/triage-lines.js';
import { createFakeModel, makeInstance, T0 } from '../helpers/fake-model.js';
import { KEYS, frame, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const step = (id: ChecklistStep['id'], state: ChecklistStep['state'], result: string, details: string[] = []): ChecklistStep => ({
  id,
  title: id[0]?.toUpperCase() + id.slice(1),
  state,
  result,
  details,
});

const finished: ChecklistRun = {
  instanceId: 'i-1',
  instanceName: 'ml-server',
  steps: [
    step('status', 'failed', 'Instance check impaired since 02:45'),
    step('metrics', 'warning', 'Memory 98% at 02:40', ['CPU peak 99% at 02:41', 'Memory peak 98.2% at 02:40']),
    step('logs', 'failed', 'Out of memory: killed process 4242 (python)', Array.from({ length: 20 }, (_, i) => `log line ${i}`)),
  ],
  findings: [],
  conclusion: { severity: 'critical', text: 'The OOM killer stopped the app at 02:44', at: undefined },
  startedAt: T0 - 30_000,
  finishedAt: T0 - 10_000,
};

describe('triage lines', () => {
  test('icons per state', () => {
    const run: ChecklistRun = {
      ...finished,
      steps: [step('status', 'ok', 'ok'), step('metrics', 'running', ''), step('logs', 'pending', '')],
      conclusion: undefined,
    };
    expect(triageLines(run).map((l) => l.text)).toEqual(['✔ Status — ok', '◐ Metrics', '· Logs']);
    expect(STEP_ICONS.warning).toBe('▲');
    expect(STEP_ICONS.failed).toBe('✘');
  });
  test('critical conclusion is bold red', () => {
    expect(conclusionLine(finished.conclusion)).toMatchObject({ tone: 'bad', isBold: true });
    expect(conclusionLine(undefined)).toBeUndefined();
  });
});

describe('triage pane', () => {
  test('before a run: Press t to triage <name>; t runs it for the selection', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1, { name: 'ml-server' }), makeInstance(2, { name: 'web' })] });
    const app = await renderApp(fake.model, { columns: 200, rows: 50 });
    cleanup = app.unmount;
    expect(frame(app.lastFrame)).toContain('Press t to triage ml-server');
    await pressAll(app.stdin, ['j', 't']);
    expect(fake.calls.triaged.map((i) => i.name)).toEqual(['web']);
  });

  test('shows steps, results, details and the conclusion; scrolls when focused', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1, { name: 'ml-server' })] });
    const app = await renderApp(fake.model, { columns: 200, rows: 50 });
    cleanup = app.unmount;
    fake.triage.set(finished);
    await press(app.stdin, '');
    const text = () => frame(app.lastFrame);
    expect(text()).toContain('✘ The OOM killer stopped the app at 02:44');
    expect(text()).toContain('✘ Status — Instance check impaired since 02:45');
    expect(text()).toContain('▲ Metrics — Memory 98% at 02:40');
    expect(text()).toContain('CPU peak 99% at 02:41');
    expect(text()).toContain('ml-server · done 13s ago');
    expect(text()).not.toContain('log line 19');
    await pressAll(app.stdin, [KEYS.shiftTab, 'G']);
    expect(text()).toContain('log line 19');
    expect(text()).not.toContain('✘ Status —');
    expect(text()).toContain('✘ The OOM killer');
    await press(app.stdin, 'g');
    expect(text()).toContain('✘ Status —');
  });

  test('a running step shows the spinner icon', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1, { name: 'ml-server' })] });
    fake.triage.set({ ...finished, steps: [step('status', 'running', '')], conclusion: undefined, finishedAt: undefined });
    const app = await renderApp(fake.model, { columns: 200, rows: 50 });
    cleanup = app.unmount;
    expect(frame(app.lastFrame)).toContain('◐ Status');
    expect(frame(app.lastFrame)).toContain('ml-server · running 33s');
  });
});
