// The host checks' output on a fleet instance, in each command's real format on its distro: free -m, ps aux,
// journalctl -k, vmstat 1 5, nproc, df -hP, df -iP, du -xh, find … -exec ls -ls, systemctl, ss, iptables. Pure text
// from a HostView (host-view.ts derives it from the world at the moment the script runs); the checks' scripts
// themselves come from domain/host-checks.ts and are never copied here.
import { SECTION_MARKER, hostCheck } from '../domain/host-checks.js';
import type { HostCheckId } from '../domain/host-checks.js';
import { noise } from './rng.js';
import type { Distro } from './world-agents.js';
import type { ScriptRun } from './world-ssm.js';

const SEC = 1000;
const MIN = 60 * SEC;
const DAY = 86_400_000;
const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/** One process as ps sees it. */
export interface HostProcess {
  readonly user: string;
  readonly pid: number;
  readonly rssKiB: number;
  readonly vszKiB: number;
  /** Average CPU % over its life, per core (200 = two vCPUs busy), as ps computes it. */
  readonly cpuPercent: number;
  readonly startedAt: number;
  readonly stat: string;
  readonly command: string;
}

/** A file the disk check's find may list. */
export interface HostFile {
  readonly path: string;
  readonly bytes: number;
  readonly mtime: number;
  readonly owner: string;
}

/** Everything the checks read on one instance at one moment. */
export interface HostView {
  readonly at: number;
  readonly distro: Distro;
  /** 'ip-172-31-45-67' */
  readonly hostname: string;
  readonly seed: number;
  readonly vcpus: number;
  /** MemTotal as the kernel reports it (a little under the type's memory). */
  readonly memTotalMiB: number;
  /** CWAgent's mem_used_percent at this minute: (total − available) / total. */
  readonly memUsedPercent: number;
  /** CPUUtilization at this minute (what the instance got). */
  readonly cpuPercent: number;
  /** What the workload asked for (above cpuPercent while a burstable instance is throttled at its baseline). */
  readonly cpuDemandPercent: number;
  /** CPUUtilization averaged since boot: vmstat's first row reports averages since boot, not the last second. */
  readonly cpuSinceBootPercent: number;
  readonly processes: readonly HostProcess[];
  /** Kernel log lines of the current boot (time and the text after 'kernel: '). */
  readonly kernelLines: readonly { readonly t: number; readonly text: string }[];
  readonly rootSizeBytes: number;
  /** CWAgent's disk_used_percent of / at this minute. */
  readonly diskUsedPercent: number;
  /** Directories of / (depth 1 and 2) and their sizes in bytes; '/' itself is their total. */
  readonly directories: readonly { readonly path: string; readonly bytes: number }[];
  readonly files: readonly HostFile[];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const month = (d: Date): string => MONTHS[d.getUTCMonth()] ?? 'Jan';
const hhmm = (d: Date): string => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;

/** Columns aligned as coreutils aligns them: 'l' or 'r' per column, one space apart, the last never padded. */
function table(rows: readonly (readonly string[])[], align: string, minWidths: readonly number[] = []): string[] {
  const widths: number[] = [...minWidths];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 && align[i] !== 'r' ? cell : align[i] === 'r' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' '));
}

/** Sizes as df -h and du -h print them: powers of 1024, rounded up, one decimal under 10. */
export function human(bytes: number): string {
  if (bytes <= 0) return '0';
  const units = ['K', 'M', 'G', 'T'];
  let value = bytes / KIB;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // Below 1 KiB du still says 4.0K (a block); df and du round up.
  const shown = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return shown === '10.0' ? `10${units[unit] ?? 'K'}` : `${shown}${units[unit] ?? 'K'}`;
}

// ---- memory ----

function freeM(v: HostView): string[] {
  const total = v.memTotalMiB;
  const available = Math.round(total * (1 - v.memUsedPercent / 100));
  const buffCache = Math.round(available * 0.7);
  const free = Math.max(0, available - Math.round(buffCache * 0.86));
  const shared = Math.max(0, Math.round(total * 0.0004));
  const used = total - free - buffCache;
  // procps-ng 3.3: the label in 9 columns, every number right-aligned in 11, one space apart.
  const row = (label: string, cells: readonly (string | number)[]): string => `${label.padEnd(9)}${cells.map((c) => String(c).padStart(11)).join(' ')}`;
  return [row('', ['total', 'used', 'free', 'shared', 'buff/cache', 'available']), row('Mem:', [total, used, free, shared, buffCache, available]), row('Swap:', [0, 0, 0])];
}

/** ps's START: the time today, else the month and day ('Dec04'), else the year. */
function psStart(startedAt: number, now: number): string {
  const d = new Date(startedAt);
  if (now - startedAt < DAY && new Date(now).getUTCDate() === d.getUTCDate()) return hhmm(d);
  if (now - startedAt < 365 * DAY) return `${month(d)}${pad2(d.getUTCDate())}`;
  return String(d.getUTCFullYear());
}

/** ps's TIME (cumulative CPU): 'M:SS', minutes unbounded. */
function psTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
}

function psAux(v: HostView, sortBy: 'mem' | 'cpu'): string[] {
  const memTotalKiB = v.memTotalMiB * KIB;
  const rows = v.processes.map((p) => {
    const life = Math.max(1, (v.at - p.startedAt) / SEC);
    return { p, mem: (100 * p.rssKiB) / memTotalKiB, cpu: p.cpuPercent, time: (life * p.cpuPercent) / 100 };
  });
  rows.sort((a, b) => (sortBy === 'mem' ? b.mem - a.mem || b.cpu - a.cpu : b.cpu - a.cpu || b.mem - a.mem) || a.p.pid - b.p.pid);
  // procps-ng's `ps aux` columns: USER %-8s PID %7s %CPU %4s %MEM %4s VSZ %6s RSS %5s TTY %-8s STAT %-4s START %-5s TIME %6s.
  const line = (c: readonly string[]): string =>
    [c[0]?.padEnd(8), c[1]?.padStart(7), c[2]?.padStart(4), c[3]?.padStart(4), c[4]?.padStart(6), c[5]?.padStart(5), c[6]?.padEnd(8), c[7]?.padEnd(4), c[8]?.padEnd(5), c[9]?.padStart(6), c[10]].join(' ');
  return [
    line(['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND']),
    ...rows.slice(0, 5).map((r) => line([
      r.p.user.length > 8 ? `${r.p.user.slice(0, 7)}+` : r.p.user,
      String(r.p.pid), r.cpu.toFixed(1), r.mem.toFixed(1), String(r.p.vszKiB), String(r.p.rssKiB), '?', r.p.stat,
      psStart(r.p.startedAt, v.at), psTime(r.time), r.p.command,
    ])),
  ];
}

/** journalctl's short format stamp: 'Dec 04 20:40:30'. */
function journalStamp(t: number): string {
  const d = new Date(t);
  return `${month(d)} ${pad2(d.getUTCDate())} ${hhmm(d)}:${pad2(d.getUTCSeconds())}`;
}

function oomLines(v: HostView): string[] {
  return v.kernelLines
    .filter((l) => /out of memory|killed process/i.test(l.text))
    .slice(-5)
    .map((l) => `${journalStamp(l.t)} ${v.hostname} kernel: ${l.text}`);
}

// ---- cpu ----

/** The CPU split a guest sees: a throttled burstable instance shows the time it was refused as steal. */
export function cpuSplit(v: HostView, key: number): { us: number; sy: number; id: number; wa: number; st: number } {
  const j = (k: number): number => noise(v.seed, 0x7f, key, k, Math.floor(v.at / SEC));
  const busy = Math.min(100, Math.max(0, v.cpuPercent + 4 * (j(1) - 0.5)));
  const isThrottled = v.cpuDemandPercent > v.cpuPercent + 5;
  const sy = Math.round(busy * (0.12 + 0.06 * j(2)));
  const us = Math.max(0, Math.round(busy) - sy);
  const wa = busy > 95 ? 0 : Math.round(j(3) * 1.4);
  const st = isThrottled ? Math.max(0, 100 - us - sy - wa - Math.round(2 * j(4))) : 0;
  return { us, sy, wa, st, id: Math.max(0, 100 - us - sy - wa - st) };
}

function vmstat(v: HostView): string[] {
  const total = v.memTotalMiB * KIB;
  const available = total * (1 - v.memUsedPercent / 100);
  const rows: string[][] = [];
  for (let n = 0; n < 5; n++) {
    const j = (k: number): number => noise(v.seed, 0x7e, n, k, Math.floor(v.at / SEC));
    // The first row is the average since boot (vmstat's own convention); the four after it are live seconds.
    const c = n === 0 ? cpuSplit({ ...v, cpuPercent: v.cpuSinceBootPercent, cpuDemandPercent: v.cpuSinceBootPercent }, n) : cpuSplit(v, n);
    const running = Math.max(v.cpuDemandPercent > 90 || c.st > 30 ? v.vcpus + 1 : 0, Math.round(((c.us + c.sy) / 100) * v.vcpus + j(1)));
    const cache = Math.round(available * 0.62 + j(2) * 800);
    rows.push([
      String(running), '0', '0', String(Math.round(available * 0.4 + j(3) * 900)), String(Math.round(2000 + j(4) * 300)), String(cache),
      '0', '0', String(n === 0 ? Math.round(40 + j(5) * 30) : Math.round(j(5) * 60)), String(Math.round(200 + j(6) * 900)),
      String(Math.round(600 + (c.us + c.sy) * 18 * (0.8 + 0.4 * j(7)))), String(Math.round(900 + (c.us + c.sy) * 25 * (0.8 + 0.4 * j(8)))),
      String(c.us), String(c.sy), String(c.id), String(c.wa), String(c.st),
    ]);
  }
  // vmstat's fixed widths: %2u %2u %6u %6u %6u %6u %4u %4u %5u %5u %4u %4u %2u %2u %2u %2u %2u.
  const widths = [2, 2, 6, 6, 6, 6, 4, 4, 5, 5, 4, 4, 2, 2, 2, 2, 2];
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 2)).join(' ');
  return [
    'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----',
    line(['r', 'b', 'swpd', 'free', 'buff', 'cache', 'si', 'so', 'bi', 'bo', 'in', 'cs', 'us', 'sy', 'id', 'wa', 'st']),
    ...rows.map(line),
  ];
}

// ---- disk ----

interface Fs {
  readonly device: string;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  readonly mount: string;
  readonly inodes: number;
  readonly iused: number;
  readonly ifree: number;
}

function filesystems(v: HostView): Fs[] {
  const size = v.rootSizeBytes - 64 * MIB;
  const used = Math.min(size, Math.round(size * (v.diskUsedPercent / 100)));
  const free = size - used;
  const maxInodes = Math.floor(v.rootSizeBytes / 2048);
  const iused = 61_000 + Math.floor(noise(v.seed, 0x1e0) * 40_000) + v.files.length;
  // XFS counts as free only the inodes it could still allocate: none past the free space once the disk is full.
  const ifree = Math.max(0, Math.min(maxInodes - iused, Math.floor(free / 512) + 37 + Math.floor(noise(v.seed, 0x1e1) * 90)));
  const root: Fs = {
    device: v.distro === 'ubuntu' ? '/dev/root' : '/dev/nvme0n1p1', sizeBytes: size, usedBytes: used, mount: '/',
    inodes: v.distro === 'ubuntu' ? Math.floor(v.rootSizeBytes / 16_384) : iused + ifree, iused, ifree: v.distro === 'ubuntu' ? Math.floor(v.rootSizeBytes / 16_384) - iused : ifree,
  };
  if (v.distro === 'al2') return [root];
  const efi: Fs = v.distro === 'ubuntu'
    ? { device: '/dev/nvme0n1p15', sizeBytes: 105 * MIB, usedBytes: Math.round(6.1 * MIB), mount: '/boot/efi', inodes: 0, iused: 0, ifree: 0 }
    : { device: '/dev/nvme0n1p128', sizeBytes: 10 * MIB, usedBytes: Math.round(1.3 * MIB), mount: '/boot/efi', inodes: 0, iused: 0, ifree: 0 };
  return [root, efi];
}

/** df's Use%: used / (used + available), rounded up (a hair of float error is not a whole percent more). */
const usePercent = (used: number, avail: number): string => (used + avail === 0 ? '-' : `${Math.ceil((100 * used) / (used + avail) - 1e-6)}%`);

function dfH(v: HostView): string[] {
  return table(
    [['Filesystem', 'Size', 'Used', 'Avail', 'Use%', 'Mounted on'], ...filesystems(v).map((f) => [f.device, human(f.sizeBytes), human(f.usedBytes), human(f.sizeBytes - f.usedBytes), usePercent(f.usedBytes, f.sizeBytes - f.usedBytes), f.mount])],
    'lrrrrl',
    // df -h gives its size columns at least five characters and Use% four.
    [0, 5, 5, 5, 4],
  );
}

function dfI(v: HostView): string[] {
  return table(
    [['Filesystem', 'Inodes', 'IUsed', 'IFree', 'IUse%', 'Mounted on'], ...filesystems(v).map((f) => [f.device, String(f.inodes), String(f.iused), String(f.ifree), usePercent(f.iused, f.ifree), f.mount])],
    'lrrrrl',
  );
}

/** The mount the check's awk picks: the highest Use% (the last of equals), as `df -P` lists them. */
function fullestMount(v: HostView): string {
  let best = '/';
  let max = -1;
  for (const f of filesystems(v)) {
    const u = Math.ceil((100 * f.usedBytes) / Math.max(1, f.sizeBytes));
    if (u >= max) {
      max = u;
      best = f.mount;
    }
  }
  return best;
}

function du(v: HostView, mount: string): string[] {
  if (mount !== '/') return [`mount ${mount}`, `${human(1.3 * MIB)}\t${mount}/EFI`, `${human(1.3 * MIB)}\t${mount}`];
  const entries = [{ path: '/', bytes: v.directories.filter((d) => d.path.split('/').length === 2).reduce((s, d) => s + d.bytes, 0) }, ...v.directories];
  const sorted = entries.map((e) => ({ ...e, text: human(e.bytes) })).sort((a, b) => b.bytes - a.bytes);
  return [`mount ${mount}`, ...sorted.slice(0, 8).map((e) => `${e.text}\t${e.path}`)];
}

/** ls's date: 'Dec  4 20:31' for a file of the last six months. */
function lsDate(t: number): string {
  const d = new Date(t);
  return `${month(d)} ${String(d.getUTCDate()).padStart(2, ' ')} ${hhmm(d)}`;
}

function recentBigFiles(v: HostView, mount: string): string[] {
  if (mount !== '/') return [];
  const selinux = v.distro === 'al2023' ? '.' : '';
  const blocks = (f: HostFile): number => Math.ceil(f.bytes / 4096) * 4;
  const found = v.files.filter((f) => f.mtime <= v.at && v.at - f.mtime < 60 * MIN && Math.ceil(f.bytes / MIB) > 100);
  // One `ls -ls` lists them all, so its columns align across every file found; `sort -rn` then orders by the
  // first column (allocated KiB), and head keeps five.
  const rows = table(found.map((f) => [String(blocks(f)), `-rw-r--r--${selinux}`, '1', f.owner, f.owner, String(f.bytes), lsDate(f.mtime), f.path]), 'rlrllrll');
  return rows
    .map((text, i) => ({ text, blocks: blocks(found[i] ?? { path: '', bytes: 0, mtime: 0, owner: '' }) }))
    .sort((a, b) => b.blocks - a.blocks || (a.text < b.text ? 1 : a.text > b.text ? -1 : 0))
    .slice(0, 5)
    .map((r) => r.text);
}

// ---- ssh ----

/** `ss -tlnH`: sshd on both address families (ss pads its address columns for the header it does not print). */
function listen(): string[] {
  return ['LISTEN 0      128          0.0.0.0:22        0.0.0.0:*          ', 'LISTEN 0      128             [::]:22           [::]:*          '];
}

function firewall(v: HostView): string[] {
  // AL2023 ships neither iptables nor an nftables ruleset; AL2 and Ubuntu have iptables with an empty INPUT chain.
  return v.distro === 'al2023' ? ['no host firewall rules'] : ['-P INPUT ACCEPT'];
}

/** Each section's renderer by its key in domain/host-checks.ts (a key without one renders nothing: a test checks there is none). */
export const SECTIONS: Readonly<Record<string, (v: HostView) => string[]>> = {
  free: freeM,
  'top-mem': (v) => psAux(v, 'mem'),
  oom: oomLines,
  'top-cpu': (v) => psAux(v, 'cpu'),
  vmstat,
  nproc: (v) => [String(v.vcpus)],
  df: dfH,
  'df-inodes': dfI,
  du: (v) => du(v, fullestMount(v)),
  recent: (v) => recentBigFiles(v, fullestMount(v)),
  sshd: () => ['active'],
  listen,
  firewall,
};

/** How long each check runs on the host (vmstat 1 5 alone takes four seconds; du walks the whole disk). */
function durationOf(id: HostCheckId, v: HostView): number {
  const j = noise(v.seed, 0xd0, Math.floor(v.at / SEC));
  switch (id) {
    case 'memory':
      return 450 + Math.round(500 * j);
    case 'cpu':
      return 4100 + Math.round(300 * j);
    case 'disk':
      return 1800 + Math.round(Math.min(6000, v.rootSizeBytes * (v.diskUsedPercent / 100) / (6 * GIB)) * 1000 * (0.8 + 0.4 * j));
    case 'ssh':
      return 300 + Math.round(250 * j);
  }
}

/** Runs a fixed host check on the view: each section's marker line, then its command's output. */
export function renderHostCheck(id: HostCheckId, v: HostView): ScriptRun {
  const lines = hostCheck(id).sections.flatMap((s) => [`${SECTION_MARKER}${s.key}`, ...(SECTIONS[s.key]?.(v) ?? [])]);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0, durationMs: durationOf(id, v) };
}
