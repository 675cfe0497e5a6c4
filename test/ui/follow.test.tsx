// A follower's screen, from a driver's stores streamed through the tagged-JSON codec (no socket here: the link is
// tested in test/share): the driver's selection and dialog shown, read-only, no key that acts.
import { afterEach, describe, expect, test } from 'vitest';
import { decodeTagged, encodeTagged } from '../../source/domain/tagged-json.js';
import { createMirror, type FollowerSay, type Mirror } from '../../source/share/mirror-model.js';
import type { DriverMeta } from '../../source/share/streams.js';
import { createFakeModel, makeInstance, T0 } from '../helpers/fake-model.js';
import { frame, press, renderApp, KEYS } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const instances = [makeInstance(0, { name: 'web-1' }), makeInstance(1, { name: 'pettracker-ml-server' }), makeInstance(2, { name: 'db-1' })];

function follower(view: unknown): { mirror: Mirror; sent: FollowerSay[] } {
  const driver = createFakeModel({ instances });
  const meta: DriverMeta = { target: driver.model.target, commandTarget: driver.model.commandTarget, isReadOnly: false, hasDiagnostics: false, now: T0, speed: 1 };
  const sent: FollowerSay[] = [];
  const mirror = createMirror(meta, { name: 'sre@laptop', send: (say) => (sent.push(say), true) });
  // Through the wire's codec, as a follower receives them.
  const wire = (v: unknown): unknown => decodeTagged(encodeTagged(v));
  mirror.onLink({ kind: 'connected' }, 'oncall@bastion');
  mirror.onState('fleet', wire(driver.model.fleet.getSnapshot()));
  // As the driver publishes it: who follows, the follow command (with its token) left out.
  mirror.onState('session', wire({ who: 'oncall@bastion', notes: [], view, share: { followCommand: '', followers: [{ id: 1, name: 'sre@laptop', joinedAt: T0 }], refused: 0 } }));
  return { mirror, sent };
}

describe('following a session', () => {
  test('says whose session it is and that it is read-only; the driver’s selection and open menu are shown', async () => {
    const { mirror } = follower({ focus: 'list', selectedId: instances[1]?.id, dialog: { kind: 'menu', index: 0 } });
    const app = await renderApp(mirror.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    const text = frame(app.lastFrame);
    expect(text).toContain('following oncall@bastion — read-only');
        expect(text).toContain("Actions · oncall@bastion's screen, read-only");
    expect(text).toContain('pettracker-ml-server');
  });

  test('no key acts: Enter in the driver’s menu, t, a and r change nothing and send nothing', async () => {
    const { mirror, sent } = follower({ focus: 'list', selectedId: instances[1]?.id, dialog: { kind: 'menu', index: 0 } });
    const app = await renderApp(mirror.model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    const before = mirror.model.actions.getSnapshot();
    for (const key of [KEYS.enter, 't', 'a', 'r', '1']) await press(app.stdin, key);
    expect(mirror.model.actions.getSnapshot()).toBe(before);
    expect(sent).toEqual([]);
  });

  test('moving browses on one’s own from the driver’s row (the driver’s dialog goes); f follows again', async () => {
    const { mirror } = follower({ focus: 'list', selectedId: instances[1]?.id, dialog: { kind: 'menu', index: 0 } });
    const app = await renderApp(mirror.model, { columns: 100, rows: 30 });
    cleanup = app.unmount;
    await press(app.stdin, 'j');
    let text = frame(app.lastFrame);
    expect(mirror.model.follow?.getSnapshot().isFollowing).toBe(false);
    expect(text).toContain("browsing oncall@bastion's session — read-only, f follows");
    expect(text).not.toContain('Actions');
    expect(text).toMatch(/› web-1/);
    // A follower reads nothing itself: what the driver has not read is said, not "Loading" forever or "press t".
    expect(text).toContain('Charts come from the driver');
    expect(text).toContain('The driver has not triaged web-1');
    expect(text).not.toContain('Press t');
    await press(app.stdin, 'f');
    text = frame(app.lastFrame);
    expect(mirror.model.follow?.getSnapshot().isFollowing).toBe(true);
    expect(text).toContain('Actions');
  });

  test("the follower's help is its own keys, without a share line of its own", async () => {
    const { mirror } = follower({ focus: 'list', selectedId: instances[0]?.id });
    const app = await renderApp(mirror.model, { columns: 100, rows: 40 });
    cleanup = app.unmount;
    await press(app.stdin, '?');
    const text = frame(app.lastFrame);
    expect(text).toContain("Follow the driver's selection");
    expect(text).not.toContain('Shared session');
    expect(text).not.toContain('Triage the selected instance');
  });

  test('a lost link is said in the header, with the retry', async () => {
    const { mirror } = follower({ focus: 'list', selectedId: instances[0]?.id });
    const app = await renderApp(mirror.model, { columns: 120, rows: 30 });
    cleanup = app.unmount;
    mirror.onLink({ kind: 'lost', reason: 'connection reset', retryInMs: 2000 });
    await press(app.stdin, '?');
    await press(app.stdin, '?');
    expect(frame(app.lastFrame)).toContain('ec2-triage · reconnecting in 2 s (connection reset) · following oncall@bastion — read-only');
  });
});
