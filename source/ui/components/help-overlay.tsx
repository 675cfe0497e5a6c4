// The help overlay: every binding of the keymap, grouped by scope, in one column that wraps to the width and
// scrolls (↑/↓, PgUp/PgDn): readable at 80×24, where side-by-side columns would truncate every description.
import { Box, Text } from 'ink';
import { cell } from '../format.js';
import { SCOPE_TITLES, type KeyBinding, type Scope } from '../keymap.js';
import { wrap } from '../panes/triage/engine-lines.js';
import { borderColor, tone } from '../theme.js';
import { scrollWindow } from './lines.js';

export interface HelpOverlayProps {
  readonly keymap: readonly KeyBinding[];
  readonly width: number;
  readonly height: number;
  /** First line shown (clamped). */
  readonly scroll?: number;
  /** --share: how to follow this session, first in the help. */
  readonly followCommand?: string | undefined;
}

interface HelpLine {
  readonly text: string;
  readonly isHeading: boolean;
}

const DIALOGS: ReadonlySet<Scope> = new Set<Scope>(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'budget', 'runbooks', 'quit', 'saved']);
const LABEL = 6;
const CONTINUATION = ' '.repeat(LABEL + 1);

/**
 * The help's lines in order, wrapped to `width`: a heading per scope, then its bindings (label, description).
 * A dialog's keys share one entry (its footer shows them too).
 */
export function helpLines(keymap: readonly KeyBinding[], width = Number.POSITIVE_INFINITY, followCommand?: string): HelpLine[] {
  // In SCOPE_TITLES' order (anywhere, the panes, zoom, filter, help, the dialogs), not the table's.
  const scopes = (Object.keys(SCOPE_TITLES) as Scope[]).filter((scope) => keymap.some((b) => b.scope === scope));
  const entry = (text: string, indent: string): HelpLine[] => wrap(text, width, indent).map((row) => ({ text: row, isHeading: false }));
  const share = followCommand === undefined ? [] : [{ text: 'Shared session: another terminal follows it read-only with', isHeading: true }, ...entry(`  ${followCommand}`, '  ')];
  return [...share, ...scopes.flatMap((scope) => {
    const bindings = keymap.filter((b) => b.scope === scope);
    if (DIALOGS.has(scope)) {
      const keys = bindings.filter((b) => b.hint !== undefined).map((b) => `${b.label} ${b.hint ?? ''}`);
      return entry(`${SCOPE_TITLES[scope]}: ${keys.join(' · ')}`, '  ');
    }
    return [{ text: SCOPE_TITLES[scope], isHeading: true }, ...bindings.flatMap((b) => entry(`${cell(b.label, LABEL)} ${b.description}`, CONTINUATION))];
  })];
}

/** Lines of help a body of this height shows (inside the border, under the title). */
export function helpViewportHeight(height: number): number {
  return Math.max(0, height - 3);
}

/** Columns the help's lines wrap to in an overlay of this width. */
export function helpLineWidth(width: number): number {
  return Math.max(1, width - 2);
}

export function HelpOverlay({ keymap, width, height, scroll = 0, followCommand }: HelpOverlayProps) {
  if (height <= 0) return null;
  const lines = helpLines(keymap, helpLineWidth(width), followCommand);
  const viewport = helpViewportHeight(height);
  const { visible, from } = scrollWindow(lines, scroll, viewport);
  const to = Math.min(lines.length, from + viewport);
  const position = lines.length > viewport ? ` · lines ${from + 1}–${to} of ${lines.length}, ↑/↓ PgUp/PgDn scroll` : '';
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden" borderStyle="double" borderColor={borderColor(true)}>
      <Text wrap="truncate" bold color={borderColor(true)}>
        Keys <Text color={borderColor(false)}>{`(Esc or ? closes${position})`}</Text>
      </Text>
      {visible.map((line, i) => (
        <Text key={from + i} wrap="truncate" bold={line.isHeading} color={line.isHeading ? tone('heading') : undefined}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
