// The follower's model: the AppModel the UI renders, fed only by the driver's stream. It has no AWS clients and no
// write path: every intent that would reach AWS is absent or does nothing (the follower's keymap has no key for
// them either), and what the follower adds — notes and pointers — goes to the driver as a message.
import type { ActionsModel, ActionsSnapshot } from '../model/actions-types.js';
import type { FollowLink, FollowModel, FollowSnapshot } from '../model/follow-types.js';
import { NOTE_MAX_CHARS, type SessionModel, type SessionSnapshot } from '../model/session-types.js';
import { idle, loading } from '../model/loadable.js';
import { createStore } from '../model/store.js';
import type { ActivitySnapshot, AppModel, FleetSnapshot, MetricsSnapshot, Target } from '../model/types.js';
import type { ChecklistRun } from '../triage/run.js';
import { isChannelValue, type Channel, type DriverMeta } from './streams.js';

/** A message the follower sends: a note or a pointer. */
export interface FollowerSay {
  readonly type: 'note' | 'point';
  readonly text: string;
  readonly instanceId?: string;
}

// Until the driver's first frame: every part loading, as the driver's own stores start.
const EMPTY_FLEET: FleetSnapshot = { instances: loading(idle()), statuses: loading(idle()), cpu: loading(idle()), alarms: loading(idle()) };
const EMPTY_METRICS: MetricsSnapshot = { range: '1h', byInstance: new Map() };
const EMPTY_ACTIVITY: ActivitySnapshot = { inFlight: 0, lastRefreshAt: undefined };
const EMPTY_ACTIONS: ActionsSnapshot = { current: undefined, journal: [], alarms: undefined, resize: undefined, agent: undefined };

/** One line, trimmed and cut to the note's limit; undefined when nothing is left. */
export function oneLine(text: string): string | undefined {
  const line = text.replace(/[\r\n\t]+/g, ' ').trim().slice(0, NOTE_MAX_CHARS);
  return line === '' ? undefined : line;
}

export interface Mirror {
  readonly model: AppModel;
  /** A channel's value arrived (schema-checked here; a value that fails is dropped). */
  onState(channel: Channel, value: unknown): void;
  onLink(link: FollowLink, driver?: string): void;
}

/**
 * The mirror of a driver's session, from its first meta line. `send` hands a note or pointer to the link (false:
 * not connected now).
 */
export function createMirror(first: DriverMeta, options: { readonly name: string; readonly send: (say: FollowerSay) => boolean; readonly realNow?: () => number }): Mirror {
  const realNow = options.realNow ?? Date.now;
  let meta = first;
  let metaAt = realNow();
  let endedAt: number | undefined;
  const fleet = createStore<FleetSnapshot>(EMPTY_FLEET);
  const metrics = createStore<MetricsSnapshot>(EMPTY_METRICS);
  const triage = createStore<ChecklistRun | undefined>(undefined);
  const activity = createStore<ActivitySnapshot>(EMPTY_ACTIVITY);
  const actionsStore = createStore<ActionsSnapshot>(EMPTY_ACTIONS);
  const sessionStore = createStore<SessionSnapshot>({ who: '', notes: [] });
  const followStore = createStore<FollowSnapshot>({ link: { kind: 'connected' }, driver: undefined, isFollowing: true, name: options.name, driverIsReadOnly: first.isReadOnly });
  const say = (type: FollowerSay['type'], text: string, instanceId: string | undefined): boolean => {
    const line = oneLine(text);
    if (line === undefined) return false;
    return options.send({ type, text: line, ...(instanceId === undefined ? {} : { instanceId }) });
  };
  const nothing = (): void => undefined;
  // A follower acts on nothing: no key reaches these, and were one reached, nothing would be sent.
  const actions: ActionsModel = {
    getSnapshot: actionsStore.getSnapshot,
    subscribe: actionsStore.subscribe,
    preview: nothing,
    confirm: nothing,
    cancel: nothing,
    interrupt: nothing,
    dismiss: nothing,
    loadAlarms: nothing,
    loadResizeOptions: nothing,
    loadAgentMetrics: nothing,
    stop: nothing,
  };
  const session: SessionModel = {
    getSnapshot: sessionStore.getSnapshot,
    subscribe: sessionStore.subscribe,
    addNote: (text, instanceId) => void say('note', text, instanceId),
    // The driver's side only: a follower never receives from another follower.
    receive: nothing,
    setView: nothing,
    setShare: nothing,
    setFile: nothing,
  };
  const follow: FollowModel = {
    getSnapshot: followStore.getSnapshot,
    subscribe: followStore.subscribe,
    setFollowing: (isFollowing) => followStore.update((s) => (s.isFollowing === isFollowing ? s : { ...s, isFollowing })),
    point: (text, instanceId) => say('point', text, instanceId),
  };
  const target: Target = meta.target;
  const model: AppModel = {
    target,
    // The commands a follower sees are the driver's, resolved on the driver: they name the driver's target.
    commandTarget: first.commandTarget,
    isReadOnly: true,
    // The driver's clock runs on from its last meta line, until the driver ends the session (then it stops there).
    clock: { now: () => meta.now + ((endedAt ?? realNow()) - metaAt) * meta.speed },
    fleet,
    metrics,
    triage,
    activity,
    actions,
    ...(meta.alarmTopic === undefined ? {} : { alarmTopic: meta.alarmTopic }),
    session,
    // The runs the session file keeps are the driver's to keep: a follower keeps none.
    runs: createStore(new Map()),
    follow,
    selectInstance: nothing,
    setRange: nothing,
    runTriage: nothing,
    start: nothing,
    stop: nothing,
  };
  const stores = { fleet, metrics, triage, activity, actions: actionsStore, session: sessionStore } as const;
  return {
    model,
    onState(channel, value) {
      if (!isChannelValue(channel, value)) return;
      if (channel === 'meta') {
        meta = value as DriverMeta;
        metaAt = realNow();
        followStore.update((s) => (s.driverIsReadOnly === meta.isReadOnly ? s : { ...s, driverIsReadOnly: meta.isReadOnly }));
        return;
      }
      const store = stores[channel] as { set(v: unknown): void };
      store.set(channel === 'triage' && value === null ? undefined : value);
    },
    onLink(link, driver) {
      endedAt = link.kind === 'ended' ? (endedAt ?? realNow()) : undefined;
      followStore.update((s) => ({ ...s, link, driver: driver ?? s.driver }));
    },
  };
}
