// Memory on a small bastion. Against a 10,000-instance account the live heap is ~25-60 MB, but V8 grows the heap
// lazily over the garbage of each refresh (XML parsing, GetMetricData pages) and the process peaked at ~390 MB.
// V8's optimize-for-size mode grows the heap conservatively and collects sooner. cli.tsx imports this module
// first, so it runs before the app starts (the modules loaded before it only define things); V8 applies the
// flag to the heap from then on (the young generation's size was fixed at start and stays).
// Measured on the 10k remote fleet: peak RSS ~390 → ~200 MB; see README "Performance".
import { setFlagsFromString } from 'node:v8';

/** The V8 flags the CLI sets for itself at start (users need no NODE_OPTIONS). */
export const V8_FLAGS = ['--optimize-for-size'] as const;

for (const flag of V8_FLAGS) setFlagsFromString(flag);
