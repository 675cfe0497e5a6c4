// A follower flooding the driver: lines too long close its connection at once (nothing is buffered), bad lines
// are dropped and counted, and the driver's memory and event loop do not notice. The flooder is another process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShareServerState } from '../../source/share/server.js';
import { startShareServer } from '../../source/share/server.js';
import { newToken } from '../../source/share/token.js';
import { tapShare, until } from '../helpers/share-tap.js';

const scratch = mkdtempSync(join(tmpdir(), 'share-flood-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const flooder = fileURLToPath(new URL('../fixtures/share/flooder.mjs', import.meta.url));
const MB = 1024 * 1024;

function flood(path: string, bytes: number, mode: 'oversize' | 'junk', token: string): Promise<{ sent: number; connections: number }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [flooder, path, String(bytes), mode, token], { timeout: 60_000 }, (error, stdout) =>
      error ? fail(error) : done(JSON.parse(stdout) as { sent: number; connections: number }),
    );
  });
}

// A full collection before each sample, so the peak is what the driver holds, not garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const live = (): number => {
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** Runs `work` while a 10 ms timer measures the longest gap between ticks and, every 100 ms, the live memory. */
async function watch(work: Promise<unknown>): Promise<{ stall: number; peak: number }> {
  const before = live();
  let last = performance.now();
  let stall = 0;
  let peak = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    ticks += 1;
    if (ticks % 10 === 0) peak = Math.max(peak, live() - before);
    last = performance.now();
  }, 10);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return { stall, peak: Math.max(peak, live() - before) };
}

describe('a flooding follower', () => {
  it.each([
    ['oversize', 50 * MB],
    ['junk', 20 * MB],
  ] as const)('%s lines (%d bytes): bounded memory, the loop keeps ticking, the real follower keeps its state', async (mode, bytes) => {
    const token = newToken();
    const path = join(scratch, `${mode}.sock`);
    let state: ShareServerState = { followers: [], refused: 0, dropped: 0 };
    const server = await startShareServer({
      address: { kind: 'unix', path },
      token,
      driver: 'oncall',
      onMessage: () => undefined,
      onChange: (next) => (state = next),
    });
    try {
      const follower = await tapShare(server.address, token, 'sre');
      await follower.waitFor((m) => m[0]?.type === 'welcome');
      const flooding = flood(path, bytes, mode, token);
      const { stall, peak } = await watch(flooding);
      // Generous: freed buffers leave the count a little after a collection (noise up to ~12 MB seen); a driver
      // that buffered the flood holds all 50 MB of it.
      expect(peak).toBeLessThan(32 * MB);
      expect(stall).toBeLessThan(200);
      const result = await flooding;
      expect(result.sent).toBeGreaterThanOrEqual(bytes);
      // Each oversize line cost its connection: the flooder had to reconnect to keep pushing.
      if (mode === 'oversize') expect(result.connections).toBeGreaterThan(10);
      else expect(result.connections).toBe(1);
      if (mode === 'oversize') await until(() => state.dropped >= 2);
      else await until(() => state.dropped >= 100);
      server.publish('fleet', { after: mode });
      await follower.waitFor(() => follower.states('fleet').length === 1);
      console.log(`[flood ${mode}] live memory peak +${(peak / MB).toFixed(1)} MB, longest stall ${stall.toFixed(0)} ms, dropped ${state.dropped}`);
      follower.close();
    } finally {
      await server.close();
    }
  });
});
