// idle_cpu_pct: the CPU the app uses while nobody touches it, as a share of one core: user + system time of the
// node child (/proc/<pid>/stat, utime + stime) over IDLE_MS (a minute), after the first data is on screen and SETTLE_MS more.
// Two runs: `--demo --speed 1` (the figure: the in-process fleet included) and the real-AWS path against
// `ec2-triage sim` in another process (the app alone), both at the default 9 instances and at 10,009.
import { readFileSync } from 'node:fs';
import { spawnRemoteApp, withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import type { PtySession } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { startSim } from '../sim-process.js';
import { sleep } from '../stats.js';

const SETTLE_MS = 5_000;
// A whole list interval at 10,009 instances (60 s), so the window holds one refresh on average, as a minute does.
const IDLE_MS = 60_000;

/** Clock ticks of user + system time the process has used (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count from after its closing one.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

/** Linux's USER_HZ: 100 on every architecture node runs on. */
const TICKS_PER_SECOND = 100;

async function idleShare(s: PtySession): Promise<number> {
  await s.until((t) => t.includes('refreshed'), 60_000);
  await sleep(SETTLE_MS);
  const before = cpuTicks(readFileSync(`/proc/${s.pid}/stat`, 'utf8'));
  const started = performance.now();
  await sleep(IDLE_MS);
  const ticks = cpuTicks(readFileSync(`/proc/${s.pid}/stat`, 'utf8')) - before;
  const seconds = (performance.now() - started) / 1000;
  return (ticks / TICKS_PER_SECOND / seconds) * 100;
}

export async function measureIdleCpu(ctx: BenchContext): Promise<void> {
  const results: Record<string, number> = {};
  for (const size of [0, 10_000]) {
    const demo = await withApp(ctx, ['--demo', '--speed', '1', '--fleet-size', String(size)], idleShare);
    progress(`idle cpu, demo ×1, ${size + 9} instances: ${round1(demo)} %`);
    results[`demo_${size + 9}`] = round1(demo);
    const { url, child } = await startSim(ctx, ['--fleet-size', String(size)]);
    try {
      const s = spawnRemoteApp(ctx, url);
      const remote = await idleShare(s).finally(() => s.close());
      progress(`idle cpu, remote, ${size + 9} instances: ${round1(remote)} %`);
      results[`remote_${size + 9}`] = round1(remote);
    } finally {
      child.kill('SIGTERM');
    }
  }
  emit({ name: 'idle_cpu_pct', value: results.demo_9 ?? NaN, ...results, seconds: IDLE_MS / 1000 });
}
