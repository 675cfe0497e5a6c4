// A pane's error in words, with the age of the data it still shows: the rest of the app keeps working.
import { Box, Text } from 'ink';
import type { AwsError } from '../../domain/types.js';
import { describeAwsError } from '../../domain/aws-error.js';
import { formatAge } from '../format.js';
import { tone } from '../theme.js';

export interface ErrorLineProps {
  readonly error: AwsError;
  readonly updatedAt: number | undefined;
  readonly now: number;
}

const ageText = (updatedAt: number | undefined, now: number): string =>
  updatedAt === undefined ? 'no data yet' : `showing data from ${formatAge(now - updatedAt)} ago`;

/** The error line's text: pure so tests and other panes can reuse it. */
export function errorText(error: AwsError, updatedAt: number | undefined, now: number): string {
  return `⚠ ${describeAwsError(error)} · ${ageText(updatedAt, now)}`;
}

/** The message gives way in a narrow pane; the age of what is shown never does. */
export function ErrorLine({ error, updatedAt, now }: ErrorLineProps) {
  return (
    <Box flexDirection="row">
      <Box flexShrink={1} overflow="hidden">
        <Text wrap="truncate" color={tone('bad')}>{`⚠ ${describeAwsError(error)}`}</Text>
      </Box>
      <Box flexShrink={0}>
        <Text color={tone('bad')}>{` · ${ageText(updatedAt, now)}`}</Text>
      </Box>
    </Box>
  );
}
