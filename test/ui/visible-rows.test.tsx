// The list tells the model which rows matter (a large fleet's CPU column asks only for them) and says in its header
// when the CPU column covers only some of them.
import { afterEach, describe, expect, test } from 'vitest';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { frame, press, pressAll, renderApp, settle } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const listRows = (text: string) =>
  text
    .split('\n')
    .map((l) => /║[› ] (web-\d{5})/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);

async function mount() {
  const instances = Array.from({ length: 10_000 }, (_, n) => makeInstance(n));
  const fake = createFakeModel({ instances });
  const reported: (readonly string[])[] = [];
  const model = { ...fake.model, setVisibleInstances: (ids: readonly string[]) => void reported.push(ids) };
  const app = await renderApp(model, { columns: 200, rows: 50 });
  cleanup = app.unmount;
  const nameOf = new Map(instances.map((i) => [i.id, i.name]));
  const lastNames = () => (reported.at(-1) ?? []).map((id) => nameOf.get(id));
  return { fake, app, reported, lastNames, text: () => frame(app.lastFrame) };
}

describe('the rows that matter', () => {
  test('the rows on screen are reported, and again after scrolling', async () => {
    const { app, lastNames, text } = await mount();
    expect(lastNames()).toEqual(listRows(text()));
    await press(app.stdin, 'G');
    expect(lastNames()).toEqual(listRows(text()));
    expect(lastNames().at(-1)).toBe('web-09999');
  });

  test("with a filter, the filter's matches follow the rows on screen", async () => {
    const { app, lastNames, text } = await mount();
    await pressAll(app.stdin, ['/', 'w', 'e', 'b', '-', '0', '0', '1']);
    const shown = listRows(text());
    const names = lastNames();
    expect(names.slice(0, shown.length)).toEqual(shown);
    expect(names.slice(shown.length)).toHaveLength(100); // web-00100 … web-00199 match
    expect(names.slice(shown.length).every((n) => n?.startsWith('web-001') === true)).toBe(true);
  });

  test('the header says when the CPU column covers only some rows', async () => {
    const { fake, text } = await mount();
    expect(text()).not.toContain('CPU for');
    fake.fleet.update((s) => ({ ...s, cpuScope: { asked: 24, total: 10_000 } }));
    await settle();
    expect(text()).toContain('10,000  sort: problems first  CPU for 24 of 10,000 shown');
  });
});
