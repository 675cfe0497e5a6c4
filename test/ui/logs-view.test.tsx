// The log view's keys in the app: l, sources, search with n/N, follow, Enter from a finding to its line, m markers.
import { afterEach, describe, expect, test } from 'vitest';
import type { LogEvent } from '../../source/domain/types.js';
import { createLogsStore } from '../../source/model/logs-store.js';
import { valueOf } from '../../source/triage/evidence.js';
import { createFakeAws, type FakeAws } from '../helpers/fake-aws.js';
import { createFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { createFakeModel, makeSeries, metricsFor } from '../helpers/fake-model.js';
import { oomRun } from '../helpers/oom-run.js';
import { scenario } from '../triage/evidence-fixtures.js';
import { displayWidth, frame, KEYS, press, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const APP = '/pettracker/ml-server';
const SYSTEM = '/pettracker/ec2/system';

async function setup(size = { columns: 140, rows: 40 }): Promise<{ app: Awaited<ReturnType<typeof renderApp>>; aws: FakeAws; clock: FakeClock; fake: ReturnType<typeof createFakeModel> }> {
  const e = scenario('oom');
  const ml = e.instance;
  const logEvents: Record<string, LogEvent[]> = {};
  for (const g of valueOf(e.logs) ?? []) logEvents[g.group] = [...(valueOf(g.events) ?? [])];
  const group = (name: string) => ({ name, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined });
  const aws = createFakeAws({ instances: [ml], console: { [ml.id]: valueOf(e.consoleOutput)?.text ?? '' }, logGroups: [group(SYSTEM), group(APP)], logEvents });
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 3, 0, 0));
  const logs = createLogsStore({ api: aws, clock, followMs: 1_000 });
  const fake = createFakeModel({ instances: [ml] });
  // The memory chart over the incident: 02:00 to 03:00 at 5-minute periods.
  const mem = { ...makeSeries('mem', 'Memory used', 'Percent', Array.from({ length: 13 }, (_, i) => 40 + i * 4)) };
  const timestamps = mem.values.map((_, i) => Date.UTC(2024, 0, 15, 2, 0, 0) + i * 300_000);
  fake.metrics.set(metricsFor(ml, { range: '1h', period: 300, charts: { data: [{ ...mem, timestamps }], updatedAt: 0, error: undefined, isLoading: false }, isAgentReporting: true }));
  fake.triage.set(oomRun());
  const app = await renderApp({ ...fake.model, logs }, size);
  cleanup = () => {
    app.unmount();
    logs.close();
  };
  return { app, aws, clock, fake };
}

const text = (app: Awaited<ReturnType<typeof renderApp>>): string => frame(app.lastFrame);
const cursorLine = (t: string): string => t.split('\n').find((l) => /║› \d\d:\d\d:\d\d/.test(l)) ?? '';

describe('log view', () => {
  test('l opens the console output; Tab goes to the app log group; / searches, n/N move; Esc closes', async () => {
    const { app, clock } = await setup();
    await press(app.stdin, 'l');
    expect(text(app)).toMatch(/\[Logs\].*console output · times UTC/);
    expect(text(app)).toMatch(/Sources \(Tab\): \[console output\] {2}\/pettracker\/ec2\/system {2}\/pettracker\/ml-server/);
    expect(text(app)).toContain('console, found by: GetConsoleOutput (latest)');
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, KEYS.tab);
    expect(text(app)).toContain('[/pettracker/ml-server]');
    expect(text(app)).toMatch(/found by: Name tag "pettracker"/);
    expect(text(app)).toContain('02:45:12   2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer'.slice(0, 8));
    // Search: typing shows the query; Enter keeps it and goes to the first match.
    await press(app.stdin, '/');
    for (const ch of 'memory') await press(app.stdin, ch);
    expect(text(app)).toContain('/memory▏');
    await press(app.stdin, KEYS.enter);
    expect(text(app)).toMatch(/\/memory: 1 match/);
    expect(cursorLine(text(app))).toContain('Memory allocation failed');
    await press(app.stdin, '/');
    for (const ch of 'oom') await press(app.stdin, ch);
    await press(app.stdin, KEYS.enter);
    expect(text(app)).toMatch(/\/oom: 1 match/);
    await press(app.stdin, '/');
    for (const ch of '02:45:1') await press(app.stdin, ch);
    await press(app.stdin, KEYS.enter);
    expect(text(app)).toMatch(/\/02:45:1: 2 matches/);
    const first = cursorLine(text(app));
    await press(app.stdin, 'n');
    const second = cursorLine(text(app));
    expect(second).not.toBe(first);
    await press(app.stdin, 'N');
    expect(cursorLine(text(app))).toBe(first);
    await press(app.stdin, KEYS.escape);
    expect(text(app)).not.toContain('[Logs]');
    expect(text(app)).toContain('Instances');
    expect(clock.pendingTimers()).toBe(0);
  });

  test('n outside the log view is not a log key (it opens the note field); the signature lines say their meaning', async () => {
    const { app } = await setup();
    await press(app.stdin, 'n');
    expect(text(app)).not.toContain('[Logs]');
    expect(text(app)).toContain('Note on');
    await press(app.stdin, KEYS.escape);
    await press(app.stdin, 'l');
    await press(app.stdin, KEYS.tab);
    expect(text(app)).toContain('[OOM killer killed a process] Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234');
  });

  test('f follows the open group: a new event appears; closing stops the polling', async () => {
    const { app, aws, clock } = await setup();
    await press(app.stdin, 'l');
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, 'f');
    expect(text(app)).toContain('following (f stops)');
    aws.data.logEvents![APP]!.push({ timestamp: new Date(Date.UTC(2024, 0, 15, 3, 0, 0, 500)), message: '2024-01-15 03:00:00 INFO: model reloaded', logStream: 'i-1234567890abcdef0', eventId: 'new-1' });
    await clock.advance(1_000);
    await press(app.stdin, '');
    expect(cursorLine(text(app))).toContain('INFO: model reloaded');
    const calls = aws.calls.filterLogEvents;
    await press(app.stdin, 'q');
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(5_000);
    expect(aws.calls.filterLogEvents).toBe(calls);
  });

  test('Enter on the OOM finding opens its log line highlighted; m marks its time on the memory chart, m again removes it', async () => {
    const { app } = await setup();
    for (let i = 0; i < 4 && !text(app).includes('║[Triage]'); i += 1) await press(app.stdin, KEYS.tab);
    // Move the triage cursor to the Logs step's result (a finding from a log line: the cursor shows ⏎ there).
    for (let i = 0; i < 30 && !/║⏎/.test(text(app)); i += 1) await press(app.stdin, 'j');
    expect(text(app)).toMatch(/║⏎✘ Console output and logs/);
    await press(app.stdin, KEYS.enter);
    expect(text(app)).toContain('[/pettracker/ec2/system]');
    expect(cursorLine(text(app))).toMatch(/02:45:12 .*Kill(ed)? process 1234 \(python3\)/);
    await press(app.stdin, 'm');
    expect(text(app)).toContain('Marked on the charts: OOM kill 02:45:12');
    await press(app.stdin, KEYS.escape);
    const charts = text(app);
    expect(charts).toContain('▼ OOM kill 02:45:12');
    expect(charts).toMatch(/▼.*│/s);
    // The memory chart's title carries the label, and the ▼ sits in the plot's column for 02:45:12.
    expect(charts).toMatch(/Memory used .*▼ OOM kill 02:45:12/);
    // The range changes (no charts at 3h in this fake) and comes back: the marker is still there.
    await press(app.stdin, ']');
    expect(text(app)).not.toContain('▼ OOM kill');
    await press(app.stdin, '[');
    expect(text(app)).toContain('▼ OOM kill 02:45:12');
    // m on the same finding removes it.
    await press(app.stdin, 'm');
    expect(text(app)).not.toContain('▼ OOM kill');
    // Enter on a line that is not from a log opens the actions, as before.
    await press(app.stdin, 'g');
    await press(app.stdin, KEYS.enter);
    expect(text(app)).not.toContain('[Logs]');
    expect(text(app).replace(/\s+/g, ' ')).toMatch(/› 1\. .*— first fix of the diagnosis/);
  });

  test('a throttled or denied read degrades the view to one line; the app and the other sources go on', async () => {
    const { app, aws } = await setup();
    aws.fail('filterLogEvents', { kind: 'throttled', message: 'Rate exceeded' });
    aws.fail('getConsoleOutput', { kind: 'denied', action: 'ec2:GetConsoleOutput', message: 'not authorized' });
    await press(app.stdin, 'l');
    expect(text(app)).toContain('⚠ access denied: you lack ec2:GetConsoleOutput');
    await press(app.stdin, KEYS.tab);
    expect(text(app)).toContain('[/pettracker/ec2/system]');
    expect(text(app)).toContain('⚠ throttled by AWS (request rate exceeded)');
    expect(text(app).match(/⚠/g)).toHaveLength(1);
    aws.clearFailures();
    await press(app.stdin, KEYS.tab);
    expect(text(app)).toContain('CRITICAL: Process killed by OOM killer');
    expect(text(app)).not.toContain('⚠');
    await press(app.stdin, KEYS.escape);
    expect(text(app)).toContain('Instances');
  });

  test('80×24: the view fits the frame (≤ rows − 1 lines, none wider than the terminal) and pages by a page less one', async () => {
    const { app, aws } = await setup({ columns: 80, rows: 24 });
    const id = Object.keys(aws.data.console ?? {})[0] ?? '';
    aws.data.console![id] = Array.from({ length: 60 }, (_, i) => `[ ${String(i).padStart(4)}.000000] boot line ${i}`).join('\n');
    await press(app.stdin, 'l');
    const lines = text(app).split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    const rowsOf = (t: string) => t.split('\n').filter((l) => /║[› ] (\d\d:\d\d:\d\d|--:--:--) /.test(l)).map((l) => l.slice(3));
    await press(app.stdin, 'g');
    const first = rowsOf(text(app));
    await press(app.stdin, KEYS.pageDown);
    const second = rowsOf(text(app));
    // The last line of a page is the first of the next: nothing skipped.
    // 11 rows of log, then the cursor's line whole (a rule and three rows).
    expect(first).toHaveLength(11);
    expect(second[0]).toBe(first.at(-1));
    expect(second[0]).toContain('boot line 10');
    expect(text(app)).toMatch(/─ line \d+ whole ─/);
  });
});
