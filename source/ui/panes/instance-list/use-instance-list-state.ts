// The instance list's pure state: filter, sort, selection kept by id, and the visible window.
import { useMemo } from 'react';
import type { Instance, InstanceStateName, InstanceStatus } from '../../../domain/types.js';
import { pageStep } from '../../layout.js';

export type SortKey = 'problems' | 'name' | 'cpu' | 'state' | 'region';
/** `s` cycles through these; the first is the default: what needs attention on top. */
export const SORTS: readonly SortKey[] = ['problems', 'name', 'cpu', 'state'];
/** How the list's header names each sort. */
export const SORT_LABELS: Readonly<Record<SortKey, string>> = { problems: 'problems first', name: 'name', cpu: 'CPU', state: 'state', region: 'region' };

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
  sort: 'problems',
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
  /** PgDn (+1) / PgUp (−1): the window and the selection move by a page less one line of overlap. */
  | { readonly type: 'page'; readonly direction: 1 | -1; readonly view: RowsView }
  /** Holds the selection on this instance (the one on screen), so a re-sort or a refresh cannot move it. */
  | { readonly type: 'pin'; readonly id: string }
  | { readonly type: 'startFilter' }
  | { readonly type: 'typeFilter'; readonly text: string }
  | { readonly type: 'backspaceFilter' }
  | { readonly type: 'keepFilter' }
  | { readonly type: 'clearFilter' }
  | { readonly type: 'cycleSort' }
  /** `:sort x` and `:filter x` (command mode): set outright. */
  | { readonly type: 'setSort'; readonly sort: SortKey }
  | { readonly type: 'setFilter'; readonly text: string };

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
    case 'page': {
      const { rows, height } = action.view;
      if (rows.length === 0) return state;
      const current = Math.max(0, resolveSelection(state, action.view));
      const step = action.direction * pageStep(height);
      const shown = visibleWindow(current, rows.length, height, state.from).from;
      const from = Math.min(Math.max(0, shown + step), Math.max(0, rows.length - height));
      const index = Math.min(Math.max(0, current + step), rows.length - 1);
      return { ...state, selectedId: rows[index]?.id, selectedIndex: index, from: visibleWindow(index, rows.length, height, from).from };
    }
    case 'pin':
      return state.selectedId === action.id ? state : { ...state, selectedId: action.id };
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
      const next = SORTS[(SORTS.indexOf(state.sort) + 1) % SORTS.length] ?? 'problems';
      return { ...state, sort: next };
    }
    case 'setSort':
      return { ...state, sort: action.sort };
    case 'setFilter':
      return { ...state, isFiltering: false, filter: action.text };
  }
}

// Haystacks are built once per Instance object, so typing in the filter does not rebuild 10,000 strings.
const haystacks = new WeakMap<Instance, string>();

function haystackOf(instance: Instance): string {
  let text = haystacks.get(instance);
  if (text === undefined) {
    text = [instance.name, instance.id, instance.type, instance.state, ...Object.values(instance.tags), ...(instance.region === undefined ? [] : [instance.region])]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(instance, text);
  }
  return text;
}

/** `tag:key=value` (value optional: any instance with the key), as `:filter` and `/` take it; else undefined. */
export function tagFilter(filter: string): { readonly key: string; readonly value: string | undefined } | undefined {
  const match = /^tag:([^=]+)(?:=(.*))?$/.exec(filter.trim());
  return match === null ? undefined : { key: match[1] ?? '', value: match[2] };
}

/**
 * Instances whose name, id, type, state, region or a tag value contains `filter` (case-insensitive); `tag:k=v`
 * keeps those whose tag k is v (case-insensitive), `tag:k` those that have tag k.
 */
export function filterInstances(instances: readonly Instance[], filter: string): readonly Instance[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return instances;
  const tag = tagFilter(filter);
  if (tag !== undefined) {
    const value = tag.value?.toLowerCase();
    return instances.filter((i) => {
      const found = i.tags[tag.key];
      return found !== undefined && (value === undefined || found.toLowerCase() === value);
    });
  }
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

/** The name a sort compares: lower-cased; unnamed instances after named ones, by id. */
const nameKey = (i: Instance): string => (i.name === '' ? '\uffff' + i.id : i.name.toLowerCase());

/** Names (as nameKey makes them) first, then ids: the last tie-break of every sort. */
function byNameKey(an: string, aId: string, bn: string, bId: string): number {
  if (an !== bn) return an < bn ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function byName(a: Instance, b: Instance): number {
  return byNameKey(nameKey(a), a.id, nameKey(b), b.id);
}

/** What the sorts read besides the instances: the fleet's status checks, ALARM counts and CPU now. */
export interface SortData {
  readonly statuses?: ReadonlyMap<string, InstanceStatus> | undefined;
  readonly alarms?: ReadonlyMap<string, number> | undefined;
  readonly cpu?: ReadonlyMap<string, number> | undefined;
}

/** A stop nobody asked for: stopped with a reason other than the user's own shutdown (capacity, a failed start). */
export function isStoppedWithError(instance: Instance): boolean {
  return instance.state === 'stopped' && instance.stateReason !== undefined && instance.stateReason.code !== 'Client.UserInitiatedShutdown';
}

/**
 * The problems-first sort key, lower first: 0 impaired or failed status checks, 1 stopped with an error,
 * 2 in ALARM; then CPU now, busiest first. A tie goes to the name.
 */
export function attentionTier(instance: Instance, data: SortData): number {
  const status = data.statuses?.get(instance.id);
  const checks = status === undefined ? [] : [status.system, status.instance, ...(status.ebs === undefined ? [] : [status.ebs])];
  if (checks.some((c) => c.status === 'impaired' || c.details.some((d) => d.status === 'failed'))) return 0;
  if (isStoppedWithError(instance)) return 1;
  if ((data.alarms?.get(instance.id) ?? 0) > 0) return 2;
  return 3;
}

/** An instance with its sort keys, computed once per sort (not per comparison: 10,000 rows make ~140,000). */
interface Keyed {
  readonly instance: Instance;
  readonly primary: number;
  readonly secondary: number;
  readonly name: string;
}

/** Sorted by `primary`, then `secondary` (both ascending), then name and id as byName: decorate, sort, undecorate. */
function sortKeyed(instances: readonly Instance[], primary: (i: Instance) => number, secondary: (i: Instance) => number): Instance[] {
  const keyed: Keyed[] = instances.map((instance) => ({ instance, primary: primary(instance), secondary: secondary(instance), name: nameKey(instance) }));
  keyed.sort((a, b) => {
    if (a.primary !== b.primary) return a.primary - b.primary;
    if (a.secondary !== b.secondary) return a.secondary - b.secondary;
    return byNameKey(a.name, a.instance.id, b.name, b.instance.id);
  });
  return keyed.map((k) => k.instance);
}

/** A sorted copy: problems first, by name, by CPU now (busiest first, unknown last), or by state (trouble first). */
export function sortInstances(instances: readonly Instance[], sort: SortKey, data: SortData = {}): readonly Instance[] {
  // CPU now, busiest first and unknown last, as an ascending key.
  const busiest = (i: Instance): number => -(data.cpu?.get(i.id) ?? -1);
  const none = (): number => 0;
  switch (sort) {
    case 'problems':
      return sortKeyed(instances, (i) => attentionTier(i, data), busiest);
    case 'name':
      return sortKeyed(instances, none, none);
    case 'cpu':
      return sortKeyed(instances, busiest, none);
    case 'state':
      return sortKeyed(instances, (i) => STATE_ORDER[i.state], none);
    case 'region':
      return [...instances].sort((a, b) => (a.region ?? '').localeCompare(b.region ?? '') || (a.profile ?? '').localeCompare(b.profile ?? '') || byName(a, b));
  }
}

/** Filtered, sorted rows, memoised so a keypress that changes neither the data nor the filter costs nothing. */
export function useInstanceRows(
  instances: readonly Instance[] | undefined,
  filter: string,
  sort: SortKey,
  data: SortData,
): { rows: readonly Instance[]; indexById: ReadonlyMap<string, number>; total: number } {
  const all = instances ?? EMPTY;
  const filtered = useMemo(() => filterInstances(all, filter), [all, filter]);
  // Only what the sort reads may re-sort: a metrics refresh must not re-sort a list sorted by name.
  const cpu = sort === 'cpu' || sort === 'problems' ? data.cpu : undefined;
  const statuses = sort === 'problems' ? data.statuses : undefined;
  const alarms = sort === 'problems' ? data.alarms : undefined;
  const rows = useMemo(() => sortInstances(filtered, sort, { cpu, statuses, alarms }), [filtered, sort, cpu, statuses, alarms]);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  return { rows, indexById, total: all.length };
}

const EMPTY: readonly Instance[] = [];
