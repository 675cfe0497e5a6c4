import { describe, expect, it } from 'vitest';
import { createMirror, oneLine, type FollowerSay } from '../../source/share/mirror-model.js';
import type { DriverMeta } from '../../source/share/streams.js';
import { publicSession, publishModel } from '../../source/share/publisher.js';
import { createStore } from '../../source/model/store.js';
import type { AppModel } from '../../source/model/types.js';
import type { SessionModel, SessionSnapshot } from '../../source/model/session-types.js';

const meta: DriverMeta = {
  target: { kind: 'demo', scenario: 'oom', speed: 60, region: 'us-east-1' },
  commandTarget: { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' },
  isReadOnly: false,
  hasDiagnostics: false,
  now: 1_000_000,
  speed: 60,
};

function mirrorWith(realNow: () => number = () => 0) {
  const sent: FollowerSay[] = [];
  const mirror = createMirror(meta, { name: 'sre@laptop', send: (say) => (sent.push(say), true), realNow });
  return { mirror, sent };
}

describe("the follower's mirror model", () => {
  it('is read-only whatever the driver is, and names the driver’s target in its commands', () => {
    const { mirror } = mirrorWith();
    expect(mirror.model.isReadOnly).toBe(true);
    // What the driver's preview says of Run is the driver's: its app writes.
    expect(mirror.model.follow?.getSnapshot().driverIsReadOnly).toBe(false);
    mirror.onState('meta', { ...meta, isReadOnly: true });
    expect(mirror.model.follow?.getSnapshot().driverIsReadOnly).toBe(true);
    expect(mirror.model.commandTarget).toEqual(meta.commandTarget);
    expect(mirror.model.target).toEqual(meta.target);
  });

  it("runs the driver's clock on from the last meta line at the driver's speed", () => {
    let real = 0;
    const { mirror } = mirrorWith(() => real);
    real = 1000;
    expect(mirror.model.clock.now()).toBe(1_000_000 + 60_000);
    mirror.onState('meta', { ...meta, now: 5_000_000 });
    real = 1500;
    expect(mirror.model.clock.now()).toBe(5_000_000 + 30_000);
    // The driver ended the session: the clock stops where it was.
    mirror.onLink({ kind: 'ended' });
    real = 9000;
    expect(mirror.model.clock.now()).toBe(5_000_000 + 30_000);
  });

  it('takes each channel’s snapshot and drops one of the wrong shape (the last good one stays)', () => {
    const { mirror } = mirrorWith();
    const fleet = { instances: { data: [], updatedAt: 1, error: undefined, isLoading: false }, statuses: { data: new Map(), updatedAt: 1, error: undefined, isLoading: false }, cpu: { data: new Map(), updatedAt: 1, error: undefined, isLoading: false }, alarms: { data: new Map(), updatedAt: 1, error: undefined, isLoading: false } };
    mirror.onState('fleet', fleet);
    expect(mirror.model.fleet.getSnapshot()).toBe(fleet);
    mirror.onState('fleet', { instances: 'rm -rf' });
    expect(mirror.model.fleet.getSnapshot()).toBe(fleet);
    mirror.onState('triage', { instanceId: 'i-1', steps: [] });
    expect(mirror.model.triage.getSnapshot()?.instanceId).toBe('i-1');
    mirror.onState('triage', null);
    expect(mirror.model.triage.getSnapshot()).toBeUndefined();
    mirror.onState('session', { who: 'oncall@bastion', notes: [{ id: '1', kind: 'note', at: 1, author: 'x', text: 'hi' }] });
    expect(mirror.model.session?.getSnapshot().notes).toHaveLength(1);
  });

  it("sends notes and pointers as one line, and sends nothing blank", () => {
    const { mirror, sent } = mirrorWith();
    mirror.model.session?.addNote('  memory\nclimbing  ', 'i-1');
    expect(mirror.model.follow?.point('check NetworkIn at 02:30', undefined)).toBe(true);
    expect(mirror.model.follow?.point('   ', undefined)).toBe(false);
    expect(sent).toEqual([
      { type: 'note', text: 'memory climbing', instanceId: 'i-1' },
      { type: 'point', text: 'check NetworkIn at 02:30' },
    ]);
    expect(oneLine('x'.repeat(900))?.length).toBe(500);
  });

  it('has no write path: the action intents change nothing and send nothing', () => {
    const { mirror, sent } = mirrorWith();
    const before = mirror.model.actions.getSnapshot();
    mirror.model.actions.confirm();
    mirror.model.runTriage({ id: 'i-1' } as never);
    expect(mirror.model.actions.getSnapshot()).toBe(before);
    expect(sent).toEqual([]);
    expect('refreshNow' in mirror.model).toBe(false);
    expect('exportReport' in mirror.model).toBe(false);
  });

  it('follows the driver until told otherwise, and shows the link as it changes', () => {
    const { mirror } = mirrorWith();
    expect(mirror.model.follow?.getSnapshot().isFollowing).toBe(true);
    mirror.model.follow?.setFollowing(false);
    expect(mirror.model.follow?.getSnapshot().isFollowing).toBe(false);
    mirror.onLink({ kind: 'lost', reason: 'ECONNRESET', retryInMs: 2000 }, 'oncall@bastion');
    expect(mirror.model.follow?.getSnapshot()).toMatchObject({ driver: 'oncall@bastion', link: { kind: 'lost' } });
  });
});

describe("the driver's publisher", () => {
  const session = (share?: SessionSnapshot['share']): SessionModel => {
    const store = createStore<SessionSnapshot>({ who: 'oncall@bastion', notes: [], ...(share === undefined ? {} : { share }) });
    const nothing = (): void => undefined;
    return { ...store, addNote: nothing, receive: nothing, setView: nothing, setShare: nothing, setFile: nothing };
  };

  it('sends every channel at once, then each change, and leaves the token out of the session', () => {
    const fleet = createStore({ instances: { isLoading: true }, statuses: { isLoading: true }, cpu: { isLoading: true }, alarms: { isLoading: true } });
    const stores = { fleet, metrics: createStore({ range: '1h', byInstance: new Map() }), triage: createStore(undefined), activity: createStore({ inFlight: 0 }), actions: createStore({ journal: [] }) };
    const model = { ...stores, target: meta.target, commandTarget: meta.commandTarget, isReadOnly: false, clock: { now: () => 42 }, session: session({ followCommand: 'ec2-triage follow /s --token SECRET', followers: [], refused: 0 }) } as unknown as AppModel;
    const sent: [string, unknown][] = [];
    const stop = publishModel(model, (channel, value) => sent.push([channel, value]), 60);
    expect(sent.map(([c]) => c)).toEqual(['meta', 'fleet', 'metrics', 'triage', 'activity', 'actions', 'session']);
    expect(sent[0]?.[1]).toMatchObject({ now: 42, speed: 60, commandTarget: meta.commandTarget });
    expect(JSON.stringify(sent)).not.toContain('SECRET');
    fleet.set({ ...fleet.getSnapshot() });
    expect(sent.at(-1)?.[0]).toBe('fleet');
    stop();
    fleet.set({ ...fleet.getSnapshot() });
    expect(sent.at(-1)?.[0]).toBe('fleet');
    expect(sent).toHaveLength(8);
  });

  it('publicSession keeps who follows and the refusals', () => {
    const s = publicSession({ who: 'a', notes: [], share: { followCommand: 'x --token T', followers: [{ id: 1, name: 'sre', joinedAt: 1 }], refused: 2 } });
    expect(s.share).toEqual({ followCommand: '', followers: [{ id: 1, name: 'sre', joinedAt: 1 }], refused: 2 });
  });
});
