// Pure row rendering of the instance list: which columns fit a width, and each cell's text and colour.
import type { CheckStatus, Instance, InstanceStatus } from '../../../domain/types.js';
import { cell } from '../../format.js';
import { checkColor, stateColor, tone } from '../../theme.js';

export type ColumnId = 'name' | 'region' | 'profile' | 'id' | 'type' | 'state' | 'az' | 'checks' | 'cpu' | 'alarms';

export interface Column {
  readonly id: ColumnId;
  readonly title: string;
  readonly width: number;
}

const FIXED: readonly Column[] = [
  { id: 'id', title: 'ID', width: 19 },
  { id: 'type', title: 'Type', width: 11 },
  { id: 'state', title: 'State', width: 13 },
  { id: 'az', title: 'AZ', width: 11 },
  { id: 'checks', title: 'Checks', width: 12 },
  { id: 'cpu', title: 'CPU', width: 6 },
  // Metric alarms in ALARM naming the instance: a count, so it reads without colour.
  { id: 'alarms', title: 'ALARM', width: 5 },
];
/** Right-aligned numbers. */
const NUMERIC: ReadonlySet<ColumnId> = new Set<ColumnId>(['cpu', 'alarms']);
/** Several origins: where each instance lives, after its name (the AZ says the region too, so it goes first). */
const REGION: Column = { id: 'region', title: 'Region', width: 14 };
const PROFILE: Column = { id: 'profile', title: 'Profile', width: 12 };
/** Columns given up first when the pane is narrow. */
const DROP_ORDER: readonly ColumnId[] = ['az', 'type', 'id', 'alarms', 'profile', 'cpu', 'region', 'checks'];

/** Which origin columns the list shows: Region with several origins, Profile with several profiles. */
export interface OriginColumns {
  readonly hasRegion?: boolean;
  readonly hasProfile?: boolean;
}
// Names are what people scan for: a typical Name tag (pettracker-ml-server) must show whole before IDs do.
const MIN_NAME = 20;
const GAP = 1;

/** The columns that fit `width`, with Name taking whatever room is left. */
export function listColumns(width: number, origin: OriginColumns = {}): Column[] {
  let fixed = [...(origin.hasProfile === true ? [PROFILE] : []), ...(origin.hasRegion === true ? [REGION] : []), ...FIXED];
  const cost = (cols: readonly Column[]) => cols.reduce((sum, c) => sum + c.width + GAP, 0);
  for (const drop of DROP_ORDER) {
    if (cost(fixed) + MIN_NAME <= width) break;
    fixed = fixed.filter((c) => c.id !== drop);
  }
  // Narrower than the name and every kept column: the name gives way (to 8) rather than the row running past the edge.
  const name: Column = { id: 'name', title: 'Name', width: Math.max(Math.min(MIN_NAME, Math.max(8, width - cost(fixed))), Math.min(40, width - cost(fixed))) };
  return [name, ...fixed];
}

export type CheckSummary = CheckStatus | 'n/a';

/** One word for both status checks: the worse of system and instance; n/a when not running or unknown. */
export function checkSummary(instance: Instance, status: InstanceStatus | undefined): CheckSummary {
  if (instance.state === 'stopped' || instance.state === 'terminated' || status === undefined) return 'n/a';
  const pair = [status.system.status, status.instance.status];
  if (pair.includes('impaired')) return 'impaired';
  if (pair.includes('initializing')) return 'initializing';
  if (pair.includes('insufficient-data')) return 'insufficient-data';
  if (pair.every((s) => s === 'ok')) return 'ok';
  return 'n/a';
}

export interface Cell {
  readonly text: string;
  readonly color?: string;
}

/** What one row shows: the instance, its status checks, CPU now and ALARM count (undefined: not known). */
export interface RowData {
  readonly status: InstanceStatus | undefined;
  readonly cpu: number | undefined;
  readonly alarms: number | undefined;
}

/** The ALARM cell: the count, a dash for none, ? while unknown (not read yet, or DescribeAlarms failed). */
export function alarmText(count: number | undefined): string {
  return count === undefined ? '?' : count === 0 ? '-' : String(count);
}

function cellText(column: ColumnId, instance: Instance, { status, cpu, alarms }: RowData): Cell {
  switch (column) {
    case 'name':
      return { text: instance.name === '' ? '(no name)' : instance.name };
    case 'region':
      return { text: instance.region ?? '' };
    case 'profile':
      return { text: instance.profile ?? 'default' };
    case 'id':
      return { text: instance.id };
    case 'type':
      return { text: instance.type };
    case 'state':
      return { text: instance.state, color: stateColor(instance.state) };
    case 'az':
      return { text: instance.az };
    case 'checks': {
      const summary = checkSummary(instance, status);
      return { text: summary === 'insufficient-data' ? 'no data' : summary, color: checkColor(summary) };
    }
    case 'cpu':
      return {
        text: cpu === undefined || instance.state !== 'running' ? '—' : `${cpu.toFixed(1)}%`,
        color: cpu !== undefined && cpu >= 90 ? tone('bad') : undefined,
      };
    case 'alarms':
      return { text: alarmText(alarms), color: (alarms ?? 0) > 0 ? tone('bad') : undefined };
  }
}

/** A row's cells, padded to their column widths. */
export function rowCells(columns: readonly Column[], instance: Instance, data: RowData): Cell[] {
  return columns.map((c) => {
    const content = cellText(c.id, instance, data);
    const text = NUMERIC.has(c.id) ? content.text.padStart(c.width).slice(-c.width) : cell(content.text, c.width);
    return { ...content, text };
  });
}

/** The column titles, padded the same way as the rows. */
export function headerText(columns: readonly Column[]): string {
  return columns.map((c) => (NUMERIC.has(c.id) ? c.title.padStart(c.width) : cell(c.title, c.width))).join(' ');
}
