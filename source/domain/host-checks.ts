// The host checks: the runbooks' on-instance commands, as a fixed, read-only set run through SSM Run Command
// (AWS-RunShellScript). This table is the only place they are written: the preview shows them verbatim, aws/'s
// guard lets through exactly these and nothing else, the fleet answers them, and triage/ parses their output.

/** Which check: the runbook it comes from. */
export type HostCheckId = 'memory' | 'cpu' | 'disk' | 'ssh';

/** One command of a check; its output follows a marker line `### <key>` so the parser can split the output. */
export interface HostCheckSection {
  readonly key: string;
  /** What it shows, for the preview and the report. */
  readonly what: string;
  /** The shell command, verbatim. */
  readonly command: string;
}

export interface HostCheck {
  readonly id: HostCheckId;
  readonly title: string;
  readonly sections: readonly HostCheckSection[];
}

/** The SSM document every host check runs. */
export const HOST_CHECK_DOCUMENT = 'AWS-RunShellScript';

/** The marker line before a section's output. */
export const SECTION_MARKER = '### ';

/**
 * The most-full local mount, for the disk check's du/find. Fixed text: it reads df, nothing else. Kept in a shell
 * variable so the next two commands look where the disk is full.
 */
const FULLEST_MOUNT = "m=$(df -P -x tmpfs -x devtmpfs -x squashfs | awk 'NR!=1{u=$5; sub(/%/,\"\",u); if (max<=u+0) {max=u+0; m=$6}} END{print m}')";

export const HOST_CHECKS: readonly HostCheck[] = [
  {
    id: 'memory',
    title: 'Memory',
    sections: [
      { key: 'free', what: 'memory and swap in MiB', command: 'free -m' },
      { key: 'top-mem', what: 'the processes using the most memory', command: 'ps aux --sort=-%mem | head -n 6' },
      { key: 'oom', what: 'OOM kills the kernel logged', command: "(journalctl -k --no-pager -q 2>/dev/null || dmesg 2>/dev/null) | grep -iE 'out of memory|killed process' | tail -n 5" },
    ],
  },
  {
    id: 'cpu',
    title: 'CPU',
    sections: [
      { key: 'top-cpu', what: 'the processes using the most CPU', command: 'ps aux --sort=-%cpu | head -n 6' },
      { key: 'vmstat', what: 'CPU split over 5 s (us sy id wa st: steal is time the hypervisor took)', command: 'vmstat 1 5' },
      { key: 'nproc', what: 'vCPUs the OS sees', command: 'nproc' },
    ],
  },
  {
    id: 'disk',
    title: 'Disk',
    sections: [
      { key: 'df', what: 'space per file system', command: 'df -hP -x tmpfs -x devtmpfs -x squashfs' },
      { key: 'df-inodes', what: 'inodes per file system', command: 'df -iP -x tmpfs -x devtmpfs -x squashfs' },
      { key: 'du', what: 'the largest directories of the fullest mount', command: `${FULLEST_MOUNT}; echo "mount $m"; du -xh --max-depth=2 "$m" 2>/dev/null | sort -rh | head -n 8` },
      { key: 'recent', what: 'files over 100 MB written in the last hour there', command: `find "$m" -xdev -type f -mmin -60 -size +100M -exec ls -ls {} + 2>/dev/null | sort -rn | head -n 5` },
    ],
  },
  {
    id: 'ssh',
    title: 'SSH',
    sections: [
      { key: 'sshd', what: 'whether the SSH daemon runs', command: 'systemctl is-active sshd 2>/dev/null || systemctl is-active ssh' },
      { key: 'listen', what: 'what listens on port 22', command: "ss -tlnH 'sport = :22'" },
      { key: 'firewall', what: "the host firewall's input rules", command: '(iptables -S INPUT 2>/dev/null || nft list chain inet filter input 2>/dev/null || echo "no host firewall rules") | head -n 20' },
    ],
  },
];

/** A check by id (the table holds every id). */
export function hostCheck(id: HostCheckId): HostCheck {
  const found = HOST_CHECKS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`unknown host check ${id}`);
  return found;
}

/** The `commands` parameter of the SendCommand that runs a check: each section's marker, then its command. */
export function hostCheckCommands(id: HostCheckId): string[] {
  return hostCheck(id).sections.map((s) => `echo '${SECTION_MARKER}${s.key}'; ${s.command}`);
}

/** The check a SendCommand runs when it is exactly one of the fixed scripts (document and every line), else undefined. */
export function fixedHostCheck(documentName: unknown, commands: unknown): HostCheckId | undefined {
  if (documentName !== HOST_CHECK_DOCUMENT || !Array.isArray(commands)) return undefined;
  return HOST_CHECKS.find((c) => {
    const expected = hostCheckCommands(c.id);
    return expected.length === commands.length && expected.every((line, i) => line === commands[i]);
  })?.id;
}

/** A check's output split at its markers: section key → its lines' text (missing sections are absent). */
export function splitSections(stdout: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  let key: string | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (key !== undefined) out[key] = lines.join('\n');
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith(SECTION_MARKER)) {
      flush();
      key = line.slice(SECTION_MARKER.length).trim();
      lines = [];
    } else if (key !== undefined) {
      lines.push(line);
    }
  }
  flush();
  return out;
}

/** An instance SSM manages (DescribeInstanceInformation). */
export interface ManagedInstance {
  readonly instanceId: string;
  /** 'Online' | 'ConnectionLost' | 'Inactive'. */
  readonly pingStatus: string;
  readonly lastPingAt: Date | undefined;
  readonly agentVersion: string | undefined;
  /** 'Amazon Linux', 'Ubuntu'. */
  readonly platformName: string | undefined;
  readonly platformVersion: string | undefined;
}

/** SSM's terminal command statuses; anything else is still running. */
export const TERMINAL_COMMAND_STATUSES: ReadonlySet<string> = new Set([
  'Success', 'Cancelled', 'TimedOut', 'Failed', 'Undeliverable', 'Terminated', 'InvalidPlatform', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut',
]);

/** One command on one instance (GetCommandInvocation). */
export interface CommandInvocation {
  readonly commandId: string;
  readonly instanceId: string;
  /** 'Pending' | 'InProgress' | 'Delayed' | 'Success' | 'Failed' | 'TimedOut' | … */
  readonly status: string;
  readonly statusDetails: string | undefined;
  /** The script's exit code; -1 while running. */
  readonly responseCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One host check as run: the invocation that answered it (raw output; triage/ parses it). */
export interface HostCheckOutput {
  readonly id: HostCheckId;
  readonly commandId: string;
  readonly status: string;
  readonly responseCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** When the output was read (fleet/endpoint time). */
  readonly at: Date;
}
