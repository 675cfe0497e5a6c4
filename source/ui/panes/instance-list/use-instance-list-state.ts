// The instance list's pure state: filter, sort, selection kept by id, and the visible window.
import { useMemo } from 'react';
import type { Instance, InstanceStateName } from '../../../domain/types.js';

export type SortKey = 'name' | 'cpu' | 'state';
export const SORTS: readonly SortKey[] = ['name', 'cpu', 'state'];

export interface ListState {
  readonly filter: string;
  readonly isFiltering: boolean;
  readonly sort: SortKey;
  /** Selection is kept by id so it survives refreshes, filtering and sorting. */
  readonly selectedId: string | undefined;
  /** Where the selection was, for when its instance disappears. */
  readonly selectedIndex: number;
  /** First visible row as last placed; re-clamped on every render. */
  readonly from: number;
}

export const initialListState: ListState = {
  filter: '',
  isFiltering: false,
  sort: 'name',
  selectedId: undefined,
  selectedIndex: 0,
  from: 0,
};

/** What the reducer needs to know about the rows on screen. */
export interface RowsView {
  readonly rows: readonly Instance[];
  readonly indexById: ReadonlyMap<string, number>;
  readonly height: number;
}

export type ListAction =
  | { readonly type: 'move'; readonly delta: number; readonly view: RowsView }
  | { readonly type: 'startFilter' }
  | { readonly type: 'typeFilter'; readonly text: string }
  | { readonly type: 'backspaceFilter' }
  | { readonly type: 'keepFilter' }
  | { readonly type: 'clearFilter' }
  | { readonly type: 'cycleSort' };

/** Index of the selected row: the selected id's row, else the old index clamped into the rows. */
export function resolveSelection(state: ListState, view: Pick<RowsView, 'rows' | 'indexById'>): number {
  if (view.rows.length === 0) return -1;
  const byId = state.selectedId === undefined ? undefined : view.indexById.get(state.selectedId);
  return byId ?? Math.min(Math.max(0, state.selectedIndex), view.rows.length - 1);
}

/** The rows [from, to) a viewport of `height` shows so that row `index` is visible, moving as little as possible. */
export function visibleWindow(index: number, count: number, height: number, from: number): { from: number; to: number } {
  if (count <= 0 || height <= 0) return { from: 0, to: 0 };
  let start = Math.min(Math.max(0, from), Math.max(0, count - height));
  if (index >= 0 && index < start) start = index;
  if (index >= start + height) start = index - height + 1;
  return { from: start, to: Math.min(count, start + height) };
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'move': {
      const { rows, height } = action.view;
      if (rows.length === 0) return state;
      const current = Math.max(0, resolveSelection(state, action.view));
      const index = Math.min(Math.max(0, current + action.delta), rows.length - 1);
      const window = visibleWindow(index, rows.length, height, visibleWindow(current, rows.length, height, state.from).from);
      return { ...state, selectedId: rows[index]?.id, selectedIndex: index, from: window.from };
    }
    case 'startFilter':
      return { ...state, isFiltering: true };
    case 'typeFilter':
      return { ...state, filter: state.filter + action.text };
    case 'backspaceFilter':
      return { ...state, filter: [...state.filter].slice(0, -1).join('') };
    case 'keepFilter':
      return { ...state, isFiltering: false };
    case 'clearFilter':
      return { ...state, isFiltering: false, filter: '' };
    case 'cycleSort': {
      const next = SORTS[(SORTS.indexOf(state.sort) + 1) % SORTS.length] ?? 'name';
      return { ...state, sort: next };
    }
  }
}

// Haystacks are built once per Instance object, so typing in the filter does not rebuild 10,000 strings.
const haystacks = new WeakMap<Instance, string>();

function haystackOf(instance: Instance): string {
  let text = haystacks.get(instance);
  if (text === undefined) {
    text = [instance.name, instance.id, instance.type, instance.state, ...Object.values(instance.tags)]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(instance, text);
  }
  return text;
}

/** Instances whose name, id, type, state or a tag value contains `filter` (case-insensitive). */
export function filterInstances(instances: readonly Instance[], filter: string): readonly Instance[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return instances;
  return instances.filter((i) => haystackOf(i).includes(needle));
}

// Trouble first: transitional states, then running, then the ones that are off.
const STATE_ORDER: Readonly<Record<InstanceStateName, number>> = {
  'shutting-down': 0,
  stopping: 1,
  pending: 2,
  running: 3,
  stopped: 4,
  terminated: 5,
};

function byName(a: Instance, b: Instance): number {
  // Unnamed instances sort after named ones, by id.
  const an = a.name === '' ? '\uffff' + a.id : a.name.toLowerCase();
  const bn = b.name === '' ? '\uffff' + b.id : b.name.toLowerCase();
  if (an !== bn) return an < bn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy: by name, by CPU now (busiest first, unknown last), or by state (trouble first). */
export function sortInstances(
  instances: readonly Instance[],
  sort: SortKey,
  cpu: ReadonlyMap<string, number> | undefined,
): readonly Instance[] {
  const copy = [...instances];
  switch (sort) {
    case 'name':
      return copy.sort(byName);
    case 'cpu':
      return copy.sort((a, b) => {
        const ca = cpu?.get(a.id) ?? -1;
        const cb = cpu?.get(b.id) ?? -1;
        return ca !== cb ? cb - ca : byName(a, b);
      });
    case 'state':
      return copy.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || byName(a, b));
  }
}

/** Filtered, sorted rows, memoised so a keypress that changes neither the data nor the filter costs nothing. */
export function useInstanceRows(
  instances: readonly Instance[] | undefined,
  filter: string,
  sort: SortKey,
  cpu: ReadonlyMap<string, number> | undefined,
): { rows: readonly Instance[]; indexById: ReadonlyMap<string, number>; total: number } {
  const all = instances ?? EMPTY;
  const filtered = useMemo(() => filterInstances(all, filter), [all, filter]);
  // CPU only matters when sorting by it; otherwise a metrics refresh must not re-sort.
  const cpuForSort = sort === 'cpu' ? cpu : undefined;
  const rows = useMemo(() => sortInstances(filtered, sort, cpuForSort), [filtered, sort, cpuForSort]);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  return { rows, indexById, total: all.length };
}

const EMPTY: readonly Instance[] = [];
