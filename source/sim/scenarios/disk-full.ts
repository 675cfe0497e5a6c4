// Disk full: a release 6 hours before T0 turned on the batch prediction cache with no size limit, and
// /var/tmp/ml-server/batch-cache fills the 30 GiB root volume until it hits 100% 8 minutes before T0.
// disk_used_percent climbs (faster as the batch queue grows) and stays at 100; EBS writes run hot, then drop.
// After that: Errno 28 in the app log, rsyslog's write error, journald on the console. Short appends to
// already-open logs still land (XFS preallocates past EOF), which is why the errors themselves reach CloudWatch.
// The root file system is XFS (AL2023), which keeps going read-write on ENOSPC, so there is no EXT4 read-only remount.
import { noise } from '../rng.js';
import { HOUR, MIN, SEC, atSecond, kernelLine, within } from './incident.js';
import { appLine, LOG_GROUPS, syslogLine } from './logs.js';
import type { MetricOverride, ScenarioContext, ScenarioDefinition, ScenarioOverrides, TimedLine } from './types.js';
import { isoStamp } from './text.js';

/** Offsets from T0 (ms). */
export const DISK_FULL_TIMELINE = { cacheEnabled: -6 * HOUR, full: -8 * MIN } as const;
/** The unbounded cache that fills the disk. */
export const DISK_FULL_CACHE = '/var/tmp/ml-server/batch-cache';
const CACHE = DISK_FULL_CACHE;

function build({ t0, seed, target }: ScenarioContext): ScenarioOverrides {
  const start = atSecond(t0 + DISK_FULL_TIMELINE.cacheEnabled);
  const full = atSecond(t0 + DISK_FULL_TIMELINE.full);
  const u = (t: number): number => Math.min(1, Math.max(0, (t - start) / (full - start)));
  const disk: MetricOverride = (t, base) => (t < start ? base : t >= full ? 100 : Math.min(100, base + (100 - base) * u(t) ** 1.5));
  // ~17 GiB over 6 h: the write rate grows with the curve's slope (1.5·√u), then writes fail once it is full.
  const ebsWrite: MetricOverride = (t, base) =>
    t < start ? base : t >= full ? Math.round(base * 0.3) : Math.round(base + 49 * 1_048_576 * 1.5 * Math.sqrt(u(t)));
  const ip = target.privateIp;
  const day = isoStamp(full).slice(0, 10);
  const app: TimedLine[] = [
    appLine(start, 'INFO', 'Starting PetTracker ML server v2.4.0 (pid 48213)'),
    appLine(start + 17 * SEC, 'INFO', `Batch prediction cache enabled at ${CACHE} (max_size=None)`),
    appLine(full - 45 * MIN, 'WARNING', `Free disk space on / below 15% (${CACHE} is 15.9 GiB)`),
    appLine(full - 12 * MIN, 'WARNING', `Free disk space on / below 5% (${CACHE} is 17.1 GiB)`),
    appLine(full + 2 * SEC, 'ERROR', `Batch inference job failed: OSError: [Errno 28] No space left on device: '${CACHE}/${day}/batch-000871.npy'`),
  ];
  const system: TimedLine[] = [
    syslogLine(full + 4 * SEC, ip, "rsyslogd[1021]: file '/var/log/messages'[7] write error - see https://www.rsyslog.com/solving-rsyslog-write-errors/ for help OS error: No space left on device [v8.2204.0-3.amzn2023.0.4 try https://www.rsyslog.com/e/2027 ]"),
    syslogLine(full + 31 * SEC, ip, `amazon-ssm-agent[2107]: ${isoStamp(full + 31 * SEC)} ERROR [MessageService] failed to persist document state: write /var/lib/amazon/ssm/${target.id}/document/state/current/.tmp: no space left on device`),
  ];
  // Every minute after it filled: the cache write or the health check's temp file fails.
  const errors = (from: number, to: number): TimedLine[] => {
    const out: TimedLine[] = [];
    for (let m = Math.max(Math.ceil(from / MIN), Math.ceil((full + MIN) / MIN)) * MIN; m < to + MIN; m += MIN) {
      const t = m + Math.floor(noise(seed, 0xd15c, m / MIN) * 50 * SEC);
      out.push(m % (3 * MIN) === 0
        ? appLine(t, 'ERROR', "Health check failed: [Errno 28] No space left on device: '/tmp/ml-health-check.tmp'")
        : appLine(t, 'ERROR', 'Failed to write prediction cache entry: OSError: [Errno 28] No space left on device'));
    }
    return out;
  };
  const consoleLines = [
    kernelLine(target, seed, full + 3 * SEC, 'systemd-journald[512]: Failed to open system journal: No space left on device'),
    kernelLine(target, seed, full + 95 * SEC, 'systemd-journald[512]: Failed to open system journal: No space left on device'),
  ];
  return {
    metrics: { disk_used_percent: disk, EBSWriteBytes: ebsWrite },
    app: { traffic: () => 1, isServing: () => true, isHealthy: (t) => t < full },
    consoleLines: (from, to) => within(consoleLines, from, to),
    logLines: (group, from, to) =>
      group === LOG_GROUPS.app ? within([...app, ...errors(from, to)], from, to) : group === LOG_GROUPS.system ? within(system, from, to) : [],
  };
}

/** The ML server's root volume fills to 100% with an unbounded cache; Errno 28 everywhere, checks ok. */
export const DISK_FULL_SCENARIO: ScenarioDefinition = {
  name: 'disk-full',
  summary: "pettracker-ml-server's root volume fills to 100% (unbounded batch cache): No space left on device; checks ok",
  build,
};
