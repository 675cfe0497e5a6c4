// Known-bad lines in console output and logs, as a table: each signature is a regex plus how to read the pid and
// process from it. Line times come from the line's own stamp (syslog, ISO app log, or the kernel's seconds since
// boot); the caller supplies the boot time and a reference date for syslog's missing year.
import type { Severity } from './types.js';

export type SignatureId =
  | 'oom-kill' | 'kernel-panic' | 'fs-error' | 'fsck-failed' | 'disk-full' | 'read-only-fs' | 'cloud-init-failed'
  | 'sshd-failed' | 'nic-error' | 'soft-lockup';

/** One row of the signature table. */
export interface Signature {
  readonly id: SignatureId;
  readonly severity: Severity;
  /** Tried in order, first match wins; named groups `pid` and `name` give the process, `detail` the gist. */
  readonly patterns: readonly RegExp[];
  /** Cheap pre-filter: a line containing none of these is not tried against the patterns. */
  readonly keywords: readonly string[];
  readonly title: string;
}

/** Where a match's time came from: a wall-clock stamp is exact, a kernel stamp depends on the boot time. */
export type TimeSource = 'syslog' | 'iso' | 'kernel' | 'event' | 'none';

export interface SignatureMatch {
  readonly signature: SignatureId;
  readonly severity: Severity;
  readonly title: string;
  /** 1-based line number within the scanned text. */
  readonly lineNumber: number;
  readonly line: string;
  readonly pid: number | undefined;
  readonly process: string | undefined;
  /** The gist the pattern captured (the panic reason, the device, the CPU), when it has one. */
  readonly detail?: string | undefined;
  readonly at: Date | undefined;
  readonly timeSource: TimeSource;
  /** Console output only: the line precedes the latest boot, so its kernel stamp counts from an unknown earlier boot. */
  readonly isEarlierBoot?: boolean;
}

export interface ScanContext {
  /** When the kernel's clock started (use the instance's launchTime) to turn `[ 12345.678901]` into wall time. */
  readonly bootTime?: Date;
  /** Supplies the year syslog lines omit; a stamp that would land after it is taken as last year. */
  readonly referenceDate?: Date;
  /** Time to use when the line carries no stamp (a CloudWatch Logs event's timestamp). */
  readonly fallbackTime?: Date;
}

/**
 * The signature table, written from what the kernel, systemd, sshd and cloud-init print. Patterns are anchored on
 * the daemon's own prefix (`sshd[pid]:`, `cloud-init[pid]:`, `systemd-fsck[pid]:`) so an application merely
 * mentioning sshd does not match.
 */
export const SIGNATURES: readonly Signature[] = [
  {
    id: 'oom-kill',
    severity: 'critical',
    title: 'OOM killer killed a process',
    keywords: ['Kill', 'kill'],
    patterns: [
      /Out of memory: Kill(?:ed)? process (?<pid>\d+) \((?<name>[^)]*)\)/,
      /\boom-kill:.*?\btask=(?<name>[^,\s]+).*?\bpid=(?<pid>\d+)/,
      /\bKilled process (?<pid>\d+) \((?<name>[^)]*)\)/,
    ],
  },
  {
    id: 'kernel-panic',
    severity: 'critical',
    title: 'Kernel panic',
    keywords: ['Kernel panic'],
    // The closing `---[ end Kernel panic … ]---` repeats the reason; only the first line counts.
    patterns: [/^(?!.*---\[ end )(?:.*\s)?Kernel panic - not syncing: (?<detail>.*?)\s*$/],
  },
  {
    id: 'fs-error',
    severity: 'critical',
    title: 'File system error',
    keywords: ['EXT4-fs error', 'XFS ('],
    patterns: [/EXT4-fs error \(device (?<detail>[^)]+)\)/, /XFS \((?<detail>[^)]+)\): (?:Corruption|metadata I\/O error|Internal error)/],
  },
  {
    id: 'fsck-failed',
    severity: 'critical',
    title: 'File system check failed',
    keywords: ['fsck', 'File System Check'],
    patterns: [
      /UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY/,
      /\bfsck failed\b/,
      /Failed to start (?:systemd-fsck\S*|File System Check)(?<detail>.*)$/,
    ],
  },
  {
    id: 'disk-full',
    severity: 'critical',
    title: 'No space left on device',
    keywords: ['pace left', 'ENOSPC'],
    patterns: [/no space left on device/i, /\bENOSPC\b/],
  },
  {
    id: 'read-only-fs',
    severity: 'critical',
    title: 'File system read-only',
    keywords: ['ead-only', 'read-only'],
    patterns: [/Remounting filesystem read-only/, /\bRead-only file system\b/, /\bremounting (?:fs )?read-only\b/i],
  },
  {
    id: 'cloud-init-failed',
    severity: 'warning',
    title: 'cloud-init failed',
    keywords: ['cloud-', 'Cloud-init'],
    patterns: [
      /cloud-init\[\d+\]:.*\bfail(?:ed|ure)\b/i,
      /Failed to start (?<detail>(?:cloud-(?:init|config|final)\S*|Cloud-init|Apply the settings specified in cloud-config|Execute cloud user\/final scripts).*?)\.?$/,
      /\bcloud-(?:init|config|final)(?:-local)?\.service: Failed\b/,
    ],
  },
  {
    id: 'sshd-failed',
    severity: 'warning',
    title: 'sshd error',
    keywords: ['sshd', 'ssh', 'OpenSSH'],
    patterns: [
      /\bsshd\[\d+\]: (?:error|fatal): (?<detail>.*)$/,
      /Could not load host key(?<detail>.*)$/,
      /sshd: no hostkeys available/,
      /Failed to start (?:OpenSSH|sshd)/,
      /\bsshd?\.service: Failed\b/,
    ],
  },
  {
    id: 'nic-error',
    severity: 'warning',
    title: 'Network driver (ENA) error',
    keywords: ['ena', 'NETDEV WATCHDOG'],
    patterns: [
      /NETDEV WATCHDOG: (?<detail>\S+.*)$/,
      /\bena [0-9a-f:.]+(?: \w+)?: (?<detail>.*(?:[Ff]ailed|[Tt]imeout|[Rr]eset).*)$/,
      /\bena_\w+.*\berror\b/i,
    ],
  },
  {
    id: 'soft-lockup',
    severity: 'warning',
    title: 'CPU soft lockup',
    keywords: ['lockup', 'LOCKUP'],
    patterns: [/(?:soft|hard) lockup - CPU#(?<detail>\d+) stuck for \d+s/i, /Watchdog detected hard LOCKUP on cpu (?<detail>\d+)/],
  },
];

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?/;
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})\b/;
const KERNEL = /^(?:<\d>)?\[\s*(\d+)\.(\d{1,9})\]/;

const offsetMs = (zone: string | undefined): number => {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
};

/** The wall time a line was written, from its leading stamp; log lines without a zone are UTC, as on EC2. */
export function lineTime(line: string, context: ScanContext = {}): { at: Date | undefined; source: TimeSource } {
  const iso = ISO.exec(line);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, frac = '0', zone] = iso;
    const ms = Number(frac.padEnd(3, '0').slice(0, 3));
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offsetMs(zone);
    return { at: new Date(t), source: 'iso' };
  }
  const sys = SYSLOG.exec(line);
  const month = sys === null ? undefined : MONTHS[sys[1] ?? ''];
  if (sys !== null && month !== undefined) {
    const reference = context.referenceDate ?? context.fallbackTime ?? new Date();
    const at = (year: number): number => Date.UTC(year, month, Number(sys[2]), Number(sys[3]), Number(sys[4]), Number(sys[5]));
    let t = at(reference.getUTCFullYear());
    // A December line read in January belongs to last year; allow a day of clock skew before deciding.
    if (t > reference.getTime() + 86_400_000) t = at(reference.getUTCFullYear() - 1);
    return { at: new Date(t), source: 'syslog' };
  }
  const kernel = KERNEL.exec(line);
  if (kernel !== null && context.bootTime !== undefined) {
    const micros = Number((kernel[2] ?? '0').padEnd(6, '0').slice(0, 6));
    const t = context.bootTime.getTime() + Number(kernel[1]) * 1000 + Math.floor(micros / 1000);
    return { at: new Date(t), source: 'kernel' };
  }
  if (context.fallbackTime !== undefined) return { at: context.fallbackTime, source: 'event' };
  return { at: undefined, source: 'none' };
}

/** Matches of one line against the table (at most one per signature). */
export function scanLine(line: string, lineNumber: number, context: ScanContext = {}): SignatureMatch[] {
  const out: SignatureMatch[] = [];
  for (const signature of SIGNATURES) {
    if (!signature.keywords.some((k) => line.includes(k))) continue;
    for (const pattern of signature.patterns) {
      const m = pattern.exec(line);
      if (m === null) continue;
      const { at, source } = lineTime(line, context);
      const pid = m.groups?.pid;
      out.push({
        signature: signature.id,
        severity: signature.severity,
        title: signature.title,
        lineNumber,
        line,
        pid: pid === undefined ? undefined : Number(pid),
        process: m.groups?.name,
        detail: m.groups?.detail?.trim() || undefined,
        at,
        timeSource: source,
      });
      break;
    }
  }
  return out;
}

/** Every signature match in a text (console output, a log file), in line order. Linear in the text's length. */
export function scanText(text: string, context: ScanContext = {}): SignatureMatch[] {
  const out: SignatureMatch[] = [];
  const lines = text.split(/\r?\n/);
  // A console keeps earlier boots above the latest "Linux version" banner (a reboot, a stop and start): their
  // kernel stamps count from a boot time we do not know, so they get no time rather than a wrong one.
  let lastBoot = -1;
  for (let i = 0; i < lines.length; i++) if (BOOT_BANNER.test(lines[i] ?? '')) lastBoot = i;
  const earlier: ScanContext = { ...context, bootTime: undefined };
  for (let i = 0; i < lines.length; i++) {
    const isEarlier = i < lastBoot;
    const found = scanLine(lines[i] ?? '', i + 1, isEarlier ? earlier : context);
    for (const m of found) out.push(isEarlier ? { ...m, isEarlierBoot: true } : m);
  }
  return out;
}

/** The kernel's first console line of a boot. */
const BOOT_BANNER = /\bLinux version \d/;

/**
 * One match per killed process: the kernel logs a kill several times (console, syslog; "Kill process" then
 * "Killed process"). Keeps, per signature+pid, the match with the most exact time (a wall-clock stamp beats a
 * kernel stamp, which drifts by the boot delay), then the earliest. Ascending by time.
 */
export function dedupeMatches(matches: readonly SignatureMatch[]): SignatureMatch[] {
  const rank: Readonly<Record<TimeSource, number>> = { syslog: 0, iso: 0, event: 1, kernel: 2, none: 3 };
  const best = new Map<string, SignatureMatch>();
  for (const m of matches) {
    const key = `${m.signature}|${m.pid ?? m.line}|${m.process ?? ''}`;
    const old = best.get(key);
    const isBetter = old === undefined || rank[m.timeSource] < rank[old.timeSource] ||
      (rank[m.timeSource] === rank[old.timeSource] && (m.at?.getTime() ?? Infinity) < (old.at?.getTime() ?? Infinity));
    if (isBetter) best.set(key, m);
  }
  return [...best.values()].sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
}
