// A bordered pane with an explicit size: the layout budget, not the content, decides how tall it is.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { borderColor } from '../theme.js';

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
      borderColor={borderColor(isFocused)}
    >
      <Text wrap="truncate">
        <Text bold color={isFocused ? borderColor(true) : undefined}>
          {paneTitle(title, isFocused)}
        </Text>
        {subtitle !== undefined && subtitle !== '' ? <Text dimColor>{`  ${subtitle}`}</Text> : null}
      </Text>
      {children}
    </Box>
  );
}

/**
 * The title as drawn: bracketed when focused, padded the same width when not, so focus shows without colour
 * (the border also turns double) and nothing shifts when it moves.
 */
export function paneTitle(title: string, isFocused: boolean): string {
  return isFocused ? `[${title}]` : ` ${title} `;
}

/** Lines of content a pane of this outer height has below its title. */
export function paneContentHeight(height: number): number {
  return Math.max(0, height - 3);
}

/** Columns of content inside a pane's border. */
export function paneContentWidth(width: number): number {
  return Math.max(0, width - 2);
}
