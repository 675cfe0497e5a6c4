// The status pane: state, both status checks with details, EBS, scheduled events, and what to do now.
import { memo } from 'react';
import { Text } from 'ink';
import type { Instance } from '../../../domain/types.js';
import type { FleetSnapshot } from '../../../model/types.js';
import { ErrorLine } from '../../components/error-line.js';
import { Lines, scrollWindow } from '../../components/lines.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { actionHint, statusLines } from './status-lines.js';
import { tone } from '../../theme.js';

export interface StatusPaneProps {
  readonly instance: Instance | undefined;
  readonly fleet: FleetSnapshot;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly now: number;
}

/** Lines the scrollable part of the status pane has room for (the error and hint lines are pinned). */
export function statusViewportHeight(height: number, hasError: boolean, hasHint: boolean): number {
  return Math.max(0, paneContentHeight(height) - (hasError ? 1 : 0) - (hasHint ? 1 : 0));
}

/** Memoised: it re-renders only when its own props change, not on every store change the app hears of. */
export const StatusPane = memo(function StatusPane({ instance, fleet, scroll, width, height, isFocused, now }: StatusPaneProps) {
  const { statuses } = fleet;
  const status = instance === undefined ? undefined : statuses.data?.get(instance.id);
  const hint = actionHint(status);
  const error = statuses.error;
  const viewport = statusViewportHeight(height, error !== undefined, hint !== undefined);
  const lines = instance === undefined ? [] : statusLines(instance, status, paneContentWidth(width));
  const { visible } = scrollWindow(lines, scroll, viewport);
  return (
    <Pane title="Status" subtitle={instance?.name || instance?.id} width={width} height={height} isFocused={isFocused}>
      {error === undefined ? null : <ErrorLine error={error} updatedAt={statuses.updatedAt} now={now} />}
      {instance === undefined ? <Text dimColor>No instance selected</Text> : <Lines lines={visible} />}
      {hint === undefined ? null : (
        <Text wrap="truncate" bold={hint.isCritical} color={tone(hint.isCritical ? 'bad' : 'ok')} dimColor={!hint.isCritical}>
          {hint.text}
        </Text>
      )}
    </Pane>
  );
});
