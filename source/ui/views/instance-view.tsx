// An instance view (describe, raw JSON, connect) holding the whole body: a bordered box of precomputed lines.
import { Box, Text } from 'ink';
import type { Line } from '../components/lines.js';
import { Lines, scrollWindow } from '../components/lines.js';
import { borderColor } from '../theme.js';
import { viewViewportHeight } from './view-lines.js';

export interface InstanceViewProps {
  readonly title: string;
  readonly lines: readonly Line[];
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

export function InstanceView({ title, lines, scroll, width, height }: InstanceViewProps) {
  if (height < 3) return null;
  const viewport = viewViewportHeight(height);
  const { visible, from } = scrollWindow(lines, scroll, viewport);
  const position = lines.length > viewport ? `  lines ${from + 1}–${from + visible.length} of ${lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden" borderStyle="double" borderColor={borderColor(true)}>
      <Text wrap="truncate">
        <Text bold color={borderColor(true)}>{`[${title}]`}</Text>
        <Text dimColor>{position}</Text>
      </Text>
      <Lines lines={visible} />
    </Box>
  );
}
