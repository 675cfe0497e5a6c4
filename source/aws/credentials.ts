// Credentials that can be read again. The SDK resolves its default chain once and keeps static keys forever, and its
// shared-file reader caches ~/.aws/credentials by path: after `aws sso login` or a rewritten credentials file, every
// request would still be signed with the old key until a restart. `renew` starts a fresh chain that re-reads files.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** A credential provider the clients share, plus a way to drop what it resolved. */
export interface RenewableCredentials {
  readonly provider: AwsCredentialIdentityProvider;
  /** Which resolution is current; a failed call passes the one it was signed with to `renew`. */
  readonly generation: number;
  /** Forget the resolved credentials (only if still `generation`, so a burst of failures renews once). */
  renew(generation?: number): void;
}

/**
 * The SDK's default chain (env, SSO, shared files, process, web identity, IMDS/ECS), renewable. `clientConfig` goes
 * to the SSO and STS clients the chain builds, so they use the same proxy, CA bundle and timeouts as the app's own.
 */
export function renewableCredentials(
  profile: string | undefined,
  clientConfig: Record<string, unknown> = {},
  make: () => AwsCredentialIdentityProvider = () =>
    defaultProvider({ ...(profile === undefined ? {} : { profile }), ignoreCache: true, clientConfig }),
): RenewableCredentials {
  let current = make();
  let generation = 0;
  return {
    // The client memoizes whatever it is given and asks again only for credentials that expire. Stamping them as
    // expiring now makes it ask on every call; the chain below still caches, so that costs nothing, and `renew`
    // takes effect on the very next call.
    provider: async (properties?: Record<string, unknown>): Promise<AwsCredentialIdentity> => {
      const identity = await (current as (p?: Record<string, unknown>) => Promise<AwsCredentialIdentity>)(properties);
      return { ...identity, expiration: new Date(Math.min(identity.expiration?.getTime() ?? Infinity, Date.now())) };
    },
    get generation() {
      return generation;
    },
    renew(seen) {
      if (seen !== undefined && seen !== generation) return;
      generation += 1;
      current = make();
    },
  };
}
