// triage_ms: `t` on pettracker-ml-server (`--demo --speed 60`, so the scenario's first OOM kill, 20 s of fleet
// time after start, has happened) to the arrival of the chunk after which the triage pane shows the conclusion
// ("OOM killer killed python3 …"). Median of 5 fresh starts, so every run is a cold first triage.
import { withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { KEYS } from '../pty-session.js';
import type { PtySession } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { hasFleet, hasOomConclusion, statusTitle } from '../screen.js';
import { median, range, sleep } from '../stats.js';

const RUNS = 5;
const TARGET = 'pettracker-ml-server';
/** Fleet time must pass the first OOM kill (T0+20 s = 0.33 s real at ×60) and its log lines; 1.5 s is ample. */
const MIN_AGE_MS = 1_500;

/** Moves the selection down until the status pane shows the target (the list is sorted by name). */
async function selectTarget(s: PtySession): Promise<void> {
  for (let i = 0; i < 20 && statusTitle(s.text()) !== TARGET; i += 1) {
    const before = statusTitle(s.text());
    s.write(KEYS.down);
    await s.until((t) => statusTitle(t) !== before, 3_000);
  }
  if (statusTitle(s.text()) !== TARGET) throw new Error(`could not select ${TARGET}`);
}

/** One cold triage: ms from `t` to the conclusion on screen. */
async function triageOnce(ctx: BenchContext): Promise<number> {
  return withApp(ctx, ['--demo', '--speed', '60'], async (s) => {
    await s.until(hasFleet, 20_000);
    await selectTarget(s);
    await sleep(s.spawnedAt + MIN_AGE_MS - performance.now());
    if (hasOomConclusion(s.text())) throw new Error('conclusion on screen before triage ran');
    const done = s.until(hasOomConclusion, 30_000);
    const at = s.write('t');
    return (await done) - at;
  });
}

/** Measures triage_ms over RUNS starts. */
export async function measureTriage(ctx: BenchContext): Promise<void> {
  const values: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    values.push(await triageOnce(ctx));
    progress(`triage ${i + 1}/${RUNS}: ${round1(values.at(-1) ?? 0)} ms`);
  }
  const { min, max } = range(values);
  emit({ name: 'triage_ms', median: round1(median(values)), min: round1(min), max: round1(max), runs: RUNS });
}
