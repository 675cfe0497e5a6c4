// Parsers for the disk host check's sections: df -hP, df -iP, du of the fullest mount, and the big files written in
// the last hour. Pure and total (see host-parse.ts): unexpected output is "unreadable" with why, never a throw.
import type { Parsed } from './host-parse.js';
import { parsed, quote, sectionLines, unreadable } from './host-parse.js';

const MISSING = 'the section is missing from the output (the script stopped before it)';

/** One file system of `df -hP` (sizes in bytes, from df's human units) or `df -iP` (counts of inodes). */
export interface DfRow {
  readonly filesystem: string;
  readonly mount: string;
  readonly size: number;
  readonly used: number;
  readonly avail: number;
  /** Use% as df prints it; undefined for '-' (vfat has no inodes). */
  readonly usePercent: number | undefined;
  /** A read-only image (a snap's squashfs loop device is always 100 %): never "full" in the sense that matters. */
  readonly isImage: boolean;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50, E: 2 ** 60 };

/** '8.0G' → bytes, '20K', '0', '1.3T' (df -h and du -h units, powers of 1024); undefined when not a size. */
export function humanSize(s: string): number | undefined {
  const m = /^(\d+(?:[.,]\d+)?)([KMGTPE]?)i?B?$/i.exec(s.trim());
  if (m === null) return undefined;
  return Number((m[1] ?? '').replace(',', '.')) * (UNITS[(m[2] ?? '').toUpperCase()] ?? 1);
}

/** A plain count or a human size ('4194240', '8.0G'). */
const amount = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : humanSize(s));

/** Parses `df -hP` or `df -iP`: -P keeps one file system per line; a mount point may contain spaces. */
export function parseDf(text: string | undefined): Parsed<readonly DfRow[]> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  if (lines.length === 0) return unreadable('df printed nothing');
  if (!/^Filesystem\s+\S+\s+\S+\s+\S+\s+\S+\s+Mounted on$/.test(lines[0]?.trim() ?? '')) return unreadable(`not the output of df -P: ${quote(lines[0])}`);
  const rows: DfRow[] = [];
  for (const line of lines.slice(1)) {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+%|-)\s+(\/.*)$/.exec(line.trim());
    const [, filesystem = '', sizeText = '', usedText = '', availText = '', use = '', mount = ''] = m ?? [];
    const [size, used, avail] = [amount(sizeText), amount(usedText), amount(availText)];
    if (m === null || size === undefined || used === undefined || avail === undefined) return unreadable(`a df row does not read: ${quote(line)}`);
    rows.push({ filesystem, mount, size, used, avail, usePercent: use === '-' ? undefined : Number(use.replace('%', '')), isImage: /^\/dev\/loop\d/.test(filesystem) || mount.startsWith('/snap/') });
  }
  if (rows.length === 0) return unreadable('df printed its header and no file system');
  return parsed(rows);
}

/** The fullest file system that holds data (read-only images left out), and its use%. */
export function fullestMount(rows: readonly DfRow[]): DfRow | undefined {
  return rows.filter((r) => !r.isImage && r.usePercent !== undefined).sort((a, b) => (b.usePercent ?? 0) - (a.usePercent ?? 0))[0];
}

/** The du of the fullest mount: the mount the script chose, and its largest directories, largest first. */
export interface DuListing {
  readonly mount: string;
  readonly entries: readonly { readonly bytes: number; readonly path: string }[];
}

/** Parses the du section: a `mount <m>` line, then `du -xh` lines (size, tab, path) sorted by size. */
export function parseDu(text: string | undefined): Parsed<DuListing> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  const mountLine = /^mount(?: (.*))?$/.exec(lines[0] ?? '');
  if (mountLine === null) return unreadable(lines.length === 0 ? 'the script printed nothing' : `no "mount" line first: ${quote(lines[0])}`);
  const mount = (mountLine[1] ?? '').trim();
  if (mount === '') return unreadable('the script found no local file system to look into');
  const entries: { bytes: number; path: string }[] = [];
  for (const line of lines.slice(1)) {
    const m = /^(\S+)\s+(\/.*)$/.exec(line.trim());
    const size = m === null ? undefined : humanSize(m[1] ?? '');
    if (m === null || size === undefined) return unreadable(`a du line does not read: ${quote(line)}`);
    entries.push({ bytes: size, path: m[2] ?? '' });
  }
  if (entries.length === 0) return unreadable(`du printed nothing for ${mount} (not run as root, or it failed)`);
  return parsed({ mount, entries: [...entries].sort((a, b) => b.bytes - a.bytes) });
}

/**
 * What grows: the deepest directory holding most of the largest one under the mount ('/var/log' rather than '/var'
 * when /var/log is nearly all of /var). The mount itself is left out: it is everything.
 */
export function largestDirectory(du: DuListing): { readonly bytes: number; readonly path: string } | undefined {
  const under = du.entries.filter((e) => e.path.replace(/\/+$/, '') !== du.mount.replace(/\/+$/, '') && e.path !== du.mount);
  const top = under[0];
  if (top === undefined) return undefined;
  const depth = (p: string): number => p.split('/').filter((s) => s !== '').length;
  const holding = under.filter((e) => e.bytes >= top.bytes * 0.8 && (e.path === top.path || e.path.startsWith(`${top.path}/`)));
  return holding.sort((a, b) => depth(b.path) - depth(a.path) || b.bytes - a.bytes)[0] ?? top;
}

/** A big file written in the last hour (`ls -ls`: blocks, mode, links, owner, group, bytes, date, path). */
export interface RecentFile {
  readonly bytes: number;
  readonly path: string;
  /** 'Jan 15 02:51' as ls prints it. */
  readonly modified: string;
}

/** Parses the recent-files section; empty means none over 100 MB was written in the last hour (a value). */
export function parseRecent(text: string | undefined): Parsed<readonly RecentFile[]> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  const files: RecentFile[] = [];
  for (const line of lines) {
    const m = /^\d+\s+[-a-z][-rwxsStT]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+(\S+\s+\d+\s+[\d:]+)\s+(\/.*)$/.exec(line.trim());
    if (m === null) return unreadable(`an ls -ls line does not read: ${quote(line)}`);
    files.push({ bytes: Number(m[1]), modified: m[2] ?? '', path: m[3] ?? '' });
  }
  return parsed(files.sort((a, b) => b.bytes - a.bytes));
}
