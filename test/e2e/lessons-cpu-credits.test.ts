// A scripted trainee works through "CPU credits" in a real pty on the training fleet (×60): t, the 24 h charts, a
// log group, the triage's resize to a larger burstable type (the credits goal met through the fleet), then the
// recommended alarms, whose 80% CPU alarm is said as a wrong move on a throttled t3, then the two questions.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { addRecommendedAlarms, answer, progressIs, readMessages, recordOf, runMenuEntry, startLesson, onMlServer } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson cpu-credits', () => {
  it('triage → 24 h → logs → resize to t3.xlarge → a CPU alarm is a wrong move → two questions: done, and recorded', async () => {
    const { s, progressFile } = startLesson('cpu-credits');
    session = s;
    await onMlServer(s, 7);
    s.press('t');
    expect(await progressIs(s, 2, 7)).toMatch(/CPU credits exhausted/);
    for (const range of ['3h', '12h']) {
      s.press(']');
      await s.waitFor((t) => t.includes(`· ${range} ·`));
    }
    s.press(']');
    await progressIs(s, 3, 7);
    s.press('l');
    await s.waitFor((t) => t.includes('[Logs]'), 15_000);
    s.press(KEYS.tab);
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    await readMessages(s);
    await runMenuEntry(s, /Resize t3\.large → t3\.xlarge/, 'pettracker-ml-server');
    // The fleet now says t3.xlarge: more vCPUs than the lesson started with, so more credits an hour.
    await progressIs(s, 5, 7, 30_000);
    await readMessages(s);
    await addRecommendedAlarms(s);
    const said = await s.waitFor((t) => t.includes('✘ Wrong move'), 20_000);
    expect(said.replace(/\s+/g, ' ')).toContain('A high-CPU alarm cannot fire on a throttled t3');
    expect(said).toContain('· 5/7 ');
    expect(await answer(s, 'CPUUtilization above 80% for 10 minutes', 'c')).toContain('✔ Right');
    await progressIs(s, 6, 7);
    expect(await answer(s, 'Stop and start the instance', 'b')).toContain('✔ Right');
    const done = await s.waitFor((t) => t.includes('Lesson done'), 20_000);
    expect(done).toMatch(/wrong moves 1/);
    expect(recordOf(progressFile, 'cpu-credits')).toMatchObject({ isDone: true });
  }, 180_000);
});
