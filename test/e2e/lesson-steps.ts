// Steps a scripted trainee takes in the lesson e2e files (lessons-<id>.test.ts): start a lesson in a pty with its
// own config dir, wait for the panel's progress, read the messages away, answer a question, run a fix from the
// actions menu, add the recommended alarms.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

export interface LessonSession {
  readonly s: PtySession;
  /** The lesson progress file of this run's own config dir. */
  readonly progressFile: string;
}

/**
 * `learn ID --speed 60 --port 0 [extra…]` at 110×40 with a fresh XDG config dir. Any free port: learn serves its
 * fleet, and lessons run in parallel (4566 would be taken by the first).
 */
export function startLesson(id: string, extra: readonly string[] = []): LessonSession {
  const config = mkdtempSync(join(tmpdir(), 'ec2-triage-lesson-'));
  const s = spawnCli(['learn', id, '--speed', '60', '--port', '0', ...extra], { columns: 110, rows: 40, env: { XDG_CONFIG_HOME: config } });
  return { s, progressFile: join(config, 'ec2-triage', 'lessons.json') };
}

/** A lesson whose fleet is served on any free port, the reports `e` saves going to one file: the trainee's shell. */
export function startServedLesson(id: string): LessonSession & { readonly reportFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-lesson-report-'));
  const reportFile = join(dir, 'report.md');
  return { ...startLesson(id, ['--report', reportFile]), reportFile };
}

/** The port of the lesson's fleet as the report's training-fleet note names it (never assumed: tests run in parallel). */
export function servedPortIn(report: string): number {
  const port = /this lesson's fleet at http:\/\/127\.0\.0\.1:(\d+) while ec2-triage runs/.exec(report)?.[1];
  if (port === undefined) throw new Error(`no served port in the report:\n${report.slice(0, 2000)}`);
  return Number(port);
}

/** `e` (after the last triage is done): the report, read back from the file (removed first: `e` never overwrites). */
export async function saveReport(s: PtySession, reportFile: string): Promise<string> {
  rmSync(reportFile, { force: true });
  // The footer's "Report written to" may still be there from the last save: the file itself says it was written.
  for (let attempt = 0; attempt < 5 && !existsSync(reportFile); attempt += 1) {
    s.press('e');
    for (let i = 0; i < 40 && !existsSync(reportFile); i += 1) await new Promise((r) => setTimeout(r, 100));
  }
  return readFileSync(reportFile, 'utf8');
}

/** `e` again until the report (of the triage last run) says what `isReady` waits for: a triage in flight finishes. */
export async function reportWhen(s: PtySession, reportFile: string, isReady: (report: string) => boolean): Promise<string> {
  let report = '';
  for (let attempt = 0; attempt < 15; attempt += 1) {
    report = await saveReport(s, reportFile);
    if (isReady(report)) return report;
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`the report never got there:\n${report}`);
}

/** The commands of the report's recommendation titled `title` (its `sh` fence), as printed. */
export function printedCommands(report: string, title: RegExp): string {
  const at = report.search(new RegExp(`### \\d+\\. ${title.source}`));
  if (at < 0) throw new Error(`no recommendation ${title.source} in the report:\n${report}`);
  const fence = /```sh\n([\s\S]*?)\n```/.exec(report.slice(at));
  if (fence?.[1] === undefined) throw new Error(`no commands under ${title.source}`);
  return fence[1];
}

const sh = promisify(execFile);

/** Runs printed commands in a shell with the training fleet's test credentials, as the trainee would paste them. */
export async function runInShell(commands: string): Promise<string> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
  const { stdout } = await sh('sh', ['-ec', commands], { env });
  return stdout;
}

/** The panel's rule says `done/total` tasks met. */
/** The fleet is on screen: pettracker-ml-server selected (filtered to), the lesson at step 1 of `total`, its first messages read. */
export async function onMlServer(s: PtySession, total: number): Promise<void> {
  await s.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
  s.press('/ml-server');
  s.press(KEYS.enter);
  await progressIs(s, 1, total);
  await readMessages(s);
}

export async function progressIs(s: PtySession, done: number, total: number, timeoutMs = 30_000): Promise<string> {
  return s.waitFor((t) => t.includes(`· ${done}/${total} `), timeoutMs);
}

/** x until no message has the floor (whys and answers wait for it or for their time to pass). */
export async function readMessages(s: PtySession): Promise<string> {
  for (let i = 0; i < 12; i++) {
    const text = s.text();
    if (!text.includes('x: back to the lesson')) return text;
    s.press('x');
    await s.waitFor((t) => t !== text, 5_000).catch(() => undefined);
  }
  return s.text();
}

/** With the question on the panel (its choice `a) …` shown), answers `choice` and waits for the verdict. */
export async function answer(s: PtySession, firstChoice: string, choice: 'a' | 'b' | 'c' | 'd'): Promise<string> {
  await readMessages(s);
  await s.waitFor((t) => t.includes(`a) ${firstChoice}`), 20_000);
  s.press(choice);
  return s.waitFor((t) => /✔ Right|✘ Not quite/.test(t), 10_000);
}

/** From the triage just run: `a`, Enter on the preselected recommendation, confirm (typed or Tab), run, close. */
export async function runFirstFix(s: PtySession, title: string, typed: string | undefined): Promise<string> {
  s.press('a');
  await s.waitFor((t) => t.includes(title), 10_000);
  s.press(KEYS.enter);
  await s.waitFor((t) => t.includes('[ Cancel ]') || t.includes('[> Cancel <]'), 15_000);
  await s.waitFor((t) => t.includes('✔ DryRun') || t.includes('no DryRun'), 15_000);
  if (typed !== undefined) s.press(typed);
  else s.press(KEYS.tab);
  await s.waitFor((t) => t.includes('[> Run <]'));
  s.press(KEYS.enter);
  const done = await s.waitFor((t) => t.includes('✔ Done in') || t.includes('Action failed'), 90_000);
  s.press(KEYS.enter);
  await s.waitFor((t) => !t.includes('✔ Done in'));
  return done;
}

/** `a`, the menu entry whose line matches `entry` by its number, confirm (typed or Tab), run, close. */
export async function runMenuEntry(s: PtySession, entry: RegExp, typed: string | undefined): Promise<string> {
  s.press('a');
  const numbered = new RegExp(`(\\d)\\. ${entry.source}`);
  const menu = await s.waitFor((t) => numbered.test(t), 10_000);
  s.press(numbered.exec(menu)?.[1] ?? '');
  await s.waitFor((t) => t.includes('✔ DryRun') || t.includes('no DryRun'), 15_000);
  if (typed !== undefined) s.press(typed);
  else s.press(KEYS.tab);
  await s.waitFor((t) => t.includes('[> Run <]'));
  s.press(KEYS.enter);
  const done = await s.waitFor((t) => t.includes('✔ Done in') || t.includes('Action failed'), 90_000);
  s.press(KEYS.enter);
  await s.waitFor((t) => !t.includes('✔ Done in'));
  return done;
}

/** `A`, `n`, no SNS topic, Tab to Run, Enter: the recommended alarms, then the dialog closed. */
export async function addRecommendedAlarms(s: PtySession): Promise<string> {
  s.press('A');
  await s.waitFor((t) => t.includes('Coverage'), 10_000);
  s.press('n');
  await s.waitFor((t) => t.includes('SNS topic ARN:'));
  s.press(KEYS.enter);
  await s.waitFor((t) => t.includes('Add recommended alarms for'), 10_000);
  s.press(KEYS.tab);
  await s.waitFor((t) => t.includes('[> Run <]'));
  s.press(KEYS.enter);
  const done = await s.waitFor((t) => t.includes('✔ Done in') || t.includes('Action failed'), 30_000);
  s.press(KEYS.enter);
  await s.waitFor((t) => !t.includes('✔ Done in'));
  return done;
}

/** The record the lesson kept for `id` in the progress file. */
export function recordOf(progressFile: string, id: string): unknown {
  const book = JSON.parse(readFileSync(progressFile, 'utf8')) as { readonly lessons: Record<string, unknown> };
  return book.lessons[id];
}
