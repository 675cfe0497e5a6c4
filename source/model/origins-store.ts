// The origin set the app looks at (several regions and profiles) and each profile's account id, for the header
// and command mode; switching it (`:region`, `:profile`) rebuilds the composite api's origins and restarts the
// fleet's pollers without blocking anything (the account ids arrive when they do).
import { describeAwsError } from '../domain/aws-error.js';
import type { Origin, OriginFailure } from '../domain/origin.js';
import { asAwsError } from './errors.js';
import { createStore } from './store.js';
import type { Store } from './store-types.js';

/** What the composite api offers the model (aws/multi-api.ts MultiApi). */
export interface OriginControl {
  origins(): readonly Origin[];
  failures(): readonly OriginFailure[];
  setOrigins(origins: readonly Origin[]): void;
}

/** A profile's account: its id, or in words why it is unknown. */
export type AccountState = { readonly id: string } | { readonly error: string } | 'loading';

export interface OriginsSnapshot {
  readonly origins: readonly Origin[];
  /** By profile ('' for the default chain). */
  readonly accounts: ReadonlyMap<string, AccountState>;
  /** The profiles of the AWS shared files, for `:profile` completion. */
  readonly knownProfiles: readonly string[];
  /** Whether `:region` / `:profile` can switch (the training fleet cannot). */
  readonly canSwitch: boolean;
}

export interface OriginsModel extends Store<OriginsSnapshot> {
  /** Switches the origin set (the fleet restarts on it); a set the app cannot look at is refused in one line. */
  switchTo(origins: readonly Origin[]): string | undefined;
  /** Looks up the account ids not known yet. */
  loadAccounts(): void;
  /** Cancels the lookups in flight (the app is quitting: nothing may hold the process open). */
  stop(): void;
}

export interface OriginsOptions {
  /** A profile's account id (STS GetCallerIdentity); without it the header names none. */
  readonly accountOf?: (origin: Origin, signal: AbortSignal) => Promise<string>;
  readonly knownProfiles?: readonly string[];
  readonly canSwitch?: boolean;
}

const profileKey = (origin: Origin): string => origin.profile ?? '';

/** Creates the origins model over the composite's control; `onSwitch` restarts what polls the old set. */
export function createOriginsModel(control: OriginControl, onSwitch: (origins: readonly Origin[]) => void, options: OriginsOptions = {}): OriginsModel {
  const { accountOf } = options;
  const controller = new AbortController();
  const store = createStore<OriginsSnapshot>({ origins: control.origins(), accounts: new Map(), knownProfiles: options.knownProfiles ?? [], canSwitch: options.canSwitch ?? true });
  const loadAccounts = (): void => {
    if (accountOf === undefined) return;
    const { accounts, origins } = store.getSnapshot();
    const wanted = new Map<string, Origin>();
    for (const origin of origins) if (!accounts.has(profileKey(origin)) && !wanted.has(profileKey(origin))) wanted.set(profileKey(origin), origin);
    if (wanted.size === 0) return;
    const set = (key: string, state: AccountState): void =>
      store.update((s) => ({ ...s, accounts: new Map([...s.accounts, [key, state]]) }));
    for (const [key, origin] of wanted) {
      set(key, 'loading');
      accountOf(origin, controller.signal).then(
        (id) => set(key, { id }),
        (error: unknown) => set(key, { error: describeAwsError(asAwsError(error)) }),
      );
    }
  };
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    loadAccounts,
    stop: () => controller.abort(),
    switchTo(origins) {
      try {
        control.setOrigins(origins);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      store.update((s) => ({ ...s, origins: control.origins() }));
      onSwitch(control.origins());
      loadAccounts();
      return undefined;
    },
  };
}
