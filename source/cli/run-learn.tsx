// `ec2-triage learn`: the lessons with the trainee's record, or one lesson on its scenario's training fleet with
// the lesson panel. Progress is kept in the user's config dir (lesson-progress.ts).
import type { Lesson } from '../lessons/types.js';
import { LESSONS, findLesson } from '../lessons/catalog/index.js';
import { SIM_DEFAULT_PORT, TRAINING_CALLER_CIDR } from '../domain/target.js';
import { createLessonObserver } from '../model/lesson-observer.js';
import type { LessonSetup } from '../ui/lesson/use-lesson.js';
import { resolveDemoConfig, type RawOptions } from './config.js';
import { progressPath, readProgress, recordRun, writeProgress, type ProgressBook } from './lesson-progress.js';
import { parseInteger, UsageError } from './options.js';
import { runTui, type LessonFactory } from './run-tui.js';

/** `learn`'s list: one line a lesson, with its record. */
export function lessonList(lessons: readonly Lesson[], book: ProgressBook): string[] {
  const idWidth = Math.max(...lessons.map((l) => l.id.length));
  const titleWidth = Math.max(...lessons.map((l) => l.title.length));
  return [
    'Lessons on the training fleet (ec2-triage learn NAME):',
    ...lessons.map((l) => {
      const r = book[l.id];
      const record = r === undefined ? 'not started' : r.isDone ? `done · best ${r.bestScore ?? 0}/100` : `started (${r.runs} run${r.runs === 1 ? '' : 's'})`;
      return `  ${l.id.padEnd(idWidth)}  ${l.title.padEnd(titleWidth)}  ${record}\n  ${' '.repeat(idWidth)}  ${l.summary}`;
    }),
  ];
}

/** The lesson of that name, or a usage error listing the known ones. */
export function lessonNamed(name: string): Lesson {
  const lesson = findLesson(name);
  if (lesson === undefined) throw new UsageError(`unknown lesson "${name}" (known: ${LESSONS.map((l) => l.id).join(', ')})`);
  return lesson;
}

/** `learn` without a name: prints the list; exit 0. */
export function printLessons(env: NodeJS.ProcessEnv = process.env): number {
  const path = progressPath(env);
  const { book, warning } = readProgress(path);
  if (warning !== undefined) console.error(`ec2-triage: ${warning}`);
  process.stdout.write(`${lessonList(LESSONS, book).join('\n')}\n`);
  return 0;
}

/** The port `learn` serves its fleet on: --port, 4566 by default (0: any free one). */
export function learnPort(raw: RawOptions): number {
  return parseInteger(raw.port ?? String(SIM_DEFAULT_PORT), '--port', 0, 65_535);
}

/**
 * `learn NAME` (or --demo --lesson NAME): the lesson's scenario in-process, the panel, progress kept at the end.
 * With `serve` (learn), the same world also answers over HTTP on 127.0.0.1, so the printed `aws` commands work.
 */
export async function runLesson(name: string, raw: RawOptions, serve: { readonly isServed: boolean } = { isServed: false }): Promise<number> {
  const lesson = lessonNamed(name);
  const port = serve.isServed ? learnPort(raw) : undefined;
  if (raw.scenario !== undefined && raw.scenario !== lesson.scenario) {
    throw new UsageError(`lesson ${lesson.id} runs on the ${lesson.scenario} scenario (drop --scenario ${raw.scenario})`);
  }
  const config = resolveDemoConfig({ ...raw, demo: true, scenario: lesson.scenario });
  const path = progressPath();
  const start = readProgress(path);
  if (start.warning !== undefined) console.error(`ec2-triage: ${start.warning}`);
  let saveFailure: string | undefined;
  let isFinished = false;
  const record = (result: { readonly isDone: boolean; readonly score: number }): void => {
    try {
      // Read again: another lesson may have finished in another terminal since this one started.
      writeProgress(path, recordRun(readProgress(path).book, lesson.id, result, new Date()));
    } catch (error) {
      saveFailure = `lesson progress not saved to ${path}: ${(error as Error).message.split('\n')[0]}`;
    }
  };
  const factory: LessonFactory = ({ api, actions, model, clock }) => {
    const observer = createLessonObserver({
      api,
      alarmsFor: async (id) => (await actions()).alarmsForInstance(id),
      triage: model.triage,
      journal: model.actions,
      clock,
      instanceName: lesson.instance,
      // The trainee's stand-in public address: SSH must be open to it (a /32 for it counts, 0.0.0.0/0 does not).
      callerCidr: TRAINING_CALLER_CIDR,
    });
    const setup: LessonSetup = {
      lesson,
      observer,
      onFinish(summary) {
        isFinished = true;
        record({ isDone: true, score: summary.score });
      },
    };
    const exportReport = model.exportReport;
    const wrapped = exportReport === undefined ? model : {
      ...model,
      exportReport: async (run: Parameters<typeof exportReport>[0]) => {
        const saved = await exportReport(run);
        observer.noteReportSaved();
        return saved;
      },
    };
    return { setup, model: wrapped, start: () => observer.start(), stop: () => observer.stop() };
  };
  const code = await runTui(config, factory, port === undefined ? undefined : { port });
  // Left before the end: `learn` says it was started (a best score only comes from a finished run).
  if (!isFinished) record({ isDone: false, score: 0 });
  if (saveFailure !== undefined) console.error(`ec2-triage: ${saveFailure}`);
  return code;
}
