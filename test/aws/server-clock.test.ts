// The endpoint's clock from its Date headers: ours when they agree to the minute, theirs when a fast training fleet
// runs ahead — so `check`'s "last three hours" are the endpoint's.
import { describe, expect, it } from 'vitest';
import { createServerClock, SKEW_THRESHOLD_MS } from '../../source/aws/server-clock.js';

const LOCAL = Date.UTC(2026, 11, 4, 19, 0, 0);

describe('server clock', () => {
  it('is ours until an answer says otherwise, and ours again when they agree within the noise', () => {
    const clock = createServerClock();
    expect(clock.now(LOCAL)).toBe(LOCAL);
    clock.observe(new Date(LOCAL + 2_000).toUTCString(), LOCAL);
    expect(clock.now(LOCAL)).toBe(LOCAL);
  });

  it('follows an endpoint 20 minutes ahead (a fleet at ×60), and a missing or bad header changes nothing', () => {
    const clock = createServerClock();
    clock.observe(new Date(LOCAL + 20 * 60_000).toUTCString(), LOCAL);
    expect(clock.now(LOCAL + 1_000)).toBe(LOCAL + 20 * 60_000 + 1_000);
    clock.observe(undefined, LOCAL);
    clock.observe('not a date', LOCAL);
    expect(clock.now(LOCAL)).toBe(LOCAL + 20 * 60_000);
    clock.observe(new Date(LOCAL + SKEW_THRESHOLD_MS - 1_000).toUTCString(), LOCAL);
    expect(clock.now(LOCAL)).toBe(LOCAL);
  });
});
