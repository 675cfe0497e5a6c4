// The bench's figures in order: the timing-sensitive ones first on a quiet machine, the minute-long RSS run and
// the in-process call count last. A figure that fails prints an {"error"} line; the others still run.
import { benchContext } from './context.js';
import type { BenchContext } from './context.js';
import { measureBytesPerTick, measureIdleBytes } from './figures/bytes.js';
import { measureCheckByName, measureTriageRounds } from './figures/check.js';
import { measureIdleCpu } from './figures/idle-cpu.js';
import { measureKeyLatency, measureSmallKeyLatency } from './figures/keys.js';
import { measureRemoteRss, measureRss } from './figures/memory.js';
import { measureMetricCalls } from './figures/metric-calls.js';
import { measureNodeStart, measureStartup } from './figures/startup.js';
import { measureAwsStartup } from './figures/startup-aws.js';
import { measureTriage } from './figures/triage.js';
import { emitError, progress, wasPrinted } from './report.js';

interface Step {
  /** Figure names printed as errors when the step throws. */
  readonly names: readonly string[];
  readonly run: (ctx: BenchContext) => Promise<void>;
}

const STEPS: readonly Step[] = [
  { names: ['first_byte_ms', 'first_frame_ms', 'first_data_ms'], run: measureStartup },
  { names: ['node_start_ms'], run: () => measureNodeStart() },
  { names: ['first_frame_aws_ms'], run: measureAwsStartup },
  { names: ['key_latency_ms', 'key_latency_refresh_ms'], run: measureKeyLatency },
  { names: ['key_latency_small_ms'], run: measureSmallKeyLatency },
  { names: ['triage_ms'], run: measureTriage },
  { names: ['triage_rounds', 'triage_rtt100_ms'], run: measureTriageRounds },
  { names: ['check_by_name_ms', 'check_by_name_rss_mb'], run: measureCheckByName },
  { names: ['bytes_per_tick'], run: measureBytesPerTick },
  { names: ['bytes_per_second'], run: measureIdleBytes },
  { names: ['idle_cpu_pct'], run: measureIdleCpu },
  { names: ['rss_mb'], run: measureRss },
  { names: ['rss_remote_mb'], run: measureRemoteRss },
  { names: ['metric_calls'], run: measureMetricCalls },
];

/**
 * Runs every figure (or, when `only` names some, the steps printing them); resolves to the exit code
 * (0: the bench ran, even if some figures failed).
 */
export async function runBench(options: { root: string; only?: readonly string[] }): Promise<number> {
  // A stray rejection from a figure's watcher must not end the whole run (Node's default is to exit).
  process.on('unhandledRejection', (reason) => progress(`unhandled rejection: ${String(reason).split('\n')[0]}`));
  const ctx = benchContext(options.root);
  const only = options.only ?? [];
  const steps = only.length === 0 ? STEPS : STEPS.filter((s) => s.names.some((n) => only.includes(n)));
  const started = performance.now();
  for (const step of steps) {
    progress(`${step.names.join(', ')} …`);
    try {
      await step.run(ctx);
    } catch (error) {
      // A step may have printed some of its figures before failing: only the missing ones get an error line.
      for (const name of step.names.filter((n) => !wasPrinted(n))) emitError(name, error);
    }
  }
  progress(`done in ${Math.round((performance.now() - started) / 1000)} s`);
  return 0;
}
