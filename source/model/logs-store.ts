// The log view's data: the selected instance's sources (its console output and the log groups triage reads, by
// the same rule), the lines of the open source over a time range, and follow — only the open group is polled,
// from a start-time cursor, so following costs one FilterLogEvents call per tick whatever the fleet's size.
import type { AwsApi } from '../aws/api.js';
import type { Instance, LogEvent } from '../domain/types.js';
import { advance, appendEvents, pollStart, startCursor, type FollowCursor } from '../triage/log-cursor.js';
import { eventsOfInstance, pickLogGroupsWithReason } from '../triage/log-sources.js';
import { lineTime } from '../triage/signatures.js';
import type { LogOrigin } from '../triage/types.js';
import type { Clock, TimerHandle } from './clock.js';
import { asAwsError, isAbort } from './errors.js';
import { failed, idle, loading, succeeded } from './loadable.js';
import { isNitroType } from './metric-specs.js';
import { createStore } from './store.js';
import { LOG_RANGE_MS, LOG_RANGES, type LogLine, type LogRangeKey, type LogSource, type LogsModel, type LogsSnapshot } from './logs-types.js';

export type { LogLine, LogRangeKey, LogSource, LogsModel, LogsSnapshot } from './logs-types.js';
export { LOG_RANGE_MS, LOG_RANGES } from './logs-types.js';

export interface LogsStoreOptions {
  readonly api: AwsApi;
  readonly clock: Clock;
  /** Real ms between follow polls (default: 2 s of real AWS, faster on a faster fleet). */
  readonly followMs?: number;
  /** Most lines kept for a group (a ring: the oldest go first). */
  readonly maxLines?: number;
}

/** The console source: the latest output where the type supports it (Nitro), as triage reads it; else the buffered. */
function consoleSource(instance: Instance): LogSource {
  return { kind: 'console', name: 'console output', how: isNitroType(instance.type) ? 'GetConsoleOutput (latest)' : 'GetConsoleOutput (buffered: "latest" needs a Nitro type)' };
}
/** The snapshot of a closed view. */
export const CLOSED_LOGS: LogsSnapshot = { instanceId: undefined, sources: idle(), sourceIndex: 0, range: '1h', lines: idle(), isFollowing: false, focusLine: undefined };
/** Events read per group load. */
const PAGE = 2_000;

/** The shortest range reaching back to `at` from `now` (the longest when none does). */
export function rangeCovering(now: number, at: number): LogRangeKey {
  return LOG_RANGES.find((r) => now - LOG_RANGE_MS[r] <= at) ?? '24h';
}

/** Console text as lines, each with the time its own stamp gives (kernel stamps count from the launch). */
export function consoleLines(text: string, instance: Instance, now: number): LogLine[] {
  const rows = text.split(/\r?\n/);
  if (rows.at(-1) === '') rows.pop();
  return rows.map((row, i) => ({ text: row, at: lineTime(row, { bootTime: instance.launchTime, referenceDate: new Date(now) }).at, lineNumber: i + 1 }));
}

const eventLine = (e: LogEvent): LogLine => ({ text: e.message, at: e.timestamp, stream: e.logStream, eventId: e.eventId });

/** The index of the line an origin points at: the same event (id, else time and text), or the console line number. */
export function lineOfOrigin(lines: readonly LogLine[], origin: LogOrigin): number | undefined {
  const at = origin.kind === 'console'
    ? lines.findIndex((l) => l.lineNumber === origin.lineNumber && l.text === origin.line)
    : lines.findIndex((l) => (origin.eventId !== undefined && l.eventId === origin.eventId) || (l.at?.getTime() === origin.timestamp.getTime() && l.text === origin.line));
  return at < 0 ? undefined : at;
}

/** Creates the logs model (closed). */
export function createLogsStore(options: LogsStoreOptions): LogsModel {
  const { clock } = options;
  // The open instance's origin (several regions or profiles): its console and log groups are read where it lives.
  let api = options.api;
  const followMs = options.followMs ?? Math.max(250, Math.round(2000 / (clock.speed ?? 1)));
  const maxLines = options.maxLines ?? 5_000;
  const store = createStore<LogsSnapshot>(CLOSED_LOGS);
  let instance: Instance | undefined;
  let groups: readonly LogSource[] = [];
  let controller: AbortController | undefined;
  let timer: TimerHandle | undefined;
  let cursor: FollowCursor | undefined;
  let pending: LogOrigin | undefined;

  const stopTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  /** Aborts whatever is in flight and returns a fresh signal for what starts now. */
  const restart = (): AbortSignal => {
    controller?.abort();
    controller = new AbortController();
    stopTimer();
    return controller.signal;
  };
  const sourceNow = (): LogSource | undefined => store.getSnapshot().sources.data?.[store.getSnapshot().sourceIndex];

  const landed = (lines: readonly LogLine[]): number | undefined => {
    const origin = pending;
    pending = undefined;
    return origin === undefined ? undefined : lineOfOrigin(lines, origin);
  };

  const schedule = (): void => {
    stopTimer();
    const s = store.getSnapshot();
    if (!s.isFollowing || sourceNow()?.kind !== 'group') return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      void poll();
    }, followMs);
  };

  /** One follow tick: events of the open group since the cursor, appended without repeats. */
  const poll = async (): Promise<void> => {
    const source = sourceNow();
    const inst = instance;
    if (source?.kind !== 'group' || inst === undefined || cursor === undefined) return;
    const signal = controller?.signal;
    try {
      const events = await api.filterLogEvents(source.name, new Date(pollStart(cursor)), new Date(clock.now() + 1), { signal, limit: PAGE });
      if (signal?.aborted === true) return;
      // The cursor moves over every event read (a shared group's other hosts too), so a page full of them never
      // stalls it; only this instance's are shown.
      const next = advance(cursor, events, events.length >= PAGE);
      cursor = next.cursor;
      const fresh = eventsOfInstance(inst.id, next.fresh);
      store.update((s) => {
        const data = appendEvents(s.lines.data ?? [], fresh.map(eventLine), maxLines);
        return data === s.lines.data && s.lines.error === undefined ? s : { ...s, lines: succeeded(s.lines, data, clock.now()) };
      });
    } catch (error) {
      if (isAbort(error) || signal?.aborted === true) return;
      store.update((s) => ({ ...s, lines: failed(s.lines, asAwsError(error)) }));
    }
    schedule();
  };

  /** Loads the open source over the range (the console whole), then follows when asked. */
  const load = async (): Promise<void> => {
    const signal = restart();
    const inst = instance;
    const source = sourceNow();
    if (inst === undefined || source === undefined) return;
    store.update((s) => ({ ...s, lines: loading(s.lines) }));
    try {
      const now = clock.now();
      let lines: LogLine[];
      if (source.kind === 'console') {
        const out = await api.getConsoleOutput(inst.id, { signal, latest: isNitroType(inst.type) });
        lines = consoleLines(out.text, inst, now);
        cursor = undefined;
      } else {
        const from = now - LOG_RANGE_MS[store.getSnapshot().range];
        const all = await api.filterLogEvents(source.name, new Date(from), new Date(now + 1), { signal, limit: PAGE });
        cursor = startCursor(from, all, undefined, all.length >= PAGE);
        lines = eventsOfInstance(inst.id, all).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime()).map(eventLine);
      }
      if (signal.aborted) return;
      const focusLine = landed(lines);
      store.update((s) => ({ ...s, lines: succeeded(s.lines, lines, clock.now()), focusLine }));
      schedule();
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      store.update((s) => ({ ...s, lines: failed(s.lines, asAwsError(error)) }));
    }
  };

  /** Finds the instance's groups (DescribeLogGroups, then the triage rule), then loads the chosen source. */
  const discover = async (inst: Instance): Promise<void> => {
    const signal = restart();
    try {
      const listed = await api.listLogGroups(undefined, { signal });
      if (signal.aborted) return;
      groups = pickLogGroupsWithReason(inst, listed).map((p) => ({ kind: 'group', name: p.group.name, how: p.how }));
      const sources = [consoleSource(inst), ...groups];
      const origin = pending;
      const wanted = origin?.kind === 'group' ? sources.findIndex((s) => s.name === origin.group) : 0;
      store.update((s) => ({ ...s, sources: succeeded(s.sources, sources, clock.now()), sourceIndex: Math.max(0, wanted) }));
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      // The groups could not be listed: the console still reads, and the source list says why the groups are missing.
      store.update((s) => ({ ...s, sources: { ...failed(s.sources, asAwsError(error)), data: [consoleSource(inst)] }, sourceIndex: 0 }));
    }
    await load();
  };

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    open(inst, origin) {
      instance = inst;
      api = options.api.scopeTo?.(inst.id) ?? options.api;
      pending = origin;
      const now = clock.now();
      const range = origin?.kind === 'group' ? rangeCovering(now, origin.timestamp.getTime()) : store.getSnapshot().range;
      store.set({ ...CLOSED_LOGS, instanceId: inst.id, sources: loading(idle()), range });
      void discover(inst);
    },
    close() {
      controller?.abort();
      controller = undefined;
      stopTimer();
      instance = undefined;
      cursor = undefined;
      pending = undefined;
      store.set({ ...CLOSED_LOGS, range: store.getSnapshot().range });
    },
    selectSource(index) {
      const s = store.getSnapshot();
      const count = s.sources.data?.length ?? 0;
      if (instance === undefined || count === 0) return;
      const next = ((index % count) + count) % count;
      if (next === s.sourceIndex) return;
      store.set({ ...s, sourceIndex: next, lines: idle(), focusLine: undefined });
      void load();
    },
    setRange(range) {
      const s = store.getSnapshot();
      if (range === s.range) return;
      store.set({ ...s, range, focusLine: undefined });
      if (instance !== undefined && sourceNow()?.kind === 'group') void load();
    },
    toggleFollow() {
      const s = store.getSnapshot();
      if (instance === undefined) return;
      store.set({ ...s, isFollowing: !s.isFollowing });
      if (s.isFollowing) stopTimer();
      else schedule();
    },
  };
}
