// Drives the built CLI in a real pseudo-terminal and reads the screen as a person would see it.
import { spawn as spawnPty, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { Terminal } = xterm;

/** Path of the bundled CLI (npm test builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface PtySession {
  /** The visible screen, one string per row, right-trimmed. */
  screen(): string[];
  /** The screen as one string. */
  text(): string;
  /** How many cells are drawn with a colour, in reverse video, in bold (for NO_COLOR and TERM=dumb checks). */
  styled(rowFilter?: (row: number) => boolean): { readonly colored: number; readonly inverse: number; readonly bold: number };
  /** Sends keys (raw bytes: '\u001b[B' is Down). */
  press(keys: string): void;
  resize(columns: number, rows: number): void;
  /** Resolves when `predicate(screen text)` holds; rejects with the screen after `timeoutMs`. */
  waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  exited(timeoutMs?: number): Promise<number>;
  /** Every byte the app wrote. */
  readonly output: { bytes: number };
  /**
   * Calls `listener` with the screen after each frame the app finished drawing (Ink ends each frame with the
   * synchronized-update end mark), never with a frame half drawn: to assert on every frame, not only the last.
   */
  onFrame(listener: (screen: string[]) => void): void;
  /** Sends a signal to the app (the pty stays open, so what it prints on the way out can be read). */
  signal(name: NodeJS.Signals): void;
  /** Closes the terminal under the app, as a dropped SSH link does (the kernel sends SIGHUP; writes fail). */
  hangUp(): void;
  kill(): void;
}

/** End of a synchronized update (DEC mode 2026): Ink writes one after each frame on a terminal. */
const FRAME_END = '\u001b[?2026l';

/** Spawns `node dist/cli.js ...args` in a pty of the given size. */
export function spawnCli(
  args: readonly string[],
  options: { columns?: number; rows?: number; env?: Record<string, string>; cwd?: string; unsetEnv?: readonly string[] } = {},
): PtySession {
  const columns = options.columns ?? 120;
  const rows = options.rows ?? 40;
  const term = new Terminal({ cols: columns, rows, allowProposedApi: true });
  // CI last: an env a test builds from process.env would carry CI=true, and Ink would then draw nothing interactive.
  // The state folder (journal, session files) defaults to one under the temp dir: a test run leaves the home alone.
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '1', XDG_STATE_HOME: join(tmpdir(), 'ec2-triage-e2e-state'), ...options.env, CI: 'false' };
  for (const name of options.unsetEnv ?? []) delete env[name];
  const pty: IPty = spawnPty(process.execPath, [CLI, ...args], {
    name: env.TERM ?? 'xterm-256color',
    cols: columns,
    rows,
    cwd: options.cwd ?? process.cwd(),
    env: env as Record<string, string>,
  });
  const output = { bytes: 0 };
  let exitCode: number | undefined;
  const exitWaiters: ((code: number) => void)[] = [];
  const frameListeners: ((screen: string[]) => void)[] = [];
  pty.onData((data) => {
    output.bytes += Buffer.byteLength(data);
    let rest = data;
    for (let at = rest.indexOf(FRAME_END); at >= 0 && frameListeners.length > 0; at = rest.indexOf(FRAME_END)) {
      term.write(rest.slice(0, at + FRAME_END.length), () => {
        const shown = screen();
        for (const listener of frameListeners) listener(shown);
      });
      rest = rest.slice(at + FRAME_END.length);
    }
    if (rest !== '') term.write(rest);
  });
  pty.onExit(({ exitCode: code }) => {
    exitCode = code;
    for (const w of exitWaiters) w(code);
  });
  const screen = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y += 1) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  };
  const text = (): string => screen().join('\n');
  const styled = (rowFilter: (row: number) => boolean = () => true) => {
    const buffer = term.buffer.active;
    const counts = { colored: 0, inverse: 0, bold: 0 };
    const cell = buffer.getNullCell();
    for (let y = 0; y < term.rows; y += 1) {
      if (!rowFilter(y)) continue;
      const line = buffer.getLine(buffer.viewportY + y);
      for (let x = 0; x < term.cols; x += 1) {
        if (line?.getCell(x, cell) === undefined) continue;
        if (!cell.isFgDefault() || !cell.isBgDefault()) counts.colored += 1;
        if (cell.isInverse() !== 0) counts.inverse += 1;
        if (cell.isBold() !== 0) counts.bold += 1;
      }
    }
    return counts;
  };
  // xterm parses writes asynchronously; an empty write's callback fires once everything before it is parsed.
  const flushed = (): Promise<void> => new Promise((resolve) => term.write('', resolve));
  return {
    screen,
    text,
    styled,
    output,
    onFrame: (listener) => void frameListeners.push(listener),
    press: (keys) => pty.write(keys),
    resize: (c, r) => {
      term.resize(c, r);
      pty.resize(c, r);
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await flushed();
        const current = text();
        if (predicate(current)) return current;
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${timeoutMs} ms; screen was:\n${current}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    // Resolves once the terminal shows everything the process wrote: the pty may deliver its last bytes after the exit
    // event, and xterm parses writes asynchronously (a one-line error read right after exit was sometimes blank).
    exited: (timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const settled = (code: number): void => {
          setTimeout(() => void flushed().then(() => resolve(code)), 50);
        };
        if (exitCode !== undefined) return settled(exitCode);
        const timer = setTimeout(() => reject(new Error(`did not exit within ${timeoutMs} ms:\n${text()}`)), timeoutMs);
        exitWaiters.push((code) => {
          clearTimeout(timer);
          settled(code);
        });
      }),
    signal: (name) => {
      if (exitCode === undefined) process.kill(pty.pid, name);
    },
    hangUp: () => {
      if (exitCode === undefined) (pty as unknown as { destroy(): void }).destroy();
    },
    kill: () => {
      if (exitCode === undefined) pty.kill();
    },
  };
}

/** Common keys as the terminal sends them. */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  tab: '\t',
  shiftTab: '\u001b[Z',
  escape: '\u001b',
  right: '\u001b[C',
  backspace: '\u007f',
  enter: '\r',
  ctrlC: '\u0003',
} as const;
