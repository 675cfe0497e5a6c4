import { describe, expect, it } from 'vitest';
import { createSessionStore, noteText } from '../../source/model/session-store.js';
import { NOTE_MAX_CHARS } from '../../source/model/session-types.js';

const clockAt = (start: number) => {
  let now = start;
  return { now: () => now, tick: (ms: number) => void (now += ms) };
};

describe('session store', () => {
  it('adds a note by the local author on the selected instance, at the clock time, trimmed to one line', () => {
    const clock = clockAt(1000);
    const store = createSessionStore({ who: 'alice@bastion (training fleet)', clock, author: 'alice@bastion' });
    store.addNote('  memory\nclimbs  since 02:20 ', 'i-1');
    clock.tick(5);
    store.addNote('second', undefined);
    const [a, b] = store.getSnapshot().notes;
    expect(a).toMatchObject({ kind: 'note', at: 1000, author: 'alice@bastion', instanceId: 'i-1', text: 'memory climbs since 02:20' });
    expect(b).toMatchObject({ at: 1005, text: 'second' });
    expect(b).not.toHaveProperty('instanceId');
    expect(a?.id).not.toBe(b?.id);
  });

  it('ignores blank text and cuts long text at NOTE_MAX_CHARS', () => {
    const store = createSessionStore({ who: 'w', clock: clockAt(0) });
    let heard = 0;
    store.subscribe(() => void (heard += 1));
    store.addNote('   \n\t ', 'i-1');
    expect(store.getSnapshot().notes).toHaveLength(0);
    expect(heard).toBe(0);
    store.addNote('x'.repeat(NOTE_MAX_CHARS + 40), undefined);
    expect(store.getSnapshot().notes[0]?.text).toHaveLength(NOTE_MAX_CHARS);
    expect(noteText('a\u0007b')).toBe('a b');
  });

  it('uses who as the author without --name, and a follower name for received notes; a pointer is the last pointer', () => {
    const store = createSessionStore({ who: 'oncall@box (profile prod)', clock: clockAt(7) });
    store.addNote('mine', undefined);
    store.receive('pointer', 'sre', 'check NetworkIn at 02:30', 'i-2');
    store.receive('note', 'sre', 'agreed', undefined);
    const s = store.getSnapshot();
    expect(s.notes.map((n) => `${n.kind}:${n.author}:${n.text}`)).toEqual(['note:oncall@box (profile prod):mine', 'pointer:sre:check NetworkIn at 02:30', 'note:sre:agreed']);
    expect(s.lastPointer?.text).toBe('check NetworkIn at 02:30');
  });

  it('keeps restored notes and never reuses their ids', () => {
    const store = createSessionStore({
      who: 'w',
      clock: clockAt(0),
      initial: { notes: [{ id: 'n1', kind: 'note', at: 1, author: 'bob', text: 'old' }, { id: 'n2', kind: 'pointer', at: 2, author: 'sre', text: 'old pointer' }], resumedFrom: { path: '/tmp/s.json', savedAt: 3 } },
    });
    store.addNote('new', undefined);
    const ids = store.getSnapshot().notes.map((n) => n.id);
    expect(new Set(ids).size).toBe(3);
    expect(store.getSnapshot().resumedFrom).toEqual({ path: '/tmp/s.json', savedAt: 3 });
  });

  it('notifies for a view only when its JSON value changed', () => {
    const store = createSessionStore({ who: 'w', clock: clockAt(0) });
    let heard = 0;
    store.subscribe(() => void (heard += 1));
    store.setView({ selected: 'i-1', focus: 'list' });
    store.setView({ selected: 'i-1', focus: 'list' });
    expect(heard).toBe(1);
    store.setView({ selected: 'i-1', focus: 'triage' });
    expect(heard).toBe(2);
    expect(store.getSnapshot().view).toEqual({ selected: 'i-1', focus: 'triage' });
    store.setView(undefined);
    expect(store.getSnapshot()).not.toHaveProperty('view');
  });

  it('holds the share state and the file, and drops them when undefined', () => {
    const store = createSessionStore({ who: 'w', clock: clockAt(0) });
    const share = { followCommand: 'ec2-triage follow /run/x --token t', followers: [], refused: 0 };
    store.setShare(share);
    expect(store.getSnapshot().share).toBe(share);
    store.setShare(undefined);
    expect(store.getSnapshot()).not.toHaveProperty('share');
    let heard = 0;
    store.subscribe(() => void (heard += 1));
    store.setFile({ path: '/s.json' });
    store.setFile({ path: '/s.json' });
    expect(heard).toBe(1);
    expect(store.getSnapshot().file).toEqual({ path: '/s.json' });
  });
});
