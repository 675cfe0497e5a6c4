// When the training fleet's story starts. By default the app opens at the moment of the page — the incident
// happened a few minutes ago (the OOM kill 4 min 40 s before), so the first triage finds it, as the on-call engineer
// woken at 3 AM would. `--live` opens before it instead, to watch it happen.

/** How long before the fleet's first reading its story's T0 lies: the page comes this long after. */
export const PAGE_DELAY_MS = 5 * 60_000;

/** The world's T0 for a clock first read at `now`: at the page (default), or now when watching it live. */
export function storyStart(now: number, isLive: boolean): number {
  return isLive ? now : now - PAGE_DELAY_MS;
}
