// What the host checks see on a fleet instance at fleet time t, read from the same state as everything else the
// fleet reports: memory and disk use are CWAgent's mem_used_percent and disk_used_percent of that minute, CPU is
// CPUUtilization (and the scenario's demand while a burstable instance is throttled), the kernel's OOM lines are the
// system log's, the ML server's pid and restarts come from its own log, the disk-full cache grows with the disk
// metric, and the memory total follows the instance's type (a resize shows its new total).
import { DISK_FULL_CACHE, DISK_FULL_TIMELINE } from './scenarios/disk-full.js';
import type { FleetMember } from './scenarios/fleet.js';
import { LOG_GROUPS } from './scenarios/logs.js';
import { KERNEL_START_DELAY_MS, hostname } from './scenarios/text.js';
import type { TimedLine } from './scenarios/types.js';
import { instanceType } from './catalog.js';
import type { HostFile, HostProcess, HostView } from './host-render.js';
import { noise } from './rng.js';
import type { SimInstance } from './types.js';
import type { Lifecycle } from './world-actions.js';
import type { Platform } from './world-agents.js';
import type { Role } from './world-cast.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const KIB = 1024;
const MIB = 1024 * KIB;

/** What the world hands over about one instance. */
export interface HostContext {
  readonly t0: number;
  readonly member: FleetMember;
  readonly role: Role | undefined;
  readonly life: Lifecycle | undefined;
  /** The instance as of now. */
  readonly instance: SimInstance;
  readonly platform: Platform;
  readonly rootSizeGiB: number;
  /** A metric's sample at a whole minute, scenario overrides applied (the value its datapoint has). */
  sample(metricName: string, minute: number): number;
  /** This instance's lines of a log group with t in [from, to). */
  logLines(group: string, from: number, to: number): readonly TimedLine[];
}

/** MemTotal as the kernel reports it: the type's memory less what firmware and the kernel keep. */
export function memTotalMiB(typeMemoryMiB: number): number {
  return Math.round(typeMemoryMiB * 0.955 - 140);
}

/** When the OS running at t booted (its kernel's zero). */
function bootAt(ctx: HostContext, t: number): number {
  const boot = ctx.life?.boots.filter((b) => b.at <= t).at(-1)?.at ?? ctx.member.instance.launchTime;
  return boot + KERNEL_START_DELAY_MS;
}

interface Proc {
  readonly user: string;
  readonly pid: number;
  readonly rssKiB: number;
  readonly cpu: number;
  readonly command: string;
  readonly stat?: string;
}

function systemProcesses(ctx: HostContext): Proc[] {
  const d = ctx.platform.distro;
  const sshd = d === 'al2' ? '/usr/sbin/sshd -D' : 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups';
  const init = d === 'ubuntu' ? '/sbin/init' : `/usr/lib/systemd/systemd --switched-root --system --deserialize=${d === 'al2' ? '21' : '32'}`;
  const list: Proc[] = [
    { user: 'root', pid: 1, rssKiB: 14_800, cpu: 0.1, command: init, stat: 'Ss' },
    { user: 'root', pid: 512, rssKiB: 18_200, cpu: 0.0, command: '/usr/lib/systemd/systemd-journald', stat: 'Ss' },
    { user: 'root', pid: 1021, rssKiB: 9_100, cpu: 0.0, command: '/usr/sbin/rsyslogd -n', stat: 'Ssl' },
    { user: 'chrony', pid: 1043, rssKiB: 3_600, cpu: 0.0, command: '/usr/sbin/chronyd -F 2', stat: 'S' },
    { user: 'root', pid: 1788, rssKiB: 7_800, cpu: 0.0, command: sshd, stat: 'Ss' },
    { user: 'root', pid: 2107, rssKiB: 24_300, cpu: 0.1, command: '/usr/bin/amazon-ssm-agent', stat: 'Ssl' },
    { user: 'root', pid: 2131, rssKiB: 31_400, cpu: 0.1, command: '/usr/bin/ssm-agent-worker', stat: 'Sl' },
  ];
  if (ctx.member.hasAgent) {
    list.push({
      user: 'cwagent', pid: 2244, rssKiB: 68_500, cpu: 0.3, stat: 'Ssl',
      command: '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent -config /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.toml -envconfig /opt/aws/amazon-cloudwatch-agent/etc/env-config.json -pidfile /opt/aws/amazon-cloudwatch-agent/var/amazon-cloudwatch-agent.pid',
    });
  }
  return list;
}

/** The role's main program: it holds whatever memory the system does not. */
const MAIN: Readonly<Record<string, { user: string; command: string; extra?: readonly Proc[] } | undefined>> = {
  ml: { user: 'ml-server', command: '/opt/ml-server/venv/bin/python3 /opt/ml-server/server.py --port 8080 --workers 4' },
  web: {
    user: 'webapp', command: 'node /srv/pettracker-web/server.js',
    extra: [
      { user: 'root', pid: 2301, rssKiB: 2_600, cpu: 0.0, command: 'nginx: master process /usr/sbin/nginx', stat: 'Ss' },
      { user: 'nginx', pid: 2302, rssKiB: 9_400, cpu: 0.4, command: 'nginx: worker process', stat: 'S' },
      { user: 'nginx', pid: 2303, rssKiB: 9_100, cpu: 0.4, command: 'nginx: worker process', stat: 'S' },
    ],
  },
  api: { user: 'api', command: 'java -Xms512m -Xmx2g -jar /opt/pettracker-api/api.jar' },
  worker: { user: 'worker', command: '/opt/worker/venv/bin/python3 -m celery -A pettracker worker --concurrency 2' },
  batch: { user: 'batch', command: 'python3 /opt/batch/run_batch.py' },
  cache: { user: 'redis', command: '/usr/bin/redis-server 127.0.0.1:6379' },
  bastion: undefined,
};

/** The ML server's process at t: its pid and start from its own log (undefined while it is dead after a kill). */
function mlProcess(ctx: HostContext, t: number, boot: number): { pid: number; startedAt: number } | undefined {
  const lines = ctx.logLines(LOG_GROUPS.app, Math.max(boot, t - 7 * HOUR), t + 1);
  let start: { pid: number; startedAt: number } | undefined;
  let killedAt = -Infinity;
  for (const l of lines) {
    const started = /Starting PetTracker ML server \S+ \(pid (\d+)\)/.exec(l.text);
    if (started !== null) start = { pid: Number(started[1]), startedAt: l.t };
    else if (l.text.includes('Process killed by OOM killer')) killedAt = l.t;
  }
  if (start !== undefined && start.startedAt > killedAt) return start;
  if (start === undefined && killedAt === -Infinity) return { pid: 1890 + Math.floor(noise(ctx.member.seed, 0x9d) * 300), startedAt: boot + 40 * SEC };
  return undefined;
}

function processes(ctx: HostContext, t: number, boot: number, totalMiB: number, memUsed: number, cpu: number, vcpus: number): HostProcess[] {
  const system = systemProcesses(ctx);
  const main = MAIN[ctx.member.role];
  const extra = main?.extra ?? [];
  const usedKiB = totalMiB * KIB * (memUsed / 100);
  const kernelKiB = totalMiB * KIB * 0.05 + 60 * KIB;
  const others = [...system, ...extra].reduce((s, p) => s + p.rssKiB, 0);
  const list: HostProcess[] = [...system, ...extra].map((p) => ({
    user: p.user, pid: p.pid, rssKiB: p.rssKiB, vszKiB: Math.round(p.rssKiB * 6.5 + 90_000), cpuPercent: p.cpu,
    startedAt: boot + (p.pid === 1 ? 0 : 9 * SEC + p.pid * 4), stat: p.stat ?? 'S', command: p.command,
  }));
  const running = ctx.member.role === 'ml' ? mlProcess(ctx, t, boot) : main === undefined ? undefined : { pid: 2400 + Math.floor(noise(ctx.member.seed, 0x9e) * 500), startedAt: boot + 38 * SEC };
  if (main !== undefined && running !== undefined) {
    const rss = Math.max(24 * KIB, Math.round(usedKiB - kernelKiB - others));
    list.push({
      user: main.user, pid: running.pid, rssKiB: rss, vszKiB: Math.round(rss * 1.6 + 420 * KIB), cpuPercent: Math.max(0.1, cpu * vcpus * 0.88),
      startedAt: running.startedAt, stat: cpu > 50 ? 'Rsl' : 'Ssl', command: main.command,
    });
  }
  return list;
}

/** The app's own directory for each role (where the rest of the used space lives). */
const APP_DIR: Readonly<Record<string, string>> = {
  ml: '/opt/ml-server', web: '/srv/pettracker-web', api: '/opt/pettracker-api', worker: '/opt/worker', batch: '/opt/batch', cache: '/var/lib/redis', bastion: '/home/ec2-user',
};

/** The OS's own directories (bytes), before the app and the logs. */
function osDirectories(ctx: HostContext): [string, number][] {
  const usrScale = ctx.platform.distro === 'ubuntu' ? 1.5 : ctx.platform.distro === 'al2' ? 1.2 : 1;
  const dirs: [string, number][] = [
    ['/usr/lib', 720 * MIB * usrScale], ['/usr/lib64', 310 * MIB * usrScale], ['/usr/share', 260 * MIB * usrScale], ['/usr/bin', 140 * MIB * usrScale],
    ['/usr/libexec', 70 * MIB], ['/usr/sbin', 30 * MIB], ['/var/lib', 260 * MIB], ['/var/cache', 110 * MIB], ['/boot', 58 * MIB], ['/etc', 28 * MIB],
  ];
  if (ctx.member.hasAgent) dirs.push(['/opt/aws', 236 * MIB]);
  return dirs;
}

/** The disk-full scenario's cache: one .npy per batch job, sized by how much the disk metric grew meanwhile. */
function cacheFiles(ctx: HostContext, t: number, usableBytes: number): { bytes: number; files: HostFile[] } {
  const start = Math.floor((ctx.t0 + DISK_FULL_TIMELINE.cacheEnabled) / SEC) * SEC + 17 * SEC;
  const full = Math.floor((ctx.t0 + DISK_FULL_TIMELINE.full) / SEC) * SEC;
  // The metric between its whole-minute samples, so each file gets the growth of its own stretch of time.
  const percent = (x: number): number => {
    const m = Math.floor(x / MIN) * MIN;
    const a = ctx.sample('disk_used_percent', m);
    return a + (ctx.sample('disk_used_percent', m + MIN) - a) * ((x - m) / MIN);
  };
  const at = (x: number): number => ((percent(x) - percent(start)) / 100) * usableBytes;
  // Jobs 701–870 wrote the cache; job 871 is the one the app log says failed when the disk filled.
  const jobs = 170;
  const files: HostFile[] = [];
  let total = 0;
  for (let j = 0; j < jobs; j++) {
    const written = start + Math.round(((j + 1) * (full - 2 * SEC - start)) / jobs);
    if (written > t) break;
    const previous = start + Math.round((j * (full - 2 * SEC - start)) / jobs);
    const bytes = Math.max(1 * MIB, Math.round(at(written) - at(previous)));
    total += bytes;
    const day = new Date(written).toISOString().slice(0, 10);
    files.push({ path: `${DISK_FULL_CACHE}/${day}/batch-${String(701 + j).padStart(6, '0')}.npy`, bytes, mtime: written, owner: 'ml-server' });
  }
  return { bytes: total, files };
}

function directories(ctx: HostContext, usedBytes: number, growth: { dir: string; bytes: number } | undefined): { path: string; bytes: number }[] {
  const os = osDirectories(ctx);
  const fixed = os.reduce((s, [, b]) => s + b, 0);
  const rest = usedBytes - (growth?.bytes ?? 0);
  // A small disk whose metric reads less than the OS needs: everything shrinks alike (one truth: the metric).
  const scale = rest < fixed * 1.1 ? Math.max(0.05, rest / (fixed * 1.1)) : 1;
  const remainder = Math.max(0, rest - fixed * scale);
  const leaves = new Map<string, number>(os.map(([p, b]) => [p, b * scale]));
  const add = (path: string, bytes: number): void => void leaves.set(path, (leaves.get(path) ?? 0) + bytes);
  add(APP_DIR[ctx.member.role] ?? '/opt/app', remainder * 0.8);
  add('/var/log', remainder * 0.07 + 24 * MIB);
  add('/home/ec2-user', remainder * 0.13);
  add('/var/tmp', 40 * KIB);
  if (growth !== undefined) add(growth.dir, growth.bytes);
  const out = new Map<string, number>();
  for (const [path, bytes] of leaves) {
    const parts = path.split('/');
    out.set(path, (out.get(path) ?? 0) + bytes);
    if (parts.length > 2) {
      const parent = `/${parts[1] ?? ''}`;
      out.set(parent, (out.get(parent) ?? 0) + bytes);
    }
  }
  return [...out].map(([path, bytes]) => ({ path, bytes: Math.round(bytes) }));
}

/** The host as the checks see it at fleet time t. */
export function hostView(ctx: HostContext, t: number): HostView {
  const minute = Math.floor(t / MIN) * MIN;
  const boot = bootAt(ctx, t);
  const type = instanceType(ctx.instance.type);
  const vcpus = type?.vcpus ?? 2;
  const totalMiB = memTotalMiB(type?.memoryMiB ?? 4096);
  const memUsed = ctx.sample('mem_used_percent', minute);
  const cpu = ctx.sample('CPUUtilization', minute);
  const healedAt = ctx.life?.healedAt ?? Infinity;
  const demandOverride = ctx.role?.overrides.demand?.CPUUtilization;
  const demand = demandOverride === undefined || t >= healedAt ? cpu : Math.max(cpu, demandOverride(minute, cpu));
  // Averaged over 48 minutes spread evenly since boot: the series the metric itself reports.
  const since = Array.from({ length: 48 }, (_, i) => ctx.sample('CPUUtilization', Math.floor((boot + ((minute - boot) * (i + 0.5)) / 48) / MIN) * MIN));
  const rootBytes = ctx.rootSizeGiB * 1024 * MIB;
  const usable = rootBytes - 64 * MIB;
  const diskUsed = ctx.sample('disk_used_percent', minute);
  const isDiskFull = ctx.role?.scenario === 'disk-full';
  const cache = isDiskFull ? cacheFiles(ctx, t, usable) : undefined;
  const kernelLines = ctx.logLines(LOG_GROUPS.system, Math.max(boot, t - 2 * DAY), t + 1).flatMap((l) => {
    const at = l.text.indexOf(' kernel: ');
    return at < 0 ? [] : [{ t: l.t, text: l.text.slice(at + ' kernel: '.length) }];
  });
  return {
    at: t,
    distro: ctx.platform.distro,
    hostname: hostname(ctx.instance.privateIp),
    seed: ctx.member.seed,
    vcpus,
    memTotalMiB: totalMiB,
    memUsedPercent: memUsed,
    cpuPercent: cpu,
    cpuDemandPercent: demand,
    cpuSinceBootPercent: since.reduce((a, b) => a + b, 0) / since.length,
    processes: processes(ctx, t, boot, totalMiB, memUsed, cpu, vcpus),
    kernelLines,
    rootSizeBytes: rootBytes,
    diskUsedPercent: diskUsed,
    directories: directories(ctx, usable * (diskUsed / 100), cache === undefined ? undefined : { dir: '/var/tmp', bytes: cache.bytes }),
    files: cache?.files ?? [],
  };
}
