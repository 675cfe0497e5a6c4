// One bundle for the CLI: bundled, the app's first frame is ~2.5x faster than loading node_modules file by file.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';

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

// Ink 6.8's incremental renderer moves the cursor up one row too few when the previous frame ended with a
// newline (every non-fullscreen frame does), so each update lands one row lower and the screen smears. Ink 6 is
// the newest that runs on Node 20, so the bundle carries the one-line fix; the build fails if Ink changes.
const INK_CURSOR_BUG = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const INK_CURSOR_FIX =
  "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));";
const fixInkIncremental = {
  name: 'fix-ink-incremental-cursor',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(INK_CURSOR_BUG)) {
        throw new Error(`ink's log-update.js changed: re-check the incremental cursor fix (${args.path})`);
      }
      return { contents: source.replace(INK_CURSOR_BUG, INK_CURSOR_FIX), loader: 'js' };
    });
  },
};

await rm('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: ['source/cli.tsx'],
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
  plugins: [noDevtools, fixInkIncremental],
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
