// The patches the bundle carries over Ink 6.8 (Ink 6 is the newest that runs on Node 20). Each is an exact
// source string and its replacement; the build fails when a file no longer contains its string exactly once
// (Ink changed: re-check the patch), and test/cli/ink-patches.test.ts checks the same against node_modules.
// scripts/build.mjs applies them in an esbuild onLoad hook; docs/ink-output-cache.md is the upstream offer.

/** @typedef {{ readonly find: string; readonly replace: string }} Replacement */
/** @typedef {{ readonly name: string; readonly file: RegExp; readonly replacements: readonly Replacement[] }} InkPatch */

// Ink 6.8's incremental renderer moves the cursor up one row too few when the previous frame ended with a
// newline (every non-fullscreen frame does), so each update lands one row lower and the screen smears.
/** @type {InkPatch} */
const incrementalCursor = {
  name: 'fix-ink-incremental-cursor',
  file: /[\\/]ink[\\/]build[\\/]log-update\.js$/,
  replacements: [
    {
      find: 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
      replace: "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));",
    },
  ],
};

// Ink builds every frame from nothing: a fresh Output per render tokenizes every written line again
// (ANSI tokenizing, string widths, slicing to the clip box), allocates a blank cell object per screen cell and
// turns every row back into a string, whatever changed. That is ~70 % of a keypress. The patch keeps those
// results across frames: the per-Output caches become one shared, generation-bounded cache (an entry not used
// for a whole generation is dropped, so memory stays at a few frames' worth), the clip slice is cached too,
// blank cells and wide-character fillers are shared immutable objects, and a row whose cells are the very same
// objects as last frame's row reuses last frame's string. The output is byte-for-byte the same.
const CACHE_CLASS_FIND = `class OutputCaches {
    widths = new Map();
    blockWidths = new Map();
    styledChars = new Map();
    getStyledChars(line) {
        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            cached = styledCharsFromTokens(tokenize(line));
            this.styledChars.set(line, cached);
        }
        return cached;
    }`;

const CACHE_CLASS_REPLACE = `class GenerationCache {
    constructor(limit) {
        this.limit = limit;
        this.current = new Map();
        this.previous = new Map();
    }
    get(key) {
        let value = this.current.get(key);
        if (value === undefined) {
            value = this.previous.get(key);
            if (value !== undefined) {
                this.set(key, value);
            }
        }
        return value;
    }
    set(key, value) {
        if (this.current.size >= this.limit) {
            this.previous = this.current;
            this.current = new Map();
        }
        this.current.set(key, value);
    }
}
const BLANK_CELL = Object.freeze({
    type: 'char',
    value: ' ',
    fullWidth: false,
    styles: Object.freeze([]),
});
const wideFillers = new WeakMap();
const wideFillerFor = (character) => {
    let filler = wideFillers.get(character);
    if (filler === undefined) {
        filler = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        wideFillers.set(character, filler);
    }
    return filler;
};
class OutputCaches {
    widths = new GenerationCache(4096);
    blockWidths = new GenerationCache(2048);
    styledChars = new GenerationCache(2048);
    slices = new GenerationCache(2048);
    rows = [];
    getStyledChars(line) {
        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            cached = styledCharsFromTokens(tokenize(line));
            this.styledChars.set(line, cached);
        }
        return cached;
    }
    getSlice(line, from, to) {
        const key = from + ':' + to + ':' + line;
        let cached = this.slices.get(key);
        if (cached === undefined) {
            cached = sliceAnsi(line, from, to);
            this.slices.set(key, cached);
        }
        return cached;
    }
    getRowString(y, cells) {
        const previous = this.rows[y];
        if (previous !== undefined && previous.cells.length === cells.length) {
            let same = true;
            for (let index = 0; index < cells.length; index++) {
                if (previous.cells[index] !== cells[index]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                previous.cells = cells;
                return previous.text;
            }
        }
        // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
        const text = styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();
        this.rows[y] = { cells, text };
        return text;
    }`;

/** @type {InkPatch} */
const outputCache = {
  name: 'ink-output-cross-frame-cache',
  file: /[\\/]ink[\\/]build[\\/]output\.js$/,
  replacements: [
    { find: CACHE_CLASS_FIND, replace: CACHE_CLASS_REPLACE },
    {
      find: `    caches = new OutputCaches();`,
      replace: `    caches = sharedCaches;`,
    },
    {
      find: `export default class Output {`,
      replace: `const sharedCaches = new OutputCaches();
export default class Output {`,
    },
    {
      find: `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
      replace: `                row.push(BLANK_CELL);`,
    },
    {
      find: `                            return sliceAnsi(line, from, to);`,
      replace: `                            return this.caches.getSlice(line, from, to);`,
    },
    {
      find: `                                currentLine[offsetX + index] = {
                                    type: 'char',
                                    value: '',
                                    fullWidth: false,
                                    styles: character.styles,
                                };`,
      replace: `                                currentLine[offsetX + index] = wideFillerFor(character);`,
    },
    {
      find: `        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');`,
      replace: `        const generatedOutput = output
            .map((line, y) => this.caches.getRowString(y, line))
            .join('\\n');`,
    },
  ],
};

// Ink's text wrapping and measuring caches are module-level and never emptied: every distinct text the app ever
// drew stays (a CPU column that changes each minute adds its rows' texts each minute, for as long as the app runs).
// The patch empties each cache when it passes a bound; what is on screen is measured again on the next frame.
const TEXT_CACHE_LIMIT = 20_000;

/** @type {InkPatch} */
const boundedWrapCache = {
  name: 'ink-bounded-wrap-cache',
  file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
  replacements: [
    {
      find: `const cache = {};`,
      replace: `let cache = new Map();`,
    },
    {
      find: `    const cachedText = cache[cacheKey];`,
      replace: `    const cachedText = cache.get(cacheKey);`,
    },
    {
      find: `    cache[cacheKey] = wrappedText;`,
      replace: `    if (cache.size >= ${TEXT_CACHE_LIMIT}) {
        cache = new Map();
    }
    cache.set(cacheKey, wrappedText);`,
    },
  ],
};

/** @type {InkPatch} */
const boundedMeasureCache = {
  name: 'ink-bounded-measure-cache',
  file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
  replacements: [
    {
      find: `    cache.set(text, dimensions);`,
      replace: `    if (cache.size >= ${TEXT_CACHE_LIMIT}) {
        cache.clear();
    }
    cache.set(text, dimensions);`,
    },
  ],
};

// Every frame measures every text node's widest line again (string-width over each character), whether or not
// the text changed; the patch remembers the widths of recent texts (emptied when it passes the bound).
/** @type {InkPatch} */
const cachedWidestLine = {
  name: 'ink-cached-widest-line',
  file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
  replacements: [
    {
      find: `import widestLine from 'widest-line';`,
      replace: `import widestLine from 'widest-line';
let widestLineCache = new Map();
const cachedWidestLine = (text) => {
    let width = widestLineCache.get(text);
    if (width === undefined) {
        width = widestLine(text);
        if (widestLineCache.size >= ${TEXT_CACHE_LIMIT}) {
            widestLineCache = new Map();
        }
        widestLineCache.set(text, width);
    }
    return width;
};`,
    },
    {
      find: `const currentWidth = widestLine(text);`,
      replace: `const currentWidth = cachedWidestLine(text);`,
    },
  ],
};

/** @type {readonly InkPatch[]} */
export const INK_PATCHES = [incrementalCursor, outputCache, boundedWrapCache, boundedMeasureCache, cachedWidestLine];

/**
 * `source` with every replacement of `patch` applied; throws (one line) when a string is missing or not unique,
 * which means Ink changed and the patch must be re-checked.
 * @param {InkPatch} patch
 * @param {string} source
 * @param {string} path
 * @returns {string}
 */
export function applyInkPatch(patch, source, path) {
  let out = source;
  for (const { find, replace } of patch.replacements) {
    const first = out.indexOf(find);
    if (first === -1 || out.indexOf(find, first + 1) !== -1) {
      const firstLine = find.trim().split('\n')[0];
      throw new Error(`${patch.name}: Ink's ${path} changed (${first === -1 ? 'missing' : 'not unique'}: "${firstLine}"): re-check the patch`);
    }
    out = out.slice(0, first) + replace + out.slice(first + find.length);
  }
  return out;
}

/**
 * The esbuild plugin applying every patch to its file.
 * @returns {import('esbuild').Plugin}
 */
export function inkPatchesPlugin() {
  return {
    name: 'ink-patches',
    setup(b) {
      for (const patch of INK_PATCHES) {
        b.onLoad({ filter: patch.file }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          return { contents: applyInkPatch(patch, await readFile(args.path, 'utf8'), args.path), loader: 'js' };
        });
      }
    },
  };
}
