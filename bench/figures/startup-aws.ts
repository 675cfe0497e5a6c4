// first_frame_aws_ms: first_frame_ms on the real-AWS path (--endpoint-url to a `sim` server, keys in the
// environment): the start-up checks (region, credentials) run before the UI, and the SDK's service clients must
// load after the first frame, not before it. Each run is paired with a `--demo` start, so `over_demo_ms` (the median
// of the pairwise differences) says what the real path costs on top, whatever the machine's load.
import { spawnRemoteApp, withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { emit, progress, round1 } from '../report.js';
import { hasFirstFrame } from '../screen.js';
import { median, range } from '../stats.js';
import { startSim } from '../sim-process.js';

const RUNS = 10;

/** ms from spawn to the first frame on the real-AWS path against `url`. */
async function awsStart(ctx: BenchContext, url: string): Promise<number> {
  const s = spawnRemoteApp(ctx, url);
  try {
    return (await s.until(hasFirstFrame, 15_000)) - s.spawnedAt;
  } finally {
    await s.close();
  }
}

/** Measures first_frame_aws_ms over RUNS starts, each paired with a demo start. */
export async function measureAwsStartup(ctx: BenchContext): Promise<void> {
  const sim = await startSim(ctx, ['--fleet-size', '0']);
  try {
    const aws: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const demo = await withApp(ctx, ['--demo'], async (s) => (await s.until(hasFirstFrame, 15_000)) - s.spawnedAt);
      const real = await awsStart(ctx, sim.url);
      aws.push(real);
      gaps.push(real - demo);
      progress(`aws start ${i + 1}/${RUNS}: frame ${round1(real)} ms (demo ${round1(demo)} ms)`);
    }
    const { min, max } = range(aws);
    emit({ name: 'first_frame_aws_ms', median: round1(median(aws)), min: round1(min), max: round1(max), over_demo_ms: round1(median(gaps)), runs: RUNS });
  } finally {
    sim.child.kill();
  }
}
