// Where a driver shares and a follower connects: 127.0.0.1:PORT or a unix socket, never another interface (the
// stream is not encrypted; over SSH a follower tunnels with ssh -L / -R). Parsing is pure; the fs helpers prepare
// the socket's folder (0700) and clear a stale socket file.
import { connect } from 'node:net';
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type ShareAddress = TcpAddress | UnixAddress;
export interface TcpAddress {
  readonly kind: 'tcp';
  readonly host: '127.0.0.1';
  readonly port: number;
}
export interface UnixAddress {
  readonly kind: 'unix';
  readonly path: string;
  /** The default socket, whose folder the driver creates and keeps at mode 0700. */
  readonly ownFolder?: boolean;
}

/** A --share or follow address that is not allowed; the CLI prints the message as a usage error. */
export class ShareAddressError extends Error {
  override readonly name = 'ShareAddressError';
}

/** Where the default socket goes: the caller passes the process's facts so the function stays pure. */
export interface SocketPlace {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly pid: number;
  readonly uid: number;
  readonly tmpdir: string;
}

// Linux's sun_path is 108 bytes with the terminating NUL; macOS's 104.
const UNIX_PATH_MAX_BYTES = 103;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** The default socket: $XDG_RUNTIME_DIR/ec2-triage/share-<pid>.sock, else <tmpdir>/ec2-triage-<uid>/share-<pid>.sock. */
export function defaultSocketPath(place: SocketPlace): string {
  const runtime = place.env.XDG_RUNTIME_DIR;
  const folder = runtime !== undefined && runtime.startsWith('/') ? join(runtime, 'ec2-triage') : join(place.tmpdir, `ec2-triage-${place.uid}`);
  return join(folder, `share-${place.pid}.sock`);
}

/** Parses --share's value (undefined = the flag without a value → the default socket). */
export function parseShareAddress(raw: string | undefined, place: SocketPlace): ShareAddress {
  if (raw === undefined || raw.trim() === '') return { ...unixAddress(defaultSocketPath(place), '--share'), ownFolder: true };
  return parseAddress(raw.trim(), '--share', 'listens on');
}

/** Parses `ec2-triage follow ADDR`. */
export function parseFollowAddress(raw: string): ShareAddress {
  if (raw.trim() === '') throw new ShareAddressError('follow needs an address: the one the driver printed (127.0.0.1:PORT or a socket path)');
  return parseAddress(raw.trim(), 'follow', 'connects to');
}

/** The address as a follower types it. */
export function formatAddress(address: ShareAddress): string {
  return address.kind === 'tcp' ? `${address.host}:${address.port}` : address.path;
}

/**
 * `ec2-triage follow ADDR --token T`, with ADDR quoted for a POSIX shell when it needs it. Pass the server's
 * `address` (a string: it has the real port when --share asked for :0).
 */
export function followCommand(address: ShareAddress | string, token: string): string {
  const typed = typeof address === 'string' ? address : formatAddress(address);
  return `ec2-triage follow ${shellQuote(typed)} --token ${shellQuote(token)}`;
}

/** Quotes a word for a POSIX shell (single quotes) unless it is plain. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function parseAddress(value: string, flag: string, verb: string): ShareAddress {
  // A path has a '/' or ends in .sock; anything else is host:port.
  if (value.includes('/') || value.endsWith('.sock')) return unixAddress(resolve(value), flag);
  const match = /^(.*):([^:]*)$/.exec(value);
  const host = match?.[1] ?? value;
  if (!LOCAL_HOSTS.has(host)) {
    throw new ShareAddressError(
      `${flag} ${verb} 127.0.0.1 or a unix socket only; got '${value}' (use 127.0.0.1:PORT or a socket path, and ssh -L / ssh -R to reach it from another host)`,
    );
  }
  const port = match !== null && /^\d{1,5}$/.test(match[2] ?? '') ? Number(match[2]) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535 || (port === 0 && flag !== '--share')) {
    throw new ShareAddressError(`${flag} needs ${host}:PORT with a port ${flag === '--share' ? 'from 0 (any free port)' : 'from 1'} to 65535; got '${value}'`);
  }
  return { kind: 'tcp', host: '127.0.0.1', port };
}

function unixAddress(path: string, flag: string): UnixAddress {
  if (Buffer.byteLength(path) > UNIX_PATH_MAX_BYTES) {
    throw new ShareAddressError(`${flag}: the socket path is longer than ${UNIX_PATH_MAX_BYTES} bytes, which a unix socket cannot have: ${path}`);
  }
  return { kind: 'unix', path };
}

/**
 * Creates the default socket's folder with mode 0700, or checks an existing one is ours and makes it 0700
 * (a folder in a shared /tmp made by another user could watch or replace the socket).
 */
export function prepareSocketFolder(socketPath: string, uid: number): void {
  const folder = dirname(socketPath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stats = lstatSync(folder);
  if (!stats.isDirectory() || stats.uid !== uid) throw new ShareAddressError(`${folder} is not a folder of this user: choose another --share path`);
  if ((stats.mode & 0o077) !== 0) chmodSync(folder, 0o700);
}

/** Removes a socket file left by a driver that died, only if nothing listens on it; refuses any other file. */
export async function clearStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new ShareAddressError(`${path} exists and is not a socket: choose another --share path`);
  if (await somethingListens(path)) throw new ShareAddressError(`another process already shares on ${path}`);
  unlinkSync(path);
}

function somethingListens(path: string): Promise<boolean> {
  return new Promise((done) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      done(true);
    });
    probe.once('error', () => done(false));
  });
}
