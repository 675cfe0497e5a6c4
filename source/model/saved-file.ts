// Where a file the app wrote ended up, and how the UI says it: a new name when the one asked for exists, another
// folder when the asked one could not be written (with the reason). Pure.

export interface SavedFile {
  /** The absolute path written. */
  readonly path: string;
  /** The path asked for, when the file went elsewhere (it existed, or its folder could not be written). */
  readonly requested?: string;
  /** Why the requested folder could not be written, in words; the file went to a fallback folder. */
  readonly failure?: string;
}

/** One line for the footer: "Report written to …", with why it is not where it was asked for. */
export function savedMessage(what: string, saved: SavedFile): string {
  if (saved.failure !== undefined) return `Cannot write ${saved.requested ?? '?'}: ${saved.failure}. ${what} saved to ${saved.path} instead`;
  if (saved.requested !== undefined) return `${what} written to ${saved.path} (${saved.requested} exists: kept)`;
  return `${what} written to ${saved.path}`;
}
