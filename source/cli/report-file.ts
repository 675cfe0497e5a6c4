// Where `e` in the UI writes the incident report: --report PATH (a folder takes the suggested name), else a
// timestamped file in the cwd. Written whole or not at all, never over an existing file (see safe-write.ts).
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SavedFile } from '../model/saved-file.js';
import { saveNewFile } from './safe-write.js';

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Writes `text` to `explicitPath` (inside it, when it is a folder), or to `suggestedName` in `dir`. */
export async function writeReport(text: string, suggestedName: string, explicitPath?: string, dir = process.cwd()): Promise<SavedFile> {
  const asked = resolve(dir, explicitPath ?? suggestedName);
  return saveNewFile(isFolder(asked) ? join(asked, suggestedName) : asked, text);
}
