// Parsers for the memory and CPU host checks' sections (free -m, ps aux, the kernel's OOM lines, vmstat, nproc).
// Pure and total: any input gives a value or an explicit "unreadable" with why — never a throw — so output from an
// unexpected distro or a half-run script degrades to "could not read" instead of a wrong fact.
import { lineTime, scanLine } from './signatures.js';

/** A section read into facts, or why it could not be. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly unreadable: string };

/** A value. */
export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** Unreadable, with why. */
export const unreadable = <T>(why: string): Parsed<T> => ({ ok: false, unreadable: why });

/** The non-empty lines of a section; undefined when the section's marker was missing. */
export function sectionLines(text: string | undefined): string[] | undefined {
  return text?.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

/** A short quote of unexpected output for the "unreadable" reason. */
export const quote = (line: string | undefined): string => JSON.stringify((line ?? '').trim().slice(0, 60));

const MISSING = 'the section is missing from the output (the script stopped before it)';
const EMPTY = 'the command printed nothing';

/** `free -m`: MiB. `available` is the kernel's MemAvailable; older procps without it estimate free + buff/cache. */
export interface FreeMemory {
  readonly totalMiB: number;
  readonly usedMiB: number;
  readonly availableMiB: number;
  /** True when procps printed no "available" column and it was estimated. */
  readonly isAvailableEstimated: boolean;
  readonly swapTotalMiB: number;
  readonly swapUsedMiB: number;
}

/** Parses `free -m` (procps-ng 3.3.x of Amazon Linux 2/2023 and Ubuntu 22.04, procps 4.0.x of Ubuntu 24.04). */
export function parseFree(text: string | undefined): Parsed<FreeMemory> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  if (lines.length === 0) return unreadable(EMPTY);
  const headerLine = lines.find((l) => /\btotal\b/.test(l) && /\bused\b/.test(l));
  const memLine = lines.find((l) => /^Mem:/.test(l.trim()));
  if (headerLine === undefined || memLine === undefined) return unreadable(`not the output of free: ${quote(lines[0])}`);
  const header = headerLine.trim().split(/\s+/);
  const row = (line: string | undefined): Map<string, number> | undefined => {
    if (line === undefined) return undefined;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    if (values.some((v) => !Number.isFinite(v))) return undefined;
    // Swap has fewer columns than Mem: values line up from the left with the header.
    return new Map(values.map((v, i) => [header[i] ?? '', v] as const));
  };
  const mem = row(memLine);
  const swap = row(lines.find((l) => /^Swap:/.test(l.trim())));
  const total = mem?.get('total');
  const used = mem?.get('used');
  const free = mem?.get('free');
  if (mem === undefined || total === undefined || used === undefined || free === undefined || total <= 0) return unreadable(`free printed no readable Mem: row: ${quote(memLine)}`);
  const available = mem.get('available');
  const cache = mem.get('buff/cache') ?? (mem.get('buffers') ?? 0) + (mem.get('cached') ?? 0);
  return parsed({
    totalMiB: total, usedMiB: used, availableMiB: available ?? free + cache, isAvailableEstimated: available === undefined,
    swapTotalMiB: swap?.get('total') ?? 0, swapUsedMiB: swap?.get('used') ?? 0,
  });
}

/** One row of `ps aux`. */
export interface ProcessRow {
  readonly user: string;
  readonly pid: number;
  readonly cpuPercent: number;
  readonly memPercent: number;
  readonly rssKiB: number;
  /** The command line as ps prints it, arguments and spaces kept. */
  readonly command: string;
  /** The program's name: 'python3' of '/usr/bin/python3 /opt/app/server.py', 'kworker/0:1' of '[kworker/0:1]'. */
  readonly name: string;
}

const PS_ROW = /^(\S+)\s+(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/;

/** The program name of a ps command line. */
export function programName(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  if (first.startsWith('[')) return first.replace(/^\[|\]$/g, '');
  return (first.split('/').pop() ?? first).replace(/:$/, '');
}

/** Parses `ps aux --sort=… | head`: the rows in the order printed (the header is checked, then skipped). */
export function parsePs(text: string | undefined): Parsed<readonly ProcessRow[]> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  if (lines.length === 0) return unreadable(EMPTY);
  if (!/^USER\s+PID\s+%CPU\s+%MEM\s+VSZ\s+RSS\b/.test(lines[0]?.trim() ?? '')) return unreadable(`not the output of ps aux: ${quote(lines[0])}`);
  const rows: ProcessRow[] = [];
  for (const line of lines.slice(1)) {
    const m = PS_ROW.exec(line.trim());
    if (m === null) return unreadable(`a ps row does not read: ${quote(line)}`);
    const [, user = '', pid = '', cpu = '', mem = '', , rss = '', command = ''] = m;
    rows.push({ user, pid: Number(pid), cpuPercent: Number(cpu), memPercent: Number(mem), rssKiB: Number(rss), command, name: programName(command) });
  }
  if (rows.length === 0) return unreadable('ps printed its header and no process');
  return parsed(rows);
}

/** One OOM kill the kernel logged. */
export interface OomKill {
  readonly at: Date | undefined;
  readonly process: string;
  readonly pid: number;
  /** anon-rss of the killed process, when the "Killed process" line gives it. */
  readonly anonRssKiB: number | undefined;
  readonly line: string;
}

/**
 * Parses the OOM section (journalctl -k or dmesg lines filtered by grep): one kill per pid, the "Killed process" line
 * preferred for its anon-rss. Empty means the kernel logged no OOM kill: that is a value, not unreadable.
 * `readAt` supplies the year syslog stamps omit; dmesg's `[seconds]` stamps get no time (the boot time is unknown).
 */
export function parseOom(text: string | undefined, readAt: Date): Parsed<readonly OomKill[]> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  const byPid = new Map<number, OomKill>();
  for (const line of lines) {
    const match = scanLine(line, 0, { referenceDate: readAt }).find((m) => m.signature === 'oom-kill');
    if (match === undefined || match.pid === undefined) continue;
    const rss = /anon-rss:(\d+)kB/.exec(line)?.[1];
    const at = lineTime(line, { referenceDate: readAt }).at;
    const old = byPid.get(match.pid);
    if (old === undefined || (old.anonRssKiB === undefined && rss !== undefined)) {
      byPid.set(match.pid, { at: at ?? old?.at, process: match.process ?? old?.process ?? '?', pid: match.pid, anonRssKiB: rss === undefined ? undefined : Number(rss), line: line.trim() });
    }
  }
  if (lines.length > 0 && byPid.size === 0) return unreadable(`no OOM kill reads in ${quote(lines[0])}`);
  return parsed([...byPid.values()].sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0)));
}

/** CPU split from vmstat, in percent, averaged over the samples after the first (which counts since boot). */
export interface CpuSplit {
  readonly user: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly steal: number;
  readonly samples: number;
}

/** Parses `vmstat 1 5` by its column names (procps 4 adds `gu`; old kernels lack `st`: read as 0). */
export function parseVmstat(text: string | undefined): Parsed<CpuSplit> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  if (lines.length === 0) return unreadable(EMPTY);
  const headerAt = lines.findIndex((l) => /^\s*r\s+b\s/.test(l) && /\bid\b/.test(l));
  if (headerAt < 0) return unreadable(`not the output of vmstat: ${quote(lines[0])}`);
  const header = (lines[headerAt] ?? '').trim().split(/\s+/);
  const rows = lines.slice(headerAt + 1).map((l) => l.trim().split(/\s+/).map(Number));
  if (rows.some((r) => r.length !== header.length || r.some((v) => !Number.isFinite(v)))) return unreadable('a vmstat sample does not line up with its header');
  // The first sample is the average since boot: only the later ones say what the CPU does now.
  const samples = rows.slice(1);
  if (samples.length === 0) return unreadable('vmstat printed no sample after the first (the since-boot average)');
  const avg = (column: string): number => {
    const i = header.indexOf(column);
    return i < 0 ? 0 : samples.reduce((sum, r) => sum + (r[i] ?? 0), 0) / samples.length;
  };
  return parsed({ user: avg('us'), system: avg('sy'), idle: avg('id'), iowait: avg('wa'), steal: avg('st'), samples: samples.length });
}

/** Parses `nproc`: the vCPUs the OS sees. */
export function parseNproc(text: string | undefined): Parsed<number> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  const n = Number(lines[0]?.trim());
  return lines.length === 1 && Number.isInteger(n) && n > 0 ? parsed(n) : unreadable(lines.length === 0 ? EMPTY : `not a count of CPUs: ${quote(lines[0])}`);
}
