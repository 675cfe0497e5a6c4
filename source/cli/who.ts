// Who is at the keyboard: the local user and host, as the journal, notes and a shared session name them.
import { hostname, userInfo } from 'node:os';

/** user@host ('unknown' when the user has no passwd entry, as in some containers). */
export function localName(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry: keep 'unknown'.
  }
  return `${user}@${hostname()}`;
}
