// The write path's dialogs with a fake model: what opens, what is recommended, what Run needs, what is sent.
import { afterEach, describe, expect, test } from 'vitest';
import type { ActionRun } from '../../source/model/actions-types.js';
import type { Instance } from '../../source/domain/types.js';
import { triage } from '../../source/triage/engine.js';
import { stepsOf } from '../../source/triage/steps.js';
import { planReboot, planStopStart } from '../../source/triage/write-plan.js';
import { scenario, type ScenarioName } from '../triage/evidence-fixtures.js';
import { createFakeModel, makeInstance, makeStatus, type FakeModel } from '../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

/** The fake model's last triage of `instance`: the real engine over a scenario's evidence, on this instance. */
function triaged(fake: FakeModel, instance: Instance, name: ScenarioName): void {
  const base = scenario(name);
  const evidence = { ...base, instance: { ...base.instance, id: instance.id, name: instance.name, state: instance.state } };
  const engine = { evidence, result: triage(evidence), timeline: [] };
  fake.triage.update(() => ({ instanceId: instance.id, instanceName: instance.name, startedAt: 0, finishedAt: 0, engine, ...stepsOf(engine) }));
}

async function open(options: { isReadOnly?: boolean; impaired?: 'system' | 'instance' } = {}) {
  const instance = makeInstance(1);
  const fake = createFakeModel({ instances: [instance], isReadOnly: options.isReadOnly ?? false });
  if (options.impaired !== undefined) {
    const impaired = { status: 'impaired' as const, details: [] };
    const status = makeStatus(instance, options.impaired === 'system' ? { system: impaired } : { instance: impaired });
    fake.fleet.update((f) => ({ ...f, statuses: { ...f.statuses, data: new Map([[instance.id, status]]) } }));
    triaged(fake, instance, options.impaired === 'system' ? 'system-check-failed' : 'instance-check-failed');
  }
  const app = await renderApp(fake.model, { columns: 140, rows: 45 });
  cleanup = app.unmount;
  return { fake, app, instance };
}

/** What model.actions.preview would set: the fake records the plan, the test plays the model. */
function showPreview(fake: FakeModel, run: Partial<ActionRun> & Pick<ActionRun, 'plan'>): void {
  const full: ActionRun = { id: 1, phase: 'preview', permission: { kind: 'allowed' }, steps: run.plan.steps.map(() => ({ label: 'x', status: 'pending' })), openedAt: 0, ...run };
  fake.actions.update((s) => ({ ...s, current: full }));
}

describe('action menu', () => {
  test('a opens it; the cursor is on the diagnosis\'s first fix (stop and start for a failed system check)', async () => {
    const { app } = await open({ impaired: 'system' });
    await press(app.stdin, 'a');
    const text = flat(frame(app.lastFrame));
    expect(text).toContain('› 1. Stop and start the instance (not reboot) — first fix of the diagnosis');
    expect(text).toContain('2. Auto-recover on system check failure — triage');
    // The app's other actions follow; the one the recommendation already is is not offered twice.
    expect(text).toContain('Other actions');
    expect(text).not.toContain('Stop and start (new hardware)');
    expect(text).toMatch(/Enter choose 1–9 pick Esc close/);
  });

  test('before any triage nothing is preselected as a fix: the cursor is on a harmless entry', async () => {
    const { app } = await open();
    await press(app.stdin, 'a');
    const text = flat(frame(app.lastFrame));
    expect(text).toContain('No triage of this instance yet');
    expect(text).toContain('› 1. Alarms (view, add the recommended set)…');
  });

  test.each(['ssh-blocked', 'disk-full', 'cpu-credits'] as const)('%s: a fix without a plan is shown as a command to copy, and Enter sends nothing', async (name) => {
    const { app, fake, instance } = await open();
    triaged(fake, instance, name);
    await press(app.stdin, 'a');
    const text = flat(frame(app.lastFrame));
    const first = fake.triage.getSnapshot()?.engine?.result.recommendations[0];
    expect(text).toContain(`› 1. ${first?.title ?? '?'} — to copy and run`);
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.previews).toEqual([]);
    expect(flat(frame(app.lastFrame))).toContain('Not an action of the app: copy the command');
  });

  test('Enter on the recommended reboot previews the recommendation\'s own plan; Esc closes the menu and sends nothing', async () => {
    const { app, fake, instance } = await open({ impaired: 'instance' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.previews.map((p) => p.kind)).toEqual(['reboot']);
    expect(fake.calls.previews[0]?.instanceId).toBe(instance.id);
    expect(fake.calls.previews[0]).toBe(fake.triage.getSnapshot()?.engine?.result.recommendations[0]?.plan);
    const { fake: other, app: second } = await open();
    cleanup = second.unmount;
    await press(second.stdin, 'a');
    await press(second.stdin, KEYS.escape);
    expect(other.calls.previews).toEqual([]);
    expect(frame(second.lastFrame)).not.toContain('Actions for');
  });
});

describe('preview', () => {
  test('Cancel is focused: Enter cancels, nothing is confirmed', async () => {
    const { app, fake, instance } = await open({ impaired: 'system' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    showPreview(fake, { plan: planStopStart(instance, { region: 'us-east-1' }) });
    await press(app.stdin, '');
    expect(flat(frame(app.lastFrame))).toContain('[> Cancel <]');
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.cancels).toBe(1);
    expect(fake.calls.confirms).toBe(0);
  });

  test('stop and start needs the id or Name typed; Run is refused until then; a pasted "\\t\\r" after it goes back to Cancel', async () => {
    const { app, fake, instance } = await open({ impaired: 'system' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    showPreview(fake, { plan: planStopStart(instance, { region: 'us-east-1' }) });
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.confirms).toBe(0);
    expect(flat(frame(app.lastFrame))).toContain(`Not sent: type ${instance.id} or ${instance.name} to confirm`);
    await press(app.stdin, KEYS.tab); // back on Cancel
    await press(app.stdin, `${instance.name.slice(0, -1)}`);
    expect(flat(frame(app.lastFrame))).toContain(`[> Cancel <] [ Run — type ${instance.id} or ${instance.name} to confirm ]`);
    // The last letter, Tab and Enter in one chunk (a slow link): each acts on what the previous one left — the
    // exact text focused Run, Tab went back to Cancel, Enter cancels.
    await press(app.stdin, `${instance.name.slice(-1)}\t\r`);
    expect(fake.calls.confirms).toBe(0);
    expect(fake.calls.cancels).toBe(1);
  });

  test('typed confirmation: Enter with the exact text runs (the text is the consent); anything else, Enter cancels', async () => {
    const { app, fake, instance } = await open({ impaired: 'system' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    showPreview(fake, { plan: planStopStart(instance, { region: 'us-east-1' }) });
    await press(app.stdin, instance.id);
    let text = flat(frame(app.lastFrame));
    expect(text).toContain(`to confirm: ${instance.id} ✔`);
    expect(text).toContain('[ Cancel ] [> Run <]');
    // One letter off: Cancel is focused again.
    await press(app.stdin, KEYS.backspace);
    text = flat(frame(app.lastFrame));
    expect(text).toContain('[> Cancel <]');
    await press(app.stdin, instance.id.slice(-1));
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.confirms).toBe(1);
    expect(fake.calls.cancels).toBe(0);

    const second = await open({ impaired: 'system' });
    cleanup = second.app.unmount;
    await press(second.app.stdin, 'a');
    await press(second.app.stdin, KEYS.enter);
    showPreview(second.fake, { plan: planStopStart(second.instance, { region: 'us-east-1' }) });
    await press(second.app.stdin, 'web-0000');
    await press(second.app.stdin, KEYS.enter);
    expect(second.fake.calls.confirms).toBe(0);
    expect(second.fake.calls.cancels).toBe(1);
  });

  test('read-only: the preview says nothing will be sent and Run stays refused', async () => {
    const { app, fake, instance } = await open({ isReadOnly: true, impaired: 'instance' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    showPreview(fake, { plan: planReboot(instance, { region: 'us-east-1' }), permission: { kind: 'read-only' } });
    await press(app.stdin, '');
    const text = flat(frame(app.lastFrame));
    expect(text).toContain('READ-ONLY: nothing will be sent.');
    expect(text).toContain('[ Run — read-only: nothing is sent (start ec2-triage with --write to act) ]');
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.confirms).toBe(0);
    expect(frame(app.lastFrame)).toContain(' READ-ONLY ');
  });

  test('a running action shows its steps; Esc hides it and a brings it back', async () => {
    const { app, fake, instance } = await open({ impaired: 'instance' });
    await press(app.stdin, 'a');
    await press(app.stdin, KEYS.enter);
    showPreview(fake, {
      plan: planReboot(instance, { region: 'us-east-1' }),
      phase: 'running',
      startedAt: 0,
      steps: [{ label: 'RebootInstances', status: 'running', startedAt: 0 }],
      live: { state: 'running', type: 'c5.large', system: 'ok', instance: 'impaired', at: 0 },
    });
    await press(app.stdin, '');
    expect(flat(frame(app.lastFrame))).toContain('◐ RebootInstances');
    // Once confirmed the keys are the progress dialog's: typing goes nowhere, Enter or Esc hides it.
    expect(frame(app.lastFrame)).toContain('Enter close');
    await press(app.stdin, KEYS.escape);
    expect(frame(app.lastFrame)).toContain('The action goes on');
    // The triage pane follows it, pinned: the step and its state.
    expect(frame(app.lastFrame)).toMatch(/▶ Reboot web-00001 \(i-00000000000000001\) · RebootInstances \d+:\d\d/);
    await press(app.stdin, 'a');
    expect(flat(frame(app.lastFrame))).toContain('Instance now: running · c5.large · system check ok · instance check impaired');
  });
});

describe('alarms and agent', () => {
  test('A loads the alarms of the selected instance; n asks for a topic when --alarm-topic is not set', async () => {
    const { app, fake, instance } = await open();
    await press(app.stdin, 'A');
    expect(fake.calls.loads).toEqual([`alarms ${instance.id}`]);
    fake.actions.update((s) => ({ ...s, alarms: { instanceId: instance.id, data: { data: [], updatedAt: 0, error: undefined, isLoading: false } } }));
    await press(app.stdin, '');
    expect(flat(frame(app.lastFrame))).toContain('▲ No status-check alarm');
    await press(app.stdin, 'n');
    expect(frame(app.lastFrame)).toContain('SNS topic ARN:');
    await press(app.stdin, 'not-an-arn');
    await press(app.stdin, KEYS.enter);
    expect(frame(app.lastFrame)).toContain('Not an SNS topic ARN');
    expect(fake.calls.previews).toEqual([]);
  });
});

describe('journal in the triage timeline', () => {
  test('preview, confirmation and outcome of an action are timeline lines of its instance', async () => {
    const { engineLines } = await import('../../source/ui/panes/triage/engine-lines.js');
    const { instance } = await open();
    const engine = { result: { diagnosis: { confidence: 'high', chain: [], confidenceWhy: '', notChecked: [] }, recommendations: [] }, runbook: undefined, timeline: [] } as unknown as Parameters<typeof engineLines>[0];
    const entry = {
      id: 1, instanceId: instance.id, kind: 'reboot' as const, who: 'ann@host (training fleet)', title: 'Reboot x', previewedAt: Date.UTC(2024, 0, 1, 3, 0, 0),
      confirmedAt: Date.UTC(2024, 0, 1, 3, 0, 5), endedAt: Date.UTC(2024, 0, 1, 3, 0, 9), calls: [], commands: [], notes: [], outcome: 'succeeded' as const, detail: [],
    };
    const text = engineLines(engine, 200, [entry]).map((l) => l.text).join('\n');
    expect(text).toContain('03:00:00 action  preview: Reboot x');
    expect(text).toContain('03:00:05 action  confirmed: Reboot x');
    expect(text).toContain('03:00:09 action  succeeded: Reboot x');
  });
});

describe('alarms that cannot be read', () => {
  test('the view says why, and n explains instead of planning blind', async () => {
    const { app, fake, instance } = await open();
    await press(app.stdin, 'A');
    fake.actions.update((s) => ({
      ...s,
      alarms: { instanceId: instance.id, data: { data: undefined, updatedAt: undefined, error: { kind: 'denied', action: 'cloudwatch:DescribeAlarms', message: 'no' }, isLoading: false } },
    }));
    await press(app.stdin, '');
    expect(frame(app.lastFrame)).toContain('Cannot read alarms');
    await press(app.stdin, 'n');
    expect(flat(frame(app.lastFrame))).toContain('Cannot plan the alarms without reading the existing ones');
    expect(fake.calls.previews).toEqual([]);
  });
});
