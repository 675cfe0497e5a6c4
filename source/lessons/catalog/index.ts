// Every lesson, in the order `learn` lists them. One line each: the lesson files are data.
import type { Lesson } from '../types.js';
import { OOM_LESSON } from './oom.js';
import { STATUS_CHECKS_101 } from './status-checks-101.js';

export const LESSONS: readonly Lesson[] = [
  OOM_LESSON,
  STATUS_CHECKS_101,
];

/** The lesson of that id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
