// Draws a DialogView in the panes' space: a bordered box, the scrollable lines, then the typed field and the
// buttons pinned at the bottom (the focused button inverse and marked > <, readable without colour; a disabled one
// dim, with its reason in its label).
import { Box, Text } from 'ink';
import { tone } from '../theme.js';
import { Lines, scrollWindow } from '../components/lines.js';
import { Pane, paneContentHeight } from '../components/pane.js';
import type { DialogView } from './dialog-view.js';

export interface DialogProps {
  readonly view: DialogView;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

/** Rows the pinned part takes: the field and the button row. */
export function dialogPinnedRows(view: DialogView): number {
  return (view.status?.length ?? 0) + (view.field === undefined ? 0 : 1) + (view.buttons.length === 0 ? 0 : 1);
}

/** Rows of scrollable lines a dialog of this height shows. */
export function dialogViewportHeight(view: DialogView, height: number): number {
  return Math.max(1, paneContentHeight(height) - dialogPinnedRows(view));
}

/** The first line shown: the scroll offset, moved so that the cursor (menus) stays in view. */
export function dialogOffset(view: DialogView, scroll: number, height: number): number {
  const viewport = dialogViewportHeight(view, height);
  if (view.cursorLine === undefined) return scroll;
  return Math.max(0, Math.min(view.cursorLine - 1, Math.max(0, view.cursorLine - viewport + 2)));
}

export function Dialog({ view, scroll, width, height }: DialogProps) {
  const viewport = dialogViewportHeight(view, height);
  const { visible, from, maxOffset } = scrollWindow(view.lines, dialogOffset(view, scroll, height), viewport);
  const more = maxOffset > 0 ? `${from + 1}–${from + visible.length} of ${view.lines.length} (↑↓ PgUp PgDn)` : '';
  return (
    <Pane title={view.title} subtitle={more} width={width} height={height} isFocused>
      <Box flexDirection="column" height={viewport} overflow="hidden">
        <Lines lines={visible} />
      </Box>
      {view.status === undefined ? null : <Lines lines={view.status} />}
      {view.field === undefined ? null : (
        <Text wrap="truncate">
          <Text bold>{`${view.field.prompt}: `}</Text>
          <Text color={tone(view.field.isValid ? 'ok' : 'warn')}>{view.field.typed}</Text>
          <Text inverse> </Text>
          {view.field.isValid && view.field.typed !== '' ? <Text color={tone('ok')}> ✔</Text> : null}
        </Text>
      )}
      {view.buttons.length === 0 ? null : (
        <Text wrap="truncate">
          {view.buttons.map((b, i) => (
            <Text key={b.label}>
              {i === 0 ? '' : '   '}
              <Text inverse={b.isFocused} bold={b.isFocused} dimColor={!b.isEnabled && !b.isFocused} color={b.isEnabled ? undefined : tone('muted')}>
                {b.isFocused ? `[> ${b.label} <]` : `[ ${b.label} ]`}
              </Text>
            </Text>
          ))}
        </Text>
      )}
    </Pane>
  );
}
