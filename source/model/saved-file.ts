// Where a file the app wrote ended up, and how the UI says it: a new name when the one asked for exists, another
// folder when the asked one could not be written (with the reason). Pure.
import { shellQuote } from '../triage/shell.js';

export interface SavedFile {
  /** The absolute path written. */
  readonly path: string;
  /** The path asked for, when the file went elsewhere (it existed, or its folder could not be written). */
  readonly requested?: string;
  /** Why the requested folder could not be written, in words; the file went to a fallback folder. */
  readonly failure?: string;
  /** With a failure: the text, so that the user can save it to another path. */
  readonly text?: string;
}

/** The lines of the dialog a write that went elsewhere opens: why, where the text is, how to move it. */
export function savedElsewhereLines(what: string, saved: SavedFile): string[] {
  return [
    `Cannot write ${saved.requested ?? 'the file'}: ${saved.failure ?? 'unknown error'}.`,
    `Nothing is lost: the ${what.toLowerCase()} is saved in ${saved.path}.`,
    'Move it where it belongs once the folder is writable:',
    `  mv ${shellQuote(saved.path)} ${shellQuote(saved.requested ?? '.')}`,
  ];
}

/** One line for the footer: "Report written to …", with why it is not where it was asked for. */
export function savedMessage(what: string, saved: SavedFile): string {
  if (saved.failure !== undefined) return `${what} saved to ${saved.path} instead: ${saved.failure}`;
  if (saved.requested !== undefined) return `${what} written to ${saved.path} (${saved.requested} exists: kept)`;
  return `${what} written to ${saved.path}`;
}
