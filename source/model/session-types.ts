// The incident session: what the people working it said (notes, a follower's pointers), who follows it, and what
// the driver's screen is on (for followers). The session file keeps it with the triage runs and the journal, so the
// next on-call resumes where it was left. Framework-free, like the other stores.
import type { Store } from './store-types.js';

/** A note typed with `n`, or a follower's pointer ("sre: check NetworkIn at 02:30"). */
export interface SessionNote {
  /** Unique within the session (a follower's note keeps the id the driver gave it). */
  readonly id: string;
  readonly kind: 'note' | 'pointer';
  /** Clock ms (the app's clock: the training fleet's when it runs faster). */
  readonly at: number;
  /** local user@host, or --name; a follower's own name. */
  readonly author: string;
  /** The instance selected when it was written, if any. */
  readonly instanceId?: string;
  /** One line, at most NOTE_MAX_CHARS. */
  readonly text: string;
}

export const NOTE_MAX_CHARS = 500;

/** One follower as the driver sees it. */
export interface FollowerInfo {
  readonly id: number;
  /** What the follower called itself (--name, else user@host). */
  readonly name: string;
  readonly joinedAt: number;
}

/** --share: how to follow, who follows, and how many wrong tokens were refused. */
export interface ShareState {
  /** `ec2-triage follow ADDR --token T`: shown in the header/footer and help, written to --log-file. */
  readonly followCommand: string;
  readonly followers: readonly FollowerInfo[];
  readonly refused: number;
}

/** Where the session file is; `failure` says in a sentence why it is elsewhere or behind. */
export interface SessionFileState {
  readonly path: string;
  readonly failure?: string;
}

export interface SessionSnapshot {
  /** Who drives (the operator line of the journal). */
  readonly who: string;
  /** Notes and pointers, oldest first. */
  readonly notes: readonly SessionNote[];
  /** The newest pointer a follower sent (the driver's footer shows it for a while). */
  readonly lastPointer?: SessionNote;
  readonly share?: ShareState;
  readonly file?: SessionFileState;
  /**
   * The driver's screen state for followers (selection, focus, open dialog): opaque to model/, written by the UI
   * (a JSON value) and read back — schema-checked — by the follower's UI.
   */
  readonly view?: unknown;
  /** --resume: the file this session was reopened from and when it had last been saved. */
  readonly resumedFrom?: { readonly path: string; readonly savedAt: number };
}

/** The session's intents. */
export interface SessionModel extends Store<SessionSnapshot> {
  /** `n`: a note by the local author, on the selected instance (blank text is ignored; longer text is cut). */
  addNote(text: string, instanceId: string | undefined): void;
  /** A note or pointer that arrived from a follower (the driver side), with the follower's name as author. */
  receive(kind: SessionNote['kind'], author: string, text: string, instanceId: string | undefined): void;
  /** The driver's UI reports its screen state (only when it changed). */
  setView(view: unknown): void;
  /** The share server reports followers and refusals. */
  setShare(share: ShareState | undefined): void;
  /** The session file's writer reports where it is. */
  setFile(file: SessionFileState | undefined): void;
}
