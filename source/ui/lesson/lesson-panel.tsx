// The lesson panel, docked under the panes: it only draws the lines lesson-lines.ts built.
import { Box, Text } from 'ink';
import type { LessonProgress } from '../../lessons/engine.js';
import type { Lesson } from '../../lessons/types.js';
import { Lines } from '../components/lines.js';
import { tone } from '../theme.js';
import { lessonLines, lessonRule, panelRows } from './lesson-lines.js';

export interface LessonPanelProps {
  readonly lesson: Lesson;
  readonly progress: LessonProgress;
  readonly page: number;
  readonly width: number;
  readonly now: number;
  /** A line of its own (the lesson report saved, or why not), in place of the last. */
  readonly footnote?: string | undefined;
}

export function LessonPanel({ lesson, progress, page, width, now, footnote }: LessonPanelProps) {
  const rows = panelRows(lesson, progress);
  const all = lessonLines(lesson, progress, width, page, now).slice(0, rows - 1);
  const lines = footnote === undefined ? all : [...all.slice(0, rows - 2), { text: footnote, tone: 'info' as const }];
  return (
    <Box flexDirection="column" width={width} height={rows} flexShrink={0} overflow="hidden">
      <Text wrap="truncate" color={tone('brand')}>
        {lessonRule(lesson, progress, width)}
      </Text>
      <Lines lines={lines} />
    </Box>
  );
}
