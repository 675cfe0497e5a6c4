// d, y, w, c and Esc in the app: the views take the body and Esc returns to the same focus, selection and scroll.
import { afterEach, describe, expect, test } from 'vitest';
import { createInspectStore } from '../../../source/model/inspect-store.js';
import type { AppModel, ConnectOutcome } from '../../../source/model/types.js';
import type { Instance } from '../../../source/domain/types.js';
import { createFakeAws } from '../../helpers/fake-aws.js';
import { createFakeModel, makeInstance } from '../../helpers/fake-model.js';
import { KEYS, frame, press, renderApp, settle } from '../../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const web = makeInstance(1, { name: 'web-1' });
const db = makeInstance(2, {
  name: 'db-1', publicIp: '54.9.9.9', privateIp: '10.0.0.9', keyName: 'db-key', securityGroups: [{ id: 'sg-db', name: 'db-sg' }],
  blockDevices: [{ deviceName: '/dev/xvda', volumeId: 'vol-db', status: 'attached', deleteOnTermination: true }], rootDeviceName: '/dev/xvda',
  tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`tag${String(i).padStart(2, '0')}`, `v${i}`])),
});

/** The fake model with a real inspect store over a fake API, a connect that answers `outcome`, and saveFile recorded. */
function setup(outcome?: (i: Instance) => ConnectOutcome) {
  const rawReads: string[] = [];
  const fake = createFakeModel({ instances: [web, db] });
  const aws = Object.assign(
    createFakeAws({ network: { securityGroups: [{ groupId: 'sg-db', groupName: 'db-sg', ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrs: ['10.0.0.0/16'], ipv6Cidrs: [], sourceGroupIds: [] }] }] } }),
    {
      describeVolumes: () => Promise.reject(Object.assign(new Error('slow down'), { error: { kind: 'throttled', message: 'Rate exceeded' } })),
      describeAddresses: () => Promise.resolve([]),
      describeInstanceRaw: (id: string) => (rawReads.push(id), Promise.resolve({ Reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: id, LaunchTime: '2024-01-06T00:00:00.000Z' }] }] })),
    },
  );
  const saved: { name: string; text: string }[] = [];
  const connected: string[] = [];
  const model: AppModel = {
    ...fake.model,
    inspect: createInspectStore(aws),
    saveFile: (name, text) => {
      saved.push({ name, text });
      return Promise.resolve({ path: `/tmp/${name}` });
    },
    connect: (instance) => {
      connected.push(instance.id);
      return Promise.resolve(outcome?.(instance) ?? { kind: 'session', instanceId: instance.id, exitCode: 0 });
    },
  };
  return { fake, model, saved, connected, rawReads };
}

describe('describe and raw views', () => {
  test('d shows the selected instance with its rules and IPs, a failed part in words; y shows JSON, w saves it; Esc twice returns exactly', async () => {
    const { model, saved } = setup();
    const app = await renderApp(model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    // Sorted by name, db-1 leads; down and up again pins the selection by id.
    await press(app.stdin, KEYS.down);
    await press(app.stdin, KEYS.up);
    await press(app.stdin, KEYS.tab);
    const before = frame(app.lastFrame);
    expect(before).toContain('[Status]');

    await press(app.stdin, 'd');
    await settle();
    const described = frame(app.lastFrame);
    expect(described).toContain('[Describe db-1');
    expect(described).toContain('tcp 5432 from 10.0.0.0/16');
    expect(described).toContain('54.9.9.9');
    expect(described).toContain('not read (throttled by AWS (request rate exceeded))');
    expect(described).not.toContain('[Instances]');

    await press(app.stdin, KEYS.pageDown);
    const scrolled = frame(app.lastFrame);
    expect(scrolled).not.toEqual(described);
    expect(scrolled).toMatch(/lines \d+–\d+ of \d+/);

    await press(app.stdin, 'y');
    await settle();
    const json = frame(app.lastFrame);
    expect(json).toContain('[DescribeInstances JSON db-1');
    expect(json).toContain('"LaunchTime": "2024-01-06T00:00:00.000Z"');
    await press(app.stdin, 'w');
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe(`${db.id}-describe-instances.json`);
    expect(JSON.parse(saved[0]?.text ?? '')).toEqual({ Reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: db.id, LaunchTime: '2024-01-06T00:00:00.000Z' }] }] });
    expect(frame(app.lastFrame)).toContain('written to /tmp/');

    await press(app.stdin, KEYS.escape);
    // The describe view again at the same scroll (the footer still carries the save notice).
    const body = (text: string): string => text.split('\n').slice(0, -1).join('\n');
    expect(body(frame(app.lastFrame))).toEqual(body(scrolled));
    await press(app.stdin, KEYS.escape);
    const after = frame(app.lastFrame);
    expect(after).toContain('[Status]');
    expect(after).toContain('› db-1');
    expect(model.inspect?.getSnapshot()).toEqual({ details: undefined, raw: undefined });
  });

  test('q closes a view instead of quitting; y from the list opens the JSON and Esc goes straight back', async () => {
    const { model, rawReads } = setup();
    const app = await renderApp(model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    await press(app.stdin, 'y');
    await settle();
    expect(frame(app.lastFrame)).toContain('[DescribeInstances JSON db-1');
    // r reads it again.
    expect(rawReads).toHaveLength(1);
    await press(app.stdin, 'r');
    await settle();
    expect(rawReads).toEqual([db.id, db.id]);
    expect(frame(app.lastFrame)).toContain('[DescribeInstances JSON db-1');
    await press(app.stdin, 'q');
    expect(frame(app.lastFrame)).toContain('[Instances]');
  });
});

describe('zoom', () => {
  test('zoomed, d takes the body and Esc comes back zoomed on the same pane', async () => {
    const { model } = setup();
    const app = await renderApp(model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, 'z');
    const zoomed = frame(app.lastFrame);
    expect(zoomed.split('\n').at(-1)).toMatch(/^Esc\/z unzoom/);
    await press(app.stdin, 'd');
    await settle();
    expect(frame(app.lastFrame)).toContain('[Describe db-1');
    await press(app.stdin, KEYS.escape);
    expect(frame(app.lastFrame)).toEqual(zoomed);
  });
});

describe('connect', () => {
  test('c without a session shows the reason and the SSH line in a view; Esc closes it', async () => {
    const { model, connected } = setup((i) => ({
      kind: 'ssh', instanceId: i.id, plan: { kind: 'ssh', reason: 'session-manager-plugin is not on PATH', command: 'ssh -i db-key.pem <user>@54.9.9.9', notes: ['user depends on the AMI'] },
    }));
    const app = await renderApp(model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    await press(app.stdin, KEYS.down);
    await press(app.stdin, 'c');
    await settle();
    expect(connected).toEqual([web.id]);
    const shown = frame(app.lastFrame);
    expect(shown).toContain('No SSM session: session-manager-plugin is not on PATH');
    expect(shown).toContain('ssh -i db-key.pem <user>@54.9.9.9');
    await press(app.stdin, KEYS.escape);
    expect(frame(app.lastFrame)).toContain('› web-1');
  });

  test('c with a session says how it ended and leaves the screen as it was', async () => {
    const { model } = setup();
    const app = await renderApp(model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    await press(app.stdin, 'c');
    await settle();
    const after = frame(app.lastFrame);
    expect(after).toContain(`Session with ${db.id} ended (exit 0)`);
    expect(after).toContain('[Instances]');
  });
});
