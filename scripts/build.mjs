// One bundle for the CLI: bundled, the app's first frame is ~2.5x faster than loading node_modules file by file.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import { inkPatchesPlugin } from './ink-patches.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// Ink loads react-devtools-core only when DEV=true; a stub keeps that optional package out of the bundle
// (left external, the ESM bundle would import it at start-up and fail where it is not installed).
const noDevtools = {
  name: 'no-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
    }));
  },
};

// The patches the bundle carries over Ink (the incremental cursor fix, the cross-frame output cache): each is an
// exact source replacement and the build fails when Ink's source no longer matches (scripts/ink-patches.mjs).

await rm('dist/chunks', { recursive: true, force: true });
await build({
  // The data worker (source/cli/data-worker-main.ts: the SDK clients, and the training fleet in the demo) is its own
  // entry: dist/data-worker.js, which the CLI finds beside itself (cli/data-thread.ts); it shares chunks with the CLI.
  entryPoints: { cli: 'source/cli.tsx', 'data-worker': 'source/cli/data-worker-main.ts' },
  // Split: the AWS SDK (most of the bytes) sits in a chunk loaded on first use, after the first frame is drawn.
  outdir: 'dist',
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noDevtools, inkPatchesPlugin()],
  define: {
    'process.env.NODE_ENV': '"production"',
    __EC2_TRIAGE_VERSION__: JSON.stringify(pkg.version),
  },
  banner: {
    // Bundled CommonJS dependencies (the SDK) still call require(); give them one in the ESM bundle.
    js: "#!/usr/bin/env node\nimport { createRequire as __ec2tCreateRequire } from 'node:module';\nconst require = __ec2tCreateRequire(import.meta.url);",
  },
});
await chmod('dist/cli.js', 0o755);
