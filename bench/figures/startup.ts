// first_frame_ms / first_data_ms: from just before the pty spawn of `node dist/cli.js --demo` (200×50) to the
// arrival of the chunk after which the screen first shows the app (its name in the header), and the fleet
// (pettracker-ml-server in the list). first_byte_ms: to the app's first output at all (run-tui's switch to the
// alternate screen, written just before Ink's first render), which splits start-up into "load and wire the
// bundle" and "first render". node_start_ms is the floor under all three: `node -e` writing a few bytes.
import { COLUMNS, ROWS, withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { spawnSession } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { hasFirstFrame, hasFleet } from '../screen.js';
import { median, range } from '../stats.js';

const RUNS = 10;

/** One cold start: ms to the first frame and to the first frame with the fleet. */
async function coldStart(ctx: BenchContext): Promise<{ byte: number; frame: number; data: number }> {
  return withApp(ctx, ['--demo'], async (s) => {
    const [byteAt, frameAt, dataAt] = await Promise.all([s.nextChunk(15_000), s.until(hasFirstFrame, 15_000), s.until(hasFleet, 20_000)]);
    return { byte: byteAt - s.spawnedAt, frame: frameAt - s.spawnedAt, data: dataAt - s.spawnedAt };
  });
}

/** Summary line of a sample. */
function summary(name: string, values: readonly number[]): void {
  const { min, max } = range(values);
  emit({ name, median: round1(median(values)), min: round1(min), max: round1(max), runs: values.length });
}

/** Measures first frame and first data over RUNS cold starts. */
export async function measureStartup(ctx: BenchContext): Promise<void> {
  const bytes: number[] = [];
  const frames: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await coldStart(ctx);
    bytes.push(run.byte);
    frames.push(run.frame);
    data.push(run.data);
    progress(`start ${i + 1}/${RUNS}: byte ${round1(run.byte)} ms, frame ${round1(run.frame)} ms, data ${round1(run.data)} ms`);
  }
  summary('first_byte_ms', bytes);
  summary('first_frame_ms', frames);
  summary('first_data_ms', data);
}

/** Node's own start-up in the same pty: the part of first_frame_ms the app cannot win back. */
export async function measureNodeStart(): Promise<void> {
  const values: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const s = spawnSession({ argv: ['-e', "process.stdout.write('ec2-triage')"], columns: COLUMNS, rows: ROWS });
    try {
      values.push((await s.until(hasFirstFrame, 10_000)) - s.spawnedAt);
    } finally {
      await s.close();
    }
  }
  summary('node_start_ms', values);
}
