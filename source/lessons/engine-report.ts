// The lesson report: the incident report of the last triage (triage/report.ts, the same Markdown `e` writes) and
// the lesson's record after it (tasks met and when, hints, wrong moves, answers, the exam tips). Pure.
import { renderReport } from '../triage/report.js';
import type { JournalEntry } from '../triage/journal.js';
import type { SinceFix, TriageRun } from '../triage/run.js';
import { summarize, type LessonProgress } from './engine.js';
import type { Lesson } from './types.js';

/** The incident as the app would export it: the full-window run, and the run after the fix when there is one. */
export interface LessonIncident {
  readonly before: TriageRun | undefined;
  readonly after?: { readonly run: TriageRun; readonly since: SinceFix };
  readonly journal: readonly JournalEntry[];
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const minutes = (s: number): string => `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;

/** The Markdown lesson report. */
export function lessonReport(lesson: Lesson, progress: LessonProgress, incident: LessonIncident, now: number): string {
  const s = summarize(lesson, progress, now);
  const met = new Map(progress.met.map((m) => [m.taskId, m.at]));
  const out: string[] = [];
  out.push(incident.before === undefined ? '# No triage was run in this lesson\n' : renderReport(incident.before, incident.journal, incident.after).trimEnd(), '');
  out.push(`## Lesson: ${lesson.title}`, '');
  out.push(`- **Lesson:** \`ec2-triage learn ${lesson.id}\` (scenario ${lesson.scenario})`);
  out.push(`- **Tasks met:** ${s.tasksMet}/${s.tasks} in ${minutes(s.seconds)}`);
  out.push(`- **Hints used:** ${s.hintsUsed}`, `- **Wrong moves:** ${s.wrongMoves.length}`, `- **Questions right:** ${s.questionsRight}/${s.questions}`, `- **Score:** ${s.score}/100`, '');
  out.push('| Task | Met at | Hints |', '|---|---|---|');
  for (const t of lesson.tasks) {
    const at = met.get(t.id);
    out.push(`| ${t.title} | ${at === undefined ? 'not met' : `${clock(at)} UTC`} | ${progress.hints[t.id] ?? 0} |`);
  }
  out.push('');
  if (s.wrongMoves.length > 0) out.push('### Wrong moves', '', ...s.wrongMoves.map((w) => `- ${w}`), '');
  const questions = lesson.tasks.flatMap((t) => (t.question === undefined ? [] : [t.question]));
  if (questions.length > 0) {
    out.push('### Questions', '');
    for (const q of questions) {
      const a = progress.answers[q.id];
      out.push(`- ${q.prompt}`, `  - Answered: ${a === undefined ? 'not answered' : `${a.choice}) ${a.isRight ? 'right' : `wrong (the answer is ${q.answer})`}`}`, `  - ${q.explanation}`);
    }
    out.push('');
  }
  out.push('### Exam tips (DVA-C02)', '', ...s.examTips.map((t) => `- ${t}`), '');
  return out.join('\n');
}
