// A pane's error in words, with the age of the data it still shows: the rest of the app keeps working.
import { Text } from 'ink';
import type { AwsError } from '../../aws/types.js';
import { formatAge, formatAwsError } from '../format.js';
import { tone } from '../theme.js';

export interface ErrorLineProps {
  readonly error: AwsError;
  readonly updatedAt: number | undefined;
  readonly now: number;
}

/** The error line's text: pure so tests and other panes can reuse it. */
export function errorText(error: AwsError, updatedAt: number | undefined, now: number): string {
  const age = updatedAt === undefined ? 'no data yet' : `showing data from ${formatAge(now - updatedAt)} ago`;
  return `⚠ ${formatAwsError(error)} · ${age}`;
}

export function ErrorLine({ error, updatedAt, now }: ErrorLineProps) {
  return (
    <Text wrap="truncate" color={tone('bad')}>
      {errorText(error, updatedAt, now)}
    </Text>
  );
}
