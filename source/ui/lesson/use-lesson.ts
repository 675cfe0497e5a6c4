// The lesson's UI state (the trainee's progress, the narration page, the report saved) and its keys. The engine
// judges; this hook only feeds it each frame's observation and routes h, >, <, x, a–d and e to it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { answerQuestion, dismissNews, startProgress, stepLesson, summarize, takeHint, type LessonObservation, type LessonProgress, type LessonSummary } from '../../lessons/engine.js';
import { lessonReport } from '../../lessons/engine-report.js';
import type { Lesson } from '../../lessons/types.js';
import type { LessonObserver } from '../../model/lesson-observer.js';
import type { AppModel } from '../../model/types.js';
import type { ChecklistRun } from '../../triage/run.js';
import type { ActionId, LessonScope } from '../keymap.js';
import { isQuestionOpen, panelRows } from './lesson-lines.js';

/** What the CLI hands the app to run a lesson. */
export interface LessonSetup {
  readonly lesson: Lesson;
  readonly observer: LessonObserver;
  /** Told once, when the last task is met (the CLI records the score). */
  readonly onFinish?: (summary: LessonSummary) => void;
}

/** A message stays this long unless x dismisses it first (real ms). */
export const NEWS_MS = 8000;

export interface LessonUi {
  readonly lesson: Lesson;
  readonly progress: LessonProgress;
  readonly page: number;
  readonly rows: number;
  readonly scope: LessonScope;
  readonly footnote: string | undefined;
  readonly isReportSaved: boolean;
  /** Handles a lesson key; false when the action is not the lesson's. */
  handle(action: ActionId, input: string): boolean;
  /** Feeds the frame's observation to the engine. */
  observe(obs: LessonObservation, run: ChecklistRun | undefined): void;
}

/** The panel's key scope for the progress: a message or the task → 'lesson', a question → its own, the end → 'lessonDone'. */
export function lessonScopeOf(lesson: Lesson, progress: LessonProgress): LessonScope {
  if (progress.finishedAt !== undefined) return 'lessonDone';
  if (progress.news.length > 0) return 'lesson';
  return isQuestionOpen(lesson, progress) ? 'lessonQuestion' : 'lesson';
}

/**
 * The lesson's times (started, each task met, the summary's duration) are the trainee's wall clock, not the
 * training fleet's (which may run ×60): the summary says how long the trainee took.
 */
export function useLesson(setup: LessonSetup | undefined, model: AppModel): LessonUi | undefined {
  const [progress, setProgress] = useState<LessonProgress>(() => startProgress(Date.now()));
  const [page, setPage] = useState(0);
  const [footnote, setFootnote] = useState<string | undefined>(undefined);
  const [isReportSaved, setReportSaved] = useState(false);
  const ref = useRef(progress);
  const runs = useRef<{ before?: ChecklistRun; after?: ChecklistRun }>({});
  const isFinishTold = useRef(false);
  const update = useCallback((change: (p: LessonProgress) => LessonProgress) => {
    const next = change(ref.current);
    if (next === ref.current) return;
    // A new task or message starts at its first page.
    if (next.taskIndex !== ref.current.taskIndex || next.news.length !== ref.current.news.length) setPage(0);
    ref.current = next;
    setProgress(next);
  }, []);
  // A message shown long enough gives the floor back to the task.
  const head = progress.news[0];
  useEffect(() => {
    if (head === undefined) return undefined;
    const timer = setTimeout(() => update(dismissNews), NEWS_MS);
    return () => clearTimeout(timer);
  }, [head, update]);
  useEffect(() => {
    if (setup === undefined || progress.finishedAt === undefined || isFinishTold.current) return;
    isFinishTold.current = true;
    setup.onFinish?.(summarize(setup.lesson, progress, Date.now()));
  }, [setup, progress, model]);
  if (setup === undefined) return undefined;
  const { lesson } = setup;
  const rows = panelRows(lesson, progress);

  const saveReport = (): void => {
    const { before, after } = runs.current;
    const journal = model.actions.getSnapshot().journal.filter((e) => e.instanceId === (before ?? after)?.instanceId);
    const incident = {
      before: before?.engine,
      ...(after?.engine === undefined || after.since === undefined ? {} : { after: { run: after.engine, since: after.since } }),
      journal,
    };
    const markdown = lessonReport(lesson, ref.current, incident, Date.now());
    if (model.saveFile === undefined) return setFootnote('Saving is not available here');
    const stamp = new Date(model.clock.now()).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    model.saveFile(`ec2-triage-lesson-${lesson.id}-${stamp}.md`, markdown).then(
      (saved) => {
        setReportSaved(true);
        setFootnote(`Lesson report saved: ${saved.path}`);
      },
      (error: unknown) => setFootnote(`Save failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  return {
    lesson,
    progress,
    page,
    rows,
    scope: lessonScopeOf(lesson, progress),
    footnote,
    isReportSaved,
    handle(action, input) {
      switch (action) {
        case 'lessonHint':
          update((p) => takeHint(lesson, p));
          // The newest hint leads the task's text: show its first page.
          setPage(0);
          return true;
        case 'lessonNext':
          setPage((p) => p + 1);
          return true;
        case 'lessonPrev':
          setPage((p) => Math.max(0, p - 1));
          return true;
        case 'lessonDismiss':
          update(dismissNews);
          return true;
        case 'lessonAnswer':
          update((p) => answerQuestion(lesson, p, input));
          return true;
        case 'lessonReport':
          saveReport();
          return true;
        default:
          return false;
      }
    },
    observe(obs, run) {
      if (run?.engine !== undefined && run.finishedAt !== undefined && run.instanceId === obs.incidentId) {
        runs.current = run.since === undefined ? { before: run } : { ...runs.current, after: run };
      }
      update((p) => stepLesson(lesson, p, obs));
    },
  };
}
