// Memory on a small bastion. Against a 10,000-instance account the live heap is ~25-60 MB, but V8 grows the old
// generation lazily over the garbage of each refresh (XML parsing, GetMetricData pages): the app peaked at
// 370-490 MB (bench rss_remote_mb). A smaller heap growing factor makes V8 collect before the heap grows far.
// Measured against the remote 10k fleet (40 s, one run each): no flag 427 MB peak / 6.9 s CPU;
// --heap-growing-percent=25: 244 MB / 8.4 s; =10: 232 MB / 9.2 s; --optimize-for-size: 202 MB / 13.2 s (GC then
// took half of a busy keypress's time). Only the real-AWS TUI sets it: with the in-process training fleet the
// live heap is several times larger, and the same flag made keypresses during a refresh wait ~70 % longer
// (effect p95 125 → 214 ms) for 560 → 290 MB, so the demo keeps V8's default. Set before the first AWS call, it
// applies to all the heap growth that matters (the young generation's size was fixed at start: flags cannot
// change it from here). Users need no NODE_OPTIONS.
import { setFlagsFromString } from 'node:v8';

/** The V8 flags the real-AWS TUI sets for itself. */
export const AWS_HEAP_FLAGS = ['--heap-growing-percent=25'] as const;

let isTuned = false;

/** Sets AWS_HEAP_FLAGS once, before the app starts on the real-AWS path. */
export function tuneHeapForAws(): void {
  if (isTuned) return;
  isTuned = true;
  for (const flag of AWS_HEAP_FLAGS) setFlagsFromString(flag);
}
