// A bordered pane with an explicit size: the layout budget, not the content, decides how tall it is.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { BLUR_BORDER_COLOR, FOCUS_BORDER_COLOR } from '../theme.js';

export interface PaneProps {
  readonly title: string;
  /** Right of the title: counts, range, filter… */
  readonly subtitle?: string;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly children?: ReactNode;
}

export function Pane({ title, subtitle, width, height, isFocused, children }: PaneProps) {
  if (height <= 0) return null;
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      flexShrink={0}
      overflow="hidden"
      borderStyle={isFocused ? 'double' : 'single'}
      borderColor={isFocused ? FOCUS_BORDER_COLOR : BLUR_BORDER_COLOR}
    >
      <Text wrap="truncate">
        <Text bold color={isFocused ? FOCUS_BORDER_COLOR : undefined}>
          {title}
        </Text>
        {subtitle !== undefined && subtitle !== '' ? <Text dimColor>{`  ${subtitle}`}</Text> : null}
      </Text>
      {children}
    </Box>
  );
}

/** Lines of content a pane of this outer height has below its title. */
export function paneContentHeight(height: number): number {
  return Math.max(0, height - 3);
}

/** Columns of content inside a pane's border. */
export function paneContentWidth(width: number): number {
  return Math.max(0, width - 2);
}
