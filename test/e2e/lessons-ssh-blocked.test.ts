// A scripted trainee works through "Can't SSH: the security group" in a real pty on the training fleet (×60): the
// ML server, t (which walks the Can't SSH runbook), the security group rules in describe, the system log. The fix
// after it is the `aws ec2 authorize-security-group-ingress … /32` the triage prints, and `learn`'s in-process
// fleet has no endpoint for the aws CLI yet: test/lessons/catalog-fixes.test.ts shows that goal met by that rule.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { progressIs, readMessages, startLesson } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson ssh-blocked', () => {
  it('select → triage (and its runbook) → the rules in describe → the system log, up to the fix', async () => {
    const { s } = startLesson('ssh-blocked');
    session = s;
    await s.waitFor((t) => t.includes('pettracker-ml-server'), 20_000);
    s.press('/ml-server');
    s.press(KEYS.enter);
    await progressIs(s, 1, 7);
    await readMessages(s);
    s.press('t');
    // The triage walked the Can't SSH runbook its diagnosis points to: that task is met in the same step.
    expect(await progressIs(s, 3, 7)).toMatch(/SSH blocked by the security group/);
    await readMessages(s);
    s.press('d');
    await s.waitFor((t) => t.includes('pettracker-ml-sg'), 15_000);
    await progressIs(s, 4, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('pettracker-ml-sg'));
    s.press('l');
    await s.waitFor((t) => t.includes('[Logs]'), 15_000);
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('/pettracker/ec2/system · '), 15_000);
    await progressIs(s, 5, 7);
    s.press('q');
    await s.waitFor((t) => !t.includes('[Logs]'));
    await readMessages(s);
    expect(await s.waitFor((t) => t.includes('Task 6/7: Fix it: allow SSH from your address only'))).toBeTruthy();
  }, 180_000);
});
