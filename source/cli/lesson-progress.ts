// Lesson progress kept between runs: one small JSON file in the user's config dir ($XDG_CONFIG_HOME/ec2-triage/
// lessons.json, else ~/.config/ec2-triage/lessons.json), replaced whole (temp file + rename). A file that does not
// parse is moved aside (lessons.json.corrupt-<time>), said in one line, and progress starts again.
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { replaceFileSync } from './safe-write.js';

/** One lesson's record: finished or not, the best score, and the last run's. */
export interface LessonRecord {
  readonly isDone: boolean;
  readonly bestScore: number | undefined;
  readonly runs: number;
  readonly lastAt: string;
}

export type ProgressBook = Readonly<Record<string, LessonRecord>>;

/** Where the file lives for this environment. */
export function progressPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config');
  return join(base, 'ec2-triage', 'lessons.json');
}

const isRecord = (v: unknown): v is LessonRecord => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.isDone === 'boolean' && (r.bestScore === undefined || typeof r.bestScore === 'number') && typeof r.runs === 'number' && typeof r.lastAt === 'string';
};

/** The book and, when the file was unreadable, the one line saying where it was kept aside. */
export function readProgress(path: string, now: Date = new Date()): { readonly book: ProgressBook; readonly warning?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { book: {} };
    return { book: {}, warning: `cannot read lesson progress ${path}: ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const lessons = (parsed as { lessons?: unknown } | null)?.lessons;
    if (typeof lessons !== 'object' || lessons === null || Array.isArray(lessons)) throw new Error('no "lessons" object');
    const entries = Object.entries(lessons as Record<string, unknown>);
    if (!entries.every(([, v]) => isRecord(v))) throw new Error('a lesson record is malformed');
    return { book: Object.fromEntries(entries) as ProgressBook };
  } catch (error) {
    const aside = `${path}.corrupt-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
    try {
      renameSync(path, aside);
      return { book: {}, warning: `lesson progress ${path} was unreadable (${(error as Error).message}); kept it as ${aside} and started afresh` };
    } catch {
      return { book: {}, warning: `lesson progress ${path} is unreadable (${(error as Error).message}); it is left as it is` };
    }
  }
}

/** The book with one more run of `id` recorded. */
export function recordRun(book: ProgressBook, id: string, result: { readonly isDone: boolean; readonly score: number }, at: Date): ProgressBook {
  const old = book[id];
  const best = result.isDone ? Math.max(result.score, old?.bestScore ?? 0) : old?.bestScore;
  return { ...book, [id]: { isDone: result.isDone || old?.isDone === true, bestScore: best, runs: (old?.runs ?? 0) + 1, lastAt: at.toISOString() } };
}

/** Writes the book whole (the folder is made if missing). */
export function writeProgress(path: string, book: ProgressBook): void {
  mkdirSync(dirname(path), { recursive: true });
  replaceFileSync(path, `${JSON.stringify({ version: 1, lessons: book }, null, 2)}\n`);
}
