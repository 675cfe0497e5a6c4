// One bundle for the CLI: bundled, the app's first frame is ~2.5x faster than loading node_modules file by file.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['source/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Ink pulls in react-devtools-core only when DEV is set; keep it out of the bundle.
  external: ['react-devtools-core'],
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
