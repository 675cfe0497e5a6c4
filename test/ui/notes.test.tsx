// `n`: the note field, what Enter and Esc do, and where the note shows (the triage timeline, before a run too).
import { afterEach, describe, expect, test } from 'vitest';
import { triage } from '../../source/triage/engine.js';
import { stepsOf } from '../../source/triage/steps.js';
import { triageLines } from '../../source/ui/panes/triage/triage-lines.js';
import { scenario } from '../triage/evidence-fixtures.js';
import { createFakeModel, makeInstance, T0 } from '../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

async function open() {
  const instance = makeInstance(1);
  const fake = createFakeModel({ instances: [instance] });
  const app = await renderApp(fake.model, { columns: 140, rows: 45 });
  cleanup = app.unmount;
  return { fake, app, instance };
}

async function type(stdin: Parameters<typeof press>[0], text: string): Promise<void> {
  for (const ch of text) await press(stdin, ch);
}

describe('notes', () => {
  test('n opens the field; typed text (q and t included) and Enter add the note on the selected instance, said in the footer', async () => {
    const { fake, app, instance } = await open();
    await press(app.stdin, 'n');
    expect(flat(frame(app.lastFrame))).toContain('Note on web-00001');
    await type(app.stdin, 'quit the toy job');
    await press(app.stdin, KEYS.backspace);
    await press(app.stdin, 'b');
    await press(app.stdin, KEYS.enter);
    const notes = fake.model.session.getSnapshot().notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'note', author: 'tester@host', instanceId: instance.id, text: 'quit the toy job' });
    const screen = flat(frame(app.lastFrame));
    expect(screen).toContain('Note added');
    // Before any triage the pane lists the note under the method.
    expect(screen).toContain('note · tester@host: quit the toy job');
    expect(fake.calls.triaged).toHaveLength(0);
  });

  test('Esc cancels and a blank note is not added', async () => {
    const { fake, app } = await open();
    await press(app.stdin, 'n');
    await type(app.stdin, 'never mind');
    await press(app.stdin, KEYS.escape);
    await press(app.stdin, 'n');
    await type(app.stdin, '   ');
    await press(app.stdin, KEYS.enter);
    expect(fake.model.session.getSnapshot().notes).toHaveLength(0);
    expect(flat(frame(app.lastFrame))).toContain('no note added');
  });

  test('in the run\'s timeline, notes and pointers sit in time order with the findings; another instance\'s do not', () => {
    const evidence = scenario('oom');
    const engine = { evidence, result: triage(evidence), timeline: [{ at: new Date(T0), kind: 'call' as const, text: 'ec2:DescribeInstances 10 ms ok' }, { at: new Date(T0 + 60_000), kind: 'finding' as const, text: '[critical] OOM' }] };
    const run = { instanceId: evidence.instance.id, instanceName: 'ml', startedAt: T0, finishedAt: T0, engine, ...stepsOf(engine) };
    const notes = [
      { id: 'a', kind: 'note' as const, at: T0 + 30_000, author: 'alice@bastion', instanceId: evidence.instance.id, text: 'memory climbs' },
      { id: 'b', kind: 'pointer' as const, at: T0 + 90_000, author: 'sre', text: 'check NetworkIn at 02:30' },
      { id: 'c', kind: 'note' as const, at: T0 + 40_000, author: 'bob', instanceId: 'i-other', text: 'elsewhere' },
    ];
    const text = triageLines(run, 200, [], notes).map((l) => l.text);
    const at = (s: string) => text.findIndex((l) => l.includes(s));
    expect(at('note · alice@bastion: memory climbs')).toBeGreaterThan(at('ec2:DescribeInstances'));
    expect(at('note · alice@bastion: memory climbs')).toBeLessThan(at('[critical] OOM'));
    expect(at('pointer · sre: check NetworkIn at 02:30')).toBeGreaterThan(at('[critical] OOM'));
    expect(at('elsewhere')).toBe(-1);
  });
});

describe('a resumed run in the pane', () => {
  test('says the file it came from, and a new run says what changed first', () => {
    const evidence = scenario('oom');
    const engine = { evidence, result: triage(evidence), timeline: [] };
    const base = { instanceId: evidence.instance.id, instanceName: 'ml', startedAt: T0, finishedAt: T0, engine, ...stepsOf(engine) };
    const restored = triageLines({ ...base, restored: { path: '/s/session.json', savedAt: Date.UTC(2024, 0, 15, 3, 12) } }, 200).map((l) => l.text);
    expect(restored[0]).toBe('From /s/session.json saved 03:12 UTC — t triages again and says what changed.');
    const fresh = triageLines({ ...base, changes: 'since 03:12: healthy (was oom); memory 55 % (was 97 %), no new kill; status checks ok' }, 200).map((l) => l.text);
    expect(fresh[0]).toBe('Δ since 03:12: healthy (was oom); memory 55 % (was 97 %), no new kill; status checks ok');
  });
});

describe('the session file in the dialogs', () => {
  test('is named with the journal, and why it is elsewhere when it is', async () => {
    const { journalLines } = await import('../../source/ui/dialogs/dialog-lines.js');
    expect(journalLines({ path: '/j.md' }, 100, { path: '/s.json' }).map((l) => l.text)).toEqual(['Journal: /j.md', 'Session: /s.json']);
    const failed = journalLines(undefined, 100, { path: '/tmp/s.json', failure: 'cannot write /state/s.json: the disk is full; kept in /tmp/s.json' });
    expect(failed[0]).toMatchObject({ text: 'Session: cannot write /state/s.json: the disk is full; kept in /tmp/s.json', tone: 'warn' });
  });
});
