// How long one attempt of an AWS call may take. No SDK import: the CLI validates --timeout before the SDK loads.

/** Seconds to wait for a TCP (and proxy) connection, and for a whole answer. */
export interface Timeouts {
  readonly connectSeconds: number;
  readonly requestSeconds: number;
}

/** Suited to a bastion: a connection takes well under 3 s when it works, an EC2 page well under 15 s. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectSeconds: 3, requestSeconds: 15 };

/** --timeout sets the answer timeout; connecting never gets longer than the default (nor than the whole call). */
export function timeoutsFor(requestSeconds: number): Timeouts {
  return { connectSeconds: Math.min(DEFAULT_TIMEOUTS.connectSeconds, requestSeconds), requestSeconds };
}
