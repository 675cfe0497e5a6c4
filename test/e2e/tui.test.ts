// The built CLI in a real pseudo-terminal, read back through a terminal emulator: what a person would see.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;

afterEach(() => {
  session?.kill();
  session = undefined;
});

/** Every row fits the width, the frame is one box layout (not smeared), and exactly one footer is on screen. */
function expectCleanFrame(s: PtySession, columns: number): void {
  const rows = s.screen();
  for (const row of rows) expect([...row].length).toBeLessThanOrEqual(columns);
  expect(rows[0]).toMatch(/^ec2-triage/);
  expect(rows.filter((r) => r.includes('? help')).length).toBe(1);
  expect(rows.filter((r) => r.startsWith('ec2-triage')).length).toBe(1);
}

const paneTitles = (text: string): boolean =>
  ['Instances', 'Status', 'Metrics', 'Triage'].every((t) => text.includes(t));

describe('ec2-triage --demo in a terminal', () => {
  it('shows the four panes on the training fleet and keeps a clean frame as data arrives', async () => {
    session = spawnCli(['--demo'], { columns: 120, rows: 35 });
    // The CPU column fills in after the first GetMetricData: wait for it, not just for the list.
    await session.waitFor((t) => paneTitles(t) && /pettracker-ml-server\s+running\s+ok\s+\d+\.\d%/.test(t));
    expect(session.text()).toMatch(/TRAINING FLEET · scenario oom/);
    expect(session.text()).toMatch(/pettracker-ml-server\s+running\s+ok\s+\d+\.\d%/);
    // The screen must stay clean across several live updates (the clock ticks every second).
    await new Promise((r) => setTimeout(r, 2_500));
    expectCleanFrame(session, 120);
  });

  it('moves, filters, sorts and opens help from the keyboard', async () => {
    session = spawnCli(['--demo'], { columns: 120, rows: 35 });
    const s = session;
    // Problems first by default: with no check failing and no alarm, the busiest leads and is selected.
    await s.waitFor((t) => t.includes('sort: problems first') && /\d+\.\d%/.test(t));
    const top = /^║› (\S+)/m.exec(s.text())?.[1] ?? '';
    expect(s.text()).toMatch(new RegExp(`Status\\s+${top}`));
    // By name, the keys below walk the fleet in a known order.
    s.press('s');
    await s.waitFor((t) => t.includes('sort: name'));
    s.press('g');
    await s.waitFor((t) => /Status\s+pettracker-api-1/.test(t));
    s.press('j');
    await s.waitFor((t) => /Status\s+pettracker-api-2/.test(t));
    s.press(KEYS.down);
    await s.waitFor((t) => /Status\s+pettracker-bastion/.test(t));
    s.press('G');
    await s.waitFor((t) => /Status\s+pettracker-worker-2/.test(t));
    s.press('g');
    await s.waitFor((t) => /Status\s+pettracker-api-1/.test(t));

    s.press('/web');
    await s.waitFor((t) => t.includes('2 of 9') && t.includes('/web'));
    s.press(KEYS.enter);
    await s.waitFor((t) => !t.includes('pettracker-api-1 ') && t.includes('pettracker-web-2'));
    s.press(KEYS.escape);
    await s.waitFor((t) => !t.includes('2 of 9') && t.includes('pettracker-api-1'));

    s.press('s');
    await s.waitFor((t) => t.includes('sort: cpu') || t.includes('sort: CPU'));
    // Sorted by CPU, highest first.
    const cpus = s.screen().flatMap((r) => /pettracker-[a-z0-9-]+\s+running.*?(\d+\.\d)%/.exec(r)?.slice(1, 2) ?? []).map(Number);
    expect(cpus.length).toBeGreaterThan(2);
    expect(cpus).toEqual([...cpus].sort((a, b) => b - a));

    s.press('?');
    await s.waitFor((t) => t.includes('Esc or ? closes'));
    expect(s.text()).toMatch(/triage/i);
    s.press(KEYS.escape);
    await s.waitFor((t) => !t.includes('Esc or ? closes'));
    expectCleanFrame(s, 120);
  });

  it('--read-only on the training fleet says so in the header; without it the header says WRITE', async () => {
    session = spawnCli(['--demo', '--read-only'], { columns: 120, rows: 35 });
    await session.waitFor((t) => t.includes('pettracker-ml-server') && t.includes(' READ-ONLY '));
    session.kill();
    session = spawnCli(['--demo'], { columns: 120, rows: 35 });
    await session.waitFor((t) => t.includes('pettracker-ml-server') && t.includes(' WRITE '));
  });

  it('fits 80×24 after a resize', async () => {
    session = spawnCli(['--demo'], { columns: 160, rows: 45 });
    const s = session;
    await s.waitFor((t) => t.includes('pettracker-ml-server'));
    s.resize(80, 24);
    await s.waitFor((t) => paneTitles(t) && s.screen().every((r) => [...r].length <= 80));
    await new Promise((r) => setTimeout(r, 1_200));
    expectCleanFrame(s, 80);
  });

  it('t on pettracker-ml-server ends on the OOM finding and its chain, e writes the report, q exits 0', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'ec2-triage-e2e-')), 'incident.md');
    // The demo opens at the page: the OOM kill happened minutes ago.
    session = spawnCli(['--demo', '--speed', '10', '--report', report], { columns: 160, rows: 45 });
    const s = session;
    await s.waitFor((t) => t.includes('pettracker-ml-server'));
    s.press('/ml-server');
    s.press(KEYS.enter);
    await s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t));
    s.press('t');
    const text = await s.waitFor((t) => /OOM killer killed python3 \(pid 1234\) at \d\d:\d\d:\d\d UTC/.test(t), 15_000);
    expect(text).toMatch(/Out of memory: Kill/);
    await s.waitFor((t) => /✘ Diagnosis — Out of memory/.test(t));
    s.press('e');
    await s.waitFor((t) => t.includes('Report written to'));
    expect(existsSync(report)).toBe(true);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toMatch(/OOM killer killed python3 \(pid 1234\)/);
    expect(markdown).toMatch(/Memory climbs/);
    expect(markdown).toContain('**Confidence:** high');
    expect(markdown).toContain('aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge');
    s.press('q');
    expect(await s.exited()).toBe(0);
  });

  it('Ctrl-C quits at once with exit code 0', async () => {
    session = spawnCli(['--demo'], { columns: 100, rows: 30 });
    await session.waitFor((t) => t.includes('Instances'));
    session.press(KEYS.ctrlC);
    expect(await session.exited()).toBe(0);
  });
});
