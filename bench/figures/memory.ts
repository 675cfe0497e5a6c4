// rss_mb: peak resident set (VmHWM in /proc/<pid>/status of the node child) after 60 s of
// `--demo --fleet-size 10000 --speed 60` in the 200×50 pty: 60 fleet minutes, so 60 CPU-column refreshes of
// 10,009 queries plus four list refreshes. rss_end_mb is VmRSS at the same moment (what stays resident).
import { withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import { memoryOf } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
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
