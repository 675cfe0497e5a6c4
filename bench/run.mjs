// `npm run bench`: bundles the TypeScript bench (bench/*.ts) with esbuild into dist/bench/ and runs it.
// The bundle is built here, not in scripts/build.mjs, so `npm run build` and `npm test` never pay for the bench.
// stdout carries one JSON line per figure and nothing else; progress goes to stderr.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'bench/main.ts', 'metric-calls': 'bench/metric-calls.ts' },
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  // Native (node-pty) and the headless terminal stay in node_modules; everything else is bundled like the CLI.
  external: ['node-pty', '@xterm/headless'],
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    // The bundled SDK (CommonJS) still calls require(); give it one in the ESM bundle, as scripts/build.mjs does.
    js: "import { createRequire as __benchCreateRequire } from 'node:module';\nconst require = __benchCreateRequire(import.meta.url);",
  },
});

const { runBench } = await import(pathToFileURL(join(root, 'dist/bench/main.mjs')).href);
// `node bench/run.mjs key_latency_ms triage_ms` runs only the steps printing those figures.
const code = await runBench({ root, only: process.argv.slice(2) });
// node-pty keeps handles open after its children exit; the figures are printed, so leave now.
process.exit(code);
