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
        // stderr is kept: the alternate screen comes back at once, and a failed start's reason would go with it.
        const result = spawnSync(command, args, { stdio: ['inherit', 'inherit', 'pipe'], maxBuffer: 1024 * 1024 });
        if (result.error !== undefined) return Promise.resolve({ exitCode: undefined, error: result.error.message });
        const failure = result.signal !== null ? `ended by ${result.signal}` : result.status === 0 ? undefined : lastLine(result.stderr);
        return Promise.resolve({ exitCode: result.status ?? undefined, ...(failure === undefined ? {} : { error: failure }) });
      } finally {
        terminal.reclaim();
      }
    },
  };
}

/** The last non-empty line a command wrote to stderr (the AWS CLI's one-line error), if any. */
export function lastLine(stderr: Buffer | string | null | undefined): string | undefined {
  const lines = String(stderr ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1);
}
