// The metrics pane and the runbook picker in a real terminal: every frame drawn while the selection moves, and `b`
// from opening the picker to the report that names the runbook.
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

interface ChartFrame {
  /** The instance the metrics pane's title names. */
  readonly name: string;
  /** The first chart's header (title and its values), undefined while loading. */
  readonly header: string | undefined;
}

/** The metrics pane's name and first chart header in a screen (80×24: the pane spans the width). */
function chartFrame(screen: readonly string[]): ChartFrame | undefined {
  const at = screen.findIndex((row) => /[│║] ?\[?Metrics\]? +\S+ · /.test(row));
  if (at < 0) return undefined;
  const name = /Metrics\]? +(\S+) · /.exec(screen[at] ?? '')?.[1] ?? '';
  const next = (screen[at + 1] ?? '').replace(/^[│║]/, '').replace(/[│║]$/, '').trim();
  return { name, header: /\bnow \S+/.test(next) ? next : undefined };
}

const nowOf = (header: string | undefined): string | undefined => /\bnow (\d+\.\d)%/.exec(header ?? '')?.[1];

describe('metrics pane in a terminal', () => {
  it('80×24: moving the selection never shows the previous instance\'s charts under the new name', async () => {
    session = spawnCli(['--demo'], { columns: 80, rows: 24 });
    const s = session;
    const frames: ChartFrame[] = [];
    s.onFrame((screen) => {
      const frame = chartFrame(screen);
      if (frame !== undefined) frames.push(frame);
    });
    const loaded = (name: string) => (t: string) => {
      const frame = chartFrame(t.split('\n'));
      return frame?.name === name && frame.header !== undefined;
    };
    // By name (the default puts problems first), so the keys below walk the fleet in a known order.
    await s.waitFor((t) => /\d+\.\d%/.test(t));
    s.press('s');
    await s.waitFor((t) => t.includes('sort: name'));
    s.press('g');
    await s.waitFor(loaded('pettracker-api-1'), 15_000);
    // From here on: the frames before the walk (the instance problems-first selected) are not part of it.
    const walkStart = Math.max(0, frames.length - 1);
    // Down through three instances, each time waiting for its charts, then back up to one already seen.
    for (const [key, name] of [['j', 'pettracker-api-2'], [KEYS.down, 'pettracker-bastion'], ['j', 'pettracker-ml-server'], ['k', 'pettracker-bastion']] as const) {
      s.press(key);
      await s.waitFor(loaded(name), 15_000);
    }
    const lastHeaderOf = new Map<string, string>();
    let changes = 0;
    let previous: string | undefined;
    for (const frame of frames.slice(walkStart)) {
      if (previous !== undefined && frame.name !== previous) changes += 1;
      previous = frame.name;
      if (frame.header === undefined) continue;
      const own = lastHeaderOf.get(frame.name);
      const other = [...lastHeaderOf].find(([name, header]) => name !== frame.name && header === frame.header)?.[0];
      // Another instance's header under this name, never seen for this name: the old charts under the new name.
      expect(other === undefined || own === frame.header, `${frame.name} showed ${other}'s charts: ${frame.header}`).toBe(true);
      lastHeaderOf.set(frame.name, frame.header);
    }
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(lastHeaderOf.size).toBe(4);
  }, 90_000);

  it('the list\'s CPU and the chart\'s "now" agree, and the pane says the statistic and the period', async () => {
    session = spawnCli(['--demo'], { columns: 80, rows: 24 });
    const s = session;
    await s.waitFor((t) => /\d+\.\d%/.test(t));
    s.press('s');
    await s.waitFor((t) => t.includes('sort: name'));
    s.press('g');
    await s.waitFor((t) => /pettracker-api-1 .*\d+\.\d%/.test(t) && chartFrame(t.split('\n'))?.name === 'pettracker-api-1' && nowOf(chartFrame(t.split('\n'))?.header) !== undefined, 15_000);
    s.press('j');
    // Within one CPU-column refresh of the selection (the column and the chart each read on their own schedule).
    const text = await s.waitFor((t) => {
      const frame = chartFrame(t.split('\n'));
      const column = /pettracker-api-2 .* (\d+\.\d)%/.exec(t)?.[1];
      return frame?.name === 'pettracker-api-2' && column !== undefined && nowOf(frame.header) === column;
    }, 20_000);
    expect(text).toMatch(/CPU utilization \((Average of|avg) 5 min\) {2}now \d+\.\d%/);
    expect(text).toMatch(/Metrics\]? +pettracker-api-2 · 1h · 5 min periods/);
    expect(text).toMatch(/\d\d:\d\d .*\d\d:\d\d UTC/);
  }, 60_000);
});

describe('runbooks by name in a terminal', () => {
  it('b opens the picker, a runbook is picked by its name and runs; the report says which', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'ec2-triage-e2e-')), 'incident.md');
    session = spawnCli(['--demo', '--report', report], { columns: 120, rows: 40 });
    const s = session;
    await s.waitFor((t) => t.includes('pettracker-ml-server'));
    s.press('/ml-server');
    s.press(KEYS.enter);
    await s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t));
    s.press('b');
    await s.waitFor((t) => t.includes('Runbooks: pick one to run') && t.includes('Disk full'));
    expect(s.text()).toContain('Writes fail with "No space left on device"');
    // Move the cursor to the runbook named "Disk full", reading the screen as a person would.
    for (let i = 0; i < 6 && !/› \d\. Disk full/.test(s.text()); i += 1) {
      const before = s.text();
      s.press(KEYS.down);
      await s.waitFor((t) => t !== before);
    }
    expect(s.text()).toMatch(/› 6\. Disk full/);
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('Running the Disk full runbook on pettracker-ml-server') && !t.includes('Runbooks: pick one to run'));
    await s.waitFor((t) => /Triage\]? +pettracker-ml-server · done/.test(t), 20_000);
    // The triage pane shows the runbook's steps: scroll the focused pane until they come into view.
    for (let i = 0; i < 3 && !/║\[Triage\]/.test(s.text()); i += 1) {
      s.press(KEYS.tab);
      await new Promise((r) => setTimeout(r, 150));
    }
    for (let i = 0; i < 30 && !s.text().includes('Runbook: Disk full'); i += 1) {
      s.press(KEYS.pageDown);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(s.text()).toContain('Runbook: Disk full');
    s.press('e');
    await s.waitFor((t) => t.includes('Report written to'));
    expect(existsSync(report)).toBe(true);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toContain('- **Runbook run:** Disk full (`disk-full`)');
    expect(markdown).toContain('## Runbook: Disk full');
  }, 90_000);
});
