// Diagnostics go to a file (--log-file), never to the terminal: the UI owns the screen.
import { appendFileSync } from 'node:fs';

/** A line-oriented diagnostics sink. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** Appends timestamped lines to `path`; a no-op logger when no path is given. */
export function createLogger(path: string | undefined, now: () => number = Date.now): Logger {
  if (path === undefined) {
    return { info: () => undefined, error: () => undefined };
  }
  const write = (level: string, message: string): void => {
    try {
      appendFileSync(path, `${new Date(now()).toISOString()} ${level} ${message}\n`);
    } catch {
      // A full disk or a vanished directory must not take the UI down with it.
    }
  };
  return { info: (m) => write('INFO', m), error: (m) => write('ERROR', m) };
}

/** Checks up front that the log file can be written, so a typo fails at start with one line. */
export function assertWritable(path: string): void {
  appendFileSync(path, '');
}
