// Validation of command-line values: each returns a value or a one-line error the CLI prints before exit 2. Every
// command (the UI, check, sim) checks its number and path flags here, at start, the same way.
import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a whole number within [min, max]; `what` names the flag in the error. */
export function parseInteger(raw: string, what: string, min: number, max: number): number {
  const trimmed = raw.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new UsageError(`${what} must be a whole number, got '${raw}'`);
  }
  const value = Number(trimmed);
  if (value < min || value > max) {
    throw new UsageError(`${what} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** Parses a positive decimal number (fractions allowed) up to max; no hex, exponents or Infinity. */
export function parsePositive(raw: string, what: string, max: number): number {
  const trimmed = raw.trim();
  // Number() would read '0x10' as 16 and '1e3' as 1000: a typo must fail, not become another speed.
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(trimmed)) {
    throw new UsageError(`${what} must be a number such as 60 or 0.5, got '${raw}'`);
  }
  const value = Number(trimmed);
  if (value <= 0 || value > max) {
    throw new UsageError(`${what} must be greater than 0 and at most ${max}, got ${value}`);
  }
  return value;
}

/** Accepts http(s) URLs with a host, as the SDK's endpoint option needs. */
export function parseEndpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint-url must be a URL such as http://127.0.0.1:4566, got '${raw}'`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new UsageError(`--endpoint-url must be an http:// or https:// URL, got '${raw}'`);
  }
  return raw.replace(/\/+$/, '');
}

/** Checks a scenario name against the fleet's list. */
export function parseScenario(raw: string, names: readonly string[]): string {
  if (!names.includes(raw)) {
    throw new UsageError(`unknown scenario '${raw}'; choose one of: ${names.join(', ')}`);
  }
  return raw;
}

/** AWS region names look like us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export function parseRegion(raw: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(raw)) {
    throw new UsageError(`--region must be an AWS region such as us-east-1, got '${raw}'`);
  }
  return raw;
}

/**
 * --diagnostics: a switch, so commander hands over true or nothing; anything else (a value glued on by a wrapper
 * script, `--diagnostics=no`) is refused rather than read as consent.
 */
export function parseDiagnostics(raw: unknown): boolean {
  if (raw === undefined || raw === false) return false;
  if (raw === true) return true;
  throw new UsageError(`--diagnostics takes no value, got '${String(raw)}'`);
}

/** --timeout: seconds an AWS call may wait for its answer (default 15). */
export function parseTimeout(raw: string | undefined): number {
  return raw === undefined ? 15 : parsePositive(raw, '--timeout', 600);
}

// Pseudo filesystems whose files look regular but drop or refuse writes (statfs f_type, Linux).
const PSEUDO_FS = new Map<number, string>([
  [0x9fa0, 'procfs'], [0x62656572, 'sysfs'], [0x27e0eb, 'cgroupfs'], [0x63677270, 'cgroupfs'], [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'], [0x73636673, 'securityfs'], [0x1cd1, 'devpts'], [0x62656570, 'configfs'], [0xcafe4a11, 'bpffs'],
]);

const pseudoFs = (path: string): string | undefined => {
  try {
    return PSEUDO_FS.get(Number(statfsSync(path).type));
  } catch {
    return undefined;
  }
};

const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * A file the app will write (--log-file, --report): an existing regular file it may write, or a new name in an
 * existing folder it may write in. Checked at start so a typo fails now, not at 3 AM when `e` is pressed.
 */
export function parseOutputPath(raw: string, flag: string): string {
  if (raw.trim() === '') throw new UsageError(`${flag} needs a file name`);
  const path = resolve(raw);
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${raw}: ${why}`);
  };
  try {
    const stats = statOf(path);
    const folder = dirname(path);
    if (stats !== undefined) {
      if (stats.isDirectory()) fail('is a folder; give a file name in it');
      if (!stats.isFile()) fail('is not a regular file');
    } else {
      const parent = statOf(folder);
      if (parent === undefined) fail(`folder ${folder} does not exist`);
      if (parent?.isDirectory() !== true) fail(`${folder} is not a folder`);
    }
    const fs = pseudoFs(stats === undefined ? folder : path);
    if (fs !== undefined) fail(`is on ${fs}, where writes are dropped or refused`);
    accessSync(stats === undefined ? folder : path, constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'not writable (permission denied or read-only)' : String(code ?? error));
  }
  return raw;
}
