// triage_rounds / triage_rtt100_ms: `ec2-triage check pettracker-ml-server` on the real-AWS path against the
// `sim` server (OOM scenario, at the page) through a delaying proxy on 127.0.0.1 that adds 100 ms to every request,
// as an endpoint a round-trip away. Rounds are the longest chain of requests each sent after another's answer
// (read on the wire); the time is from the first request to the last answer (the triage, not Node's start-up),
// median of RUNS processes, with the whole process's wall time beside it.
// check_by_name_ms / check_by_name_rss_mb: the same `check NAME`, no proxy, against a 10,009-instance `sim`:
// wall time of the process and its peak resident set (VmHWM, sampled until it exits).
import { spawn } from 'node:child_process';
import { chainDepth } from '../../test/helpers/call-rounds.js';
import { startDelayProxy } from '../../test/helpers/delay-proxy.js';
import type { BenchContext } from '../context.js';
import { startSim } from '../sim-process.js';
import { memoryOf } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { median, range } from '../stats.js';

const RUNS = 5;
const TARGET = 'pettracker-ml-server';
/** The round-trip the proxy adds to every request. */
export const RTT_MS = 100;
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_EC2_METADATA_DISABLED: 'true' };

/** One `check TARGET` process against `url`: its exit code, wall ms, and peak RSS (KiB) sampled every 10 ms. */
function checkOnce(ctx: BenchContext, url: string): Promise<{ code: number | null; wallMs: number; hwmKb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [ctx.cli, 'check', TARGET, '--json', '--endpoint-url', url, '--region', 'us-east-1'], { stdio: 'ignore', env: ENV });
  let hwmKb = 0;
  const sample = (): void => {
    try {
      if (child.pid !== undefined) hwmKb = Math.max(hwmKb, memoryOf(child.pid).hwmKb);
    } catch {
      // Gone between the check and the read: the last sample stands.
    }
  };
  const timer = setInterval(sample, 10);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve({ code, wallMs: performance.now() - started, hwmKb });
    });
  });
}

/** check exits 1 on findings (the OOM): anything but 0 or 1 is a failed run, not a figure. */
function expectChecked(code: number | null): void {
  if (code !== 0 && code !== 1) throw new Error(`check exited with ${String(code)}`);
}

/** Measures triage_rounds and triage_rtt100_ms over RUNS processes. */
export async function measureTriageRounds(ctx: BenchContext): Promise<void> {
  const sim = await startSim(ctx, ['--fleet-size', '0']);
  const proxy = await startDelayProxy(sim.url, RTT_MS);
  try {
    const rounds: number[] = [];
    const spans: number[] = [];
    const walls: number[] = [];
    let calls = 0;
    for (let i = 0; i < RUNS; i += 1) {
      proxy.calls.length = 0;
      const run = await checkOnce(ctx, proxy.url);
      expectChecked(run.code);
      const first = Math.min(...proxy.calls.map((c) => c.start));
      const last = Math.max(...proxy.calls.map((c) => c.end));
      rounds.push(chainDepth(proxy.calls));
      spans.push(last - first);
      walls.push(run.wallMs);
      calls = proxy.calls.length;
      progress(`triage ${i + 1}/${RUNS} at ${RTT_MS} ms: ${rounds.at(-1) ?? 0} rounds, ${round1(spans.at(-1) ?? 0)} ms (process ${round1(run.wallMs)} ms)`);
    }
    emit({ name: 'triage_rounds', value: Math.max(...rounds), rtt_ms: RTT_MS, calls, runs: RUNS });
    const { min, max } = range(spans);
    emit({ name: 'triage_rtt100_ms', median: round1(median(spans)), min: round1(min), max: round1(max), process_median: round1(median(walls)), runs: RUNS });
  } finally {
    await proxy.close();
    sim.child.kill();
  }
}

/** Measures check_by_name_ms and check_by_name_rss_mb against a 10,009-instance fleet. */
export async function measureCheckByName(ctx: BenchContext): Promise<void> {
  const sim = await startSim(ctx, ['--fleet-size', '10000']);
  try {
    const walls: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const run = await checkOnce(ctx, sim.url);
      expectChecked(run.code);
      walls.push(run.wallMs);
      peaks.push(run.hwmKb / 1024);
      progress(`check by name ${i + 1}/${RUNS} at 10k: ${round1(run.wallMs)} ms, peak ${round1(run.hwmKb / 1024)} MB`);
    }
    const wall = range(walls);
    emit({ name: 'check_by_name_ms', median: round1(median(walls)), min: round1(wall.min), max: round1(wall.max), runs: RUNS, fleet: 10_009 });
    const rss = range(peaks);
    emit({ name: 'check_by_name_rss_mb', median: round1(median(peaks)), min: round1(rss.min), max: round1(rss.max), runs: RUNS, fleet: 10_009 });
  } finally {
    sim.child.kill();
  }
}
