// Every lesson, in the order `learn` lists them. One line each: the lesson files are data.
import type { Lesson } from '../types.js';
import { OOM_LESSON } from './oom.js';
import { STATUS_CHECKS_101 } from './status-checks-101.js';
import { lesson as SYSTEM_CHECK_FAILED } from './system-check-failed.js';
import { lesson as INSTANCE_CHECK_FAILED } from './instance-check-failed.js';
import { lesson as SSH_BLOCKED } from './ssh-blocked.js';
import { lesson as NO_PUBLIC_IP } from './no-public-ip.js';
import { lesson as WONT_START } from './wont-start.js';
import { lesson as CPU_CREDITS } from './cpu-credits.js';
import { lesson as DISK_FULL } from './disk-full.js';
import { lesson as CLOUDWATCH_AGENT } from './cloudwatch-agent.js';

export const LESSONS: readonly Lesson[] = [
  OOM_LESSON,
  STATUS_CHECKS_101,
  SYSTEM_CHECK_FAILED,
  INSTANCE_CHECK_FAILED,
  SSH_BLOCKED,
  NO_PUBLIC_IP,
  WONT_START,
  CPU_CREDITS,
  DISK_FULL,
  CLOUDWATCH_AGENT,
];

/** The lesson of that id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
