// The instance list: renders only the rows in the window, so 10,000 instances cost what 40 do.
import { Text } from 'ink';
import type { Instance } from '../../../domain/types.js';
import type { FleetSnapshot } from '../../../model/types.js';
import { ErrorLine } from '../../components/error-line.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { formatCount } from '../../format.js';
import { SELECTED_MARKER } from '../../theme.js';
import { headerText, listColumns, rowCells } from './columns.js';
import { SORT_LABELS, type ListState } from './use-instance-list-state.js';

export interface InstanceListProps {
  readonly fleet: FleetSnapshot;
  readonly state: ListState;
  readonly rows: readonly Instance[];
  readonly total: number;
  readonly selectedIndex: number;
  /** First visible row (already clamped so the selection is visible). */
  readonly from: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly now: number;
}

const MARKER_WIDTH = 2;

/** How many instance rows fit in a list pane of this outer height. */
export function listViewportHeight(height: number, hasError: boolean): number {
  // Below the title: the column header and, when failing, the error line.
  return Math.max(0, paneContentHeight(height) - 1 - (hasError ? 1 : 0));
}

function subtitle(state: ListState, shown: number, total: number, cpuScope: FleetSnapshot['cpuScope']): string {
  const count = state.filter === '' ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`;
  const filter = state.isFiltering ? `  /${state.filter}▏` : state.filter === '' ? '' : `  /${state.filter}`;
  return `${count}  sort: ${SORT_LABELS[state.sort]}${filter}${cpuScopeText(cpuScope)}`;
}

/** "  CPU for 24 of 10,009 shown": a large fleet's CPU column asked only for the rows that matter. */
export function cpuScopeText(cpuScope: FleetSnapshot['cpuScope']): string {
  return cpuScope === undefined ? '' : `  CPU for ${formatCount(cpuScope.asked)} of ${formatCount(cpuScope.total)} shown`;
}

export function InstanceList(props: InstanceListProps) {
  const { fleet, state, rows, total, selectedIndex, from, width, height, isFocused, now } = props;
  const { instances, statuses, cpu, alarms } = fleet;
  // Two columns for the selection marker: the selected row shows without colour or reverse video (NO_COLOR, TERM=dumb).
  const columns = listColumns(paneContentWidth(width) - MARKER_WIDTH);
  const error = instances.error;
  const viewport = listViewportHeight(height, error !== undefined);
  const visible = rows.slice(from, from + viewport);
  let body;
  if (instances.data === undefined) {
    body = error === undefined ? <Text dimColor>Loading instances…</Text> : null;
  } else if (rows.length === 0) {
    body = <Text dimColor>{total === 0 ? 'No instances in this region' : `No instances match /${state.filter}`}</Text>;
  } else {
    body = visible.map((instance, i) => {
      const isSelected = from + i === selectedIndex;
      const alarmCount = alarms.data === undefined ? undefined : (alarms.data.get(instance.id) ?? 0);
      const cells = rowCells(columns, instance, { status: statuses.data?.get(instance.id), cpu: cpu.data?.get(instance.id), alarms: alarmCount });
      return (
        <Text key={instance.id} wrap="truncate" inverse={isSelected && isFocused} bold={isSelected}>
          {isSelected ? `${SELECTED_MARKER} ` : '  '}
          {cells.map((c, j) => (
            <Text key={j} color={c.color}>
              {j === 0 ? c.text : ` ${c.text}`}
            </Text>
          ))}
        </Text>
      );
    });
  }
  return (
    <Pane title="Instances" subtitle={subtitle(state, rows.length, total, fleet.cpuScope)} width={width} height={height} isFocused={isFocused}>
      {error === undefined ? null : <ErrorLine error={error} updatedAt={instances.updatedAt} now={now} />}
      <Text wrap="truncate" dimColor>
        {`  ${headerText(columns)}`}
      </Text>
      {body}
    </Pane>
  );
}
