// q while an action runs asks first (N is the default); y and Ctrl-C end the app, telling the model why so the
// action is journalled as interrupted. With nothing running, q quits at once.
import { afterEach, describe, expect, test } from 'vitest';
import type { ActionRun } from '../../source/model/actions-types.js';
import { planStopStart, stepLabel } from '../../source/triage/write-plan.js';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

async function withRunning(isRunning: boolean) {
  const instance = { ...makeInstance(2), name: 'web-2' };
  const fake = createFakeModel({ instances: [instance] });
  if (isRunning) {
    const plan = planStopStart(instance, { region: 'us-east-1' });
    const run: ActionRun = {
      id: 1, plan, phase: 'running', permission: { kind: 'allowed' }, openedAt: 0, startedAt: 0,
      steps: plan.steps.map((s, i) => ({ label: stepLabel(s), status: i === 0 ? 'done' : i === 1 ? 'running' : 'pending' })),
    };
    fake.actions.update((s) => ({ ...s, current: run, journalFile: { path: '/state/ec2-triage/journal-x.md' } }));
  }
  let exits = 0;
  const app = await renderApp(fake.model, { columns: 120, rows: 40 }, () => (exits += 1));
  cleanup = app.unmount;
  return { fake, app, exits: () => exits };
}

describe('quit', () => {
  test('q during a stop-and-start asks; N (or Enter, Esc) stays; y quits and the model hears why', async () => {
    const { app, fake, exits } = await withRunning(true);
    await press(app.stdin, 'q');
    const text = flat(frame(app.lastFrame));
    expect(text).toContain("stop-and-start of web-2 is at 'wait until stopped' — quitting leaves it stopped. Quit anyway? [y/N]");
    expect(text).toContain('Journal: /state/ec2-triage/journal-x.md');
    expect(text).toContain('y quit anyway');
    for (const key of ['n', KEYS.enter]) {
      await press(app.stdin, key);
      expect(frame(app.lastFrame)).not.toContain('Quit anyway?');
      await press(app.stdin, 'q');
    }
    expect(exits()).toBe(0);
    await press(app.stdin, 'y');
    expect(exits()).toBe(1);
    expect(fake.calls.interrupts).toEqual(['q, confirmed']);
  });

  test('Ctrl-C does not ask: it ends the app, the action journalled as interrupted by Ctrl-C', async () => {
    const { app, fake, exits } = await withRunning(true);
    await press(app.stdin, KEYS.ctrlC);
    expect(exits()).toBe(1);
    expect(fake.calls.interrupts).toEqual(['Ctrl-C']);
  });

  test('nothing running: q quits at once', async () => {
    const { app, exits } = await withRunning(false);
    await press(app.stdin, 'q');
    expect(exits()).toBe(1);
  });
});
