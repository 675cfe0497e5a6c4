import { afterEach, describe, expect, test } from 'vitest';
import type { AwsError } from '../../source/domain/types.js';
import { checkSummary, listColumns } from '../../source/ui/panes/instance-list/columns.js';
import { createFakeModel, impaired, makeFleet, makeInstance, makeStatus, T0 } from '../helpers/fake-model.js';
import { KEYS, frame, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

async function mount(instances = Array.from({ length: 10_000 }, (_, n) => makeInstance(n)), size = { columns: 200, rows: 50 }) {
  const fake = createFakeModel({ instances });
  const app = await renderApp(fake.model, size);
  cleanup = app.unmount;
  return { fake, app, text: () => frame(app.lastFrame) };
}

const nameRows = (text: string) => text.match(/web-\d{5}/g) ?? [];
const listRows = (text: string) =>
  text
    .split('\n')
    .map((l) => /║[› ] (web-\d{5})/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);

describe('instance list', () => {
  test('windowing: 10,000 instances render only the visible rows; G shows the last', async () => {
    const { app, text } = await mount();
    const rows = listRows(text());
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(50);
    expect(rows[0]).toBe('web-00000');
    expect(text()).not.toContain('web-09999');
    expect(text()).toContain('10,000');
    await press(app.stdin, 'G');
    const after = listRows(text());
    expect(after[after.length - 1]).toBe('web-09999');
    expect(after).not.toContain('web-00000');
    await press(app.stdin, 'g');
    expect(listRows(text())[0]).toBe('web-00000');
  });

  test('↓/j/PgDn move the selection and the window keeps it visible; a page overlaps the last by one row', async () => {
    const { app, fake, text } = await mount(undefined, { columns: 80, rows: 24 });
    const visible = listRows(text()).length;
    await pressAll(app.stdin, ['j', KEYS.down]);
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00002');
    const before = listRows(text());
    await press(app.stdin, KEYS.pageDown);
    const selected = fake.calls.selected.at(-1)?.name ?? '';
    expect(selected).toBe(`web-${String(2 + visible - 1).padStart(5, '0')}`);
    expect(listRows(text())).toContain(selected);
    // The last row of the page before is the first of this one: nothing skipped.
    expect(listRows(text())[0]).toBe(before.at(-1));
    await pressAll(app.stdin, ['k', KEYS.up, KEYS.pageUp]);
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00000');
  });

  test('/ filters: typing narrows, Enter keeps it, Esc clears it', async () => {
    const { app, text } = await mount();
    await pressAll(app.stdin, ['/', '0', '0', '4', '2']);
    expect(text()).toContain('/0042');
    // web-00042 and web-00420…web-00429 (and ids): the count reflects the narrowed list.
    expect(text()).toMatch(/\d+ of 10,000/);
    expect(listRows(text())).toContain('web-00042');
    expect(listRows(text())).not.toContain('web-00000');
    await press(app.stdin, KEYS.backspace);
    expect(text()).toContain('/004');
    await press(app.stdin, KEYS.enter);
    expect(text()).toContain('/004');
    expect(text()).toContain('? help');
    await press(app.stdin, 'j');
    expect(text()).toContain('/004');
    await pressAll(app.stdin, ['/', KEYS.escape]);
    expect(text()).not.toContain('/004');
    expect(text()).toContain('10,000');
  });

  test('keys arriving in one chunk (slow SSH) are taken one by one; "/" makes the rest filter text', async () => {
    const { app, fake, text } = await mount(Array.from({ length: 100 }, (_, n) => makeInstance(n)), { columns: 120, rows: 30 });
    await press(app.stdin, 'jjj');
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00003');
    await press(app.stdin, '/0042');
    expect(text()).toContain('/0042');
    // web-00042 by name, web-00066 by its id (0x42).
    expect(text()).toContain('2 of 100');
  });

  test('a chunk that types a filter and presses Enter keeps the filter and leaves filter mode', async () => {
    const { app, fake, text } = await mount(Array.from({ length: 100 }, (_, n) => makeInstance(n)), { columns: 120, rows: 30 });
    await press(app.stdin, '/00042\r');
    // web-00042 by name, web-00066 by its id (0x42).
    expect(text()).toContain('2 of 100');
    expect(text()).not.toContain('Enter keep');
    // Back in normal mode: j is a movement key again, not filter text.
    await press(app.stdin, 'j');
    expect(text()).toContain('/00042');
    expect(text()).not.toContain('/00042j');
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00066');
  });

  test('filter text is not taken for commands (q does not quit while filtering)', async () => {
    let exited = 0;
    const fake = createFakeModel({ instances: [makeInstance(1, { name: 'quartz' }), makeInstance(2, { name: 'zinc' })] });
    const app = await renderApp(fake.model, { columns: 120, rows: 30 }, () => (exited += 1));
    cleanup = app.unmount;
    await pressAll(app.stdin, ['/', 'q']);
    expect(exited).toBe(0);
    expect(frame(app.lastFrame)).toContain('1 of 2');
    expect(frame(app.lastFrame)).not.toContain('zinc');
  });

  test('s cycles sort problems first → name → CPU → state and the selection survives it', async () => {
    const instances = [
      makeInstance(1, { name: 'alpha' }),
      makeInstance(2, { name: 'bravo', state: 'stopped' }),
      makeInstance(3, { name: 'charlie', state: 'pending' }),
    ];
    const { app, fake, text } = await mount(instances, { columns: 120, rows: 30 });
    fake.fleet.update((f) => ({ ...f, cpu: { ...f.cpu, data: new Map([[instances[1]?.id ?? '', 90], [instances[0]?.id ?? '', 5]]) } }));
    const order = () => [...text().matchAll(/║[› ] (alpha|bravo|charlie)/g)].map((m) => m[1]);
    await press(app.stdin, '');
    // Problems first (none here): the busiest first, then by name. Alpha, on top before the CPU came, stays selected.
    expect(text()).toContain('sort: problems first');
    expect(order()).toEqual(['bravo', 'alpha', 'charlie']);
    expect(text()).toMatch(/║› alpha/);
    await press(app.stdin, 's');
    expect(text()).toContain('sort: name');
    expect(order()).toEqual(['alpha', 'bravo', 'charlie']);
    await press(app.stdin, 'j');
    expect(fake.calls.selected.at(-1)?.name).toBe('bravo');
    await press(app.stdin, 's');
    expect(text()).toContain('sort: CPU');
    // The instance selected before the sort stays selected wherever it moved.
    expect(text()).toMatch(/║› bravo/);
    expect(order()).toEqual(['bravo', 'alpha', 'charlie']);
    expect(fake.calls.selected.at(-1)?.name).toBe('bravo');
    await press(app.stdin, 's');
    expect(text()).toContain('sort: state');
    expect(order()).toEqual(['charlie', 'alpha', 'bravo']);
    expect(fake.calls.selected.at(-1)?.name).toBe('bravo');
    await press(app.stdin, 's');
    expect(text()).toContain('sort: problems first');
  });

  test('the selection never moves on its own when a refresh reorders the rows (untouched since start)', async () => {
    const instances = [makeInstance(1, { name: 'alpha' }), makeInstance(2, { name: 'bravo' })];
    const { app, fake, text } = await mount(instances, { columns: 120, rows: 30 });
    fake.fleet.update((f) => ({ ...f, cpu: { ...f.cpu, data: new Map([[instances[0]?.id ?? '', 80], [instances[1]?.id ?? '', 5]]) } }));
    await press(app.stdin, '');
    expect(text()).toMatch(/║› alpha/);
    // Bravo now burns CPU and moves to the top; alpha stays selected.
    fake.fleet.update((f) => ({ ...f, cpu: { ...f.cpu, data: new Map([[instances[0]?.id ?? '', 5], [instances[1]?.id ?? '', 99]]) } }));
    await press(app.stdin, '');
    expect([...text().matchAll(/║[› ] (alpha|bravo)/g)].map((m) => m[1])).toEqual(['bravo', 'alpha']);
    expect(text()).toMatch(/║› alpha/);
    expect(fake.calls.selected.at(-1)?.name).toBe('alpha');
  });

  test('problems first: an impaired instance and one in ALARM lead; the ALARM column counts', async () => {
    const instances = [makeInstance(1, { name: 'alpha' }), makeInstance(2, { name: 'bravo' }), makeInstance(3, { name: 'charlie' })];
    const fake = createFakeModel({ instances });
    fake.fleet.update((f) => ({
      ...f,
      statuses: { ...f.statuses, data: new Map([[instances[2]?.id ?? '', makeStatus(instances[2] ?? makeInstance(3), { system: impaired() })]]) },
      alarms: { ...f.alarms, data: new Map([[instances[1]?.id ?? '', 2]]) },
    }));
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    const text = frame(app.lastFrame);
    expect([...text.matchAll(/║[› ] (alpha|bravo|charlie)/g)].map((m) => m[1])).toEqual(['charlie', 'bravo', 'alpha']);
    expect(text).toMatch(/ALARM/);
    expect(text.split('\n').find((l) => l.includes('bravo'))).toMatch(/\s2\s*║/);
    expect(text.split('\n').find((l) => l.includes('alpha'))).toMatch(/\s-\s*║/);
  });

  test('selection is kept by id across a refresh that reorders the fleet', async () => {
    const instances = Array.from({ length: 20 }, (_, n) => makeInstance(n));
    const { app, fake } = await mount(instances, { columns: 120, rows: 30 });
    await pressAll(app.stdin, ['j', 'j', 'j']);
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00003');
    const count = fake.calls.selected.length;
    fake.fleet.set(makeFleet([makeInstance(100, { name: 'aaa-new' }), ...instances.map((i) => ({ ...i }))]));
    await press(app.stdin, '');
    expect(fake.calls.selected.length).toBe(count);
    await press(app.stdin, 'j');
    expect(fake.calls.selected.at(-1)?.name).toBe('web-00004');
  });

  test('checks column and CPU: impaired, n/a when stopped, — without CPU', async () => {
    const running = makeInstance(1, { name: 'sick' });
    const stopped = makeInstance(2, { name: 'off', state: 'stopped' });
    const fake = createFakeModel({ instances: [running, stopped] });
    fake.fleet.update((f) => ({
      ...f,
      statuses: { ...f.statuses, data: new Map([[running.id, makeStatus(running, { instance: impaired() })]]) },
      cpu: { ...f.cpu, data: new Map([[running.id, 42.14]]) },
    }));
    const app = await renderApp(fake.model, { columns: 200, rows: 40 });
    cleanup = app.unmount;
    const lines = frame(app.lastFrame).split('\n');
    expect(lines.find((l) => l.includes('║› sick'))).toMatch(/impaired\s+42\.1%/);
    expect(lines.find((l) => l.includes(' off '))).toMatch(/stopped\s+.*n\/a\s+—/);
  });

  test('first load says Loading; an error keeps the last data and says how old it is', async () => {
    const fake = createFakeModel();
    const app = await renderApp(fake.model, { columns: 120, rows: 30 });
    cleanup = app.unmount;
    expect(frame(app.lastFrame)).toContain('Loading instances…');
    fake.fleet.set(makeFleet([makeInstance(7)]));
    await press(app.stdin, '');
    expect(frame(app.lastFrame)).toContain('web-00007');
    const error: AwsError = { kind: 'denied', action: 'ec2:DescribeInstances', message: 'no' };
    fake.setNow(T0 + 125_000);
    fake.fleet.update((f) => ({ ...f, instances: { ...f.instances, error } }));
    await press(app.stdin, '');
    const text = frame(app.lastFrame);
    // A narrow pane cuts the message, never the age of the data shown.
    expect(text).toMatch(/⚠ access denied: you lack .*· showing data from 2m ago/);
    expect(text).toContain('web-00007');
    expect(text).toMatch(/Status\s+web-00007/);
  });

  test('empty fleet and no match', async () => {
    const { app, text } = await mount([], { columns: 120, rows: 30 });
    expect(text()).toContain('No instances in this region');
    cleanup?.();
    const second = await mount([makeInstance(1)], { columns: 120, rows: 30 });
    await pressAll(second.app.stdin, ['/', 'z', 'z', 'z']);
    expect(second.text()).toContain('No instances match /zzz');
    expect(nameRows(app.lastFrame() ?? '')).toEqual([]);
  });
});

describe('columns', () => {
  test.each([30, 40, 52, 60, 62, 76, 100, 200])('at %s columns the row never runs past the edge', (width) => {
    expect(listColumns(width).reduce((sum, c) => sum + c.width + 1, -1)).toBeLessThanOrEqual(width);
  });

  test.each([
    [200, ['name', 'id', 'type', 'state', 'az', 'checks', 'cpu', 'alarms']],
    [86, ['name', 'id', 'state', 'checks', 'cpu', 'alarms']],
    [76, ['name', 'state', 'checks', 'cpu', 'alarms']],
  ])('width %s keeps %j', (width, ids) => {
    const columns = listColumns(width);
    expect(columns.map((c) => c.id)).toEqual(ids);
    expect(columns.reduce((sum, c) => sum + c.width + 1, -1)).toBeLessThanOrEqual(Math.max(width, 20 + 40));
  });

  test.each([
    ['running', 'ok', 'ok', 'ok'],
    ['running', 'impaired', 'ok', 'impaired'],
    ['running', 'ok', 'initializing', 'initializing'],
    ['stopped', 'ok', 'ok', 'n/a'],
  ] as const)('%s with system %s and instance %s → %s', (state, system, inst, expected) => {
    const i = makeInstance(1, { state });
    const s = makeStatus(i, { system: { status: system, details: [] }, instance: { status: inst, details: [] } });
    expect(checkSummary(i, s)).toBe(expected);
  });
  test('no status → n/a', () => expect(checkSummary(makeInstance(1), undefined)).toBe('n/a'));
});
