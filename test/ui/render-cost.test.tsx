// What a keypress costs React: one commit. The metrics store hears of the new selection in the key's own batch
// (as the real model does: the metrics and activity stores change the moment an instance is selected), not in a
// layout effect after the commit, which would make React commit a second time before the frame is drawn.
import { render as inkRender } from 'ink-testing-library';
import { Profiler, createElement } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../source/app.js';
import { idle, loading } from '../../source/model/loadable.js';
import type { AppModel } from '../../source/model/types.js';
import { createFakeModel, makeInstance, type FakeModel } from '../helpers/fake-model.js';
import { KEYS, frame, press, resize, settle } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  vi.useRealTimers();
  cleanup?.();
  cleanup = undefined;
});

/**
 * A fake model whose selectInstance changes the stores as the real one does (charts loading, a call in flight;
 * the same instance again is a no-op).
 */
function selectingModel(fake: FakeModel): AppModel {
  return {
    ...fake.model,
    selectInstance(instance) {
      if (instance === undefined || instance.id === fake.calls.selected.at(-1)?.id) return;
      fake.calls.selected.push(instance);
      fake.metrics.update((m) => ({
        ...m,
        byInstance: new Map(m.byInstance).set(instance.id, { instanceId: instance.id, range: m.range, period: 60, charts: loading(idle()), isAgentReporting: undefined }),
      }));
      fake.activity.update((a) => ({ ...a, inFlight: a.inFlight + 1 }));
    },
  } as AppModel;
}

describe('render cost of a keypress', () => {
  test('moving the selection is one React commit, and the metrics store follows it', async () => {
    const fake = createFakeModel({ instances: Array.from({ length: 40 }, (_, n) => makeInstance(n, { name: `web-${n}` })) });
    // The app's 1 s clock tick (setInterval) is a commit of its own: held still, so every commit counted is the key's.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let commits = 0;
    const rendered = inkRender(createElement(Profiler, { id: 'app', onRender: () => (commits += 1) }, createElement(App, { model: selectingModel(fake) })));
    cleanup = rendered.unmount;
    resize(rendered, 160, 40);
    await settle();
    const perPress: number[] = [];
    for (const key of [KEYS.down, KEYS.down, KEYS.up, KEYS.down, KEYS.up, KEYS.pageDown, KEYS.pageUp]) {
      commits = 0;
      await press(rendered.stdin, key);
      perPress.push(commits);
    }
    expect(perPress).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Each move selected its instance once (the layout effect, after the commit, had nothing left to do), and the
    // frame shows it.
    const names = fake.calls.selected.map((i) => i?.name);
    expect(names).toHaveLength(8);
    expect(names[1]).not.toBe(names[0]);
    expect(names.slice(1, 6)).toEqual([names[1], names[2], names[1], names[2], names[1]]);
    expect(names[6]).not.toBe(names[1]);
    expect(frame(rendered.lastFrame)).toMatch(new RegExp(`Status\\s+${names[7] ?? '?'}\\s`));
  });
});
