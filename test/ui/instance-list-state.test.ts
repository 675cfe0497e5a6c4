import { describe, expect, test } from 'vitest';
import {
  filterInstances,
  initialListState,
  listReducer,
  resolveSelection,
  sortInstances,
  visibleWindow,
  type ListState,
  type RowsView,
} from '../../source/ui/panes/instance-list/use-instance-list-state.js';
import { impaired, makeInstance, makeStatus } from '../helpers/fake-model.js';

describe('visibleWindow', () => {
  test.each([
    // index, count, height, from → [from, to]
    [0, 100, 10, 0, [0, 10]],
    [9, 100, 10, 0, [0, 10]],
    [10, 100, 10, 0, [1, 11]],
    [5, 100, 10, 20, [5, 15]],
    [99, 100, 10, 0, [90, 100]],
    [3, 5, 10, 0, [0, 5]],
    [0, 0, 10, 0, [0, 0]],
    [4, 100, 0, 0, [0, 0]],
    [50, 100, 10, 95, [50, 60]],
    [95, 100, 10, 99, [90, 100]],
  ] as const)('index %s of %s in %s from %s', (index, count, height, from, [eFrom, eTo]) => {
    expect(visibleWindow(index, count, height, from)).toEqual({ from: eFrom, to: eTo });
  });
});

const fleet = [
  makeInstance(1, { name: 'api-b', type: 'm5.large', tags: { Name: 'api-b', team: 'payments' } }),
  makeInstance(2, { name: 'web-a', state: 'stopped' }),
  makeInstance(3, { name: '', state: 'pending' }),
  makeInstance(4, { name: 'API-a', state: 'stopping' }),
];

describe('filterInstances', () => {
  test.each([
    ['', 4],
    ['api', 2],
    ['API', 2],
    ['m5.', 1],
    ['stopp', 2],
    ['payments', 1],
    [fleet[2]?.id ?? '', 1],
    ['nothing-like-this', 0],
  ])('%j matches %s', (filter, count) => {
    expect(filterInstances(fleet, filter)).toHaveLength(count);
  });
});

describe('sortInstances', () => {
  test('problems first: impaired checks, stopped with an error, in ALARM, then CPU', () => {
    const quiet = makeInstance(10, { name: 'quiet' });
    const busy = makeInstance(11, { name: 'busy' });
    const alarming = makeInstance(12, { name: 'alarming' });
    const wontStart = makeInstance(13, { name: 'wont-start', state: 'stopped', stateReason: { code: 'Server.InsufficientInstanceCapacity', message: 'no capacity' } });
    const userStopped = makeInstance(14, { name: 'user-stopped', state: 'stopped', stateReason: { code: 'Client.UserInitiatedShutdown', message: 'user' } });
    const sick = makeInstance(15, { name: 'sick' });
    const statuses = new Map([[sick.id, makeStatus(sick, { system: impaired() })]]);
    const cpu = new Map([[quiet.id, 3], [busy.id, 97], [alarming.id, 1], [sick.id, 2]]);
    const alarms = new Map([[alarming.id, 2]]);
    const order = sortInstances([quiet, busy, alarming, wontStart, userStopped, sick], 'problems', { statuses, cpu, alarms });
    expect(order.map((i) => i.name)).toEqual(['sick', 'wont-start', 'alarming', 'busy', 'quiet', 'user-stopped']);
  });

  test('by name, case-insensitive, unnamed last', () => {
    expect(sortInstances(fleet, 'name').map((i) => i.name)).toEqual(['API-a', 'api-b', 'web-a', '']);
  });
  test('by CPU, busiest first, unknown last', () => {
    const cpu = new Map([
      [fleet[0]?.id ?? '', 5],
      [fleet[3]?.id ?? '', 80],
    ]);
    expect(sortInstances(fleet, 'cpu', { cpu }).map((i) => i.name)).toEqual(['API-a', 'api-b', 'web-a', '']);
  });
  test('by state, transitional first', () => {
    expect(sortInstances(fleet, 'state').map((i) => i.state)).toEqual(['stopping', 'pending', 'running', 'stopped']);
  });
  test('does not mutate its input', () => {
    const before = fleet.map((i) => i.id);
    sortInstances(fleet, 'name');
    expect(fleet.map((i) => i.id)).toEqual(before);
  });
});

describe('listReducer', () => {
  const rows = Array.from({ length: 100 }, (_, n) => makeInstance(n));
  const view: RowsView = { rows, indexById: new Map(rows.map((r, i) => [r.id, i])), height: 10 };
  const move = (state: ListState, delta: number) => listReducer(state, { type: 'move', delta, view });

  test.each([
    [1, 1, 0],
    [-1, 0, 0],
    [10, 10, 1],
    [1000, 99, 90],
    [-1000, 0, 0],
  ])('move %s → index %s, window from %s', (delta, index, from) => {
    const next = move(initialListState, delta);
    expect(next.selectedIndex).toBe(index);
    expect(next.selectedId).toBe(rows[index]?.id);
    expect(next.from).toBe(from);
  });

  test('selection follows its id when rows move, and falls back to its index when gone', () => {
    const state = move(initialListState, 5);
    const reversed = [...rows].reverse();
    const reversedView = { rows: reversed, indexById: new Map(reversed.map((r, i) => [r.id, i])) };
    expect(resolveSelection(state, reversedView)).toBe(94);
    const without = rows.filter((r) => r.id !== state.selectedId);
    expect(resolveSelection(state, { rows: without, indexById: new Map(without.map((r, i) => [r.id, i])) })).toBe(5);
    expect(resolveSelection(state, { rows: [], indexById: new Map() })).toBe(-1);
  });

  test('filter editing', () => {
    let s = listReducer(initialListState, { type: 'startFilter' });
    s = listReducer(s, { type: 'typeFilter', text: 'we' });
    s = listReducer(s, { type: 'typeFilter', text: 'bx' });
    s = listReducer(s, { type: 'backspaceFilter' });
    expect(s).toMatchObject({ filter: 'web', isFiltering: true });
    expect(listReducer(s, { type: 'keepFilter' })).toMatchObject({ filter: 'web', isFiltering: false });
    expect(listReducer(s, { type: 'clearFilter' })).toMatchObject({ filter: '', isFiltering: false });
  });

  test('sort starts problems first and cycles problems → name → cpu → state → problems', () => {
    expect(initialListState.sort).toBe('problems');
    const sorts = [1, 2, 3, 4].reduce<string[]>((acc) => {
      const last = acc.length === 0 ? initialListState : { ...initialListState, sort: acc[acc.length - 1] as ListState['sort'] };
      return [...acc, listReducer(last, { type: 'cycleSort' }).sort];
    }, []);
    expect(sorts).toEqual(['name', 'cpu', 'state', 'problems']);
  });

  test('a sort keeps the pinned instance selected wherever it moves', () => {
    const pinned = listReducer(initialListState, { type: 'pin', id: rows[0]?.id ?? '' });
    const sorted = listReducer(pinned, { type: 'cycleSort' });
    const reversed = [...rows].reverse();
    expect(resolveSelection(sorted, { rows: reversed, indexById: new Map(reversed.map((r, i) => [r.id, i])) })).toBe(99);
  });

  // The page-step rule: a page is the visible height less one line, so the last row of one page opens the next.
  test.each([
    // start index, direction → index, from (height 10: a page moves 9)
    [0, 1, 9, 9],
    [9, 1, 18, 9],
    [95, 1, 99, 90],
    [20, -1, 11, 2],
    [3, -1, 0, 0],
  ] as const)('page from %s by %s → index %s, window from %s', (start, direction, index, from) => {
    const at = move(initialListState, start);
    const next = listReducer(at, { type: 'page', direction, view });
    expect(next.selectedIndex).toBe(index);
    expect(next.from).toBe(from);
  });

  test('PgDn never skips a row: the last row on screen is the first after the page', () => {
    let state = initialListState;
    for (let page = 0; page < 12; page += 1) {
      const before = visibleWindow(resolveSelection(state, view), rows.length, view.height, state.from);
      state = listReducer(state, { type: 'page', direction: 1, view });
      const after = visibleWindow(resolveSelection(state, view), rows.length, view.height, state.from);
      expect(after.from).toBeLessThanOrEqual(before.to - 1);
    }
  });
});
