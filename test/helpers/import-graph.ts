// The project's module graph from its source text: every relative import (value or type-only, static or dynamic)
// of every .ts/.tsx file under a folder. Pure functions over it find the layer rules broken and the cycles, so a
// test can fail the build when either appears.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** file (relative to the root, with '/') → the files it imports (same form). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const PACKAGE = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^./'"][^'"]*)['"]|import\(\s*['"]([^./'"][^'"]*)['"]\s*\)/g;

/** The modules under `root` that import a package whose name matches `name`. */
export function packageImporters(root: string, name: RegExp): string[] {
  return sourceFiles(root)
    .filter((f) => [...readFileSync(f, 'utf8').matchAll(PACKAGE)].some((m) => name.test(m[1] ?? m[2] ?? '')))
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort();
}

/** Reads the graph of every module under `root`. */
export function importGraph(root: string): ImportGraph {
  const files = sourceFiles(root);
  const known = new Set(files.map((f) => relative(root, f).split('\\').join('/')));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const from = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      const base = normalize(join(dirname(from), spec)).split('\\').join('/').replace(/\.js$/, '');
      const hit = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => known.has(c));
      if (hit !== undefined && !targets.includes(hit)) targets.push(hit);
    }
    graph.set(from, targets);
  }
  return graph;
}

/** The layer of a module: its top folder under the root ('aws', 'triage', …), or '.' for a top-level file. */
export const layerOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] ?? '.') : '.');

/** Each import that crosses into a layer its layer may not use: 'triage/x.ts → aws/y.ts'. */
export function layerViolations(graph: ImportGraph, allowed: Readonly<Record<string, readonly string[]>>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const layer = layerOf(from);
    const may = allowed[layer];
    if (may === undefined) continue;
    for (const to of targets) if (layerOf(to) !== layer && !may.includes(layerOf(to))) out.push(`${from} → ${to}`);
  }
  return out.sort();
}

/** Every import cycle, as its modules in order (Tarjan's strongly connected components of two or more, or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}
