// The CLI sets its V8 heap flags itself (users need no NODE_OPTIONS), and before the app starts: the module that
// sets them must be cli.tsx's first import, or the app would run its start-up with V8's default heap growth.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('heap flags', () => {
  it('cli.tsx imports the heap flags before anything else', () => {
    const source = readFileSync(new URL('../../source/cli.tsx', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s.*?['"]([^'"]+)['"];?$/gm)].map((m) => m[1]);
    expect(imports[0]).toBe('./cli/heap.js');
  });
});
