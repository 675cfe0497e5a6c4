// The Ink patches the bundle carries (scripts/ink-patches.mjs): this fails when Ink's source no longer contains a
// patched string (an Ink upgrade: re-check the patch), and checks the output cache changes no byte of any frame.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INK_PATCHES, applyInkPatch, inkPatchesPlugin } from '../../scripts/ink-patches.mjs';

const inkBuild = join(process.cwd(), 'node_modules', 'ink', 'build');

/** The Ink file a patch applies to, as installed. */
function inkFile(file: RegExp): string {
  const name = ['log-update.js', 'output.js', 'wrap-text.js', 'measure-text.js', 'render-node-to-output.js'].find((n) => file.test(join(inkBuild, n)));
  if (name === undefined) throw new Error(`no Ink file matches ${String(file)}`);
  return join(inkBuild, name);
}

describe('Ink patches', () => {
  it.each(INK_PATCHES.map((p) => [p.name, p] as const))('%s: every patched string is in the installed Ink, once', (_name, patch) => {
    const path = inkFile(patch.file);
    const source = readFileSync(path, 'utf8');
    for (const { find } of patch.replacements) {
      expect(source.split(find).length - 1, find.trim().split('\n')[0]).toBe(1);
    }
    const patched = applyInkPatch(patch, source, path);
    for (const { replace } of patch.replacements) expect(patched).toContain(replace);
  });

  it('fails, in one line, when Ink changed', () => {
    const patch = INK_PATCHES.find((p) => p.name === 'ink-output-cross-frame-cache');
    if (patch === undefined) throw new Error('the output cache patch is missing');
    const source = readFileSync(inkFile(patch.file), 'utf8').replace('caches = new OutputCaches();', 'caches = new Caches();');
    expect(() => applyInkPatch(patch, source, 'output.js')).toThrow(/^ink-output-cross-frame-cache: Ink's output.js changed \(missing: "caches = new OutputCaches\(\);"\)/);
  });
});

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => InkOutput;

describe('the cross-frame output cache', () => {
  let dir = '';
  let Plain: OutputClass;
  let Cached: OutputClass;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ink-output-'));
    const bundle = async (name: string, plugins: ReturnType<typeof inkPatchesPlugin>[]): Promise<OutputClass> => {
      const outfile = join(dir, `${name}.mjs`);
      await build({ entryPoints: [join(inkBuild, 'output.js')], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent', plugins });
      return ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
    };
    Plain = await bundle('plain', []);
    Cached = await bundle('cached', [inkPatchesPlugin()]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const red = (s: string): string => `\u001B[31m${s}\u001B[39m`;
  const bold = (s: string): string => `\u001B[1m${s}\u001B[22m`;

  /** One frame like the app's: a bordered pane, clipped rows (one selected), a wide character, a transformer. */
  function frame(Output: OutputClass, selected: number, tick: number): string {
    const out = new Output({ width: 40, height: 12 });
    out.write(0, 0, `ec2-triage ${bold(`tick ${tick}`)}`, { transformers: [] });
    out.clip({ x1: 2, x2: 30, y1: 1, y2: 10 });
    for (let row = 0; row < 12; row += 1) {
      const text = `i-${String(row).padStart(4, '0')} ${row === selected ? red('running') : 'stopped'} 文字 ${(row * 7.5).toFixed(1)}% trailing text past the clip`;
      out.write(0, row + 1, text, { transformers: row === selected ? [(line) => bold(line)] : [] });
    }
    out.unclip();
    out.write(0, 11, `multi\nline ${tick % 2 === 0 ? '' : red('odd')}`, { transformers: [] });
    return out.get().output;
  }

  it('draws every frame byte for byte as Ink does, across selection moves and ticks', () => {
    const plain: string[] = [];
    const cached: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const selected = [1, 2, 1, 3, 3, 0][i % 6] ?? 0;
      plain.push(frame(Plain, selected, Math.floor(i / 4)));
      cached.push(frame(Cached, selected, Math.floor(i / 4)));
    }
    expect(cached).toEqual(plain);
    // The frames really differ (so the comparison above is not between identical screens).
    expect(new Set(plain).size).toBeGreaterThan(5);
  });

  it('stays correct when the cache rolls over (more distinct lines than one generation holds)', () => {
    for (let i = 0; i < 3000; i += 1) {
      const p = new Plain({ width: 30, height: 2 });
      const c = new Cached({ width: 30, height: 2 });
      for (const out of [p, c]) {
        out.write(0, 0, `line ${i} ${red(String(i % 97))}`, { transformers: [] });
        out.write(0, 1, `fixed ${bold('row')}`, { transformers: [] });
      }
      expect(c.get().output).toBe(p.get().output);
    }
  });
});
