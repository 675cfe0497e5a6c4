// The real-AWS TUI sets its V8 heap flags itself (users need no NODE_OPTIONS), before it resolves its config and
// makes its first call; the training fleet's TUI keeps V8's defaults (see source/cli/heap.ts for the trade-off).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('heap flags', () => {
  it('the TUI tunes the heap on the real-AWS path only, before the app starts', () => {
    const source = readFileSync(new URL('../../source/cli.tsx', import.meta.url), 'utf8');
    const tune = source.indexOf('if (raw.demo !== true) tuneHeapForAws();');
    const start = source.indexOf('resolveAwsConfig(raw).then((c) => runTui(c))');
    expect(tune).toBeGreaterThan(0);
    expect(start).toBeGreaterThan(tune);
    // Called once, there: nothing else (demo, check, sim) changes the heap's growth.
    expect(source.split('tuneHeapForAws()').length - 1).toBe(1);
  });
});
