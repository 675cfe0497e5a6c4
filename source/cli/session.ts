// `c`'s session: the TUI gives the terminal to `aws ssm start-session` and takes it back where the user was.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SessionRunner } from '../model/types.js';

/** True when an executable `name` is in one of PATH's folders. */
export function isOnPath(name: string, path: string | undefined = process.env.PATH): boolean {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return true;
    } catch {
      // Not here: the next folder.
    }
  }
  return false;
}

/** How the terminal is handed over and taken back (run-tui owns the screen modes and Ink). */
export interface TerminalHandover {
  /** Raw mode off, cursor shown, the user's own screen back. */
  release(): void;
  /** Raw mode on, the alternate screen again, the whole frame drawn anew. */
  reclaim(): void;
}

/**
 * Runs a command in the foreground with the terminal. spawnSync on purpose: while it runs the event loop is
 * blocked, so Ink neither draws nor reads a key the session meant for the instance; the frame resumes unchanged.
 */
export function createSessionRunner(terminal: TerminalHandover): SessionRunner {
  return {
    hasCommand: (name) => isOnPath(name),
    run(argv) {
      const [command, ...args] = argv;
      if (command === undefined) return Promise.resolve({ exitCode: undefined, error: 'nothing to run' });
      terminal.release();
      try {
        const result = spawnSync(command, args, { stdio: 'inherit' });
        if (result.error !== undefined) return Promise.resolve({ exitCode: undefined, error: result.error.message });
        return Promise.resolve({ exitCode: result.status ?? undefined, ...(result.signal === null ? {} : { error: `ended by ${result.signal}` }) });
      } finally {
        terminal.reclaim();
      }
    },
  };
}
