// The smallest subscribable snapshot holder: set() replaces the snapshot and notifies only when it changed.
import type { Store } from './store-types.js';

export interface MutableStore<S> extends Store<S> {
  set(next: S): void;
  update(change: (current: S) => S): void;
}

/** A store holding `initial`; listeners hear of every identity change, never of a no-op set. */
export function createStore<S>(initial: S): MutableStore<S> {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  const set = (next: S): void => {
    if (Object.is(next, snapshot)) return;
    snapshot = next;
    // Copy so a listener that unsubscribes during notification does not skip its neighbour.
    for (const listener of [...listeners]) listener();
  };
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set,
    update: (change) => set(change(snapshot)),
  };
}
