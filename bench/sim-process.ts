// `ec2-triage sim` in a process of its own, on a free loopback port: the remote fleet the real-AWS figures talk to.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { BenchContext } from './context.js';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `ec2-triage sim …args` on a free port and waits until it says it listens. */
export async function startSim(ctx: BenchContext, args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [ctx.cli, 'sim', '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sim exited with ${String(code)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(String(port))) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}
