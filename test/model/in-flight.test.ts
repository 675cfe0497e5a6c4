// What the app says about an action cut short: the step it reached, what quitting leaves, the command that
// finishes it (the plan's own commands), the exit line and the journal file's text.
import { describe, expect, it } from 'vitest';
import type { ActionRun, StepProgress } from '../../source/model/actions-types.js';
import { exitLine, finishingCommand, journalMarkdown, quitConsequence, quitPrompt } from '../../source/model/in-flight.js';
import { planAlarms, planReboot, planResize, planStopStart, recommendedAlarms, stepLabel, type ActionPlan } from '../../source/triage/write-plan.js';
import { makeInstance } from '../helpers/fake-model.js';

const web = { ...makeInstance(2), name: 'web-2', id: 'i-0000000000000web2', type: 'c5.large' };
const T = Date.UTC(2026, 11, 4, 3, 0, 0);

/** A running run of `plan` with the first `done` steps done and the next one running. */
function runAt(plan: ActionPlan, done: number, live?: ActionRun['live']): ActionRun {
  const steps: StepProgress[] = plan.steps.map((s, i) => ({
    label: stepLabel(s),
    status: i < done ? 'done' : i === done ? 'running' : 'pending',
    ...(i <= done ? { startedAt: T + i * 10_000 } : {}),
    ...(i < done ? { endedAt: T + i * 10_000 + 4_000 } : {}),
  }));
  return { id: 1, plan, phase: 'running', permission: { kind: 'allowed' }, steps, openedAt: T, startedAt: T, ...(live === undefined ? {} : { live }) };
}

const stopStart = planStopStart(web, { region: 'us-east-1' });
const cmd = (op: string, ...args: string[]): string => ['aws ec2', op, ...args, '--region us-east-1'].join(' ');

describe('quitting during stop and start', () => {
  it("at 'wait until stopped': the prompt, and wait-stopped && start as the finishing command", () => {
    const run = runAt(stopStart, 1);
    expect(quitPrompt(run)).toBe("stop-and-start of web-2 is at 'wait until stopped' — quitting leaves it stopped. Quit anyway? [y/N]");
    expect(finishingCommand(run)).toBe(`${cmd('wait', 'instance-stopped', '--instance-ids', web.id)} && ${cmd('start-instances', '--instance-ids', web.id)}`);
  });

  it('at StopInstances (maybe sent): the stop is repeated first — StopInstances on a stopping instance is harmless', () => {
    expect(finishingCommand(runAt(stopStart, 0)).split(' && ')).toEqual([
      cmd('stop-instances', '--instance-ids', web.id),
      cmd('wait', 'instance-stopped', '--instance-ids', web.id),
      cmd('start-instances', '--instance-ids', web.id),
    ]);
  });

  it('once started, only the waits are left: they are the finishing command', () => {
    const run = runAt(stopStart, 3);
    expect(quitConsequence(run)).toBe('leaves it starting, its status checks unwatched');
    expect(finishingCommand(run)).toBe(`${cmd('wait', 'instance-running', '--instance-ids', web.id)} && ${cmd('wait', 'instance-status-ok', '--instance-ids', web.id)}`);
  });
});

describe('other plans', () => {
  it('resize while the type changes: stopped as the new type; modify and start are what is left', () => {
    const to = { type: 'c5.xlarge', vcpus: 4, memoryMiB: 8192, architectures: ['x86_64'], virtualizationTypes: ['hvm'], isCurrentGeneration: true, isBurstable: false, hypervisor: 'nitro' } as const;
    const run = runAt(planResize(web, undefined, to, { region: 'us-east-1' }), 2);
    expect(quitPrompt(run)).toBe("resize of web-2 is at 'ModifyInstanceAttribute InstanceType=c5.xlarge' — quitting leaves it stopped, as c5.xlarge. Quit anyway? [y/N]");
    expect(finishingCommand(run)).toBe(`${cmd('modify-instance-attribute', '--instance-id', web.id, '--instance-type', 'c5.xlarge')} && ${cmd('start-instances', '--instance-ids', web.id)}`);
  });

  it('alarms: how many are put, and the rest of the put-metric-alarm commands', () => {
    const plan = planAlarms(web, recommendedAlarms(web, 'us-east-1', { isAgentReporting: false }), [], { region: 'us-east-1' });
    const run = runAt(plan, 1);
    expect(quitConsequence(run)).toBe('leaves 2 of 3 alarms put');
    expect(finishingCommand(run)).toBe(plan.commands.slice(1).join(' && '));
  });

  it('a reboot in flight leaves it unwatched', () => {
    expect(quitConsequence(runAt(planReboot(web, { region: 'us-east-1' }), 0))).toBe('leaves the reboot unwatched');
  });
});

describe('the exit line and the journal file', () => {
  const run = runAt(stopStart, 1, { state: 'stopping', type: 'c5.large', system: 'ok', instance: 'ok', at: T + 12_000 });

  it('one line: instance, step reached, last seen, the command, where the journal is', () => {
    const line = exitLine(run, '/state/ec2-triage/journal.md');
    expect(line).not.toContain('\n');
    expect(line).toBe(
      `ec2-triage: stop-and-start of web-2 (${web.id}) stopped at 'wait until stopped', last seen stopping at 2026-12-04T03:00:12Z; ` +
        `to finish it: ${finishingCommand(run)} — journal: /state/ec2-triage/journal.md`,
    );
  });

  it('the journal shows the action in flight while it runs', () => {
    const text = journalMarkdown({ who: 'me@host (profile prod)', pid: 42, startedAt: T }, { current: run, journal: [] });
    expect(text).toContain('- **Session:** me@host (profile prod), pid 42, started 2026-12-04T03:00:00Z');
    expect(text).toContain(`### Stop and start web-2 (${web.id}) (new hardware): at 'wait until stopped'`);
    expect(text).toContain('- **Last seen:** stopping at 2026-12-04T03:00:12Z');
    expect(text).toContain('- **Ending the app now:** leaves it stopped');
    expect(text).toContain(`- **To finish it:** \`${finishingCommand(run)}\``);
  });
});
