// NO_COLOR and TERM=dumb turn colour off in one place; every tone has a colour when it is on.
import { afterEach, describe, expect, test } from 'vitest';
import { PALETTE, checkColor, isColorEnabled, isColorWanted, paint, setColorEnabled, stateColor, tone, type Tone } from '../../source/ui/theme.js';

const initial = isColorEnabled();
afterEach(() => setColorEnabled(initial));

describe('isColorWanted', () => {
  test.each<[Record<string, string | undefined>, boolean]>([
    [{ TERM: 'xterm-256color' }, true],
    [{ TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    [{ TERM: 'xterm-256color', NO_COLOR: 'anything' }, false],
    // no-color.org: set and not empty.
    [{ TERM: 'xterm-256color', NO_COLOR: '' }, true],
    [{ TERM: 'dumb' }, false],
    [{}, true],
  ])('%j → %s', (env, expected) => {
    expect(isColorWanted(env)).toBe(expected);
  });
});

describe('tones', () => {
  test('with colour on, every tone is a colour; off, none is', () => {
    setColorEnabled(true);
    for (const name of Object.keys(PALETTE) as Tone[]) expect(tone(name)).toBe(PALETTE[name]);
    expect(stateColor('running')).toBe('green');
    expect(checkColor('impaired')).toBe('red');
    expect(paint('magenta')).toBe('magenta');
    setColorEnabled(false);
    for (const name of Object.keys(PALETTE) as Tone[]) expect(tone(name)).toBeUndefined();
    expect(stateColor('running')).toBeUndefined();
    expect(checkColor('impaired')).toBeUndefined();
    // A literal some pane still passes through a Line is dropped too.
    expect(paint('magenta')).toBeUndefined();
  });
});
