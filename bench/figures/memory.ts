// rss_mb: peak resident set (VmHWM in /proc/<pid>/status of the node child) after 60 s of
// `--demo --fleet-size 10000 --speed 60` in the 200×50 pty: 60 fleet minutes, so 60 CPU-column refreshes of
// 10,009 queries (the rows on screen since the CPU column's scope) plus the list refreshes (every 15 s until
// 2026-12-05, then every 60 s at this size: compare figures across that date with care). rss_end_mb is VmRSS at
// the same moment (what stays resident).
import { spawnRemoteApp, withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { memoryOf } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { startSim } from '../sim-process.js';
import { sleep } from '../stats.js';

const RUN_MS = 60_000;
const SAMPLE_MS = 10_000;

/** Measures peak RSS over a minute of a sped-up 10,000-instance fleet. */
export async function measureRss(ctx: BenchContext): Promise<void> {
  await withApp(ctx, ['--demo', '--fleet-size', '10000', '--speed', '60'], async (s) => {
    const end = s.spawnedAt + RUN_MS;
    while (performance.now() < end) {
      await sleep(Math.min(SAMPLE_MS, end - performance.now()));
      if (s.hasExited()) throw new Error('the app exited during the run');
      const m = memoryOf(s.pid);
      progress(`rss at ${Math.round((performance.now() - s.spawnedAt) / 1000)} s: ${round1(m.rssKb / 1024)} MB (peak ${round1(m.hwmKb / 1024)} MB)`);
    }
    const m = memoryOf(s.pid);
    emit({ name: 'rss_mb', value: round1(m.hwmKb / 1024), rss_end_mb: round1(m.rssKb / 1024), seconds: RUN_MS / 1000, fleet: 10_009 });
  });
}

/**
 * rss_remote_mb: the same minute, with the 10,000-instance fleet served by `ec2-triage sim` in another process
 * and the app on the real-AWS path (--endpoint-url): the app's own footprint, as on a bastion against an account
 * of that size, without the in-process fleet's heap.
 */
export async function measureRemoteRss(ctx: BenchContext): Promise<void> {
  const { url, child: sim } = await startSim(ctx, ['--fleet-size', '10000', '--speed', '60']);
  try {
    const s = spawnRemoteApp(ctx, url);
    try {
      const end = s.spawnedAt + RUN_MS;
      while (performance.now() < end) {
        await sleep(Math.min(SAMPLE_MS, end - performance.now()));
        if (s.hasExited()) throw new Error('the app exited during the run');
        const m = memoryOf(s.pid);
        progress(`remote rss at ${Math.round((performance.now() - s.spawnedAt) / 1000)} s: ${round1(m.rssKb / 1024)} MB (peak ${round1(m.hwmKb / 1024)} MB)`);
      }
      const m = memoryOf(s.pid);
      emit({ name: 'rss_remote_mb', value: round1(m.hwmKb / 1024), rss_end_mb: round1(m.rssKb / 1024), seconds: RUN_MS / 1000, fleet: 10_009 });
    } finally {
      await s.close();
    }
  } finally {
    sim.kill();
  }
}
