// The host checks' output as facts: each check's sections parsed (host-parse*.ts) and told in one line each, in the
// product's voice ("available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB"). The rules, the
// checklist's Host checks step and the report all read these lines: nothing formats a host fact twice.
import type { HostCheckId } from '../domain/host-checks.js';
import { hostCheck, splitSections } from '../domain/host-checks.js';
import type { Evidence } from './evidence.js';
import { hostCheckItem, valueOf } from './evidence.js';
import { bytes, hms } from './format.js';
import type { CpuSplit, FreeMemory, OomKill, Parsed, ProcessRow } from './host-parse.js';
import { parseFree, parseNproc, parseOom, parsePs, parseVmstat } from './host-parse.js';
import type { DfRow, DuListing, RecentFile } from './host-parse-disk.js';
import { fullestMount, largestDirectory, parseDf, parseDu, parseRecent } from './host-parse-disk.js';
import type { FirewallVerdict, Listeners, UnitState } from './host-parse-ssh.js';
import { parseFirewall, parseListen, parseUnitState } from './host-parse-ssh.js';

export interface MemoryFacts { readonly free: Parsed<FreeMemory>; readonly top: Parsed<readonly ProcessRow[]>; readonly oom: Parsed<readonly OomKill[]> }
export interface CpuFacts { readonly top: Parsed<readonly ProcessRow[]>; readonly vmstat: Parsed<CpuSplit>; readonly nproc: Parsed<number> }
export interface DiskFacts { readonly df: Parsed<readonly DfRow[]>; readonly inodes: Parsed<readonly DfRow[]>; readonly du: Parsed<DuListing>; readonly recent: Parsed<readonly RecentFile[]> }
export interface SshFacts { readonly sshd: Parsed<UnitState>; readonly listen: Parsed<Listeners>; readonly firewall: Parsed<FirewallVerdict> }

/** One check as read: when, its raw sections (for the report's quotes), its parsed facts. */
export interface CheckRead<T> {
  readonly at: Date;
  readonly sections: Readonly<Record<string, string>>;
  readonly facts: T;
}

/** Every host check that ran and printed its sections; a check that did not is absent (see hostCheckItem). */
export interface HostFacts {
  readonly memory?: CheckRead<MemoryFacts>;
  readonly cpu?: CheckRead<CpuFacts>;
  readonly disk?: CheckRead<DiskFacts>;
  readonly ssh?: CheckRead<SshFacts>;
}

function read<T>(e: Evidence, id: HostCheckId, parse: (s: Readonly<Record<string, string>>, at: Date, stderr: string) => T): CheckRead<T> | undefined {
  const out = valueOf(hostCheckItem(e, id));
  if (out === undefined) return undefined;
  const sections = splitSections(out.stdout);
  return { at: out.at, sections, facts: parse(sections, out.at, out.stderr) };
}

const parsedOnce = new WeakMap<Evidence, HostFacts>();

/** The host checks of a round, parsed (once per evidence: the rules, the checklist and the report all read them). */
export function hostFacts(e: Evidence): HostFacts {
  const known = parsedOnce.get(e);
  if (known !== undefined) return known;
  const facts = parseHost(e);
  parsedOnce.set(e, facts);
  return facts;
}

function parseHost(e: Evidence): HostFacts {
  const memory = read(e, 'memory', (s, at) => ({ free: parseFree(s.free), top: parsePs(s['top-mem']), oom: parseOom(s.oom, at) }));
  const cpu = read(e, 'cpu', (s) => ({ top: parsePs(s['top-cpu']), vmstat: parseVmstat(s.vmstat), nproc: parseNproc(s.nproc) }));
  const disk = read(e, 'disk', (s) => ({ df: parseDf(s.df), inodes: parseDf(s['df-inodes']), du: parseDu(s.du), recent: parseRecent(s.recent) }));
  const ssh = read(e, 'ssh', (s, _at, stderr) => ({ sshd: parseUnitState(s.sshd), listen: parseListen(s.listen, stderr), firewall: parseFirewall(s.firewall) }));
  return { ...(memory === undefined ? {} : { memory }), ...(cpu === undefined ? {} : { cpu }), ...(disk === undefined ? {} : { disk }), ...(ssh === undefined ? {} : { ssh }) };
}

/** The value of a parsed section, or undefined when unreadable. */
export const ok = <T>(p: Parsed<T>): T | undefined => (p.ok ? p.value : undefined);

const mib = (n: number): string => bytes(n * 2 ** 20);
const kib = (n: number): string => bytes(n * 2 ** 10);
/** '38 %' — host percentages are whole numbers: vmstat and df print them so. */
export const wholePct = (v: number): string => `${Math.round(v)} %`;

/** The biggest user of memory, not a kernel thread (ps lists those with no RSS). */
export const topByMemory = (rows: readonly ProcessRow[] | undefined): ProcessRow | undefined => rows?.find((r) => r.rssKiB > 0);

/** Share of memory in use as the CloudWatch Agent counts it (total − available). */
export const usedPercent = (m: FreeMemory): number => ((m.totalMiB - m.availableMiB) / m.totalMiB) * 100;

/** 'available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB' */
export function memoryLine(m: FreeMemory, top: ProcessRow | undefined): string {
  const est = m.isAvailableEstimated ? ' (estimated: free + cache)' : '';
  return `available memory ${mib(m.availableMiB)}${est} of ${mib(m.totalMiB)}${top === undefined ? '' : `; ${top.name} (pid ${top.pid}) uses ${kib(top.rssKiB)}`}`;
}

/** 'python3 (pid 1234) at 02:45:12 UTC, anon-rss 3.3 GiB' */
export const killLine = (k: OomKill): string => `${k.process} (pid ${k.pid})${k.at === undefined ? '' : ` at ${hms(k.at)}`}${k.anonRssKiB === undefined ? '' : `, anon-rss ${kib(k.anonRssKiB)}`}`;

/** '/ 100 %: /var/log 14 GiB' (the directory only when du looked into that mount). */
export function diskLine(row: DfRow, du: DuListing | undefined, isInodes = false): string {
  const dir = du !== undefined && du.mount === row.mount ? largestDirectory(du) : undefined;
  return `${row.mount}${isInodes ? ' inodes' : ''} ${wholePct(row.usePercent ?? 0)}${dir === undefined ? '' : `: ${dir.path} ${bytes(dir.bytes)}`}`;
}

/** Every fact of a check as one-liners (unreadable sections say so, with why), in the table's section order. */
export function factLines(facts: HostFacts, id: HostCheckId): string[] {
  const why = (key: string, p: Parsed<unknown>): string[] => (p.ok ? [] : [`${key}: could not read — ${p.unreadable}`]);
  switch (id) {
    case 'memory': {
      const f = facts.memory?.facts;
      if (f === undefined) return [];
      const m = ok(f.free);
      const top = topByMemory(ok(f.top));
      const kills = ok(f.oom);
      return [
        ...(m === undefined ? why('free -m', f.free) : [memoryLine(m, top), m.swapTotalMiB === 0 ? 'no swap' : `swap ${mib(m.swapUsedMiB)} of ${mib(m.swapTotalMiB)} used`]),
        ...(m === undefined && top !== undefined ? [`${top.name} (pid ${top.pid}) uses ${kib(top.rssKiB)}`] : []),
        ...why('ps', f.top),
        ...(kills === undefined ? why('kernel log', f.oom) : [kills.length === 0 ? 'no OOM kill in the kernel log' : `the kernel logged ${kills.length} OOM kill(s), latest: ${killLine(kills[kills.length - 1] as OomKill)}`]),
      ];
    }
    case 'cpu': {
      const f = facts.cpu?.facts;
      if (f === undefined) return [];
      const v = ok(f.vmstat);
      const n = ok(f.nproc);
      const top = ok(f.top)?.[0];
      return [
        ...(v === undefined ? why('vmstat', f.vmstat) : [`steal ${wholePct(v.steal)}`, `CPU user ${wholePct(v.user)}, system ${wholePct(v.system)}, iowait ${wholePct(v.iowait)}, idle ${wholePct(v.idle)} over ${v.samples} s${n === undefined ? '' : ` on ${n} vCPU(s)`}`]),
        ...(top === undefined ? why('ps', f.top) : [`${top.name} (pid ${top.pid}) uses ${wholePct(top.cpuPercent)} CPU`]),
      ];
    }
    case 'disk': {
      const f = facts.disk?.facts;
      if (f === undefined) return [];
      const rows = ok(f.df);
      const full = rows === undefined ? undefined : fullestMount(rows);
      const inodes = ok(f.inodes);
      const fullInodes = inodes === undefined ? undefined : fullestMount(inodes);
      const recent = ok(f.recent);
      return [
        ...(full === undefined ? why('df', f.df) : [`${diskLine(full, ok(f.du))} (${bytes(full.avail)} free of ${bytes(full.size)})`]),
        ...(fullInodes === undefined ? why('df -i', f.inodes) : [`inodes: ${diskLine(fullInodes, undefined, true).replace(' inodes', '')}`]),
        ...why('du', f.du),
        ...(recent === undefined ? why('recent files', f.recent) : recent.length === 0 ? [] : [`written in the last hour: ${recent.slice(0, 2).map((r) => `${r.path} ${bytes(r.bytes)}`).join(', ')}`]),
      ];
    }
    case 'ssh': {
      const f = facts.ssh?.facts;
      if (f === undefined) return [];
      const state = ok(f.sshd);
      const listen = ok(f.listen);
      const fw = ok(f.firewall);
      return [
        ...(state === undefined ? why('systemctl', f.sshd) : [`sshd ${state}`]),
        ...(listen === undefined ? why('ss', f.listen) : [listenLine(listen)]),
        ...(fw === undefined ? why('firewall', f.firewall) : [firewallLine(fw)]),
      ];
    }
  }
}

/** 'listening on 0.0.0.0:22, [::]:22' · 'nothing listens on port 22' · 'listening on 127.0.0.1:22 only (loopback)' */
export function listenLine(l: Listeners): string {
  if (l.addresses.length === 0) return 'nothing listens on port 22';
  return `listening on ${l.addresses.join(', ')}${l.isLoopbackOnly ? ' only (loopback, not reachable from outside)' : ''}`;
}

/** 'host firewall drops port 22 (…)' · 'no host firewall rules' · 'host firewall: no rule drops port 22'. */
export function firewallLine(fw: FirewallVerdict): string {
  if (fw.drops.length > 0) return `host firewall drops port 22 (${fw.drops[0] ?? ''})`;
  if (fw.unreadChains.length > 0) return `host firewall: INPUT goes through ${[...new Set(fw.unreadChains)].slice(0, 3).join(', ')} (not read): port 22 not judged`;
  if (fw.partial.length > 0) return `host firewall drops port 22 only for some sources (${fw.partial[0] ?? ''})`;
  return fw.tool === 'none' ? 'no host firewall rules' : `host firewall (${fw.tool}): no rule drops port 22`;
}

/** The check's title and each section's command, verbatim from the table (the report quotes these). */
export function checkCommands(id: HostCheckId): { readonly title: string; readonly sections: readonly { readonly key: string; readonly command: string; readonly what: string }[] } {
  const c = hostCheck(id);
  return { title: c.title, sections: c.sections.map((s) => ({ key: s.key, command: s.command, what: s.what })) };
}
