// The triage pane after an engine run: diagnosis and chain, whole commands (wrapped, never cut), the runbook,
// what was not checked and the timeline; `b` picks a runbook to run, `e` exports the report.
import { afterEach, describe, expect, test } from 'vitest';
import { engineLines, wrap } from '../../source/ui/panes/triage/engine-lines.js';
import { oomRun } from '../helpers/oom-run.js';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { frame, press, renderApp, settle } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('engine lines', () => {
  test('wrap keeps every character and indents continuations', () => {
    const text = 'aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1';
    const rows = wrap(text, 40, '    ');
    expect(rows.every((r) => [...r].length <= 40)).toBe(true);
    expect(rows.map((r, i) => (i === 0 ? r : r.slice(4))).join(' ')).toBe(text);
  });

  test('diagnosis, chain, the resize commands whole, runbook, timeline', () => {
    const run = oomRun();
    const text = engineLines(run.engine!, 60).map((l) => l.text).join('\n');
    expect(text).toMatch(/Diagnosis · confidence high/);
    expect(text).toMatch(/Memory climbs/);
    expect(text.replace(/\n\s+/g, ' ')).toContain('$ aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1');
    expect(text).toMatch(/c5\.large 2 vCPU 4 GiB → c5\.xlarge 4 vCPU 8 GiB/);
    expect(text).toMatch(/Runbook: /);
    expect(text).toMatch(/Timeline \(UTC\)/);
    expect(text).toMatch(/ec2:DescribeInstanceStatus 42 ms ok/);
  });
});

describe('triage pane with an engine run', () => {
  const ml = makeInstance(1, { id: 'i-1234567890abcdef0', name: 'pettracker-ml-server' });

  test('the cause shows whole at 80×24 (the headline wraps instead of being cut)', async () => {
    const fake = createFakeModel({ instances: [ml] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    fake.triage.set(oomRun());
    await settle();
    const text = frame(app.lastFrame);
    expect(text).toMatch(/OOM killer killed/);
    expect(text).toMatch(/python3 \(pid 1234\) at 02:45:12 UTC/);
  });

  test('scrolling the focused triage pane reaches the whole resize command and the timeline', async () => {
    const fake = createFakeModel({ instances: [ml] });
    const app = await renderApp(fake.model, { columns: 120, rows: 40 });
    cleanup = app.unmount;
    fake.triage.set(oomRun());
    await settle();
    const seen: string[] = [];
    // Focus the triage pane (Tab cycles panes; the focused one has the double border), then scroll through it.
    for (let i = 0; i < 4 && !/║\[Triage\]/.test(frame(app.lastFrame)); i += 1) await press(app.stdin, '\t');
    expect(frame(app.lastFrame)).toMatch(/║\[Triage\]/);
    // j moves the pane's line cursor; the view scrolls once the cursor reaches its bottom row.
    for (let i = 0; i < 100; i += 1) {
      seen.push(frame(app.lastFrame));
      await press(app.stdin, 'j');
    }
    await press(app.stdin, 'G');
    seen.push(frame(app.lastFrame));
    const all = seen.join('\n');
    expect(all).toContain('--instance-type c5.xlarge');
    expect(all).toMatch(/Timeline \(UTC\)/);
  });

  test('b opens the runbooks on the one that applies, Enter runs it; e exports and says where', async () => {
    const fake = createFakeModel({ instances: [ml], exportReport: async () => '/tmp/ec2-triage-report.md' });
    const app = await renderApp(fake.model, { columns: 160, rows: 45 });
    cleanup = app.unmount;
    const run = oomRun();
    fake.triage.set(run);
    await settle();
    await press(app.stdin, 'b');
    expect(frame(app.lastFrame)).toMatch(/› 5\. High memory — applies: triage: /);
    await press(app.stdin, '\r');
    expect(fake.calls.triageOptions.at(-1)).toEqual({ runbook: 'high-memory' });
    await press(app.stdin, 'e');
    await settle();
    expect(fake.calls.exported).toHaveLength(1);
    expect(frame(app.lastFrame)).toContain('Report written to /tmp/ec2-triage-report.md');
  });

  test('an export failure shows in one line; nothing to export before a run', async () => {
    const fake = createFakeModel({ instances: [ml], exportReport: async () => Promise.reject(new Error('cannot write /ro/x.md (EROFS)')) });
    const app = await renderApp(fake.model, { columns: 160, rows: 45 });
    cleanup = app.unmount;
    await press(app.stdin, 'e');
    expect(frame(app.lastFrame)).toContain('Nothing to export yet: press t to triage first');
    fake.triage.set(oomRun());
    await settle();
    await press(app.stdin, 'e');
    await settle();
    expect(frame(app.lastFrame)).toContain('Export failed: cannot write /ro/x.md (EROFS)');
  });
});
