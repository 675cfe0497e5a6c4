// Loadable transitions. Each returns the same object when nothing changes, so snapshots stay identity-stable.
import type { AwsError } from '../domain/types.js';
import type { Loadable } from './types.js';

/** Nothing fetched yet, nothing in flight. */
export function idle<T>(): Loadable<T> {
  return { data: undefined, updatedAt: undefined, error: undefined, isLoading: false };
}

/** A refresh started: keep data and the last error until the outcome is known. */
export function loading<T>(current: Loadable<T>): Loadable<T> {
  return current.isLoading ? current : { ...current, isLoading: true };
}

/** A refresh succeeded: new data, error cleared. */
export function succeeded<T>(_current: Loadable<T>, data: T, at: number): Loadable<T> {
  return { data, updatedAt: at, error: undefined, isLoading: false };
}

/** A refresh failed: the last good data and its time are kept. */
export function failed<T>(current: Loadable<T>, error: AwsError): Loadable<T> {
  return { ...current, error, isLoading: false };
}

/** A refresh was cancelled: back to not loading, nothing else changes. */
export function settled<T>(current: Loadable<T>): Loadable<T> {
  return current.isLoading ? { ...current, isLoading: false } : current;
}
