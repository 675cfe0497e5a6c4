// Every TUI sets its V8 heap flags itself (users need no NODE_OPTIONS), first thing in its action, before it resolves
// its config and starts its data worker (the flags are per process: set then, they cover the worker's heap too);
// `check`, `sim` and `report` keep V8's defaults (see source/cli/heap.ts for the trade-off).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('heap flags', () => {
  it('the TUI action tunes the heap before any of its paths (lesson, resume, demo, AWS) starts', () => {
    const source = readFileSync(new URL('../../source/cli.tsx', import.meta.url), 'utf8');
    const tune = source.indexOf('tuneHeap();');
    expect(tune).toBeGreaterThan(0);
    for (const start of ["import('./cli/run-learn.js')", "import('./cli/resume.js')", 'runTui(resolveDemoConfig(raw))', 'resolveAwsConfig(raw).then((c) => runTui(c))']) {
      expect(source.indexOf(start)).toBeGreaterThan(tune);
    }
    // Called once, there: nothing else (check, sim, report) changes the heap's growth.
    expect(source.split('tuneHeap()').length - 1).toBe(1);
  });
});
