// The reference story: a traffic spike fills the ML server's 4 GiB until the kernel's OOM killer takes python3.
// Every value is a function of fleet time relative to T0 (world start), so the incident is on screen within a
// minute and `--speed 60` replays the following hours (restart, refill, kill again) in minutes.
import { hash32, noise } from '../rng.js';
import type { MetricOverride, ScenarioContext, ScenarioDefinition, ScenarioOverrides, TimedLine } from './types.js';
import { appLine, LOG_GROUPS, syslogLine } from './logs.js';
import { kernelStamp } from './text.js';

const SEC = 1000;
const MIN = 60 * SEC;
/** Offsets from T0 (ms) that define the timeline; exported for tests and docs. */
export const OOM_TIMELINE = {
  rampStart: -40 * MIN,
  /** CPU sits at ~100% for this long before each kill. */
  saturatedBeforeKill: 12 * MIN,
  firstKill: 20 * SEC,
  restartDelay: 2 * MIN,
  highTrafficUntil: 120 * MIN,
  calmAt: 150 * MIN,
} as const;
const T = OOM_TIMELINE;
const PEAK_TRAFFIC = 2.6;
/** Memory reaches FULL % this long before each kill and thrashes there (the kernel reclaims caches first). */
const PLATEAU = 5 * MIN;
const FULL = 97.6;
const full = (v: number, n: number): number => Math.min(99.2, v + 0.8 * n);

const smoothstep = (x: number): number => {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
};

type Phase =
  | { readonly kind: 'normal' }
  | { readonly kind: 'ramp'; readonly u: number; readonly toKill: number }
  | { readonly kind: 'dead'; readonly since: number }
  | { readonly kind: 'loading'; readonly since: number }
  | { readonly kind: 'climb'; readonly u: number; readonly toKill: number; readonly span: number }
  | { readonly kind: 'calm'; readonly since: number };

/** Kill times (absolute ms): the first at T0+20 s, then one every 15–20 min while traffic stays high. */
export function oomKills(t0: number, seed: number): number[] {
  const kills: number[] = [];
  for (let k = t0 + T.firstKill, n = 0; k < t0 + T.highTrafficUntil; n++) {
    kills.push(k);
    k += T.restartDelay + 13 * MIN + Math.floor(noise(seed, 0x00f, n) * 5 * MIN);
  }
  return kills;
}

function build({ t0, seed, target }: ScenarioContext): ScenarioOverrides {
  const kills = oomKills(t0, seed);
  const pids = kills.map((_, n) => (n === 0 ? 1234 : 1234 + n * 1187 + Math.floor(noise(seed, 0x91d, n) * 400)));
  const rampStart = t0 + T.rampStart;

  const phase = (t: number): Phase => {
    if (t < rampStart) return { kind: 'normal' };
    let k = -1;
    while (k + 1 < kills.length && (kills[k + 1] ?? Infinity) <= t) k++;
    const first = kills[0] ?? t0 + T.firstKill;
    if (k < 0) return { kind: 'ramp', u: (t - rampStart) / (first - rampStart), toKill: first - t };
    const restart = (kills[k] ?? 0) + T.restartDelay;
    if (t < restart) return { kind: 'dead', since: t - (kills[k] ?? 0) };
    const next = kills[k + 1];
    if (next === undefined) return { kind: 'calm', since: t - restart };
    if (t < restart + MIN) return { kind: 'loading', since: t - restart };
    return { kind: 'climb', u: (t - restart) / (next - restart), toKill: next - t, span: next - restart };
  };
  const traffic = (t: number): number => {
    const s = t - t0;
    if (s < T.rampStart) return 1;
    if (s < 0) return 1 + (PEAK_TRAFFIC - 1) * smoothstep((s - T.rampStart) / -T.rampStart);
    return PEAK_TRAFFIC - (PEAK_TRAFFIC - 1) * smoothstep((s - T.highTrafficUntil) / (T.calmAt - T.highTrafficUntil));
  };
  const w = (key: number, t: number): number => noise(seed, key, Math.floor(t / MIN));

  const mem = (t: number, base: number): number => {
    const p = phase(t);
    const n = w(0x3e3, t) - 0.5;
    switch (p.kind) {
      case 'normal':
        return base;
      case 'ramp':
        return full(base + (FULL - base) * Math.min(1, p.u / (1 - PLATEAU / (T.firstKill - T.rampStart))) ** 1.6, n);
      case 'dead':
        return 39.5 + n;
      case 'loading':
        return 40 + (22 * p.since) / MIN + n;
      case 'climb':
        return full(62 + (FULL - 62) * Math.min(1, (1 - p.toKill / p.span) / (1 - PLATEAU / p.span)) ** 1.5, n);
      case 'calm': {
        const settle = smoothstep((t - t0 - T.highTrafficUntil) / (T.calmAt - T.highTrafficUntil));
        return 62 + 14 * Math.min(1, p.since / (20 * MIN)) - 12 * settle + n;
      }
    }
  };
  const cpu = (t: number, base: number): number => {
    const p = phase(t);
    const n = w(0xc9, t);
    // Pinned at 100 in the last 3 minutes and on every even minute of the saturated window, so each 5-minute
    // bucket there has Maximum exactly 100 whatever the seed.
    const saturated = (toKill: number, fallback: number): number => {
      if (toKill > T.saturatedBeforeKill) return fallback;
      const isPinned = toKill <= 3 * MIN || Math.floor(t / MIN) % 2 === 0 || n < 0.4;
      return isPinned ? 100 : 97.5 + 2.5 * n;
    };
    switch (p.kind) {
      case 'normal':
        return base;
      case 'ramp':
        return saturated(p.toKill, base + (92 - base) * smoothstep(p.u / (1 - T.saturatedBeforeKill / (T.firstKill - T.rampStart))));
      case 'dead':
        return 1.5 + 3 * n;
      case 'loading':
        return 52 + 10 * n;
      case 'climb':
        return saturated(p.toKill, 68 + 22 * p.u + 5 * n);
      case 'calm':
        return Math.min(100, base * (1 + 0.6 * (traffic(t) - 1)));
    }
  };
  const netIn: MetricOverride = (t, base) => Math.round(base * traffic(t));
  const netOut: MetricOverride = (t, base) => Math.round(base * traffic(t) * (phase(t).kind === 'dead' ? 0.08 : 1));

  const ip = target.privateIp;
  const systemLines = (k: number, n: number): TimedLine[] => {
    const pid = pids[n] ?? 1234;
    return [
      syslogLine(k - 400, ip, 'kernel: python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0'),
      syslogLine(k, ip, `kernel: Out of memory: Kill process ${pid} (python3) score 912 or sacrifice child`),
      syslogLine(k + 12, ip, `kernel: Killed process ${pid} (python3) total-vm:${killedVm(n)}kB, anon-rss:${killedRss(n)}kB, file-rss:0kB, shmem-rss:0kB`),
      syslogLine(k + 210, ip, 'systemd[1]: ml-server.service: Main process exited, code=killed, status=9/KILL'),
      syslogLine(k + 214, ip, "systemd[1]: ml-server.service: Failed with result 'oom-kill'."),
      syslogLine(k + T.restartDelay, ip, `systemd[1]: ml-server.service: Scheduled restart job, restart counter is at ${n + 1}.`),
      syslogLine(k + T.restartDelay + 3, ip, 'systemd[1]: Stopped ml-server.service - PetTracker ML inference server.'),
      syslogLine(k + T.restartDelay + 40, ip, 'systemd[1]: Started ml-server.service - PetTracker ML inference server.'),
    ];
  };
  const appLines = (k: number, n: number): TimedLine[] => {
    const up = k + T.restartDelay;
    const next = pids[n + 1] ?? (pids[n] ?? 1234) + 1187;
    return [
      appLine(k - 31 * SEC, 'WARNING', `Inference queue backlog ${380 + n * 17} requests, memory at 97%`),
      appLine(k - 2 * SEC, 'ERROR', 'Memory allocation failed for model inference'),
      appLine(k, 'CRITICAL', 'Process killed by OOM killer'),
      appLine(up + 2 * SEC, 'INFO', `Starting PetTracker ML server v2.3.1 (pid ${next})`),
      appLine(up + 3 * SEC, 'INFO', 'Loading model breed-classifier-v3 (1.9 GiB)'),
      appLine(up + 17 * SEC, 'INFO', 'Model loaded in 14.2s'),
      appLine(up + 18 * SEC, 'INFO', 'Listening on 0.0.0.0:8080 with 4 workers'),
    ];
  };
  const killedVm = (n: number): number => 6_100_000 + Math.floor(noise(seed, 0x7a, n) * 300_000);
  const killedRss = (n: number): number => 3_480_000 + Math.floor(noise(seed, 0x7b, n) * 120_000);
  const consoleKill = (k: number, n: number): TimedLine[] => {
    const pid = pids[n] ?? 1234;
    const at = (dt: number, text: string): TimedLine => ({
      t: k + dt,
      text: `${kernelStamp(k + dt, target.launchTime, hash32(seed, n, dt) % 1000)} ${text}`,
    });
    return [
      at(-400, 'python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0'),
      at(-399, `CPU: 1 PID: ${pid} Comm: python3 Not tainted 6.1.72-96.166.amzn2023.x86_64 #1`),
      at(-399, `Hardware name: Amazon EC2 ${target.type}/, BIOS 1.0 10/16/2017`),
      at(-2, 'Mem-Info:'),
      at(-2, 'active_anon:874512 inactive_anon:3021 isolated_anon:0 active_file:112 inactive_file:87 isolated_file:0'),
      at(-1, 'Free swap  = 0kB'),
      at(-1, 'Total swap = 0kB'),
      at(-1, '1048445 pages RAM'),
      at(0, `Out of memory: Kill process ${pid} (python3) score 912 or sacrifice child`),
      at(12, `Killed process ${pid} (python3) total-vm:${killedVm(n)}kB, anon-rss:${killedRss(n)}kB, file-rss:0kB, shmem-rss:0kB`),
      at(95, `oom_reaper: reaped process ${pid} (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`),
    ];
  };
  const collect = (make: (k: number, n: number) => TimedLine[], from: number, to: number): TimedLine[] =>
    kills.flatMap((k, n) => (k + 4 * MIN < from || k - MIN >= to ? [] : make(k, n).filter((l) => l.t >= from && l.t < to)));

  return {
    metrics: { CPUUtilization: cpu, mem_used_percent: mem, NetworkIn: netIn, NetworkOut: netOut },
    consoleLines: (from, to) => collect(consoleKill, from, to),
    logLines: (group, from, to) =>
      group === LOG_GROUPS.system ? collect(systemLines, from, to) : group === LOG_GROUPS.app ? collect(appLines, from, to) : [],
    app: {
      traffic,
      isServing: (t) => {
        const kind = phase(t).kind;
        return kind !== 'dead' && kind !== 'loading';
      },
      memPercent: (t) => mem(t, 55),
    },
    // The model needs more than 4 GiB at peak traffic: only a start on a type with more memory ends the kills.
    remedy: { moreMemory: true },
  };
}

/** The default scenario: the ML server is OOM-killed at T0+20 s and again every 15–20 min while traffic stays high. */
export const OOM_SCENARIO: ScenarioDefinition = {
  name: 'oom',
  summary: 'Traffic spike fills pettracker-ml-server memory; the kernel OOM-kills python3 (status checks stay ok)',
  build,
};
