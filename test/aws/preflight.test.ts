// On the real-AWS path the first frame must not wait for the SDK's service clients (most of the bundle, ~170 ms to
// compile): the start-up checks (region, profile, credentials) load only the credential chain and the shared-file
// reader, and the service clients come with the first call, after the frame. Read from esbuild's own import graph.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVICE_CLIENT = /^@aws-sdk\/client-/;

/** The packages an entry loads before it runs: its static imports, followed through the project's own files. */
function staticPackages(meta: Metafile, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of meta.inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external === true) packages.add(imp.path);
      else walk(imp.path);
    }
  };
  walk(entry);
  return packages;
}

let meta: Metafile;
beforeAll(async () => {
  const entries = ['source/aws/preflight.ts', 'source/aws/index.ts', 'source/cli/config.ts', 'source/cli/run-tui.tsx'];
  const result = await build({
    absWorkingDir: ROOT, entryPoints: entries, bundle: true, write: false, metafile: true, outdir: 'out', splitting: true,
    platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', jsx: 'automatic',
  });
  meta = result.metafile;
}, 60_000);

describe('start-up on the real-AWS path', () => {
  it('the start-up checks load the credential chain, no service client', () => {
    const packages = staticPackages(meta, 'source/aws/preflight.ts');
    expect(packages).toContain('@aws-sdk/credential-provider-node');
    expect([...packages].filter((p) => SERVICE_CLIENT.test(p))).toEqual([]);
  });

  it('the AwsApi does load them (so the check above can fail)', () => {
    expect([...staticPackages(meta, 'source/aws/index.ts')].filter((p) => SERVICE_CLIENT.test(p))).toContain('@aws-sdk/client-ec2');
  });

  it('config resolution and the TUI reach the service clients only through a dynamic import', () => {
    for (const entry of ['source/cli/config.ts', 'source/cli/run-tui.tsx']) {
      expect([...staticPackages(meta, entry)].filter((p) => SERVICE_CLIENT.test(p)), entry).toEqual([]);
    }
    const dynamic = (meta.inputs['source/cli/config.ts']?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    // The start-up checks, and the account's regions only for --all-regions (a service client, after the flags).
    expect(dynamic).toEqual(['source/aws/preflight.ts', 'source/aws/identity.ts']);
  });
});
