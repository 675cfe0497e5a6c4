// The session file: the incident as the next on-call needs it — where it ran (region/profile/endpoint or the
// training fleet's scenario; never a credential), who, the notes, each instance's last triage run (and the incident
// run before a fix), and the actions journal. Tagged JSON with a version; rewritten whole (temp file + rename) about
// 500 ms after a change, and at once on quit or a signal. `--resume FILE` reads it back (readSessionFile).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTagged, encodeTagged } from '../domain/tagged-json.js';
import type { InstanceRuns, RunHistory } from '../model/run-history.js';
import type { SessionFileState, SessionNote } from '../model/session-types.js';
import type { Target } from '../model/types.js';
import type { JournalEntry } from '../triage/journal.js';
import type { ChecklistRun } from '../triage/run.js';
import { UsageError } from './options.js';
import { describeWriteError, fallbackDir, replaceFileSync, saveNewFile } from './safe-write.js';

export const SESSION_VERSION = 1;

/** Where the session ran: enough to reopen it, nothing secret. */
export type SessionTarget =
  | { readonly kind: 'demo'; readonly scenario: string; readonly speed: number; readonly seed?: number; readonly region: string }
  | { readonly kind: 'aws'; readonly region: string; readonly profile?: string; readonly endpointUrl?: string };

/** One instance's runs as the file keeps them (restored marks are the reader's, not written). */
export interface SessionRuns {
  readonly instanceId: string;
  readonly last?: ChecklistRun;
  readonly incident?: ChecklistRun;
  readonly earlier: readonly ChecklistRun[];
}

export interface SessionFileContent {
  readonly version: typeof SESSION_VERSION;
  readonly target: SessionTarget;
  readonly who: string;
  readonly startedAt: number;
  readonly savedAt: number;
  readonly notes: readonly SessionNote[];
  readonly runs: readonly SessionRuns[];
  readonly journal: readonly JournalEntry[];
}

/** An endpoint URL without user:password@ or a query (a presigned or token-carrying URL keeps its secret out). */
export function safeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** The target as the file keeps it (the served port of `learn` is this run's, not the session's). */
export function sessionTarget(target: Target, seed?: number): SessionTarget {
  if (target.kind === 'demo') return { kind: 'demo', scenario: target.scenario, speed: target.speed, ...(seed === undefined ? {} : { seed }), region: target.region };
  const endpoint = target.endpointUrl === undefined ? '' : safeEndpoint(target.endpointUrl);
  return { kind: 'aws', region: target.region, ...(target.profile === undefined ? {} : { profile: target.profile }), ...(endpoint === '' ? {} : { endpointUrl: endpoint }) };
}

const unmark = (run: ChecklistRun | undefined): ChecklistRun | undefined => {
  if (run?.restored === undefined) return run;
  const { restored: _restored, ...rest } = run;
  return rest;
};

/** The history as the file keeps it: finished runs only, without the reader's restored marks. */
export function runsOf(history: RunHistory): SessionRuns[] {
  return [...history].map(([instanceId, r]) => {
    const last = unmark(r.last);
    const incident = unmark(r.incident);
    return { instanceId, ...(last === undefined ? {} : { last }), ...(incident === undefined ? {} : { incident }), earlier: r.earlier.map((e) => unmark(e) ?? e) };
  });
}

/**
 * What must never reach the file: the endpoint's user:password@ and query (the runs' evidence and the printed
 * commands carry the endpoint as typed), and the secret key and session token of the environment.
 */
export function secretsOf(target: Target, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (target.kind === 'aws' && target.endpointUrl !== undefined) {
    const at = target.endpointUrl.indexOf('@');
    const scheme = target.endpointUrl.indexOf('://');
    if (at > scheme && scheme >= 0 && !target.endpointUrl.slice(scheme + 3, at).includes('/')) out.push(target.endpointUrl.slice(scheme + 3, at + 1));
    const query = target.endpointUrl.indexOf('?');
    if (query >= 0) out.push(target.endpointUrl.slice(query).split('#')[0] ?? '');
  }
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) {
    const value = env[name];
    if (value !== undefined && value.length >= 8) out.push(value);
  }
  return out.filter((s) => s.length > 1);
}

/** The file's text, with every secret of `secrets` taken out wherever it appears (longest first). */
export function encodeSession(content: SessionFileContent, secrets: readonly string[] = []): string {
  let text = encodeTagged(content, 1);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join('');
  return `${text}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNote = (v: unknown): v is SessionNote =>
  isObject(v) && typeof v.id === 'string' && (v.kind === 'note' || v.kind === 'pointer') && typeof v.at === 'number' && typeof v.author === 'string' && typeof v.text === 'string' && (v.instanceId === undefined || typeof v.instanceId === 'string');
const isRun = (v: unknown): v is ChecklistRun =>
  isObject(v) && typeof v.instanceId === 'string' && Array.isArray(v.steps) && typeof v.startedAt === 'number' && (v.engine === undefined || (isObject(v.engine) && isObject(v.engine.evidence) && isObject(v.engine.result) && v.engine.evidence.gatheredAt instanceof Date));
const isRuns = (v: unknown): v is SessionRuns =>
  isObject(v) && typeof v.instanceId === 'string' && (v.last === undefined || isRun(v.last)) && (v.incident === undefined || isRun(v.incident)) && Array.isArray(v.earlier) && v.earlier.every(isRun);
const isJournalEntry = (v: unknown): v is JournalEntry =>
  isObject(v) && typeof v.id === 'number' && typeof v.instanceId === 'string' && typeof v.title === 'string' && typeof v.outcome === 'string' && Array.isArray(v.calls) && Array.isArray(v.commands) && Array.isArray(v.detail);
const isTarget = (v: unknown): v is SessionTarget =>
  isObject(v) && typeof v.region === 'string' && ((v.kind === 'demo' && typeof v.scenario === 'string' && typeof v.speed === 'number') || v.kind === 'aws');

/** Parses and checks a session file's text; throws a one-line Error saying what is wrong with it. */
export function decodeSession(text: string, path: string): SessionFileContent {
  let value: unknown;
  try {
    value = decodeTagged(text);
  } catch {
    throw new Error(`${path} is not an ec2-triage session file (not JSON)`);
  }
  if (!isObject(value) || value.version === undefined) throw new Error(`${path} is not an ec2-triage session file (no version field)`);
  if (value.version !== SESSION_VERSION) throw new Error(`${path} is a version ${String(value.version)} session file; this ec2-triage reads version ${SESSION_VERSION}`);
  const bad = [
    ['target', isTarget(value.target)],
    ['who', typeof value.who === 'string'],
    ['startedAt', typeof value.startedAt === 'number'],
    ['savedAt', typeof value.savedAt === 'number'],
    ['notes', Array.isArray(value.notes) && value.notes.every(isNote)],
    ['runs', Array.isArray(value.runs) && value.runs.every(isRuns)],
    ['journal', Array.isArray(value.journal) && value.journal.every(isJournalEntry)],
  ].find(([, ok]) => ok !== true);
  if (bad !== undefined) throw new Error(`${path} is not a valid ec2-triage session file (its ${String(bad[0])} is damaged)`);
  return value as unknown as SessionFileContent;
}

/** Reads `path` for --resume or `report`; a missing, unreadable or garbled file is a one-line usage error. */
export function readSessionFile(path: string): SessionFileContent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'no permission to read it' : (error as Error).message;
    throw new UsageError(`cannot read session file ${path}: ${why}`);
  }
  try {
    return decodeSession(text, path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The history a resumed session starts from: each run marked with the file and when it was saved. */
export function restoredHistory(content: SessionFileContent, path: string): RunHistory {
  const from = { path, savedAt: content.savedAt };
  const mark = (run: ChecklistRun): ChecklistRun => ({ ...run, restored: from });
  return new Map(
    content.runs.map((r): [string, InstanceRuns] => [
      r.instanceId,
      { ...(r.last === undefined ? {} : { last: mark(r.last) }), ...(r.incident === undefined ? {} : { incident: mark(r.incident) }), earlier: r.earlier.map(mark) },
    ]),
  );
}

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** session-<YYYYMMDD-HHMMSS>-<pid>.json */
export function sessionFileName(startedAt: number, pid: number): string {
  return `session-${stamp(startedAt)}-${pid}.json`;
}

export interface SessionWriterOptions {
  /** The file to keep (--session-file, or the file --resume reopened); else a new file in `dir`. */
  readonly path?: string;
  readonly dir: string;
  readonly name: string;
  /** Strings taken out of the text wherever they appear (secretsOf). */
  readonly secrets?: readonly string[];
  /** The content as of now, without savedAt; undefined while there is nothing to keep yet. */
  readonly read: () => Omit<SessionFileContent, 'savedAt'> | undefined;
  readonly now: () => number;
  /** Told where the file is (and why it is elsewhere or behind). */
  readonly onState?: (state: SessionFileState) => void;
  readonly delayMs?: number;
  readonly fallback?: () => string;
}

export interface SessionWriter {
  /** Something changed: written once, `delayMs` after the last change of a burst. */
  schedule(): void;
  /** Writes now what is pending (quit, a signal); returns where the file is, if anything was written. */
  flush(): SessionFileState | undefined;
  /** Cancels a pending write. */
  stop(): void;
}

/** Keeps the session on disk; a failed write is said (onState) and retried on the next change. */
export function createSessionWriter(options: SessionWriterOptions): SessionWriter {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: SessionFileState | undefined;
  let home: string | undefined = options.path;
  let isCreated = options.path !== undefined;
  let written = '';
  const report = (next: SessionFileState): void => {
    if (next.path === state?.path && next.failure === state.failure) return;
    state = next;
    options.onState?.(next);
  };
  const write = (): void => {
    const content = options.read();
    if (content === undefined) return;
    const body = encodeSession({ ...content, savedAt: 0 }, options.secrets);
    if (body === written) return;
    const text = encodeSession({ ...content, savedAt: options.now() }, options.secrets);
    const target = home ?? join(options.dir, options.name);
    try {
      if (isCreated && home !== undefined) {
        replaceFileSync(home, text, 0o600);
        report({ path: home });
      } else {
        let folderError: unknown;
        try {
          mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        } catch (error) {
          folderError = error;
        }
        const saved = saveNewFile(target, text, options.fallback ?? fallbackDir, 0o600);
        home = saved.path;
        isCreated = true;
        const why = folderError === undefined ? saved.failure : describeWriteError(folderError, target);
        report(saved.failure === undefined ? { path: saved.path } : { path: saved.path, failure: `cannot write ${target}: ${why}; kept in ${saved.path}` });
      }
      written = body;
    } catch (error) {
      report({ path: target, failure: `cannot update ${target}: ${describeWriteError(error, target)}; the report (e) still has it all` });
    }
  };
  return {
    schedule() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        write();
      }, options.delayMs ?? 500);
      timer.unref?.();
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      write();
      return state;
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
