// The instance list: renders only the rows in the window, so 10,000 instances cost what 40 do.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Instance, InstanceStatus } from '../../../domain/types.js';
import type { FleetSnapshot } from '../../../model/types.js';
import { ErrorLine } from '../../components/error-line.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { formatCount } from '../../format.js';
import { SELECTED_MARKER } from '../../theme.js';
import { headerText, listColumns, rowCells, type Column, type OriginColumns } from './columns.js';
import { originFailureLine, originKey, type Origin } from '../../../domain/origin.js';
import { tone } from '../../theme.js';
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
  /** The origins listed (several regions/profiles): the Region and Profile columns, and each failing one's line. */
  readonly origins?: readonly Origin[];
}

const MARKER_WIDTH = 2;

/** How many instance rows fit in a list pane of this outer height (`errors`: error lines above the header). */
export function listViewportHeight(height: number, errors: boolean | number): number {
  // Below the title: the column header and, when failing, the error line (one per failing origin).
  return Math.max(0, paneContentHeight(height) - 1 - (typeof errors === 'number' ? errors : errors ? 1 : 0));
}

/** The list's error lines: the listing's own, and one per failing origin (several regions or profiles). */
export function listErrorCount(fleet: Pick<FleetSnapshot, 'instances' | 'originFailures'>): number {
  // Every origin failing: their lines say it all, the listing's own error would repeat the first.
  const failures = fleet.originFailures?.length ?? 0;
  return failures > 0 ? failures : fleet.instances.error === undefined ? 0 : 1;
}

/** Region with several origins, Profile with several profiles. */
export function originColumns(origins: readonly Origin[] | undefined): OriginColumns {
  if (origins === undefined) return {};
  return { hasRegion: origins.length > 1, hasProfile: new Set(origins.map((o) => o.profile ?? '')).size > 1 };
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

interface ListRowProps {
  readonly instance: Instance;
  readonly columns: readonly Column[];
  readonly status: InstanceStatus | undefined;
  readonly cpu: number | undefined;
  readonly alarms: number | undefined;
  readonly isSelected: boolean;
  readonly isFocused: boolean;
}

/** One row; memoised, so a keypress re-renders the two rows whose selection changed, not the whole window. */
const ListRow = memo(function ListRow({ instance, columns, status, cpu, alarms, isSelected, isFocused }: ListRowProps) {
  const cells = rowCells(columns, instance, { status, cpu, alarms });
  return (
    <Text wrap="truncate" inverse={isSelected && isFocused} bold={isSelected}>
      {isSelected ? `${SELECTED_MARKER} ` : '  '}
      {cells.map((c, j) => (
        <Text key={j} color={c.color}>
          {j === 0 ? c.text : ` ${c.text}`}
        </Text>
      ))}
    </Text>
  );
});

/** Memoised: a store change the list does not show (metrics, activity) does not re-render it. */
export const InstanceList = memo(function InstanceList(props: InstanceListProps) {
  const { fleet, state, rows, total, selectedIndex, from, width, height, isFocused, now } = props;
  const { instances, statuses, cpu, alarms } = fleet;
  // Two columns for the selection marker: the selected row shows without colour or reverse video (NO_COLOR, TERM=dumb).
  const shown = originColumns(props.origins);
  // The same array while the width and the origin columns stay, so the rows' memo holds.
  const { hasRegion, hasProfile } = shown;
  const columns = useMemo(() => listColumns(paneContentWidth(width) - MARKER_WIDTH, { hasRegion, hasProfile }), [width, hasRegion, hasProfile]);
  const error = instances.error;
  const failures = fleet.originFailures ?? [];
  const viewport = listViewportHeight(height, listErrorCount(fleet));
  const visible = rows.slice(from, from + viewport);
  let body;
  if (instances.data === undefined) {
    body = error === undefined ? <Text dimColor>Loading instances…</Text> : null;
  } else if (rows.length === 0) {
    body = <Text dimColor>{total === 0 ? (shown.hasRegion === true ? 'No instances in these regions' : 'No instances in this region') : `No instances match /${state.filter}`}</Text>;
  } else {
    body = visible.map((instance, i) => {
      const isSelected = from + i === selectedIndex;
      const alarmCount = alarms.data === undefined ? undefined : (alarms.data.get(instance.id) ?? 0);
      return (
        <ListRow
          key={instance.id}
          instance={instance}
          columns={columns}
          status={statuses.data?.get(instance.id)}
          cpu={cpu.data?.get(instance.id)}
          alarms={alarmCount}
          isSelected={isSelected}
          isFocused={isFocused}
        />
      );
    });
  }
  return (
    <Pane title="Instances" subtitle={subtitle(state, rows.length, total, fleet.cpuScope)} width={width} height={height} isFocused={isFocused}>
      {error === undefined || failures.length > 0 ? null : <ErrorLine error={error} updatedAt={instances.updatedAt} now={now} />}
      {failures.map((f) => (
        <Text key={originKey(f.origin)} wrap="truncate" color={tone('bad')}>
          {originFailureLine(f, shown.hasProfile === true)}
        </Text>
      ))}
      <Text wrap="truncate" dimColor>
        {`  ${headerText(columns)}`}
      </Text>
      {body}
    </Pane>
  );
});
