// metric_calls: runs dist/bench/metric-calls.mjs (bench/metric-calls.ts) in a child node and passes its JSON
// lines through; anything else it prints goes to stderr so stdout stays one figure per line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchContext } from '../context.js';
import { emitError, progress } from '../report.js';

const SIZES = [100, 10_000];
const TIMEOUT_MS = 180_000;

/** Measures GetMetricData calls per fleet refresh at each size. */
export async function measureMetricCalls(ctx: BenchContext): Promise<void> {
  const child = spawn(process.execPath, [join(ctx.root, 'dist', 'bench', 'metric-calls.mjs'), ...SIZES.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  let lines = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{"name":"metric_calls"')) {
      lines += 1;
      process.stdout.write(`${line}\n`);
    } else {
      progress(`metric-calls: ${line}`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (lines < SIZES.length) emitError('metric_calls', new Error(`child exited ${code} after ${lines} of ${SIZES.length} figures`));
}
