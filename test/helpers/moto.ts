// moto (python3 -m moto.server) for the contract suite: started once per run by globalSetup on a free port,
// its URL handed to test files through vitest's provide/inject. Tests wait for it, then reset it between cases.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What globalSetup tells test files about moto: where it listens, or why it is not there. */
export type MotoInfo = { readonly url: string; readonly logFile: string } | { readonly skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    moto: MotoInfo;
  }
}

export const MOTO_INSTALL_HINT =
  "install it with: python3 -m pip install 'moto[server]>=5' (then `python3 -m moto.server -H 127.0.0.1 -p 5000` should start)";

/**
 * Whether `python3 -m moto.server` can run. find_spec avoids importing moto (~1 s) on every vitest run,
 * including runs that never touch the contract suite; flask is what the server mode adds.
 */
export function motoMissingReason(): string | undefined {
  const probe = "import importlib.util as u, sys; missing=[m for m in ('moto','flask','flask_cors') if u.find_spec(m) is None]; print(','.join(missing)); sys.exit(1 if missing else 0)";
  const result = spawnSync('python3', ['-c', probe], { encoding: 'utf8', timeout: 10_000 });
  if (result.error !== undefined) return `python3 not runnable (${result.error.message})`;
  if (result.status !== 0) return `python3 cannot import ${result.stdout.trim() || 'moto'}`;
  return undefined;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Spawns moto on a free loopback port; does not wait for it (tests call waitForMoto). */
export async function spawnMoto(): Promise<MotoServer> {
  const port = await freePort();
  const logFile = join(tmpdir(), `ec2-triage-moto-${port}.log`);
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resets every moto backend to empty. */
export async function resetMoto(url: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}

/** Waits until moto answers (it takes ~1 s to boot); fails with the tail of its log if it never does. */
export async function waitForMoto(url: string, logFile: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      await resetMoto(url);
      return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      await sleep(100);
    }
  }
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    // No log to show.
  }
  throw new Error(`moto at ${url} did not answer within ${timeoutMs} ms (${last}); ${MOTO_INSTALL_HINT}\n${tail}`);
}
