import { afterEach, describe, expect, test } from 'vitest';
import type { InstanceStatus } from '../../source/domain/types.js';
import { actionHint, statusLines } from '../../source/ui/panes/status/status-lines.js';
import { OK_CHECK, createFakeModel, impaired, makeInstance, makeStatus, T0 } from '../helpers/fake-model.js';
import { KEYS, frame, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const base = makeInstance(1, { name: 'ml-server' });

describe('actionHint (the reference table)', () => {
  test.each<[Partial<InstanceStatus>, string | undefined]>([
    [{ system: impaired() }, 'Stop and start the instance (moves it to new hardware) — not reboot'],
    [{ instance: impaired() }, 'Reboot the instance, then check the OS logs'],
    [{ system: impaired(), instance: impaired() }, 'may need replacing'],
    [{}, 'Both checks passing'],
    [{ instance: { status: 'initializing', details: [] } }, undefined],
  ])('%j → %s', (overrides, expected) => {
    const hint = actionHint(makeStatus(base, overrides));
    if (expected === undefined) expect(hint).toBeUndefined();
    else expect(hint?.text).toContain(expected);
  });
  test('no status → no hint', () => expect(actionHint(undefined)).toBeUndefined());
});

async function mount(status: Partial<InstanceStatus>, instance = base) {
  const fake = createFakeModel({ instances: [instance] });
  fake.fleet.update((f) => ({ ...f, statuses: { ...f.statuses, data: new Map([[instance.id, makeStatus(instance, status)]]) } }));
  const app = await renderApp(fake.model, { columns: 200, rows: 50 });
  cleanup = app.unmount;
  return { fake, app, text: () => frame(app.lastFrame) };
}

describe('status pane', () => {
  test('instance check failing: details, impaired since, and the reboot hint', async () => {
    const { text } = await mount({ instance: impaired(new Date(T0 - 15 * 60_000)) });
    expect(text()).toMatch(/Instance check\s+impaired/);
    expect(text()).toContain('reachability: failed since 2024-06-01 02:45 UTC');
    expect(text()).toMatch(/System check\s+ok/);
    expect(text()).toContain('Reboot the instance, then check the OS logs');
  });

  test('system check failing says stop/start, not reboot', async () => {
    const { text } = await mount({ system: impaired() });
    expect(text()).toContain('Stop and start the instance (moves it to new hardware) — not reboot');
  });

  test('state reason, transition reason, EBS and scheduled events', async () => {
    const stopped = makeInstance(2, {
      name: 'batch',
      state: 'stopped',
      stateReason: { code: 'Client.UserInitiatedShutdown', message: 'User initiated shutdown' },
      stateTransitionReason: 'User initiated (2024-06-01 01:00:00 GMT)',
    });
    const { text } = await mount(
      {
        ebs: OK_CHECK,
        events: [{ id: 'e-1', code: 'system-reboot', description: 'Scheduled reboot', notBefore: new Date(Date.UTC(2024, 5, 3, 10, 0)), notAfter: undefined }],
      },
      stopped,
    );
    expect(text()).toContain('Client.UserInitiatedShutdown: User initiated shutdown');
    expect(text()).toContain('User initiated (2024-06-01 01:00:00 GMT)');
    expect(text()).toMatch(/EBS check\s+ok/);
    expect(text()).toContain('Event system-reboot: Scheduled reboot · due 2024-06-03 10:00 UTC');
  });

  test('all ok is quiet', async () => {
    const { text } = await mount({});
    expect(text()).toContain('Both checks passing');
  });

  test('a status error shows in the status pane only, with the age of its data', async () => {
    const { fake, app, text } = await mount({ instance: impaired() });
    fake.setNow(T0 + 65_000);
    fake.fleet.update((f) => ({
      ...f,
      statuses: { ...f.statuses, error: { kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'no' } },
    }));
    await press(app.stdin, '');
    const lines = text().split('\n');
    const errorLine = lines.find((l) => l.includes('access denied: you lack ec2:DescribeInstanceStatus')) ?? '';
    expect(errorLine).toContain('showing data from 1m ago');
    expect(text()).toContain('Reboot the instance');
    expect(text()).toContain('ml-server');
  });

  test('scrolls with ↑/↓ when focused and the details do not fit', async () => {
    const many = { instance: { status: 'impaired' as const, details: Array.from({ length: 30 }, (_, i) => ({ name: `probe-${i}`, status: 'failed', impairedSince: undefined })) } };
    const fake = createFakeModel({ instances: [base] });
    fake.fleet.update((f) => ({ ...f, statuses: { ...f.statuses, data: new Map([[base.id, makeStatus(base, many)]]) } }));
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    expect(frame(app.lastFrame)).toContain('State');
    await press(app.stdin, KEYS.tab);
    expect(frame(app.lastFrame)).toContain('╔');
    await pressAll(app.stdin, [KEYS.down, KEYS.down, KEYS.down]);
    expect(frame(app.lastFrame)).not.toMatch(/State\s+running/);
    expect(frame(app.lastFrame)).toContain('probe-');
    await pressAll(app.stdin, [KEYS.up, KEYS.up, KEYS.up]);
    expect(frame(app.lastFrame)).toMatch(/State\s+running/);
  });
});

describe('statusLines wrap to the pane', () => {
  test('a long event wraps whole (continuation indented), never cut', () => {
    const description = 'The instance is running on degraded hardware and will be retired on the date below';
    const status = makeStatus(base, { events: [{ id: 'e-1', code: 'instance-retirement', description, notBefore: undefined, notAfter: undefined }] });
    const lines = statusLines(base, status, 40);
    for (const line of lines) expect([...line.text].length).toBeLessThanOrEqual(40);
    const joined = lines.map((l) => l.text.trim()).join(' ');
    expect(joined).toContain(`Event instance-retirement: ${description}`);
    expect(statusLines(base, status).length).toBeLessThan(lines.length);
  });
});
