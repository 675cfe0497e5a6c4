// The lesson panel's lines, built purely from the lesson and the trainee's progress: a rule with the progress,
// then whichever has the floor — the summary at the end, a message (why / wrong move / answer), an open question,
// or the current task with its narration page and the hints taken.
import { currentTask, hintsShown, summarize, type LessonProgress } from '../../lessons/engine.js';
import type { Lesson } from '../../lessons/types.js';
import type { Line } from '../components/lines.js';
import { wrap } from '../panes/triage/engine-lines.js';

/** Rows of the panel: 6 for a task, 8 while a question or the summary needs them. */
export const PANEL_ROWS = 6;
export const PANEL_ROWS_TALL = 8;

/** How tall the panel is now. */
export function panelRows(lesson: Lesson, progress: LessonProgress): number {
  if (progress.finishedAt !== undefined && progress.news.length === 0) return PANEL_ROWS_TALL;
  return isQuestionOpen(lesson, progress) && progress.news.length === 0 ? PANEL_ROWS_TALL : PANEL_ROWS;
}

/** The current task asks a question not answered yet. */
export function isQuestionOpen(lesson: Lesson, progress: LessonProgress): boolean {
  const q = currentTask(lesson, progress)?.question;
  return q !== undefined && progress.answers[q.id] === undefined;
}

const wrapAll = (paragraphs: readonly string[], width: number, indent = ''): string[] => paragraphs.flatMap((p) => wrap(p, width, indent));

/** The hints taken (newest first) and the narration of the current task as wrapped rows (the page keys move through them). */
export function taskText(lesson: Lesson, progress: LessonProgress, width: number): string[] {
  const task = currentTask(lesson, progress);
  if (task === undefined) return [];
  const opening = progress.taskIndex === 0 ? lesson.narration : [];
  // The newest hint leads (it is what the trainee asked for), then the earlier ones, then the narration.
  const hints = hintsShown(lesson, progress).map((h, i) => `Hint ${i + 1}/3: ${h}`).reverse();
  return [...wrapAll(hints, width, '  '), ...wrapAll([...opening, ...(task.narration ?? [])], width)];
}

/** Pages of `rows` rows. */
export function pageCount(count: number, rows: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, rows)));
}

const minutes = (s: number): string => `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;

/** The panel's rows (without its top rule, which lessonRule draws). `page` pages the long texts. */
export function lessonLines(lesson: Lesson, progress: LessonProgress, width: number, page: number, now: number): Line[] {
  const rows = panelRows(lesson, progress) - 1;
  const news = progress.news[0];
  if (news !== undefined) {
    const head = news.kind === 'why' ? '✔ Why it mattered: ' : news.kind === 'wrong' ? '✘ Wrong move: ' : news.isRight ? '✔ ' : '✘ ';
    const tone = news.kind === 'wrong' || (news.kind === 'answer' && !news.isRight) ? 'bad' : 'ok';
    const text = wrap(`${head}${news.text}`, width, '  ').slice(0, rows - 1);
    return [...text.map((t): Line => ({ text: t, tone })), { text: 'x: back to the lesson', isDim: true }];
  }
  if (progress.finishedAt !== undefined) {
    const s = summarize(lesson, progress, now);
    const head = `Lesson done in ${minutes(s.seconds)} · hints ${s.hintsUsed} · wrong moves ${s.wrongMoves.length} · questions ${s.questionsRight}/${s.questions} · score ${s.score}`;
    const tips = wrapAll(s.examTips.map((t) => `• ${t}`), width, '  ');
    const room = rows - 2;
    const from = Math.min(page, pageCount(tips.length, room) - 1) * room;
    return [
      ...wrap(head, width).slice(0, 1).map((t): Line => ({ text: t, tone: 'ok', isBold: true })),
      ...tips.slice(from, from + room).map((t): Line => ({ text: t })),
      { text: `Exam tips ${Math.floor(from / room) + 1}/${pageCount(tips.length, room)} (> <) · e saves the lesson report · q quits`, isDim: true },
    ];
  }
  const task = currentTask(lesson, progress);
  if (task === undefined) return [];
  const title: Line = { text: `Task ${progress.taskIndex + 1}/${lesson.tasks.length}: ${task.title}`, isBold: true, tone: 'heading' };
  if (isQuestionOpen(lesson, progress) && task.question !== undefined) {
    const q = task.question;
    const prompt = wrap(q.prompt, width).slice(0, rows - 5);
    return [title, ...prompt.map((t): Line => ({ text: t })), ...q.choices.map((c, i): Line => ({ text: `${'abcd'[i]}) ${c}` }))];
  }
  const body = taskText(lesson, progress, width);
  const room = rows - 1;
  const pages = pageCount(body.length, room);
  const at = Math.min(page, pages - 1);
  const shown = body.slice(at * room, at * room + room);
  const more = pages > 1 ? ` ${at + 1}/${pages}` : '';
  return [
    { ...title, text: `${title.text}${more === '' ? '' : ` (page${more})`}` },
    ...shown.map((t): Line => (t.startsWith('Hint ') || t.startsWith('  ') ? { text: t, tone: 'info' } : { text: t })),
  ];
}

/** The top rule: the lesson's title and its progress (3/7), with the panel's keys. */
export function lessonRule(lesson: Lesson, progress: LessonProgress, width: number): string {
  const done = progress.met.length;
  const left = `── Lesson: ${lesson.title} · ${done}/${lesson.tasks.length} `;
  const right = ' h hint · > < page · ? keys ──';
  const fill = Math.max(1, width - [...left].length - [...right].length);
  const line = `${left}${'─'.repeat(fill)}${right}`;
  return [...line].length > width ? [...left].slice(0, width).join('') : line;
}
