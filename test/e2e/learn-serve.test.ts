// `learn` serves the lesson's fleet on 127.0.0.1: a port already taken is one clear line and exit 2, before any frame.
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;
let blocker: Server | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
  blocker?.close();
  blocker = undefined;
});

describe('learn --port', () => {
  it('a busy port: one line naming it and --port 0, exit 2', async () => {
    const taken = createServer();
    blocker = taken;
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    const config = mkdtempSync(join(tmpdir(), 'ec2-triage-lesson-'));
    session = spawnCli(['learn', 'disk-full', '--port', String(port)], { columns: 140, rows: 20, env: { XDG_CONFIG_HOME: config } });
    expect(await session.exited(20_000)).toBe(2);
    const lines = session.screen().filter((l) => l.trim() !== '');
    expect(lines).toEqual([`ec2-triage: port ${port} is already in use on 127.0.0.1; pick another with --port (--port 0 takes any free one)`]);
  }, 30_000);
});
