// The lesson progress file: where it lives, written and read back, runs recorded with the best score, and a
// corrupt file kept aside (said in one line) rather than lost.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { progressPath, readProgress, recordRun, writeProgress } from '../../source/cli/lesson-progress.js';
import { lessonList, lessonNamed } from '../../source/cli/run-learn.js';
import { LESSONS } from '../../source/lessons/catalog/index.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'lesson-progress-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('lesson progress file', () => {
  it('lives under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(progressPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/ec2-triage/lessons.json');
    expect(progressPath({}, '/home/u')).toBe('/home/u/.config/ec2-triage/lessons.json');
    // A relative XDG_CONFIG_HOME is invalid by the spec: ignored.
    expect(progressPath({ XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config/ec2-triage/lessons.json');
  });

  it('no file yet: an empty book, no warning', () => {
    expect(readProgress(join(tempDir(), 'none', 'lessons.json'))).toEqual({ book: {} });
  });

  it('written (folder made), read back; the best score is kept across runs', () => {
    const path = join(tempDir(), 'ec2-triage', 'lessons.json');
    const at = new Date('2026-12-04T10:00:00Z');
    let book = recordRun({}, 'oom', { isDone: true, score: 70 }, at);
    writeProgress(path, book);
    expect(readProgress(path)).toEqual({ book: { oom: { isDone: true, bestScore: 70, runs: 1, lastAt: '2026-12-04T10:00:00.000Z' } } });
    book = recordRun(readProgress(path).book, 'oom', { isDone: true, score: 90 }, at);
    book = recordRun(book, 'oom', { isDone: true, score: 60 }, at);
    writeProgress(path, book);
    expect(readProgress(path).book.oom).toMatchObject({ isDone: true, bestScore: 90, runs: 3 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1 });
    // Written whole: no temp file left beside it.
    expect(readdirSync(join(path, '..'))).toEqual(['lessons.json']);
  });

  it.each([
    ['not JSON', '{"lessons": {'],
    ['no lessons object', '{"version": 1}'],
    ['a malformed record', '{"lessons": {"oom": {"isDone": "yes"}}}'],
  ])('a corrupt file (%s) is kept aside, said in one line, and progress starts afresh', (_what, text) => {
    const dir = tempDir();
    const path = join(dir, 'lessons.json');
    writeFileSync(path, text);
    const { book, warning } = readProgress(path, new Date('2026-12-04T10:11:12Z'));
    expect(book).toEqual({});
    expect(warning).toMatch(/unreadable .*kept it as .*lessons\.json\.corrupt-20261204T101112/);
    expect(warning).not.toContain('\n');
    expect(readFileSync(join(dir, 'lessons.json.corrupt-20261204T101112'), 'utf8')).toBe(text);
    writeProgress(path, recordRun(book, 'oom', { isDone: true, score: 100 }, new Date()));
    expect(readProgress(path).book.oom?.bestScore).toBe(100);
  });
});

describe('learn list', () => {
  it('every lesson with its record: not started, done with the best score', () => {
    const lines = lessonList(LESSONS, { oom: { isDone: true, bestScore: 85, runs: 2, lastAt: '' } }).join('\n');
    expect(lines).toMatch(/oom\s+The 3 AM page: out of memory\s+done · best 85\/100/);
    expect(lines).toMatch(/status-checks-101\s+Status checks 101\s+not started/);
    for (const l of LESSONS) expect(lines).toContain(l.summary);
  });

  it('an unknown lesson: one line naming the known ones', () => {
    expect(() => lessonNamed('nope')).toThrow(`unknown lesson "nope" (known: ${LESSONS.map((l) => l.id).join(', ')})`);
  });
});
