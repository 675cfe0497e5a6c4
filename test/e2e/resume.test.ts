// Hand over: a session on the training fleet (an action previewed and cancelled, a triage, a note) quits; the next
// on-call resumes the file — the note and the earlier run are there — re-triages with t, sees what changed, and
// exports a report that lists it all. The file never holds the environment's secret key or session token.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { selectByName } from './steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYE2ESECRET';
const TOKEN = 'FwoGZXIvYXdzE2ESESSIONTOKEN0123456789';
const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

describe('--resume', () => {
  it('reopens the session: note and earlier run in the timeline, t says what changed, e reports everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-resume-'));
    const file = join(dir, 'incident.json');
    const env = { XDG_STATE_HOME: join(dir, 'state'), AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_ACCESS_KEY_ID: 'AKIAE2EEXAMPLE' };
    const first = spawnCli(['--demo', '--speed', '60', '--session-file', file, '--name', 'alice@bastion'], { columns: 160, rows: 45, env });
    session = first;
    await selectByName(first, 'pettracker-ml-server');
    // An action previewed and cancelled is journalled: the hand-over has it.
    first.press('a');
    await first.waitFor((t) => t.includes('6. Stop and start'));
    first.press('6');
    await first.waitFor((t) => t.includes('✔ DryRun: you may call'), 15_000);
    first.press(KEYS.escape);
    await first.waitFor((t) => t.includes('Cancelled: nothing was sent'));
    first.press('t');
    await first.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000);
    first.press('n');
    await first.waitFor((t) => t.includes('Note on pettracker-ml-server'));
    first.press('killed the toy job at 02:50');
    first.press(KEYS.enter);
    await first.waitFor((t) => t.includes('Note added'));
    // Kept while the app runs (about half a second after the note), not only on the way out.
    const deadline = Date.now() + 5_000;
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes('killed the toy job'))) {
      if (Date.now() > deadline) throw new Error('the session file did not get the note while the app ran');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.press('q');
    expect(await first.exited(10_000)).toBe(0);
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('"text": "killed the toy job at 02:50"');
    expect(saved).toContain('"scenario": "oom"');
    for (const secret of [SECRET, TOKEN]) expect(saved).not.toContain(secret);

    const report = join(dir, 'incident.md');
    const second = spawnCli(['--resume', file, '--report', report], { columns: 160, rows: 45, env });
    session = second;
    await selectByName(second, 'pettracker-ml-server');
    await second.waitFor((t) => flat(t).includes(`From ${file} saved`));
    // The triage pane, zoomed, to the timeline's end: the earlier run's calls and findings with the note.
    second.press(KEYS.tab);
    second.press(KEYS.tab);
    second.press(KEYS.tab);
    second.press('z');
    await second.waitFor((t) => t.includes('Esc/z unzoom'));
    second.press('G');
    const timeline = flat(await second.waitFor((t) => t.includes('note · alice@bastion: killed the toy job at 02:50')));
    expect(timeline).toMatch(/\d\d:\d\d:\d\d call ec2:DescribeInstanceStatus/);
    second.press('t');
    second.press('g');
    const since = flat(await second.waitFor((t) => t.includes('Δ since'), 20_000));
    expect(since).toMatch(/Δ since \d\d:\d\d: [^;]+;/);
    second.press('e');
    await second.waitFor((t) => t.includes(`Report written to ${report}`));
    const md = readFileSync(report, 'utf8');
    expect(md).toContain('## Earlier runs');
    expect(md).toContain(`(from ${file}, saved`);
    expect(md).toMatch(/\*\*Re-triaged:\*\* since \d\d:\d\d: /);
    expect(md).toContain('## Actions taken');
    expect(md).toContain('Stop and start');
    expect(md).toContain('cancelled');
    expect(md).toContain('## Notes');
    expect(md).toContain('note by alice@bastion on ');
    expect(md).toContain('| note | note · alice@bastion: killed the toy job at 02:50 |');
    second.press('q');
    expect(await second.exited(10_000)).toBe(0);
    // The same file goes on: it now holds both runs.
    const after = JSON.parse(readFileSync(file, 'utf8')) as { runs: { earlier: unknown[]; last?: { changes?: string } }[] };
    const ml = after.runs.find((r) => r.last?.changes !== undefined);
    expect(ml?.earlier).toHaveLength(1);
    for (const secret of [SECRET, TOKEN]) expect(readFileSync(file, 'utf8')).not.toContain(secret);

    // The report from the file alone: no AWS, no credentials in the environment.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const out = join(dir, 'from-file.md');
    const r = spawnSync(process.execPath, [CLI, 'report', file, '--report', out], { env: clean, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`Report written to ${out}`);
    const fromFile = readFileSync(out, 'utf8');
    for (const part of ['## Earlier runs', '## Actions taken', 'note by alice@bastion', '**Re-triaged:** since']) expect(fromFile).toContain(part);
  }, 90_000);

  it('refuses a missing, garbled or other-version file in one line with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-resume-bad-'));
    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{"version": 1, "notes": [');
    const future = join(dir, 'future.json');
    writeFileSync(future, '{"version": 9}');
    const cases: [readonly string[], string][] = [
      [['--resume', join(dir, 'missing.json')], `ec2-triage: cannot read session file ${join(dir, 'missing.json')}: no such file`],
      [['--resume', garbled], `ec2-triage: ${garbled} is not an ec2-triage session file (not JSON)`],
      [['--resume', future], `ec2-triage: ${future} is a version 9 session file; this ec2-triage reads version 1`],
      [['report', garbled], `ec2-triage: ${garbled} is not an ec2-triage session file (not JSON)`],
    ];
    for (const [args, line] of cases) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`${line}\n`);
    }
  });
});
