// Bottom line: key hints from the keymap (as many as fit), the last refresh's age and calls in flight, and the API
// budget's compact part (a slowed poller, else calls/min and the cost estimate) when it leaves room for hints.
import { Box, Text } from 'ink';
import type { ActivitySnapshot } from '../../model/types.js';
import type { BudgetSnapshot } from '../../model/budget.js';
import { budgetFooterText, slowedPollers } from '../budget-lines.js';
import type { Notice } from '../use-app-controller.js';
import { formatAge } from '../format.js';
import { tone } from '../theme.js';
import { footerHints, type KeyBinding, type KeyContext } from '../keymap.js';

export interface FooterProps {
  readonly keymap: readonly KeyBinding[];
  readonly context: KeyContext;
  readonly activity: ActivitySnapshot;
  readonly budget?: BudgetSnapshot | undefined;
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

/** Columns the key hints keep before the budget part is shown. */
const HINTS_ROOM = 40;

/** The activity text, with the budget's part in front when the line still has HINTS_ROOM columns for hints. */
export function statusText(activity: string, budget: BudgetSnapshot | undefined, width: number): string {
  const part = budget === undefined ? '' : budgetFooterText(budget);
  const withBudget = `${part} · ${activity}`;
  return part !== '' && width - withBudget.length - 2 >= HINTS_ROOM ? withBudget : activity;
}

export function Footer({ keymap, context, activity, budget, now, width, notice, commandLine }: FooterProps) {
  // Notices are timed in wall time: the header clock may be the training fleet's faster one.
  const isNoticeShown = notice !== undefined && Date.now() - notice.at < (notice.ttlMs ?? NOTICE_MS);
  const isSlowed = budget !== undefined && slowedPollers(budget).length > 0;
  const right = isNoticeShown ? notice.text : statusText(activityText(activity, now), budget, width);
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
        <Text wrap="truncate" color={isNoticeShown ? tone(notice.isError ? 'bad' : 'ok') : isSlowed ? tone('warn') : activity.inFlight > 0 ? tone('info') : undefined}>
          {` ${right}`}
        </Text>
      </Box>
    </Box>
  );
}
