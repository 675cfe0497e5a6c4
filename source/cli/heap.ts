// Memory on a small bastion. Against a 10,000-instance account the live heap is ~25-60 MB, but V8 grows the old
// generation lazily over the garbage of each refresh (XML parsing, GetMetricData pages): the app peaked at
// 370-490 MB (bench rss_remote_mb). A smaller heap growing factor makes V8 collect before the heap grows far.
// Measured against the remote 10k fleet (40 s, one run each): no flag 427 MB peak / 6.9 s CPU;
// --heap-growing-percent=25: 244 MB / 8.4 s; =10: 232 MB / 9.2 s; --optimize-for-size: 202 MB / 13.2 s (GC then
// took half of a busy keypress's time). Until 2026-12-05 only the real-AWS TUI set it: with the training fleet in
// the UI thread the flag made keypresses during a refresh wait ~70 % longer (effect p95 125 → 214 ms). Since the
// SDK and the fleet run in the data worker (cli/data-thread.ts), whose collections never pause the UI thread, every
// TUI sets it: demo at 10k 375 → 289 MB peak (with the worker's 8 MB young generation), keys unchanged (refresh
// p95 43-48 ms either way). V8 flags are per process: set before the worker starts, they apply to its heap too.
// The young generation's size was fixed at start: flags cannot change it from here. Users need no NODE_OPTIONS.
import { setFlagsFromString } from 'node:v8';

/** The V8 flags the TUI sets for itself. */
export const TUI_HEAP_FLAGS = ['--heap-growing-percent=25'] as const;

let isTuned = false;

/** Sets TUI_HEAP_FLAGS once, before the TUI (and its data worker) starts. */
export function tuneHeap(): void {
  if (isTuned) return;
  isTuned = true;
  for (const flag of TUI_HEAP_FLAGS) setFlagsFromString(flag);
}
