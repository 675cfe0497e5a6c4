// The log view (l): the selected instance's sources, the open one's lines over the range with times in the
// header's zone, known signatures with their meaning, search matches highlighted, the cursor line marked.
import { Text } from 'ink';
import { describeAwsError } from '../../../domain/aws-error.js';
import type { Instance } from '../../../domain/types.js';
import type { LogLine, LogsSnapshot } from '../../../model/logs-store.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { truncate } from '../../format.js';
import { wrap } from '../../panes/triage/engine-lines.js';
import { SELECTED_MARKER, tone } from '../../theme.js';
import { findMatches, lineSignature, logTime, logWindow, matchSegments } from './log-lines.js';
import type { LogsViewState } from './logs-view-state.js';

/** Rows above the lines: the sources, how the open one was found, and the status (loading, error, search). */
const HEAD_ROWS = 3;
/** Rows below the lines: the cursor's line whole (rows are cut at the pane's width; an engineer reads the kill). */
const DETAIL_ROWS = 4;

/** Rows left for the cursor's whole line: none in a body too short to spare them. */
function detailRows(height: number): number {
  return paneContentHeight(height) - HEAD_ROWS >= DETAIL_ROWS + 4 ? DETAIL_ROWS : 0;
}

/** Lines of log the view shows in a body this tall. */
export function logsViewportHeight(height: number): number {
  return Math.max(1, paneContentHeight(height) - HEAD_ROWS - detailRows(height));
}

/** The cursor's line wrapped into at most `rows` rows of `width`; a cut last row ends in '…'. */
export function wholeLine(text: string, width: number, rows: number): string[] {
  const all = wrap(text, width, '  ');
  if (all.length <= rows) return all;
  const kept = all.slice(0, rows);
  const last = kept[rows - 1] ?? '';
  kept[rows - 1] = [...last].length < width ? `${last}…` : truncate(last, width);
  return kept;
}

export interface LogsViewProps {
  readonly snapshot: LogsSnapshot;
  readonly view: LogsViewState;
  readonly instance: Instance | undefined;
  readonly width: number;
  readonly height: number;
}

function Row({ line, isCursor, query, width }: { readonly line: LogLine; readonly isCursor: boolean; readonly query: string; readonly width: number }) {
  const sig = lineSignature(line.text);
  const head = `${isCursor ? SELECTED_MARKER : ' '} ${logTime(line.at)} `;
  const badge = sig === undefined ? '' : `[${sig.meaning}] `;
  const room = Math.max(0, width - [...head].length - [...badge].length);
  const text = truncate(line.text, room);
  return (
    <Text wrap="truncate" inverse={isCursor}>
      <Text dimColor={!isCursor}>{head}</Text>
      {badge === '' || sig === undefined ? null : <Text color={tone(sig.tone)} bold>{badge}</Text>}
      {matchSegments(text, query).map((seg, i) =>
        seg.isMatch ? (
          <Text key={i} color={tone('heading')} underline bold>
            {seg.text}
          </Text>
        ) : (
          <Text key={i} color={sig === undefined ? undefined : tone(sig.tone)}>{seg.text}</Text>
        ),
      )}
    </Text>
  );
}

/** The status row: what is loading or failed (in words), the search being typed or kept and its matches. */
function statusText(snapshot: LogsSnapshot, view: LogsViewState, matches: number, count: number): { text: string; isError: boolean } {
  if (view.typed !== undefined) return { text: `/${view.typed}▏  (Enter keeps, Esc cancels)`, isError: false };
  const error = snapshot.lines.error ?? (snapshot.sources.data?.length === 1 ? snapshot.sources.error : undefined);
  if (error !== undefined) return { text: `⚠ ${describeAwsError(error)}`, isError: true };
  if (snapshot.lines.isLoading || snapshot.sources.isLoading) return { text: 'Loading…', isError: false };
  const search = view.query === '' ? '' : ` · /${view.query}: ${matches} match${matches === 1 ? '' : 'es'} (n/N)`;
  const follow = snapshot.isFollowing ? ' · following (f stops)' : '';
  return { text: `${count} line(s)${search}${follow}`, isError: false };
}

export function LogsView({ snapshot, view, instance, width, height }: LogsViewProps) {
  const inner = paneContentWidth(width);
  const viewport = logsViewportHeight(height);
  const detail = detailRows(height);
  const lines = snapshot.lines.data ?? [];
  const sources = snapshot.sources.data ?? [];
  const open = sources[snapshot.sourceIndex];
  const win = logWindow(lines.length, viewport, view.cursor, view.from, snapshot.focusLine);
  const matches = findMatches(lines, view.query).length;
  const status = statusText(snapshot, view, matches, lines.length);
  const range = open?.kind === 'group' ? ` · last ${snapshot.range}` : '';
  const subtitle = `${instance === undefined ? '' : instance.name || instance.id} · ${open?.name ?? '…'}${range} · times UTC`;
  const list = sources.map((s, i) => (i === snapshot.sourceIndex ? `[${s.name}]` : s.name)).join('  ');
  const how = open === undefined ? '' : `${open.kind === 'console' ? 'console' : 'log group'}, found by: ${open.how}`;
  const groupsError = snapshot.sources.error === undefined ? '' : `  (log groups: ${describeAwsError(snapshot.sources.error)})`;
  return (
    <Pane title="Logs" subtitle={subtitle} width={width} height={height} isFocused>
      <Text wrap="truncate" bold>{truncate(`Sources (Tab): ${list}${groupsError}`, inner)}</Text>
      <Text wrap="truncate" dimColor>{truncate(how, inner)}</Text>
      <Text wrap="truncate" color={status.isError ? tone('bad') : undefined} dimColor={!status.isError}>
        {truncate(status.text, inner)}
      </Text>
      {lines.slice(win.from, win.from + viewport).map((line, i) => (
        <Row key={win.from + i} line={line} isCursor={win.from + i === win.cursor} query={view.query} width={inner} />
      ))}
      {Array.from({ length: Math.max(0, viewport - Math.max(0, lines.length - win.from)) }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      {detail === 0 ? null : <Text wrap="truncate" dimColor>{[...`─ line ${win.cursor + 1} whole ${'─'.repeat(inner)}`].slice(0, inner).join('')}</Text>}
      {detail === 0 ? null : wholeLine(lines[win.cursor]?.text ?? '', inner, detail - 1).map((row, i) => <Text key={`whole${i}`} wrap="truncate">{row}</Text>)}
    </Pane>
  );
}
