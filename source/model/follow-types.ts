// A follower's side of a shared session (`ec2-triage follow`): the link to the driver and whether the screen follows
// the driver's selection. The follower's model has no AWS clients at all: every snapshot it shows came over the link.
import type { Store } from './store-types.js';

/** The link to the driver, as the follower's header says it. */
export type FollowLink =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  | { readonly kind: 'lost'; readonly reason: string; readonly retryInMs: number }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'ended' };

export interface FollowSnapshot {
  readonly link: FollowLink;
  /** Who drives ("oncall@bastion"), once the driver said so. */
  readonly driver: string | undefined;
  /** true: the selection, focus and open dialog are the driver's; false: the follower browses on its own (f). */
  readonly isFollowing: boolean;
  /** The follower's own name, as its notes and pointers are signed. */
  readonly name: string;
  /**
   * Whether the driver's app is read-only: what the driver's preview says of Run is the driver's (the follower
   * itself sends nothing either way).
   */
  readonly driverIsReadOnly: boolean;
}

export interface FollowModel extends Store<FollowSnapshot> {
  /** f: follow the driver's selection again, or browse on one's own. */
  setFollowing(isFollowing: boolean): void;
  /** p: a short suggestion for the driver's footer and the timeline; false when it could not be sent now. */
  point(text: string, instanceId: string | undefined): boolean;
}
