import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { HelpOverlay, helpLines } from '../../source/ui/components/help-overlay.js';
import { KEYMAP, footerHints, resolveKey, type KeyContext } from '../../source/ui/keymap.js';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../helpers/ui.js';

const normal: KeyContext = { mode: 'normal', focus: 'list' };
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('resolveKey', () => {
  test.each<[KeyContext, string, string | undefined]>([
    [normal, 'q', 'quit'],
    [normal, 'ctrl-c', 'quit'],
    [{ mode: 'filter', focus: 'list' }, 'ctrl-c', 'quit'],
    [{ mode: 'filter', focus: 'list' }, 'q', 'filterType'],
    [{ mode: 'filter', focus: 'list' }, 'enter', 'filterKeep'],
    [{ mode: 'filter', focus: 'list' }, 'escape', 'filterClear'],
    [{ mode: 'filter', focus: 'list' }, 'backspace', 'filterBackspace'],
    [normal, 'j', 'down'],
    [normal, 'G', 'bottom'],
    [{ mode: 'normal', focus: 'metrics' }, 'G', undefined],
    [{ mode: 'normal', focus: 'metrics' }, 'down', 'down'],
    [{ mode: 'normal', focus: 'triage' }, 'pagedown', 'pageDown'],
    [{ mode: 'help', focus: 'list' }, 'escape', 'toggleHelp'],
    [{ mode: 'help', focus: 'list' }, '?', 'toggleHelp'],
    [{ mode: 'help', focus: 'list' }, 'j', undefined],
    [normal, 'x', undefined],
    [normal, 'tab', 'focusNext'],
    [normal, 'shift-tab', 'focusPrev'],
  ])('%j + %s → %s', (context, name, action) => {
    expect(resolveKey(KEYMAP, context, name)?.action).toBe(action);
  });

  test('no key is bound twice in one scope', () => {
    const seen = new Set<string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});

describe('footer hints come from the keymap', () => {
  test('every hint is a live binding, cut to the width', () => {
    const text = footerHints(KEYMAP, normal, 1000);
    for (const b of KEYMAP.filter((k) => k.scope === 'global' && k.hint !== undefined)) {
      expect(text).toContain(`${b.label} ${b.hint ?? ''}`);
    }
    expect(footerHints(KEYMAP, normal, 20).length).toBeLessThanOrEqual(20);
    expect(footerHints(KEYMAP, { mode: 'filter', focus: 'list' }, 100)).toBe('Enter keep  Esc clear');
  });

  test('the app footer shows the hints of the table', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1)] });
    const app = await renderApp(fake.model, { columns: 200, rows: 40 });
    cleanup = app.unmount;
    const lines = frame(app.lastFrame).split('\n');
    expect(lines[lines.length - 1]).toContain(footerHints(KEYMAP, normal, 120));
    await press(app.stdin, '/');
    const filterLines = frame(app.lastFrame).split('\n');
    expect(filterLines[filterLines.length - 1]).toContain('Enter keep  Esc clear');
  });
});

describe('help overlay', () => {
  test('lists every binding (label and description)', () => {
    const { lastFrame, unmount } = render(<HelpOverlay keymap={KEYMAP} width={200} height={45} />);
    cleanup = unmount;
    const text = frame(lastFrame);
    const dialogs = new Set(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'quit', 'saved']);
    for (const b of KEYMAP.filter((k) => !dialogs.has(k.scope))) {
      expect(text).toContain(b.label);
      expect(text).toContain(b.description);
    }
    // A dialog's keys with a footer hint are one line: 'Action preview: Tab/←→ button · Enter press · Esc cancel'.
    for (const b of KEYMAP.filter((k) => dialogs.has(k.scope) && k.hint !== undefined)) expect(text).toContain(`${b.label} ${b.hint ?? ''}`);
    expect(helpLines(KEYMAP).filter((l) => !l.isHeading)).toHaveLength(KEYMAP.filter((k) => !dialogs.has(k.scope)).length + dialogs.size);
  });

  test('? opens it, every label shows even at 80×24, Esc and ? close it', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1)] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, '?');
    const text = frame(app.lastFrame);
    expect(text).toContain('Keys');
    // Every pane and filter key; a dialog's keys are in its own footer while it is open (the dialog tests).
    const dialogs = new Set(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'quit', 'saved']);
    for (const b of KEYMAP.filter((k) => !dialogs.has(k.scope))) expect(text).toContain(b.label);
    expect(text.split('\n').length).toBeLessThanOrEqual(23);
    await press(app.stdin, KEYS.escape);
    expect(frame(app.lastFrame)).not.toContain('Esc or ? closes');
    await press(app.stdin, '?');
    await press(app.stdin, '?');
    expect(frame(app.lastFrame)).toContain('Instances');
  });
});
