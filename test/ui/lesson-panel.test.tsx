// The lesson panel: its lines fit the width, the progress is in the rule, a question lists a–d, a message takes
// the floor, the end shows the summary and the exam tips; the keys resolve in the lesson's scopes.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { answerQuestion, startProgress, stepLesson, takeHint, type LessonObservation } from '../../source/lessons/engine.js';
import { OOM_LESSON } from '../../source/lessons/catalog/oom.js';
import { KEYMAP, resolveKey, type KeyContext } from '../../source/ui/keymap.js';
import { LessonPanel } from '../../source/ui/lesson/lesson-panel.js';
import { lessonLines, lessonPages, lessonRule, panelRows, PANEL_ROWS, PANEL_ROWS_TALL } from '../../source/ui/lesson/lesson-lines.js';
import { lessonScopeOf } from '../../source/ui/lesson/use-lesson.js';

const explain = { ...startProgress(0), taskIndex: OOM_LESSON.tasks.findIndex((t) => t.id === 'explain') };
const obs: LessonObservation = {
  now: 65_000, incidentId: 'i-1', selectedId: 'i-1', focus: 'list', isZoomed: false, metricsRange: '1h', view: undefined, markers: 0,
  runs: [], actions: [], isAgentShown: false, isReportSaved: false, fleet: undefined,
};

describe('lesson panel lines', () => {
  it('at 80 columns: the rule with the progress, the task, its narration; never wider than the terminal', () => {
    const p = startProgress(0);
    expect(lessonRule(OOM_LESSON, p, 80)).toMatch(/^── Lesson: The 3 AM page: out of memory · 0\/8 ─+ h hint · > < page · \? keys ──$/);
    expect([...lessonRule(OOM_LESSON, p, 80)]).toHaveLength(80);
    const lines = lessonLines(OOM_LESSON, p, 80, 0, 0);
    expect(lines[0]?.text).toMatch(/^Task 1\/8: Find the instance behind the 503 \(page 1\/\d\)$/);
    expect(lines.length).toBeLessThanOrEqual(PANEL_ROWS - 1);
    for (const l of lines) expect([...l.text].length).toBeLessThanOrEqual(80);
    // The next page goes on with the narration, up to the last page.
    expect(lessonLines(OOM_LESSON, p, 80, 1, 0)[1]?.text).not.toBe(lines[1]?.text);
    const pages = lessonPages(OOM_LESSON, p, 80);
    expect(lines[0]?.text).toContain(`(page 1/${pages})`);
    expect(lessonPages(OOM_LESSON, p, 200)).toBeLessThan(pages);
  });

  it('the newest hint leads the text', () => {
    const p = takeHint(OOM_LESSON, takeHint(OOM_LESSON, startProgress(0)));
    const lines = lessonLines(OOM_LESSON, p, 80, 0, 0).map((l) => l.text);
    expect(lines[1]).toMatch(/^Hint 2\/3: Move with/);
    expect(lines.join('\n')).toContain('Hint 1/3:');
  });

  it('a question: the prompt and a) to d), in a taller panel, and its own key scope', () => {
    expect(panelRows(OOM_LESSON, explain)).toBe(PANEL_ROWS_TALL);
    expect(lessonScopeOf(OOM_LESSON, explain)).toBe('lessonQuestion');
    const text = lessonLines(OOM_LESSON, explain, 80, 0, 0).map((l) => l.text);
    expect(text.slice(-4).map((t) => t.slice(0, 3))).toEqual(['a) ', 'b) ', 'c) ', 'd) ']);
    expect(text.join(' ')).toContain('memory utilization metrics');
  });

  it('an answer takes the floor with its explanation; the end shows the summary and the tips', () => {
    const answered = answerQuestion(OOM_LESSON, explain, 'b');
    expect(lessonScopeOf(OOM_LESSON, answered)).toBe('lesson');
    expect(lessonLines(OOM_LESSON, answered, 80, 0, 0)[0]?.text).toMatch(/^✔ Right\. Detailed monitoring/);
    const done = stepLesson(OOM_LESSON, { ...answered, news: [] }, obs);
    expect(done.finishedAt).toBe(65_000);
    const rows = render(<LessonPanel lesson={OOM_LESSON} progress={{ ...done, news: [] }} page={0} width={80} now={0} />).lastFrame() ?? '';
    expect(rows).toMatch(/Lesson done in 1m05s · hints 0 · wrong moves 0 · questions 1\/1 · score 100/);
    expect(rows).toContain('• EC2 publishes no memory or disk-space metric');
    expect(rows).toContain('e saves the lesson report');
    expect(rows.split('\n')).toHaveLength(PANEL_ROWS_TALL);
    expect(lessonScopeOf(OOM_LESSON, done)).toBe('lessonDone');
  });
});

describe('lesson keys', () => {
  const normal = (lesson: KeyContext['lesson']): KeyContext => ({ mode: 'normal', focus: 'list', ...(lesson === undefined ? {} : { lesson }) });
  it.each<[KeyContext, string, string | undefined]>([
    [normal('lesson'), 'h', 'lessonHint'],
    [normal('lesson'), '>', 'lessonNext'],
    [normal('lesson'), '<', 'lessonPrev'],
    [normal('lesson'), 'x', 'lessonDismiss'],
    [normal('lesson'), 'a', 'openActions'],
    [normal('lessonQuestion'), 'a', 'lessonAnswer'],
    [normal('lessonQuestion'), 'd', 'lessonAnswer'],
    [normal('lessonQuestion'), 'h', 'lessonHint'],
    [normal('lessonQuestion'), 'j', 'down'],
    [normal('lessonDone'), 'e', 'lessonReport'],
    [normal('lesson'), 'e', 'exportReport'],
    [normal(undefined), 'h', undefined],
    [{ mode: 'view', focus: 'list', view: 'logs', lesson: 'lesson' }, 'h', 'lessonHint'],
    [{ mode: 'view', focus: 'list', view: 'logs', lesson: 'lesson' }, 'n', 'logsNext'],
    [{ mode: 'view', focus: 'list', view: 'logSearch', lesson: 'lesson' }, 'h', 'searchType'],
    [{ mode: 'dialog', focus: 'list', dialog: 'menu', lesson: 'lessonQuestion' }, 'a', undefined],
  ])('%j + %s → %s', (context, key, action) => {
    expect(resolveKey(KEYMAP, context, key)?.action).toBe(action);
  });
});
