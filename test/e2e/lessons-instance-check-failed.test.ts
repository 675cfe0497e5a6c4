// A scripted trainee completes "Instance status check failed" one right way in a real pty on the training fleet
// (×60): t, the 3 h range, the console at the panic line, the triage's reboot, the recommended alarms, the question.
import { afterEach, describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty.js';
import { addRecommendedAlarms, answer, progressIs, readMessages, recordOf, runFirstFix, startLesson } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson instance-check-failed', () => {
  it('triage → 3 h → console at the panic → reboot → status-check alarm → answer: done, and recorded', async () => {
    const { s, progressFile } = startLesson('instance-check-failed');
    session = s;
    await progressIs(s, 1, 7);
    await readMessages(s);
    s.press('t');
    expect(await progressIs(s, 2, 7)).toMatch(/kernel panic/i);
    s.press(']');
    await progressIs(s, 3, 7);
    s.press('l');
    await s.waitFor((t) => t.includes('end Kernel panic'), 15_000);
    // The newest line closes the trace; the panic itself is two lines above it.
    s.press('G');
    s.press('k');
    s.press('k');
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    await readMessages(s);
    await runFirstFix(s, 'Reboot the instance', undefined);
    await progressIs(s, 5, 7, 30_000);
    await readMessages(s);
    await addRecommendedAlarms(s);
    await progressIs(s, 6, 7, 20_000);
    expect(await answer(s, 'Stop and start the instance to get new hardware', 'c')).toContain('✔ Right');
    expect(await s.waitFor((t) => t.includes('Lesson done'), 20_000)).toMatch(/questions 1\/1/);
    expect(recordOf(progressFile, 'instance-check-failed')).toMatchObject({ isDone: true });
  }, 180_000);
});
