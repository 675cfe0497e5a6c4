// key_latency_ms with `--demo --fleet-size 10000` once the 10,009 instances and their CPU column are on screen.
// Down and Up alternate (the selection moves between rows 1 and 2). Per press: `next` = write → arrival of the
// next pty chunk (what the brief asks for; a 1 s clock-tick frame could in principle be that chunk), `effect` =
// write → arrival of the chunk after which the status pane names the newly selected instance (the press's own
// frame, never a tick). Presses are spaced by the effect frame + 30 ms so frames never merge.
// key_latency_refresh_ms: the same presses right after `r`, while a 10,009-instance refresh is running.
// key_latency_small_ms: the same idle presses on the 9-instance reference fleet, the baseline for Ink's own cost.
import { withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { KEYS } from '../pty-session.js';
import type { PtySession } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { hasGeneratedCpu, showsInstanceCount, statusTitle } from '../screen.js';
import { percentile, sleep } from '../stats.js';

const FLEET = 10_000;
const PRESSES = 200;
const SMALL_PRESSES = 100;
const GAP_MS = 30;
const PRESS_TIMEOUT_MS = 5_000;
/** How long after `r` presses count as "during the refresh". */
const REFRESH_WINDOW_MS = 4_000;

interface Press {
  readonly next: number;
  /** undefined when the status pane never changed (e.g. the selection title is not on screen). */
  readonly effect: number | undefined;
  readonly at: number;
}

/** One press: timings of the next chunk and of the frame showing the new selection. */
async function press(s: PtySession, key: string): Promise<Press> {
  const before = statusTitle(s.text());
  // Handled at once: if the next-chunk wait fails, this one must not become an unhandled rejection later.
  const effect = before === undefined ? undefined : s.until((t) => statusTitle(t) !== before, PRESS_TIMEOUT_MS).catch(() => undefined);
  const next = s.nextChunk(PRESS_TIMEOUT_MS);
  const at = s.write(key);
  const nextAt = await next;
  const effectAt = await effect;
  await sleep((effectAt ?? nextAt) + GAP_MS - performance.now());
  return { at, next: nextAt - at, effect: effectAt === undefined ? undefined : effectAt - at };
}

/** Presses alternating Down/Up `count` times (or until `untilMs` passes). */
async function pressMany(s: PtySession, count: number, untilMs = Number.POSITIVE_INFINITY): Promise<Press[]> {
  const presses: Press[] = [];
  for (let i = 0; i < count && performance.now() < untilMs; i += 1) {
    presses.push(await press(s, i % 2 === 0 ? KEYS.down : KEYS.up));
  }
  return presses;
}

/** The figure line for a set of presses. */
function summarize(name: string, presses: readonly Press[], extra: Record<string, number> = {}): void {
  const next = presses.map((p) => p.next);
  const effect = presses.flatMap((p) => (p.effect === undefined ? [] : [p.effect]));
  if (next.length === 0) throw new Error('no presses were measured');
  // An empty effect sample leaves its fields out rather than printing NaN/-Infinity.
  const ofEffect = (f: (v: readonly number[]) => number): number | undefined => (effect.length === 0 ? undefined : round1(f(effect)));
  emit({
    name,
    p50: round1(percentile(next, 50)),
    p95: round1(percentile(next, 95)),
    max: round1(Math.max(...next)),
    presses: presses.length,
    effect_p50: ofEffect((v) => percentile(v, 50)),
    effect_p95: ofEffect((v) => percentile(v, 95)),
    effect_max: ofEffect((v) => Math.max(...v)),
    effect_missing: presses.length - effect.length,
    ...extra,
  });
}

/** Baseline: idle presses on the 9-instance fleet. */
export async function measureSmallKeyLatency(ctx: BenchContext): Promise<void> {
  await withApp(ctx, ['--demo'], async (s) => {
    await s.until((t) => showsInstanceCount(t, 9), 20_000);
    await sleep(1_000);
    summarize('key_latency_small_ms', await pressMany(s, SMALL_PRESSES), { fleet: 9 });
  });
}

/** Measures key latency on a 10,000-instance fleet, idle and during a refresh. */
export async function measureKeyLatency(ctx: BenchContext): Promise<void> {
  await withApp(ctx, ['--demo', '--fleet-size', String(FLEET)], async (s) => {
    const listedAt = await s.until((t) => showsInstanceCount(t, FLEET), 60_000);
    progress(`10k fleet listed after ${round1(listedAt - s.spawnedAt)} ms`);
    const cpuAt = await s.until(hasGeneratedCpu, 60_000).catch(() => undefined);
    progress(cpuAt === undefined ? 'CPU column never loaded; pressing anyway' : `10k CPU column after ${round1(cpuAt - s.spawnedAt)} ms`);
    await sleep(500);
    const idle = await pressMany(s, PRESSES);
    const slow = idle.filter((p) => p.next > 100).map((p) => round1(p.at - s.spawnedAt));
    if (slow.length > 0) progress(`presses over 100 ms at (ms after spawn): ${slow.join(', ')}`);
    summarize('key_latency_ms', idle, { fleet: FLEET + 9, over_100ms: slow.length });

    // `r` refreshes instances, statuses, the CPU column and the charts at once; keep pressing while it runs.
    await sleep(300);
    const rAt = s.write('r');
    const during = await pressMany(s, 1_000, rAt + REFRESH_WINDOW_MS);
    summarize('key_latency_refresh_ms', during, { window_ms: REFRESH_WINDOW_MS });
  });
}
