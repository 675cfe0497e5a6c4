// Bottom line: key hints from the keymap (as many as fit), the last refresh's age and calls in flight.
import { Box, Text } from 'ink';
import type { ActivitySnapshot } from '../../model/types.js';
import type { Notice } from '../use-app-controller.js';
import { formatAge } from '../format.js';
import { tone } from '../theme.js';
import { footerHints, type KeyBinding, type KeyContext } from '../keymap.js';

export interface FooterProps {
  readonly keymap: readonly KeyBinding[];
  readonly context: KeyContext;
  readonly activity: ActivitySnapshot;
  readonly now: number;
  readonly width: number;
  readonly notice?: Notice | undefined;
  /** Command mode (`:`): the line being typed takes the hints' place. */
  readonly commandLine?: string | undefined;
}

/** How long a notice stays in the footer. */
export const NOTICE_MS = 8_000;

/** "refreshed 3s ago · 2 calls": pure so tests can check it. */
export function activityText(activity: ActivitySnapshot, now: number): string {
  const refreshed = activity.lastRefreshAt === undefined ? 'not refreshed yet' : `refreshed ${formatAge(now - activity.lastRefreshAt)} ago`;
  const calls = activity.inFlight === 0 ? '' : ` · ${activity.inFlight} call${activity.inFlight === 1 ? '' : 's'}`;
  return `${refreshed}${calls}`;
}

export function Footer({ keymap, context, activity, now, width, notice, commandLine }: FooterProps) {
  // Notices are timed in wall time: the header clock may be the training fleet's faster one.
  const isNoticeShown = notice !== undefined && Date.now() - notice.at < NOTICE_MS;
  const right = isNoticeShown ? notice.text : activityText(activity, now);
  const hints = footerHints(keymap, context, Math.max(0, width - right.length - 2));
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {commandLine === undefined ? (
          <Text wrap="truncate" dimColor>
            {hints}
          </Text>
        ) : (
          <Text wrap="truncate">{commandLine}</Text>
        )}
      </Box>
      <Box flexShrink={0}>
        <Text wrap="truncate" color={isNoticeShown ? tone(notice.isError ? 'bad' : 'ok') : activity.inFlight > 0 ? tone('info') : undefined}>
          {` ${right}`}
        </Text>
      </Box>
    </Box>
  );
}
