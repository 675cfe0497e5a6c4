// The two shapes every store of model/ has, apart from what they hold (so the stores' types import no store).
import type { AwsError } from '../domain/types.js';

/** A value fetched in the background: the last good data is kept when a refresh fails. */
export interface Loadable<T> {
  readonly data: T | undefined;
  /** Clock ms of the last successful refresh. */
  readonly updatedAt: number | undefined;
  /** The last refresh's error; cleared by the next success. */
  readonly error: AwsError | undefined;
  readonly isLoading: boolean;
}

/** A subscribable snapshot source; getSnapshot returns the same object until something changes. */
export interface Store<S> {
  getSnapshot(): S;
  subscribe(listener: () => void): () => void;
}

