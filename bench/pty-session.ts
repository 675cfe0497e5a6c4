// The built CLI in a real pseudo-terminal, instrumented for timing. Every chunk the app writes is stamped with
// performance.now() when it arrives (before xterm parses it), and screen watchers resolve with the stamp of the
// chunk that made them true, so figures never include the bench's own polling or parsing delay.
import { spawn } from 'node-pty';
import type { IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { readFileSync } from 'node:fs';

const { Terminal } = xterm;

/** What every child gets on top of the bench's environment (interactive Ink, no IMDS probing). */
export const CHILD_ENV: Readonly<Record<string, string>> = {
  CI: 'false',
  TERM: 'xterm-256color',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Raw key sequences as a terminal sends them. */
export const KEYS = { up: '\u001b[A', down: '\u001b[B' } as const;

/** One pty read: arrival time (performance.now()) and its size in bytes. */
export interface Chunk {
  readonly at: number;
  readonly bytes: number;
}

export interface PtySession {
  /** The child's pid (node-pty execs node directly, so this is the app's process). */
  readonly pid: number;
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  /** Every byte written by the app so far. */
  bytes(): number;
  /** The screen as parsed so far, one right-trimmed string per row. */
  rows(): string[];
  text(): string;
  /** Arrival time of the chunk after which `predicate(screen)` first holds (the current screen counts too). */
  until(predicate: (text: string) => boolean, timeoutMs: number): Promise<number>;
  /** Arrival time of the next chunk, whatever it draws. */
  nextChunk(timeoutMs: number): Promise<number>;
  /** Called after each chunk is parsed, with the screen rows as they are now; returns an unsubscribe. */
  onParsed(listener: (chunk: Chunk, rows: readonly string[]) => void): () => void;
  /** Sends keys; returns performance.now() taken just before the write. */
  write(keys: string): number;
  /** True once the child exited. */
  hasExited(): boolean;
  /** Ends the child (SIGHUP, then SIGKILL after 2 s) and waits for it. */
  close(): Promise<void>;
}

export interface SpawnOptions {
  /** Extra environment for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments to node: the script and its flags. */
  readonly argv: readonly string[];
  readonly columns: number;
  readonly rows: number;
}

interface Watcher {
  readonly predicate: (text: string) => boolean;
  readonly resolve: (at: number) => void;
}

/** Spawns `node ...argv` in a pty of the given size. */
export function spawnSession(options: SpawnOptions): PtySession {
  const { columns, rows } = options;
  const term = new Terminal({ cols: columns, rows, allowProposedApi: true });
  const env = { ...process.env, ...CHILD_ENV, ...options.env } as Record<string, string>;
  const spawnedAt = performance.now();
  const pty: IPty = spawn(process.execPath, [...options.argv], { name: 'xterm-256color', cols: columns, rows, env });
  let total = 0;
  let exited = false;
  let lastParsedAt = spawnedAt;
  const exitWaiters: (() => void)[] = [];
  const watchers = new Set<Watcher>();
  const rawWaiters = new Set<(at: number) => void>();
  const parsedListeners = new Set<(chunk: Chunk, rows: readonly string[]) => void>();

  const screenRows = (): string[] => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y += 1) out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };

  const afterParse = (chunk: Chunk): void => {
    lastParsedAt = chunk.at;
    if (watchers.size === 0 && parsedListeners.size === 0) return;
    const current = screenRows();
    const text = current.join('\n');
    for (const w of [...watchers]) {
      if (!w.predicate(text)) continue;
      watchers.delete(w);
      w.resolve(chunk.at);
    }
    for (const listener of parsedListeners) listener(chunk, current);
  };

  pty.onData((data) => {
    const chunk = { at: performance.now(), bytes: Buffer.byteLength(data) };
    total += chunk.bytes;
    for (const resolve of [...rawWaiters]) resolve(chunk.at);
    rawWaiters.clear();
    term.write(data, () => afterParse(chunk));
  });
  pty.onExit(() => {
    exited = true;
    for (const w of exitWaiters) w();
  });

  const text = (): string => screenRows().join('\n');
  return {
    pid: pty.pid,
    spawnedAt,
    bytes: () => total,
    rows: screenRows,
    text,
    until: (predicate, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (predicate(text())) return resolve(lastParsedAt);
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error(`screen condition not met within ${timeoutMs} ms${exited ? ' (the app exited)' : ''}; screen:\n${text()}`));
        }, timeoutMs);
        const watcher: Watcher = {
          predicate,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        watchers.add(watcher);
      }),
    nextChunk: (timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          rawWaiters.delete(done);
          reject(new Error(`no output within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (at: number): void => {
          clearTimeout(timer);
          resolve(at);
        };
        rawWaiters.add(done);
      }),
    onParsed: (listener) => {
      parsedListeners.add(listener);
      return () => parsedListeners.delete(listener);
    },
    write: (keys) => {
      const at = performance.now();
      pty.write(keys);
      return at;
    },
    hasExited: () => exited,
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => {
          try {
            process.kill(pty.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 2000);
        exitWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        pty.kill();
      }),
  };
}

/** Peak and current resident set of a process, in KiB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): { hwmKb: number; rssKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match === null) throw new Error(`${name} missing from /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
}
