// The driver's side of a shared session: every store of the model, as it changes, goes out on its channel. The
// session channel leaves out the follow command (it carries the token); no channel carries a credential: the
// stores hold what the UI shows, and the AWS clients live behind the model.
import type { AppModel, Store } from '../model/types.js';
import type { SessionSnapshot } from '../model/session-types.js';
import type { Channel, DriverMeta } from './streams.js';

export interface Publish {
  (channel: Channel, value: unknown): void;
}

/** What the session channel carries: the snapshot without the share's follow command. */
export function publicSession(session: SessionSnapshot): SessionSnapshot {
  if (session.share === undefined) return session;
  const { followCommand: _token, ...share } = session.share;
  return { ...session, share: { ...share, followCommand: '' } };
}

/** How often the meta line (with the clock) is sent again, so a follower's clock never drifts far. */
export const META_EVERY_MS = 10_000;

/** Streams the model's stores; returns the function that stops it. */
export function publishModel(model: AppModel, publish: Publish, speed: number): () => void {
  const meta = (): DriverMeta => ({
    target: model.target,
    commandTarget: model.commandTarget,
    isReadOnly: model.isReadOnly,
    hasDiagnostics: model.diagnostics !== undefined,
    ...(model.alarmTopic === undefined ? {} : { alarmTopic: model.alarmTopic }),
    now: model.clock.now(),
    speed,
  });
  const stores: readonly (readonly [Channel, Store<unknown>, (v: unknown) => unknown])[] = [
    ['fleet', model.fleet, (v) => v],
    ['metrics', model.metrics, (v) => v],
    ['triage', model.triage, (v) => v],
    ['activity', model.activity, (v) => v],
    ['actions', model.actions, (v) => v],
    ...(model.session === undefined ? [] : [['session', model.session, (v: unknown) => publicSession(v as SessionSnapshot)] as const]),
  ];
  publish('meta', meta());
  const stops = stores.map(([channel, store, shape]) => {
    publish(channel, shape(store.getSnapshot()));
    return store.subscribe(() => publish(channel, shape(store.getSnapshot())));
  });
  const timer = setInterval(() => publish('meta', meta()), META_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const stop of stops) stop();
  };
}
