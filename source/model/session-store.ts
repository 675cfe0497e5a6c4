// The incident session's store (session-types.ts): notes typed with `n`, a follower's notes and pointers, who
// follows, the driver's screen state for followers, and where the session file is. Framework-free; the clock is
// the app's (a note on the training fleet carries the fleet's time, like the triage runs and the journal).
import { encodeTagged } from '../domain/tagged-json.js';
import { NOTE_MAX_CHARS, type SessionFileState, type SessionModel, type SessionNote, type SessionSnapshot, type ShareState } from './session-types.js';
import { createStore } from './store.js';

export interface SessionStoreOptions {
  /** The operator line of the journal ("alice@bastion (profile prod)"). */
  readonly who: string;
  readonly clock: { now(): number };
  /** Who a local note is by: --name, else user@host. Without it, `who`. */
  readonly author?: string;
  /** --resume: the notes and the file the session was reopened from. */
  readonly initial?: Pick<SessionSnapshot, 'notes' | 'resumedFrom'>;
}

/** One line, trimmed, at most NOTE_MAX_CHARS characters (whole code points); '' when nothing is left. */
export function noteText(text: string): string {
  // Control characters (a pasted ESC sequence, a bell) would reach every terminal the note is drawn on.
  const printable = [...text].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f' ? ' ' : ch)).join('');
  const line = printable.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= NOTE_MAX_CHARS ? line : chars.slice(0, NOTE_MAX_CHARS).join('').trimEnd();
}

/** Creates the session store; notes restored by --resume keep their ids, new ones never reuse one. */
export function createSessionStore(options: SessionStoreOptions): SessionModel {
  const author = noteText(options.author ?? '') || options.who;
  const restored = options.initial?.notes ?? [];
  const store = createStore<SessionSnapshot>({
    who: options.who,
    notes: restored,
    ...(options.initial?.resumedFrom === undefined ? {} : { resumedFrom: options.initial.resumedFrom }),
  });
  const ids = new Set(restored.map((n) => n.id));
  let seq = 0;
  const nextId = (): string => {
    let id: string;
    do {
      seq += 1;
      id = `n${seq}`;
    } while (ids.has(id));
    ids.add(id);
    return id;
  };
  let viewJson: string | undefined;

  const add = (kind: SessionNote['kind'], by: string, text: string, instanceId: string | undefined): void => {
    const line = noteText(text);
    if (line === '') return;
    const note: SessionNote = {
      id: nextId(),
      kind,
      at: options.clock.now(),
      author: noteText(by) || 'unknown',
      ...(instanceId === undefined ? {} : { instanceId }),
      text: line,
    };
    store.update((s) => ({ ...s, notes: [...s.notes, note], ...(kind === 'pointer' ? { lastPointer: note } : {}) }));
  };

  const without = (s: SessionSnapshot, key: 'share' | 'file' | 'view'): SessionSnapshot => {
    const rest: { -readonly [K in keyof SessionSnapshot]?: SessionSnapshot[K] } & Pick<SessionSnapshot, 'who' | 'notes'> = { ...s };
    delete rest[key];
    return rest;
  };

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    addNote: (text, instanceId) => add('note', author, text, instanceId),
    receive: (kind, by, text, instanceId) => add(kind, by, text, instanceId),
    setView(view: unknown) {
      // Only a change of value is news: the UI reports on every render.
      const json = view === undefined ? undefined : encodeTagged(view);
      if (json === viewJson) return;
      viewJson = json;
      store.update((s) => (view === undefined ? without(s, 'view') : { ...s, view }));
    },
    setShare(share: ShareState | undefined) {
      store.update((s) => (share === undefined ? (s.share === undefined ? s : without(s, 'share')) : { ...s, share }));
    },
    setFile(file: SessionFileState | undefined) {
      store.update((s) => {
        if (file === undefined) return s.file === undefined ? s : without(s, 'file');
        return s.file?.path === file.path && s.file.failure === file.failure ? s : { ...s, file };
      });
    },
  };
}
