// A scripted trainee works through "Can't SSH: the security group" in a real pty on the training fleet (×60): the
// ML server, t (which walks the Can't SSH runbook), the security group rules in describe, the system log, then the
// fix as a trainee does it: the `aws ec2 authorize-security-group-ingress … --cidr 203.0.113.7/32` the triage
// prints, run as it is in a shell against the port `learn --port 0` serves the lesson's fleet on; then the question.
import { afterEach, describe, expect, it } from 'vitest';
import { TRAINING_CALLER_CIDR } from '../../source/domain/target.js';
import { KEYS, type PtySession } from '../helpers/pty.js';
import { answer, printedCommands, progressIs, readMessages, recordOf, runInShell, saveReport, servedPortIn, startServedLesson, onMlServer } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson ssh-blocked', () => {
  it('select → triage (and its runbook) → describe → the system log → the printed fix run in a shell → the question', async () => {
    const { s, reportFile, progressFile } = startServedLesson('ssh-blocked');
    session = s;
    await onMlServer(s, 7);
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
    await s.waitFor((t) => t.includes('Task 6/7: Fix it: allow SSH from your address only'));
    // The trainee's shell: the command as the report (and the triage pane) prints it, against the served port.
    const report = await saveReport(s, reportFile);
    const port = servedPortIn(report);
    expect(port).toBeGreaterThan(0);
    const fix = printedCommands(report, /Allow SSH \(TCP 22\) from 203\.0\.113\.7\/32/);
    expect(fix).toMatch(new RegExp(`^aws ec2 authorize-security-group-ingress --group-id sg-\\w+ --protocol tcp --port 22 --cidr ${TRAINING_CALLER_CIDR.replace(/\./g, '\\.')} --region us-east-1 --endpoint-url http://127\\.0\\.0\\.1:${port}$`));
    await runInShell(fix);
    await progressIs(s, 6, 7);
    expect(await answer(s, 'Allow TCP 22 from 0.0.0.0/0', 'b')).toContain('✔ Right');
    await s.waitFor((t) => t.includes('Lesson done in'), 30_000);
    s.press('q');
    await s.exited(10_000);
    expect(recordOf(progressFile, 'ssh-blocked')).toMatchObject({ isDone: true });
  }, 180_000);
});
