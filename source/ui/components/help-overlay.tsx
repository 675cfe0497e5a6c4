// The help overlay: every binding of the keymap, grouped by scope, laid out in as many columns as it needs.
import { Box, Text } from 'ink';
import { cell } from '../format.js';
import { SCOPE_TITLES, type KeyBinding, type Scope } from '../keymap.js';
import { BLUR_BORDER_COLOR, FOCUS_BORDER_COLOR } from '../theme.js';

export interface HelpOverlayProps {
  readonly keymap: readonly KeyBinding[];
  readonly width: number;
  readonly height: number;
}

interface HelpLine {
  readonly text: string;
  readonly isHeading: boolean;
}

const DIALOGS: ReadonlySet<Scope> = new Set<Scope>(['menu', 'resize', 'preview', 'progress', 'topic', 'alarms', 'agent', 'quit', 'saved']);

/**
 * The help's lines in order: a heading per scope, then its bindings. A dialog's keys fit on one line (its footer
 * shows them too): the help stays one screen on a small terminal.
 */
export function helpLines(keymap: readonly KeyBinding[]): HelpLine[] {
  const scopes: Scope[] = [];
  for (const b of keymap) if (!scopes.includes(b.scope)) scopes.push(b.scope);
  return scopes.flatMap((scope) => {
    const bindings = keymap.filter((b) => b.scope === scope);
    if (DIALOGS.has(scope)) {
      const keys = bindings.filter((b) => b.hint !== undefined).map((b) => `${b.label} ${b.hint ?? ''}`);
      return [{ text: `${SCOPE_TITLES[scope]}: ${keys.join(' · ')}`, isHeading: false }];
    }
    return [{ text: SCOPE_TITLES[scope], isHeading: true }, ...bindings.map((b) => ({ text: `${cell(b.label, 6)} ${b.description}`, isHeading: false }))];
  });
}

/** Narrowest useful help column; more columns than fit are left out rather than drawn past the edge. */
const MIN_COLUMN = 24;

/** Split lines into columns of at most `height` lines each. */
export function helpColumns<T>(lines: readonly T[], height: number): T[][] {
  const per = Math.max(1, height);
  const columns: T[][] = [];
  for (let i = 0; i < lines.length; i += per) columns.push(lines.slice(i, i + per));
  return columns;
}

export function HelpOverlay({ keymap, width, height }: HelpOverlayProps) {
  if (height <= 0) return null;
  const inner = Math.max(0, height - 3);
  const columns = helpColumns(helpLines(keymap), inner).slice(0, Math.max(1, Math.floor((width - 2) / MIN_COLUMN)));
  const columnWidth = Math.max(1, Math.floor((width - 2) / Math.max(1, columns.length)));
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden" borderStyle="double" borderColor={FOCUS_BORDER_COLOR}>
      <Text wrap="truncate" bold color={FOCUS_BORDER_COLOR}>
        Keys <Text color={BLUR_BORDER_COLOR}>(Esc or ? closes)</Text>
      </Text>
      <Box flexDirection="row" height={inner}>
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} flexShrink={0} overflow="hidden">
            {column.map((line, i) => (
              <Text key={i} wrap="truncate" bold={line.isHeading} color={line.isHeading ? 'yellow' : undefined}>
                {line.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
