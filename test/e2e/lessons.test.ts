// Lessons end to end in a real pty: a scripted trainee completes the OOM story one way at 80×24 and a second,
// different way (triage Enter on the finding and on the recommendation, a wrong answer); Status checks 101 with a
// reboot first (the wrong move explained); and `learn` lists both done with the best score afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LESSONS } from '../../source/lessons/catalog/index.js';
import { CLI, KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { selectByName } from './steps.js';

const ML = 'pettracker-ml-server';
const config = mkdtempSync(join(tmpdir(), 'lessons-e2e-'));
const env = { XDG_CONFIG_HOME: config };
let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});
afterAll(() => rmSync(config, { recursive: true, force: true }));

/** Waits until the panel's rule says `met` of `total` tasks are met. */
const metCount = (s: PtySession, met: number, total: number, timeoutMs = 20_000): Promise<string> =>
  s.waitFor((t) => t.includes(`· ${met}/${total} ─`), timeoutMs);

/** Presses t until the panel counts `met` tasks: a "Not yet" triage is asked again, as the pane itself says to. */
async function triageUntilMet(s: PtySession, met: number, total: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!s.text().includes(`· ${met}/${total} ─`)) {
    if (Date.now() > deadline) throw new Error(`the panel never counted ${met}/${total}; screen was:\n${s.text()}`);
    s.press('t');
    await s.waitFor((t) => t.includes(`· ${met}/${total} ─`) || /done \d+s ago/.test(t), 20_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
  }
}

/** The goal just met says why; x hands the panel back to the task. */
async function dismissWhy(s: PtySession): Promise<void> {
  await s.waitFor((t) => t.includes('✔ Why it mattered') || t.includes('Task '));
  s.press('x');
  await s.waitFor((t) => !t.includes('x: back to the lesson'));
}

/** Presses `key` until the screen shows `pattern`. */
async function pressUntil(s: PtySession, key: string, pattern: RegExp, max = 12): Promise<void> {
  for (let i = 0; i < max && !pattern.test(s.text()); i += 1) {
    s.press(key);
    // The clock in the header changes the screen too: a fixed pause lets the key's frame land before the next look.
    await new Promise((r) => setTimeout(r, 600));
  }
  expect(s.text()).toMatch(pattern);
}

/** A preview's Run, typed or pressed, once its DryRun said yes. */
async function runPreview(s: PtySession, typed: string | undefined): Promise<void> {
  await s.waitFor((t) => t.includes('✔ DryRun: you may call') || t.includes('PutMetricAlarm has no DryRun'), 15_000);
  if (typed === undefined) s.press(KEYS.tab);
  else s.press(typed);
  await s.waitFor((t) => t.includes('[> Run <]'));
  s.press(KEYS.enter);
}

/** A → n: the recommended alarms, no topic, Run. */
async function addRecommendedAlarms(s: PtySession): Promise<void> {
  s.press('A');
  await s.waitFor((t) => t.includes('n add recommended'), 15_000);
  s.press('n');
  await s.waitFor((t) => t.includes('SNS topic ARN'));
  s.press(KEYS.enter);
  await runPreview(s, undefined);
}

describe('learn oom', () => {
  it('one right way at 80×24: filter, t, ], l + search, m, a → resize, A → n, b; hints escalate; e saves the lesson report', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lesson-report-'));
    const s = (session = spawnCli(['learn', 'oom', '--speed', '60', '--port', '0'], { columns: 80, rows: 24, env, cwd }));
    await s.waitFor((t) => t.includes('Task 1/8: Find the instance behind the 503'), 20_000);
    // The panel fits under the panes: the list, status, triage and metrics panes are all still on screen.
    for (const pane of ['Instances', 'Status', 'Triage', 'Metrics']) expect(s.text()).toContain(pane);
    s.press('h');
    await s.waitFor((t) => t.includes('Hint 1/3: The Instances pane'));
    s.press('h');
    await s.waitFor((t) => t.includes('Hint 2/3: Move with'));
    await selectByName(s, ML);
    await metCount(s, 1, 8);
    await dismissWhy(s);
    s.press('t');
    await metCount(s, 2, 8, 60_000);
    await dismissWhy(s);
    s.press(']');
    await metCount(s, 3, 8);
    await dismissWhy(s);
    s.press('l');
    await s.waitFor((t) => t.includes('[Logs]'), 15_000);
    s.press('/Killed process');
    s.press(KEYS.enter);
    await metCount(s, 4, 8);
    await dismissWhy(s);
    s.press('m');
    await metCount(s, 5, 8);
    await dismissWhy(s);
    // Esc and a key sent together read as Alt+key: let the log view close first.
    s.press(KEYS.escape);
    await s.waitFor((t) => !t.includes('[Logs]'));
    s.press('a');
    await s.waitFor((t) => t.includes('1. Resize c5.large → c5.xlarge'));
    s.press(KEYS.enter);
    await runPreview(s, ML);
    await metCount(s, 6, 8, 90_000);
    s.press(KEYS.enter);
    await dismissWhy(s);
    await addRecommendedAlarms(s);
    await metCount(s, 7, 8, 60_000);
    s.press(KEYS.enter);
    await dismissWhy(s);
    await s.waitFor((t) => t.includes('b) Install and configure the CloudWatch Agent'));
    s.press('b');
    await s.waitFor((t) => t.includes('✔ Right.'));
    s.press('x');
    await s.waitFor((t) => t.includes('Lesson done in'), 15_000);
    s.press('x');
    const done = await s.waitFor((t) => /Lesson done in .* score (\d+)/.test(t));
    // Two hints taken: 5 each off 100.
    expect(done).toMatch(/hints 2 · wrong moves 0 · questions 1\/1 · score 90/);
    s.press('e');
    await s.waitFor((t) => t.includes('Lesson report saved'));
    s.press('q');
    expect(await s.exited()).toBe(0);
    const report = readdirSync(cwd).find((f) => f.startsWith('ec2-triage-lesson-oom-'));
    expect(report).toBeDefined();
    const text = readFileSync(join(cwd, report ?? ''), 'utf8');
    expect(text).toContain('# Incident report: pettracker-ml-server');
    expect(text).toContain('## Lesson: The 3 AM page: out of memory');
    expect(text).toMatch(/Tasks met:\*\* 8\/8/);
    expect(text).toContain('Resize pettracker-ml-server');
    rmSync(cwd, { recursive: true, force: true });
  }, 240_000);

  it('a second right way: j to the server, ] twice to 12 h, the triage finding\'s Enter and m, the recommendation\'s Enter; a wrong answer is scored', async () => {
    const s = (session = spawnCli(['--demo', '--lesson', 'oom', '--speed', '60'], { columns: 100, rows: 32, env }));
    await s.waitFor((t) => t.includes('Task 1/8'), 20_000);
    // Move down the list from its top until the ML server is selected (whatever the sort put first), once the
    // sort has the data it reads first (CPU shown).
    await s.waitFor((t) => t.includes(ML) && /\d+\.\d%/.test(t), 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    // The sort may still move rows: walk down, and from the bottom start again at the top.
    for (let i = 0; i < 24 && !/Status\s+pettracker-ml-server/.test(s.text()); i += 1) {
      s.press(/Status\s+pettracker-staging-api/.test(s.text()) ? 'g' : 'j');
      await new Promise((r) => setTimeout(r, 700));
    }
    await metCount(s, 1, 8);
    await dismissWhy(s);
    s.press('t');
    await metCount(s, 2, 8, 60_000);
    await dismissWhy(s);
    s.press(']');
    await metCount(s, 3, 8);
    await dismissWhy(s);
    s.press(']');
    await s.waitFor((t) => t.includes('· 12h ·'));
    // Focus the triage pane, zoom it, and walk the cursor to the logs step's finding.
    await pressUntil(s, KEYS.tab, /\[Triage\]/, 4);
    s.press('z');
    await s.waitFor((t) => t.includes('Console output and logs'));
    // Enter on a line from a log opens the log view there; on any other line it opens the actions (Esc, go on).
    s.press('g');
    for (let i = 0; i < 14 && !s.text().includes('[Logs]'); i += 1) {
      s.press(KEYS.enter);
      await new Promise((r) => setTimeout(r, 700));
      if (s.text().includes('[Actions]')) {
        s.press(KEYS.escape);
        await s.waitFor((t) => t.includes('[Triage]'));
        s.press('j');
        await new Promise((r) => setTimeout(r, 400));
      }
    }
    await metCount(s, 4, 8);
    await dismissWhy(s);
    // Back in the triage pane: m marks the finding's time.
    s.press(KEYS.escape);
    await s.waitFor((t) => t.includes('[Triage]'));
    s.press('m');
    await metCount(s, 5, 8);
    await dismissWhy(s);
    // The cursor on a line without a log: Enter acts on the triage's recommendation (the resize).
    s.press('k');
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('› 1. Resize c5.large → c5.xlarge'));
    s.press(KEYS.enter);
    await runPreview(s, 'i-1234567890abcdef0');
    await metCount(s, 6, 8, 90_000);
    s.press(KEYS.enter);
    await dismissWhy(s);
    s.press('z');
    await addRecommendedAlarms(s);
    await metCount(s, 7, 8, 60_000);
    s.press(KEYS.enter);
    await dismissWhy(s);
    await s.waitFor((t) => t.includes('a) Enable detailed monitoring'));
    s.press('a');
    await s.waitFor((t) => t.includes('✘ Not quite: the answer is b)'));
    s.press('x');
    await s.waitFor((t) => t.includes('Lesson done in'), 15_000);
    s.press('x');
    const done = await s.waitFor((t) => /questions 0\/1 · score \d+/.test(t));
    expect(done).toMatch(/hints 0 · wrong moves 0 · questions 0\/1 · score 90/);
    s.press('q');
    expect(await s.exited()).toBe(0);
  }, 240_000);
});

describe('learn status-checks-101', () => {
  it('a reboot first is explained as the wrong move; stop and start, a healthy triage after it and auto-recover finish it', async () => {
    const s = (session = spawnCli(['learn', 'status-checks-101', '--speed', '60', '--port', '0'], { columns: 100, rows: 32, env }));
    await s.waitFor((t) => t.includes('Task 1/6'), 20_000);
    await selectByName(s, ML);
    await metCount(s, 1, 6);
    await dismissWhy(s);
    await s.waitFor((t) => t.includes('c) The AWS host under the instance'));
    s.press('c');
    await s.waitFor((t) => t.includes('✔ Right.'));
    s.press('x');
    await metCount(s, 2, 6);
    await dismissWhy(s);
    s.press('t');
    await metCount(s, 3, 6, 60_000);
    await dismissWhy(s);
    s.press('a');
    await s.waitFor((t) => t.includes('7. Reboot'));
    s.press('7');
    await runPreview(s, undefined);
    await s.waitFor((t) => t.includes('✘ Wrong move: A reboot stays on the same host'), 60_000);
    expect(s.text()).toContain('· 3/6 ─');
    s.press(KEYS.enter);
    s.press('x');
    s.press('a');
    await s.waitFor((t) => t.includes('1. Stop and start the instance (not reboot)'));
    s.press('1');
    await runPreview(s, ML);
    await metCount(s, 4, 6, 90_000);
    s.press(KEYS.enter);
    await dismissWhy(s);
    // Right after a stop and start there may be no datapoint yet: the triage says "Not yet … t again", and a trainee
    // presses t again (the fleet runs ×60, so a fleet minute is a second; on a loaded machine it may take longer).
    await triageUntilMet(s, 5, 6);
    await dismissWhy(s);
    await addRecommendedAlarms(s);
    await s.waitFor((t) => t.includes('Lesson done in'), 60_000);
    s.press(KEYS.enter);
    const done = await s.waitFor((t) => /wrong moves 1 · questions 1\/1 · score 90/.test(t));
    expect(done).toContain('Lesson done in');
    s.press('q');
    expect(await s.exited()).toBe(0);
  }, 240_000);

  it('learn lists both lessons done with the best score', () => {
    const out = execFileSync(process.execPath, [CLI, 'learn'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(out).toMatch(/oom\s+The 3 AM page: out of memory\s+done · best 90\/100/);
    expect(out).toMatch(/status-checks-101\s+Status checks 101\s+done · best 90\/100/);
  });

  it('a lesson left before its end: learn says started; a corrupt progress file is said and kept aside', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'lessons-e2e-fresh-'));
    const dir = join(fresh, 'ec2-triage');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('sh', ['-c', `printf '{"lessons": ' > ${join(dir, 'lessons.json')}`]);
    const list = (): { out: string; err: string } => {
      const r = spawnSync(process.execPath, [CLI, 'learn'], { env: { ...process.env, XDG_CONFIG_HOME: fresh }, encoding: 'utf8' });
      return { out: r.stdout, err: r.stderr };
    };
    const first = list();
    expect(first.err).toMatch(/^ec2-triage: lesson progress .*lessons\.json was unreadable .*kept it as .*lessons\.json\.corrupt-\d{8}T\d{6}.*\n$/);
    expect(first.out).toMatch(/oom\s+The 3 AM page: out of memory\s+not started/);
    const s = (session = spawnCli(['learn', 'oom', '--port', '0'], { columns: 80, rows: 24, env: { XDG_CONFIG_HOME: fresh } }));
    await s.waitFor((t) => t.includes('Task 1/8'), 20_000);
    s.press('q');
    expect(await s.exited()).toBe(0);
    const second = list();
    expect(second.err).toBe('');
    expect(second.out).toMatch(/oom\s+The 3 AM page: out of memory\s+started \(1 run\)/);
    rmSync(fresh, { recursive: true, force: true });
  }, 60_000);

  it('an unknown lesson: one line with the known ones, exit 2', () => {
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [CLI, 'learn', 'nope'], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr.trim()).toBe(`ec2-triage: unknown lesson "nope" (known: ${LESSONS.map((l) => l.id).join(', ')})`);
    expect(LESSONS.map((l) => l.id)).toEqual(expect.arrayContaining(['oom', 'status-checks-101', 'ssh-blocked', 'no-public-ip']));
    const noDemo = spawnSync(process.execPath, [CLI, '--lesson', 'oom'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(noDemo.status).toBe(2);
    expect(noDemo.stderr.trim()).toBe('ec2-triage: --lesson runs on the training fleet: add --demo (or use `ec2-triage learn NAME`)');
  });
});
