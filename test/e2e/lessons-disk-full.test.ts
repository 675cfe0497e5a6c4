// A scripted trainee works through "Disk full" in a real pty on the training fleet (×60): the ML server, t, the
// 12 h charts, the application log at the first ENOSPC line, the mark on the charts, then the fix, the alarm and
// the agent as questions (the fleet cannot empty a disk, and the app creates no disk alarm).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { answer, onMlServer, progressIs, recordOf, startLesson } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson disk-full', () => {
  it('select → triage → 12 h → the app log at Errno 28 → mark → three questions: done, and recorded', async () => {
    const { s, progressFile } = startLesson('disk-full');
    session = s;
    await onMlServer(s, 8);
    s.press('t');
    expect(await progressIs(s, 2, 8)).toMatch(/Disk full/);
    // One key a read: two at once reach the app as one input.
    s.press(']');
    await s.waitFor((t) => t.includes('· 3h ·'));
    s.press(']');
    await progressIs(s, 3, 8);
    s.press('l');
    await s.waitFor((t) => t.includes('[Logs]'), 15_000);
    // Console output first; Tab twice reaches the application's log group.
    s.press(KEYS.tab);
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('/pettracker/ml-server · '), 15_000);
    // The search goes to the first match: the batch job that failed first.
    s.press('/');
    await s.waitFor((t) => t.includes('Enter keep'));
    s.press('Errno 28');
    s.press(KEYS.enter);
    await progressIs(s, 4, 8);
    expect(s.text()).toMatch(/Batch inference job failed/);
    s.press('m');
    await progressIs(s, 5, 8);
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    const verdict = await answer(s, 'Grow the EBS volume by 50%', 'c');
    expect(verdict).toContain('✔ Right');
    await progressIs(s, 6, 8);
    expect(await answer(s, 'EBSWriteBytes above its daily average', 'c')).toContain('✔ Right');
    await progressIs(s, 7, 8);
    expect(await answer(s, 'Enable detailed monitoring', 'd')).toContain('✔ Right');
    const done = await s.waitFor((t) => t.includes('Lesson done'), 20_000);
    expect(done).toMatch(/questions 3\/3/);
    expect(recordOf(progressFile, 'disk-full')).toMatchObject({ isDone: true });
  }, 180_000);
});
