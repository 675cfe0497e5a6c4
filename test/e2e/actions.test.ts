// The write path as a person uses it, in a real pseudo-terminal on the training fleet (×60: fleet minutes pass in
// real seconds): each fix from the diagnosis to the healthy instance, previewed and confirmed; the alarms; a denied
// permission in words.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

const ML = 'i-1234567890abcdef0';
const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

/** The demo on `scenario`, with pettracker-ml-server selected. */
async function onMlServer(scenario: string, extra: string[] = [], cwd?: string): Promise<PtySession> {
  const s = spawnCli(['--demo', '--scenario', scenario, '--speed', '60', ...extra], { columns: 130, rows: 45, ...(cwd === undefined ? {} : { cwd }) });
  session = s;
  await s.waitFor((t) => t.includes('pettracker-ml-server'));
  s.press('/ml-server');
  s.press(KEYS.enter);
  await s.waitFor((t) => /Status\s+pettracker-ml-server/.test(t) && t.includes('1 of 9'));
  return s;
}

/** t, then a: the menu leads with the fixes of the triage just run (the first preselected). */
async function triageThenMenu(s: PtySession, name: string): Promise<{ triage: string; menu: string }> {
  s.press('t');
  const triage = await s.waitFor((t) => new RegExp(`Triage\\]?\\s+${name} · done`).test(t), 20_000);
  s.press('a');
  return { triage, menu: await s.waitFor((t) => t.includes(`Actions for ${name}`)) };
}

/** From an open preview: type the confirmation (or move to Run), press Enter, wait until done. */
async function confirmAndRun(s: PtySession, typed: string | undefined): Promise<string> {
  if (typed !== undefined) {
    // The exact text is the consent: it focuses Run.
    s.press(typed);
    await s.waitFor((t) => t.includes(`to confirm: ${typed}`) && t.includes('[> Run <]'));
  } else {
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('[> Run <]'));
  }
  s.press(KEYS.enter);
  return s.waitFor((t) => t.includes('✔ Done in') || t.includes('Action failed'), 60_000);
}

describe('fix from the TUI on the training fleet', () => {
  it('OOM → resize to the recommended c5.xlarge, previewed and typed-confirmed → the next triage is healthy; the report has it all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-act-'));
    const s = await onMlServer('oom', ['--report', join(dir, 'incident.md')]);
    // The demo opens at the page: the OOM kill happened minutes ago, and the first triage finds it.
    const opened = await triageThenMenu(s, 'pettracker-ml-server');
    expect(opened.triage).toMatch(/Out of memory/);
    let text = opened.menu;
    // The menu's first entry is the diagnosis's first fix, and Enter previews that very plan.
    expect(text).toMatch(/› 1\. Resize c5\.large → c5\.xlarge — first fix of the diagnosis/);
    expect(text).toMatch(/Start — unavailable: the instance is running/);
    s.press(KEYS.enter);

    text = flat(await s.waitFor((t) => t.includes('Preview: nothing has been sent') && t.includes('DryRun:')));
    expect(text).toContain('c5.large 2 vCPU 4 GiB → c5.xlarge 4 vCPU 8 GiB');
    expect(text).toContain(`ec2:ModifyInstanceAttribute {"InstanceId":"${ML}","InstanceType":{"Value":"c5.xlarge"}}`);
    // The command names the target: the training fleet's commands go to `ec2-triage sim` on its port.
    expect(text).toContain(`$ aws ec2 modify-instance-attribute --instance-id ${ML} --instance-type c5.xlarge --region us-east-1 --endpoint-url http://127.0.0.1:4566`);
    expect(text).toContain('✔ DryRun: you may call ec2:StopInstances, ec2:ModifyInstanceAttribute, ec2:StartInstances');
    // Cancel is focused; Run stays refused until the id or Name is typed.
    expect(text).toMatch(/\[> Cancel <\] \[ Run — type i-1234567890abcdef0 or pettracker-ml-server to confirm \]/);
    s.press(KEYS.tab);
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('Not sent: type i-1234567890abcdef0 or pettracker-ml-server to confirm'));
    s.press(KEYS.tab); // back to Cancel: typing the confirmation focuses Run itself

    text = await confirmAndRun(s, 'pettracker-ml-server');
    expect(text).toMatch(/✔ StopInstances/);
    expect(text).toMatch(/✔ wait until stopped/);
    expect(text).toMatch(/✔ ModifyInstanceAttribute InstanceType=c5\.xlarge/);
    expect(text).toMatch(/✔ wait until both status checks pass/);
    expect(text).toMatch(/Instance now: running · c5\.xlarge/);
    s.press(KEYS.enter);
    await s.waitFor((t) => /pettracker-ml-server\s+running/.test(t) && !t.includes('Action done'));

    // Right after the fix the window holds little: a 5-minute datapoint from after the restart may not exist yet.
    // A fleet minute passes each real second; triage again until the verdict is in.
    for (let attempt = 0; ; attempt += 1) {
      s.press('t');
      text = flat(await s.waitFor((t) => t.includes('Since the fix') && /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000));
      if (/No problem found/.test(text) || attempt === 6) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    expect(text).toMatch(/No problem found/);
    expect(text).toContain('Resize pettracker-ml-server');
    // The last `t` may still be running (the screen above can be the previous run's): export once it is done.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      s.press('e');
      const after = await s.waitFor((t) => t.includes('Report written to') || t.includes('Nothing to export yet'));
      if (after.includes('Report written to')) break;
      await s.waitFor((t) => !t.includes('Nothing to export yet') && /Triage\]?\s+pettracker-ml-server · done/.test(t), 20_000);
    }
    const report = readFileSync(join(dir, 'incident.md'), 'utf8');
    expect(report).toMatch(/\*\*Out of memory/);
    expect(report).toContain('## Actions taken');
    expect(report).toMatch(/### Resize pettracker-ml-server \(i-1234567890abcdef0\) to c5\.xlarge: succeeded/);
    expect(report).toMatch(/- \*\*Who:\*\* .+@.+ \(training fleet\)/);
    expect(report).toContain('## After the fix');
    expect(report).toMatch(/\*\*healthy\*\*/);
    expect(report).toMatch(/\| action \| confirmed: Resize/);
  }, 120_000);

  it('system check failed → stop and start (the diagnosis\'s first fix) → both checks pass', async () => {
    const s = await onMlServer('system-check-failed');
    await s.waitFor((t) => /System check\s+impaired/.test(t));
    expect((await triageThenMenu(s, 'pettracker-ml-server')).menu).toMatch(/› 1\. Stop and start the instance \(not reboot\) — first fix of the diagnosis/);
    s.press(KEYS.enter);
    const preview = flat(await s.waitFor((t) => t.includes('DryRun:')));
    expect(preview).toContain(`$ aws ec2 stop-instances --instance-ids ${ML} --region us-east-1`);
    expect(preview).toContain(`$ aws ec2 wait instance-status-ok --instance-ids ${ML} --region us-east-1`);
    const done = await confirmAndRun(s, ML);
    expect(done).toMatch(/✔ Done in/);
    s.press(KEYS.escape);
    await s.waitFor((t) => /System check\s+ok/.test(t) && /Instance check\s+ok/.test(t), 20_000);
  }, 90_000);

  it('instance check failed → reboot (no typed confirmation: it does not stop the instance) → the instance check passes', async () => {
    const s = await onMlServer('instance-check-failed');
    await s.waitFor((t) => /Instance check\s+impaired/.test(t));
    expect((await triageThenMenu(s, 'pettracker-ml-server')).menu).toMatch(/› 1\. Reboot the instance — first fix of the diagnosis/);
    s.press(KEYS.enter);
    const preview = flat(await s.waitFor((t) => t.includes('DryRun:')));
    expect(preview).toContain(`1. ec2:RebootInstances {"InstanceIds":["${ML}"]}`);
    expect(preview).not.toContain('to confirm:');
    expect(await confirmAndRun(s, undefined)).toMatch(/✔ RebootInstances/);
    s.press(KEYS.escape);
    await s.waitFor((t) => /Instance check\s+ok/.test(t), 30_000);
  }, 90_000);

  it('start: a stopped instance starts; a start AWS refuses for capacity is said in words with the runbook advice', async () => {
    const s = spawnCli(['--demo', '--speed', '60'], { columns: 130, rows: 45 });
    session = s;
    await s.waitFor((t) => t.includes('pettracker-staging-api'));
    s.press('/staging');
    s.press(KEYS.enter);
    await s.waitFor((t) => /Status\s+pettracker-staging-api/.test(t) && t.includes('1 of 9'));
    expect((await triageThenMenu(s, 'pettracker-staging-api')).menu).toMatch(/› 1\. Start the instance — first fix of the diagnosis/);
    s.press(KEYS.enter);
    const preview = flat(await s.waitFor((t) => t.includes('DryRun:')));
    expect(preview).toMatch(/\$ aws ec2 start-instances --instance-ids i-[0-9a-f]+ --region us-east-1/);
    expect(await confirmAndRun(s, undefined)).toMatch(/✔ wait until both status checks pass/);
    s.press(KEYS.enter);
    await s.waitFor((t) => /pettracker-staging-api\s+running/.test(t), 15_000);
    s.kill();

    const w = await onMlServer('wont-start');
    const menu = (await triageThenMenu(w, 'pettracker-ml-server')).menu;
    // Another type is the fix that works now; the plain retry is the second entry, picked by its number.
    expect(menu).toMatch(/› 1\. Start it as c5\.large instead — first fix of the diagnosis/);
    expect(menu).toMatch(/2\. Try the start again in a few minutes — triage/);
    w.press('2');
    await w.waitFor((t) => t.includes('DryRun:'));
    const failed = flat(await confirmAndRun(w, undefined));
    expect(failed).toContain('Action failed');
    expect(failed).toMatch(/✘ AWS has no capacity for c5\.\w+ in us-east-1a right now\./);
    expect(failed).toContain('Try the start again in a few minutes');
    expect(failed).toContain('Nothing was retried.');
  }, 90_000);

  it('alarms: the view shows the gaps; the recommended set is previewed with its commands, created, and the CPU alarm fires during the OOM', async () => {
    // Watched live: the CPU is still at 100% before the kill, so the CPU alarm fires once created.
    const s = await onMlServer('oom', ['--live']);
    s.press('A');
    let text = flat(await s.waitFor((t) => t.includes('Coverage')));
    expect(text).toContain('No alarm names this instance.');
    expect(text).toContain('▲ No status-check alarm');
    expect(text).toContain('▲ No auto-recover alarm');
    expect(text).toContain('▲ No CPU alarm');
    s.press('n');
    await s.waitFor((t) => t.includes('SNS topic ARN:'));
    s.press('arn:aws:sns:us-east-1:123456789012:pettracker-alerts');
    s.press(KEYS.enter);
    text = flat(await s.waitFor((t) => t.includes('Add recommended alarms for pettracker-ml-server') && t.includes('PutMetricAlarm has no DryRun')));
    expect(text).toContain('create pettracker-ml-server-high-cpu: CPUUtilization Average GreaterThanThreshold 80 over 2 × 300 s → arn:aws:sns:us-east-1:123456789012:pettracker-alerts');
    expect(text).toContain('create pettracker-ml-server-auto-recover: StatusCheckFailed_System Maximum GreaterThanOrEqualToThreshold 1 over 2 × 60 s → arn:aws:automate:us-east-1:ec2:recover');
    expect(text).toContain('$ aws cloudwatch put-metric-alarm --alarm-name pettracker-ml-server-high-cpu');
    expect(await confirmAndRun(s, undefined)).toMatch(/✔ PutMetricAlarm pettracker-ml-server-memory \(create\)/);
    // Enter closes a finished action (Esc then A at once would reach the app as Alt-A, as in any terminal).
    s.press(KEYS.enter);
    await s.waitFor((t) => !t.includes('Action done'));
    s.press('A');
    text = flat(await s.waitFor((t) => t.includes('✔ Status check, auto-recover, CPU and (with the agent) memory alarms are in place.')));
    expect(text).toMatch(/ALARM pettracker-ml-server-high-cpu · CPUUtilization > 80 \(Average, 2 × 300 s\)/);
    expect(text).toContain('actions: arn:aws:sns:us-east-1:123456789012:pettracker-alerts');
    // Adding again updates the same names instead of duplicating them.
    s.press('n');
    await s.waitFor((t) => t.includes('SNS topic ARN:'));
    s.press(KEYS.enter);
    text = flat(await s.waitFor((t) => t.includes('Add recommended alarms for')));
    expect(text).toContain('update pettracker-ml-server-high-cpu');
    s.press(KEYS.escape);
    await s.waitFor((t) => t.includes('Cancelled: nothing was sent'));
  }, 90_000);

  it('a missing permission is found by DryRun and said in words; Run stays refused', async () => {
    const s = await onMlServer('system-check-failed', ['--deny', 'ec2:StopInstances']);
    expect((await triageThenMenu(s, 'pettracker-ml-server')).menu).toContain('Stop and start');
    s.press(KEYS.enter);
    const text = flat(await s.waitFor((t) => t.includes('✘ You lack')));
    expect(text).toContain('✘ You lack ec2:StopInstances: your IAM identity may not call it on this instance.');
    s.press(ML);
    await s.waitFor((t) => t.includes('[> Run — You lack'));
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes('Not sent: You lack ec2:StopInstances'));
    s.press(KEYS.escape);
    await s.waitFor((t) => /System check\s+impaired/.test(t));
  }, 60_000);

  it('the agent view explains missing memory metrics (recommended in the menu) and w saves the install script', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-agent-'));
    const s = spawnCli(['--demo'], { columns: 130, rows: 45, cwd: dir });
    session = s;
    await s.waitFor((t) => t.includes('pettracker-worker-1'));
    s.press('/worker-1');
    s.press(KEYS.enter);
    // The metrics pane has noticed the agent is silent before the menu can recommend the agent config.
    await s.waitFor((t) => /Status\s+pettracker-worker-1/.test(t) && t.includes('CloudWatch Agent not reporting'));
    // The triage recommends the agent; its menu entry opens the view that shows (and saves) the same commands.
    expect((await triageThenMenu(s, 'pettracker-worker-1')).menu).toMatch(/› 1\. Install the CloudWatch Agent \(memory and disk metrics\) \(shows the config; w saves it\) — first fix/);
    s.press(KEYS.enter);
    const top = flat(await s.waitFor((t) => t.includes('No CloudWatch Agent metrics')));
    expect(top).toContain('No CloudWatch Agent metrics (CWAgent mem_used_percent, disk_used_percent) for this instance.');
    s.press(KEYS.pageDown);
    const bottom = flat(await s.waitFor((t) => t.includes('amazon-cloudwatch-agent-ctl')));
    const text = `${top} ${bottom}`;
    expect(text).toContain('"log_group_name": "/pettracker/ec2/system"');
    expect(text).toContain('"log_group_name": "/pettracker/worker-1"');
    s.press('w');
    const saved = await s.waitFor((t) => t.includes('Agent script written to'));
    const id = /cloudwatch-agent-(i-[0-9a-f]+)\.sh/.exec(saved)?.[1] ?? '';
    expect(readFileSync(join(dir, `cloudwatch-agent-${id}.sh`), 'utf8')).toContain('"mem_used_percent"');
  }, 60_000);
});
