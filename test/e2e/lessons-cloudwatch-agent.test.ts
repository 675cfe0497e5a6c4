// A scripted trainee completes "The CloudWatch Agent" one right way in a real pty on the healthy training fleet
// (×60): the ML server, a healthy triage, the 3 h charts, the agent config the app writes, the memory alarm (added
// with the recommended set), and the two questions.
import { afterEach, describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty.js';
import { addRecommendedAlarms, answer, progressIs, readMessages, recordOf, startLesson, onMlServer } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson cloudwatch-agent', () => {
  it('select → healthy triage → 3 h → agent config → memory alarm → two answers: done, and recorded', async () => {
    const { s, progressFile } = startLesson('cloudwatch-agent');
    session = s;
    await onMlServer(s, 7);
    s.press('t');
    expect(await progressIs(s, 2, 7)).toMatch(/No problem found/);
    s.press(']');
    await progressIs(s, 3, 7);
    await readMessages(s);
    s.press('a');
    const menu = await s.waitFor((t) => /(\d)\. [^\n]*[Aa]gent/.test(t), 10_000);
    s.press(/(\d)\. [^\n]*[Aa]gent/.exec(menu)?.[1] ?? '');
    await s.waitFor((t) => t.includes('mem_used_percent') && t.includes('disk_used_percent'), 10_000);
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('disk_used_percent'));
    await readMessages(s);
    await addRecommendedAlarms(s);
    await progressIs(s, 5, 7, 20_000);
    expect(await answer(s, 'Enable detailed monitoring', 'b')).toContain('✔ Right');
    await progressIs(s, 6, 7);
    expect(await answer(s, 'Memory used and swap', 'c')).toContain('✔ Right');
    expect(await s.waitFor((t) => t.includes('Lesson done'), 20_000)).toMatch(/questions 2\/2/);
    expect(recordOf(progressFile, 'cloudwatch-agent')).toMatchObject({ isDone: true });
  }, 180_000);
});
