// Reads a model store: React re-renders only when the store hands out a new snapshot.
import { useSyncExternalStore } from 'react';
import type { Store } from '../../model/types.js';

export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.getSnapshot(),
  );
}
