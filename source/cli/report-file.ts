// Where `e` in the UI writes the incident report: --report PATH exactly, else a timestamped file in the cwd.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Writes `markdown` to `explicitPath`, or to `suggestedName` in `dir`; resolves to the absolute path. */
export async function writeReport(markdown: string, suggestedName: string, explicitPath?: string, dir = process.cwd()): Promise<string> {
  const path = resolve(dir, explicitPath ?? suggestedName);
  try {
    await writeFile(path, markdown);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot write ${path}${code === undefined ? '' : ` (${code})`}`, { cause: error });
  }
  return path;
}
