// A scripted trainee completes "System status check failed" one right way in a real pty on the training fleet
// (×60): the instance (selected by the problems-first list), t, the 3 h range, the console at the ENA error, the
// triage's stop and start, the recommended alarms (auto-recover among them), the question. The progress file keeps it.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { addRecommendedAlarms, answer, progressIs, readMessages, recordOf, runFirstFix, startLesson } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson system-check-failed', () => {
  it('find → triage → 3 h → console → stop and start → auto-recover → answer: done, and recorded', async () => {
    const { s, progressFile } = startLesson('system-check-failed');
    session = s;
    // Problems first: the impaired ML server is selected from the start, so the first task is met at once.
    let text = await progressIs(s, 1, 7);
    expect(text).toContain('Why it mattered');
    await readMessages(s);
    s.press('t');
    text = await progressIs(s, 2, 7, 30_000);
    expect(text).toMatch(/System status check failed/);
    s.press(']');
    await progressIs(s, 3, 7);
    s.press('l');
    await s.waitFor((t) => t.includes('ena 0000:00:05.0'), 15_000);
    s.press('G');
    await progressIs(s, 4, 7);
    // q closes the log view (Esc followed at once by another key would reach the app as Alt-key).
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    await readMessages(s);
    await runFirstFix(s, 'Stop and start the instance (not reboot)', 'pettracker-ml-server');
    // The observer reads the fleet every 3 s: running with both checks ok on the new host.
    await progressIs(s, 5, 7, 30_000);
    await readMessages(s);
    await addRecommendedAlarms(s);
    await progressIs(s, 6, 7, 20_000);
    text = await answer(s, 'Reboot the instance', 'b');
    expect(text).toContain('✔ Right');
    text = await s.waitFor((t) => t.includes('Lesson done'), 20_000);
    expect(text).toMatch(/wrong moves 0/);
    expect(text).toMatch(/questions 1\/1/);
    expect(recordOf(progressFile, 'system-check-failed')).toMatchObject({ isDone: true, runs: 1 });
  }, 180_000);

  it('a reboot is a wrong move: the panel says why, the check stays failed, and the stop and start still completes the task', async () => {
    const { s } = startLesson('system-check-failed');
    session = s;
    await progressIs(s, 1, 7);
    await readMessages(s);
    s.press('t');
    await progressIs(s, 2, 7);
    s.press(']');
    await progressIs(s, 3, 7);
    s.press('l');
    await s.waitFor((t) => t.includes('ena 0000:00:05.0'), 15_000);
    s.press('G');
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    await readMessages(s);
    s.press('a');
    const menu = await s.waitFor((t) => /(\d)\. Reboot/.test(t), 10_000);
    s.press(/(\d)\. Reboot/.exec(menu)?.[1] ?? '');
    await s.waitFor((t) => t.includes('✔ DryRun'), 15_000);
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('[> Run <]'));
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('✔ Done in'), 60_000);
    s.press(KEYS.enter);
    const said = await s.waitFor((t) => t.includes('✘ Wrong move'), 20_000);
    expect(said.replace(/\s+/g, ' ')).toContain('A reboot stays on the same failed host');
    expect(said).toContain('· 4/7 ');
    await readMessages(s);
    await runFirstFix(s, 'Stop and start the instance (not reboot)', 'pettracker-ml-server');
    await progressIs(s, 5, 7, 30_000);
  }, 180_000);
});
