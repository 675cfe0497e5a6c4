// The one-time follow token: 128 random bits, base64url, compared in constant time so a follower cannot learn it
// byte by byte from how fast a wrong one is refused.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new token: 16 random bytes as base64url (22 characters). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Whether two tokens are equal, in time independent of where they differ (and of their lengths: both are hashed). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
