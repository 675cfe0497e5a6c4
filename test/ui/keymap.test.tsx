import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { HelpOverlay, helpLines } from '../../source/ui/components/help-overlay.js';
import { DRIVER_KEYMAP as KEYMAP, FOLLOWER_KEYMAP, KEYMAP as FULL_KEYMAP, fitHints, footerHints, footerParts, resolveKey, type KeyContext } from '../../source/ui/keymap.js';
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
    [{ mode: 'help', focus: 'list' }, 'j', 'helpDown'],
    [{ mode: 'help', focus: 'list' }, 'pagedown', 'helpPageDown'],
    [{ mode: 'help', focus: 'list' }, 'x', undefined],
    [normal, 'z', 'toggleZoom'],
    [{ mode: 'normal', focus: 'triage', isZoomed: true }, 'escape', 'toggleZoom'],
    [{ mode: 'normal', focus: 'triage', isZoomed: true }, 'z', 'toggleZoom'],
    [{ mode: 'normal', focus: 'triage', isZoomed: true }, 'pagedown', 'pageDown'],
    [{ mode: 'filter', focus: 'list', isZoomed: true }, 'escape', 'filterClear'],
    [normal, 'x', undefined],
    [normal, 'tab', 'focusNext'],
    [normal, 'shift-tab', 'focusPrev'],
  ])('%j + %s → %s', (context, name, action) => {
    expect(resolveKey(KEYMAP, context, name)?.action).toBe(action);
  });

  test('no key is bound twice in one scope', () => {
    const seen = new Set<string>();
    for (const b of FULL_KEYMAP) {
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
    const footer = lines[lines.length - 1] ?? '';
    expect(footer).toContain(footerHints(KEYMAP, normal, 120).replace(/ {2}\? help$/, ''));
    expect(footer).toContain('? help');
    await press(app.stdin, '/');
    const filterLines = frame(app.lastFrame).split('\n');
    expect(filterLines[filterLines.length - 1]).toContain('Enter keep  Esc clear');
  });
});

describe('the footer-fit rule', () => {
  test.each([200, 120, 100, 80, 60, 40, 20, 12, 6])('at %s columns: whole hints only, ? help last, never wider', (width) => {
    const text = footerHints(KEYMAP, normal, width);
    expect(text.length).toBeLessThanOrEqual(width);
    const parts = footerParts(KEYMAP, normal);
    // Every piece is a whole hint (or the help): no hint is ever cut mid-word.
    for (const piece of text.split('  ').filter((p) => p !== '')) expect([...parts, '? help']).toContain(piece);
    if (width >= 6) expect(text.endsWith('? help')).toBe(true);
  });

  test('the focused pane decides what comes first: a, A, t before [ ] in the list; [ ] first on the charts', () => {
    expect(footerHints(KEYMAP, normal, 60)).toBe('a actions  A alarms  t triage  / filter  s sort  ? help');
    expect(footerHints(KEYMAP, { mode: 'normal', focus: 'metrics' }, 40)).toBe('[ range-  ] range+  z zoom  ? help');
    expect(footerHints(KEYMAP, { mode: 'normal', focus: 'triage' }, 30)).toMatch(/^t triage {2}a actions/);
  });

  test('fitHints keeps whole parts in order and stops at the first that does not fit', () => {
    expect(fitHints(['aaa x', 'bbbbbbbbbb y', 'c z'], 32, true)).toBe('aaa x  bbbbbbbbbb y  c z  ? help');
    expect(fitHints(['aaa x', 'bbbbbbbbbb y', 'c z'], 22, true)).toBe('aaa x  ? help');
    expect(fitHints(['aaa x', 'bbbbbbbbbb y'], 5, false)).toBe('aaa x');
    expect(fitHints(['aaa x'], 3, true)).toBe('');
  });

  test('zoomed, the way back comes first', () => {
    expect(footerHints(KEYMAP, { mode: 'normal', focus: 'triage', isZoomed: true }, 80)).toMatch(/^Esc\/z unzoom {2}t triage/);
    // z is "unzoom" here: the global "z zoom" is not offered twice.
    expect(footerHints(KEYMAP, { mode: 'normal', focus: 'triage', isZoomed: true }, 200)).not.toContain('z zoom');
  });
});

describe('help overlay', () => {
  test('lists every binding (label and description)', () => {
    const { lastFrame, unmount } = render(<HelpOverlay keymap={KEYMAP} width={200} height={helpLines(KEYMAP).length + 3} />);
    cleanup = unmount;
    const text = frame(lastFrame);
    const dialogs = new Set(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'budget', 'runbooks', 'quit', 'saved']);
    for (const b of KEYMAP.filter((k) => !dialogs.has(k.scope))) {
      expect(text).toContain(b.label);
      expect(text).toContain(b.description);
    }
    // A dialog's keys with a footer hint are one line: 'Action preview: Tab/←→ button · Enter press · Esc cancel'.
    for (const b of KEYMAP.filter((k) => dialogs.has(k.scope) && k.hint !== undefined)) expect(text).toContain(`${b.label} ${b.hint ?? ''}`);
    expect(helpLines(KEYMAP).filter((l) => !l.isHeading)).toHaveLength(KEYMAP.filter((k) => !dialogs.has(k.scope)).length + dialogs.size);
  });

  test('? opens it at 80×24 in one column that scrolls: every label and whole description, Esc and ? close it', async () => {
    const fake = createFakeModel({ instances: [makeInstance(1)] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, '?');
    expect(frame(app.lastFrame)).toContain('Keys');
    expect(frame(app.lastFrame)).toMatch(/lines 1–\d+ of \d+/);
    expect(frame(app.lastFrame).split('\n').at(-1)).toMatch(/^Esc\/\? close/);
    // Page through: a page is the height less one line, so consecutive pages share a line and nothing is skipped.
    const seen: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      const lines = frame(app.lastFrame).split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
      const body = lines.slice(3, -2).map((l) => l.replace(/^║/, '').replace(/\s*║$/, ''));
      // The first page after another starts on its last line (the final page, clamped, may overlap more).
      const overlap = seen.length === 0 ? -1 : body.indexOf(seen.at(-1) ?? '');
      if (seen.length > 0) expect(overlap).toBeGreaterThanOrEqual(0);
      if (page > 0) expect(overlap === 0 || /lines \d+–(\d+) of \1\b/.test(lines[2] ?? '')).toBe(true);
      seen.push(...body.slice(overlap + 1));
      if (/lines \d+–(\d+) of \1\b/.test(lines[2] ?? '')) break;
      await press(app.stdin, KEYS.pageDown);
    }
    const text = seen.join(' ').replace(/\s+/g, ' ');
    // Every pane and filter key with its whole description (wrapped, never cut); dialogs' keys by their hints.
    const dialogs = new Set(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'budget', 'runbooks', 'quit', 'saved']);
    for (const b of KEYMAP.filter((k) => !dialogs.has(k.scope))) {
      expect(text).toContain(b.label);
      expect(text).toContain(b.description);
    }
    expect(text).toContain('z ');
    await press(app.stdin, KEYS.escape);
    expect(frame(app.lastFrame)).not.toContain('Esc or ? closes');
    await press(app.stdin, '?');
    await press(app.stdin, '?');
    expect(frame(app.lastFrame)).toContain('Instances');
  });
});

describe("a follower's keymap", () => {
  const normal: KeyContext = { mode: 'normal', focus: 'list' };
  test('reaches nothing that calls AWS or acts: no triage, actions, alarms, runbooks, refresh, logs, describe, connect', () => {
    // Its own note/pointer field (scope 'note') types and sends; nothing else of a dialog is reachable.
    expect(new Set(FOLLOWER_KEYMAP.filter((b) => b.action === 'dialogChoose' || b.action === 'confirmType').map((b) => b.scope))).toEqual(new Set(['note']));
    const actions = new Set(FOLLOWER_KEYMAP.filter((b) => b.scope !== 'note').map((b) => b.action));
    for (const a of ['runTriage', 'openActions', 'openAlarms', 'openRunbooks', 'refresh', 'openLogs', 'openDescribe', 'openRaw', 'connect', 'dialogChoose', 'confirmType', 'openEvidence', 'rangePrev', 'rangeNext'] as const) {
      expect(actions.has(a), a).toBe(false);
    }
    for (const key of ['t', 'a', 'A', 'b', 'r', 'l', 'd', 'y', 'c', 'enter']) expect(resolveKey(FOLLOWER_KEYMAP, normal, key)).toBeUndefined();
  });

  test('keeps looking, following and pointing; the driver has no f or p', () => {
    expect(resolveKey(FOLLOWER_KEYMAP, normal, 'j')?.action).toBe('down');
    expect(resolveKey(FOLLOWER_KEYMAP, normal, 'f')?.action).toBe('toggleFollow');
    expect(resolveKey(FOLLOWER_KEYMAP, normal, 'p')?.action).toBe('point');
    expect(resolveKey(FOLLOWER_KEYMAP, normal, 'q')?.action).toBe('quit');
    expect(resolveKey(KEYMAP, normal, 'f')).toBeUndefined();
    expect(resolveKey(KEYMAP, normal, 'p')).toBeUndefined();
    expect(footerHints(FOLLOWER_KEYMAP, normal, 80)).toMatch(/^f follow {2}p point/);
  });
});
