// A scripted trainee works through "Can't SSH: no public IP" in a real pty on the training fleet (×60): t, the
// subnet and addresses in describe, the runbook the triage walked, then the fixes as a trainee does them: the
// Elastic IP, the route to the internet gateway and the network ACL entry the triage prints, each run as it is in
// a shell against the port `learn --port 0` serves the lesson's fleet on; then the question.
import { afterEach, describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty.js';
import { answer, printedCommands, progressIs, readMessages, recordOf, reportWhen, runInShell, saveReport, servedPortIn, startServedLesson, onMlServer } from './lesson-steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('lesson no-public-ip', () => {
  it('triage → describe → the runbook → the printed Elastic IP, route and ACL entry run in a shell → the question', async () => {
    const { s, reportFile, progressFile } = startServedLesson('no-public-ip');
    session = s;
    await onMlServer(s, 7);
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
    await s.waitFor((t) => t.includes('Task 5/7: Give the instance a public address'));
    // The trainee's shell: the commands as the report (and the triage pane) prints them, against the served port.
    const report = await saveReport(s, reportFile);
    const port = servedPortIn(report);
    const served = `--endpoint-url http://127.0.0.1:${port}`;
    const eip = printedCommands(report, /Give the instance an Elastic IP/);
    expect(eip).toContain('ALLOC_ID=$(aws ec2 allocate-address --domain vpc');
    expect(eip.split('\n').every((line) => line.includes(served))).toBe(true);
    await runInShell(eip);
    await progressIs(s, 5, 7);
    await readMessages(s);
    const route = printedCommands(report, /Route 0\.0\.0\.0\/0 to igw-/);
    expect(route).toMatch(/^aws ec2 replace-route --route-table-id rtb-\w+ --destination-cidr-block 0\.0\.0\.0\/0 --gateway-id igw-\w+ /);
    await runInShell(route);
    // Past the route, the next break: the triage again, and the ACL entry it prints for the trainee's address.
    await readMessages(s);
    s.press('t');
    const again = await reportWhen(s, reportFile, (r) => /### \d+\. Allow SSH through network ACL/.test(r));
    expect(again).not.toMatch(/### \d+\. Route 0\.0\.0\.0\/0 to igw-/);
    const acl = printedCommands(again, /Allow SSH through network ACL acl-\w+/);
    expect(acl).toContain('--cidr-block 203.0.113.7/32');
    expect(acl).toContain(served);
    await runInShell(acl);
    await progressIs(s, 6, 7);
    expect(await answer(s, 'Whether sshd is running', 'c')).toContain('✔ Right');
    await s.waitFor((t) => t.includes('Lesson done in'), 30_000);
    s.press('q');
    await s.exited(10_000);
    expect(recordOf(progressFile, 'no-public-ip')).toMatchObject({ isDone: true });
  }, 180_000);
});
