// The journal on disk: one Markdown file per session in the user's state folder ($XDG_STATE_HOME/ec2-triage, else
// ~/.local/state/ec2-triage), rewritten whole on every change of an action (step, last read state, outcome), so a
// kill, a dropped SSH link or a crash leaves the last known state of an action in flight and the command that
// finishes it. Created on the first action confirmed or ended, never over another file; when the state folder
// cannot be written, the private temp folder takes it and the reason is kept for the UI.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ActionsSnapshot, JournalFileState } from '../model/actions-types.js';
import { journalFileName } from '../model/app-model.js';
import { journalMarkdown, type JournalSession } from '../model/in-flight.js';
import { describeWriteError, fallbackDir, replaceFileSync, saveNewFile } from './safe-write.js';

/** The folder the journal lives in: $XDG_STATE_HOME/ec2-triage, else ~/.local/state/ec2-triage. */
export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME !== undefined && env.XDG_STATE_HOME !== '' ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'ec2-triage');
}

export interface JournalFile {
  /** Writes the snapshot if it says something new; resolves where the file is (undefined: nothing to keep yet). */
  save(snapshot: ActionsSnapshot): JournalFileState | undefined;
}

/** A journal file for this session in `dir`. */
export function createJournalFile(session: JournalSession, dir: string = journalDir(), fallback: () => string = fallbackDir): JournalFile {
  const name = journalFileName(session.startedAt, session.pid);
  /** Where the file is, and why not in `dir` (set once, when it is created). */
  let home: JournalFileState | undefined;
  let state: JournalFileState | undefined;
  let written = '';
  const create = (text: string): JournalFileState => {
    let folderError: unknown;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      folderError = error;
    }
    const saved = saveNewFile(join(dir, name), text, fallback, 0o600);
    if (saved.failure === undefined) return { path: saved.path };
    const why = folderError === undefined ? saved.failure : describeWriteError(folderError, join(dir, name));
    return { path: saved.path, failure: `cannot write ${join(dir, name)}: ${why}; kept in ${saved.path}` };
  };
  return {
    save(snapshot) {
      if (snapshot.journal.length === 0 && snapshot.current?.phase !== 'running') return state;
      const text = journalMarkdown(session, snapshot);
      if (text === written) return state;
      try {
        if (home === undefined) home = create(text);
        else replaceFileSync(home.path, text, 0o600);
        written = text;
        state = home;
      } catch (error) {
        // Kept in memory (the report still has it); the UI says why the file is behind.
        const path = home?.path ?? join(dir, name);
        state = { path, failure: `cannot update ${path}: ${describeWriteError(error, path)}; the report (e) still has every action` };
      }
      return state;
    },
  };
}
