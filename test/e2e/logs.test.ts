// The log view in a real terminal on the training fleet's OOM scenario: the console output, the app log group
// with search and follow (the fleet's own new events appearing live), Enter from the OOM finding to its log line,
// and m putting the kill's time on the memory chart.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { selectByName } from './steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

/** The log view's cursor row (› before the time). */
const cursorRow = (t: string): string => t.split('\n').find((l) => /║› \d\d:\d\d:\d\d /.test(l)) ?? '';
const lineCount = (t: string): number => Number(/(\d+) line\(s\)/.exec(t)?.[1] ?? -1);
const newestTime = (t: string): string => /║[› ] (\d\d:\d\d:\d\d) /.exec(t.split('\n').filter((l) => /║[› ] \d\d:\d\d:\d\d /.test(l)).at(-1) ?? '')?.[1] ?? '';

describe('log view in a terminal (OOM scenario)', () => {
  it('l, Tab to the app log, / with n/N, f follows live; Enter on the OOM finding lands on its line; m marks the memory chart', async () => {
    // Fast enough that the app logs a line every few real seconds.
    session = spawnCli(['--demo', '--speed', '60'], { columns: 160, rows: 45 });
    const s = session;
    await selectByName(s, 'pettracker-ml-server');
    s.press('l');
    let t = await s.waitFor((x) => x.includes('console, found by: GetConsoleOutput (latest)') && x.includes('Out of memory: Kill process 1234'), 15_000);
    expect(t).toContain('[OOM killer killed a process]');
    expect(t).toMatch(/Sources \(Tab\): \[console output\] {2}\/pettracker\/ec2\/system {2}\/pettracker\/ml-server/);

    s.press(KEYS.tab);
    s.press(KEYS.tab);
    await s.waitFor((x) => x.includes('[/pettracker/ml-server]') && /found by: Name tag "pettracker"/.test(x) && lineCount(x) > 0, 15_000);

    s.press('/Memory');
    await s.waitFor((x) => x.includes('/Memory▏'));
    s.press(KEYS.enter);
    t = await s.waitFor((x) => /\/Memory: \d+ match/.test(x));
    const matches = Number(/\/Memory: (\d+) match/.exec(t)?.[1]);
    expect(matches).toBeGreaterThan(1);
    const first = cursorRow(t);
    expect(first).toMatch(/Memory/);
    s.press('n');
    const second = cursorRow(await s.waitFor((x) => cursorRow(x) !== first));
    expect(second).toMatch(/Memory/);
    s.press('N');
    await s.waitFor((x) => cursorRow(x) === first);

    s.press('f');
    t = await s.waitFor((x) => x.includes('following (f stops)'));
    const before = { count: lineCount(t), newest: newestTime(t) };
    // The fleet keeps logging: new events appear at the bottom without a key pressed, each once.
    t = await s.waitFor((x) => lineCount(x) > before.count && newestTime(x) > before.newest, 20_000);
    const rows = t.split('\n').filter((l) => /║[› ] \d\d:\d\d:\d\d /.test(l));
    expect(new Set(rows).size).toBe(rows.length);
    s.press('q');
    await s.waitFor((x) => x.includes('Instances') && !x.includes('[Logs]'));

    // Triage, then from the OOM finding (the Logs step) to its log line.
    s.press('t');
    await s.waitFor((x) => /✘ Diagnosis — Out of memory/.test(x), 20_000);
    for (let i = 0; i < 4 && !/║\[Triage\]/.test(s.text()); i += 1) {
      s.press(KEYS.tab);
      await new Promise((r) => setTimeout(r, 150));
    }
    for (let i = 0; i < 30 && !/[║│]⏎✘ Console output and logs/.test(s.text()); i += 1) {
      s.press('j');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(s.text()).toMatch(/⏎✘ Console output and logs .*OOM killer killed python3/);
    s.press(KEYS.enter);
    t = await s.waitFor((x) => x.includes('[Logs]') && /Kill(ed)? process 1234 \(python3\)/.test(cursorRow(x)), 15_000);
    const at = /║› (\d\d:\d\d:\d\d) /.exec(cursorRow(t))?.[1] ?? '';
    expect(cursorRow(t)).toContain('[OOM killer killed a process]');

    s.press('m');
    await s.waitFor((x) => x.includes(`Marked on the charts: OOM kill ${at}`));
    s.press(KEYS.escape);
    t = await s.waitFor((x) => /Memory used.*▼ OOM kill/.test(x) && !x.includes('[Logs]'), 10_000);
    expect(t).toMatch(new RegExp(`Memory used .*▼ OOM kill ${at}`));
    s.press('q');
    expect(await s.exited()).toBe(0);
  }, 120_000);
});
