// What every figure needs: where the built CLI is, and the terminal size the figures use.
import { join } from 'node:path';
import { spawnSession } from './pty-session.js';
import type { PtySession } from './pty-session.js';

export interface BenchContext {
  /** The checkout's root (dist/cli.js and dist/bench/ live under it). */
  readonly root: string;
  /** dist/cli.js */
  readonly cli: string;
}

/** The context for a checkout at `root`. */
export function benchContext(root: string): BenchContext {
  return { root, cli: join(root, 'dist', 'cli.js') };
}

/** The bench's terminal: 200×50, a large monitor. */
export const COLUMNS = 200;
export const ROWS = 50;

/** Spawns the CLI at the bench's terminal size. */
export function spawnApp(ctx: BenchContext, args: readonly string[]): PtySession {
  return spawnSession({ argv: [ctx.cli, ...args], columns: COLUMNS, rows: ROWS });
}

/** Spawns the CLI on the real-AWS path against an endpoint (`ec2-triage sim`), with the bench's dummy keys. */
export function spawnRemoteApp(ctx: BenchContext, url: string): PtySession {
  return spawnSession({
    argv: [ctx.cli, '--endpoint-url', url, '--region', 'us-east-1'],
    columns: COLUMNS,
    rows: ROWS,
    env: { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_EC2_METADATA_DISABLED: 'true' },
  });
}

/** Runs `work` with a fresh session and always closes it, even when work throws. */
export async function withApp<T>(ctx: BenchContext, args: readonly string[], work: (s: PtySession) => Promise<T>): Promise<T> {
  const session = spawnApp(ctx, args);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
