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

/** Runs `work` with a fresh session and always closes it, even when work throws. */
export async function withApp<T>(ctx: BenchContext, args: readonly string[], work: (s: PtySession) => Promise<T>): Promise<T> {
  const session = spawnApp(ctx, args);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
