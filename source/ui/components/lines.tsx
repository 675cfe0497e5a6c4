// Renders precomputed lines (one Text each, truncated): panes build lines purely, this only draws them.
import { Text } from 'ink';
import { tone, type Tone } from '../theme.js';

export interface Line {
  readonly text: string;
  /** What the colour means (theme.ts picks it, or none under NO_COLOR). */
  readonly tone?: Tone;
  readonly isBold?: boolean;
  readonly isDim?: boolean;
}

export interface LinesProps {
  readonly lines: readonly Line[];
}

export function Lines({ lines }: LinesProps) {
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={line.tone === undefined ? undefined : tone(line.tone)} bold={line.isBold} dimColor={line.isDim}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </>
  );
}

/** The slice of `lines` a viewport of `height` shows from `offset` (clamped), plus what is hidden. */
export function scrollWindow<T>(lines: readonly T[], offset: number, height: number) {
  const maxOffset = Math.max(0, lines.length - height);
  const from = Math.min(Math.max(0, offset), maxOffset);
  return { visible: lines.slice(from, from + Math.max(0, height)), from, maxOffset };
}
