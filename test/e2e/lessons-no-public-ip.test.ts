// A scripted trainee works through "Can't SSH: no public IP" in a real pty on the training fleet (×60): t, the
// subnet and addresses in describe, the runbook the triage walked. The Elastic IP, the route and the ACL entry
// after it are CLI commands learn's in-process fleet cannot take yet (test/lessons/catalog-fixes.test.ts meets them).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { progressIs, readMessages, startLesson } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson no-public-ip', () => {
  it('triage → describe → the runbook, up to the Elastic IP', async () => {
    const { s } = startLesson('no-public-ip');
    session = s;
    await s.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
    s.press('/ml-server');
    s.press(KEYS.enter);
    await progressIs(s, 1, 7);
    await readMessages(s);
    s.press('t');
    expect(await progressIs(s, 2, 7)).toMatch(/No public IP/);
    await readMessages(s);
    s.press('d');
    await s.waitFor((t) => t.includes('EBS volumes'), 15_000);
    // The triage walked the Can't SSH runbook: that task is met in the same step as the describe.
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('EBS volumes'));
    await readMessages(s);
    expect(await s.waitFor((t) => t.includes('Task 5/7: Give the instance a public address'))).toBeTruthy();
  }, 120_000);
});
