// Every file the app writes (the report, the agent script, the journal) goes to a temp file in the target folder
// first and is moved into place whole, so a full disk or a kill mid-write never leaves an emptied or half-written
// file. A new file never replaces an existing one: it takes the next free name (report-2.md, report-3.md, …). When
// the folder cannot be written, the text is not lost: it goes to a private folder under the temp dir, and the
// caller is told why and where. Synchronous on purpose: the texts are small, and a signal handler must be able to
// finish the write before the process ends.
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { SavedFile } from '../model/saved-file.js';

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** Why `path` could not be written, in words a person can act on. */
export function describeWriteError(error: unknown, path: string): string {
  const dir = dirname(path);
  switch (codeOf(error)) {
    case 'ENOENT':
      return `the folder ${dir} does not exist`;
    case 'ENOTDIR':
      return `${dir} is not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${dir}`;
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EROFS':
      return `${dir} is on a read-only file system`;
    case 'EISDIR':
      return `${path} is a folder`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** `report.md`, `report-2.md`, `report-3.md`, … */
export function candidateName(path: string, n: number): string {
  if (n <= 1) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${n}${ext}`;
}

/**
 * Who may read a file the app writes: reports and scripts are the user's to share (0644); the app's own state (the
 * session file, the journal: notes, runs, who did what) is the user's alone (0600), like the folder it lives in.
 */
export type FileMode = 0o644 | 0o600;

/** Writes `data` to a new temp file beside `path`, flushed to disk; returns the temp path. */
function writeTemp(path: string, data: string, mode: FileMode): string {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = Buffer.from(data);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Moves `temp` to the first free name from `path` on; a hard link never replaces a file that appeared meanwhile. */
function placeNew(temp: string, path: string): string {
  for (let n = 1; n < 1000; n += 1) {
    const target = candidateName(path, n);
    try {
      linkSync(temp, target);
      unlinkSync(temp);
      return target;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST') continue;
      // File systems without hard links: rename into a name that is free now.
      if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') && !exists(target)) {
        renameSync(temp, target);
        return target;
      }
      throw error;
    }
  }
  throw new Error(`${path} and 998 numbered names after it exist`);
}

/** Writes a new file at `path` (or the next free name), whole or not at all; returns the path written. */
export function writeNewFileSync(path: string, data: string, mode: FileMode = 0o644): string {
  const temp = writeTemp(path, data, mode);
  try {
    return placeNew(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw error;
  }
}

/** Replaces the app's own file at `path` whole (temp file + rename): readers see the old text or the new one. */
export function replaceFileSync(path: string, data: string, mode: FileMode = 0o644): void {
  renameSync(writeTemp(path, data, mode), path);
}

/** The private folder under the temp dir where a file goes when its own folder cannot be written. */
export function fallbackDir(): string {
  let user = String(process.getuid?.() ?? 'user');
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry: the uid names it.
  }
  const dir = join(tmpdir(), `ec2-triage-${user}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * Saves `data` as a new file at `path`; when that folder cannot be written, in the fallback folder under the same
 * name, saying why. Rejects only when both fail (with both reasons).
 */
export function saveNewFile(path: string, data: string, fallback: () => string = fallbackDir, mode: FileMode = 0o644): SavedFile {
  let failure: string;
  try {
    const written = writeNewFileSync(path, data, mode);
    return written === path ? { path } : { path: written, requested: path };
  } catch (error) {
    failure = describeWriteError(error, path);
  }
  let other = '';
  try {
    other = join(fallback(), basename(path));
    return { path: writeNewFileSync(other, data, mode), requested: path, failure, text: data };
  } catch (error) {
    throw new Error(`cannot write ${path} (${failure}), nor ${other === '' ? 'a temp folder' : other} (${describeWriteError(error, other)})`, { cause: error });
  }
}
