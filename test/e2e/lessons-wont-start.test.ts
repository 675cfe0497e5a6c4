// A scripted trainee completes "The instance won't start" one right way in a real pty on the training fleet (×60):
// t, the raw JSON's StateReason, the runbook the triage walked, the triage's start as another type, the question.
import { afterEach, describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty.js';
import { answer, progressIs, readMessages, recordOf, runFirstFix, startLesson, onMlServer } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson wont-start', () => {
  it('triage → the DescribeInstances JSON → runbook → start as c5.large → answer: done, and recorded', async () => {
    const { s, progressFile } = startLesson('wont-start');
    session = s;
    await onMlServer(s, 6);
    s.press('t');
    expect(await progressIs(s, 2, 6)).toMatch(/InsufficientInstanceCapacity/);
    await readMessages(s);
    s.press('y');
    await s.waitFor((t) => t.includes('"Instances"'), 15_000);
    // The triage walked the Won't start runbook its diagnosis points to: that task is met right after this one.
    await progressIs(s, 4, 6);
    s.press('q');
    await s.waitFor((t) => !t.includes('"Instances"'));
    await readMessages(s);
    await runFirstFix(s, 'Start it as c5.large instead', 'pettracker-ml-server');
    await progressIs(s, 5, 6, 40_000);
    expect(await answer(s, 'Delete unused EBS volumes', 'd')).toContain('✔ Right');
    expect(await s.waitFor((t) => t.includes('Lesson done'), 20_000)).toMatch(/wrong moves 0/);
    expect(recordOf(progressFile, 'wont-start')).toMatchObject({ isDone: true });
  }, 180_000);
});
