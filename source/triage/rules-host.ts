// Host-check rules: what free, ps, the kernel log, vmstat, df, du, systemctl, ss and the firewall showed on the
// instance, as findings quoting the host's own facts. Where the host and CloudWatch measure the same thing (memory,
// the root volume) and disagree, that is a finding of its own: neither is silently preferred.
import type { HostCheckId } from '../domain/host-checks.js';
import type { Evidence, MetricEvidence } from './evidence.js';
import { valueOf } from './evidence.js';
import { hm, pct } from './format.js';
import type { CheckRead, HostFacts } from './host-facts.js';
import { checkCommands, diskLine, firewallLine, hostFacts, killLine, listenLine, memoryLine, ok, topByMemory, usedPercent, wholePct } from './host-facts.js';
import { fullestMount } from './host-parse-disk.js';
import { DISAGREE_POINTS, DISK_FULL, HIGH, HOST_MEM_LOW_PERCENT, SAME_MOMENT_MS, STEAL_HIGH } from './thresholds.js';
import type { EvidenceRef, Finding, Severity } from './types.js';

/** Every host rule's id. */
export type HostFindingId =
  | 'host-mem-low' | 'host-mem-ok' | 'host-oom-kill' | 'host-mem-disagrees' | 'host-steal' | 'host-cpu'
  | 'host-disk-full' | 'host-inodes-full' | 'host-disk-ok' | 'host-disk-disagrees'
  | 'host-sshd-down' | 'host-ssh-not-listening' | 'host-firewall-drops-ssh' | 'host-ssh-ok';

/** The check each host finding comes from (a runbook's host step shows its own check's findings). */
export const HOST_FINDING_CHECK: Readonly<Record<HostFindingId, HostCheckId>> = {
  'host-mem-low': 'memory', 'host-mem-ok': 'memory', 'host-oom-kill': 'memory', 'host-mem-disagrees': 'memory',
  'host-steal': 'cpu', 'host-cpu': 'cpu',
  'host-disk-full': 'disk', 'host-inodes-full': 'disk', 'host-disk-ok': 'disk', 'host-disk-disagrees': 'disk',
  'host-sshd-down': 'ssh', 'host-ssh-not-listening': 'ssh', 'host-firewall-drops-ssh': 'ssh', 'host-ssh-ok': 'ssh',
};

/** A command longer than this (the du and find scripts) is named by what it shows; the report quotes it whole. */
const SOURCE_MAX = 60;

/** The evidence line of a fact: its section's command, verbatim from the table, as the source. */
function hostRef(id: HostCheckId, key: string, label: string, read: CheckRead<unknown>): EvidenceRef {
  const section = checkCommands(id).sections.find((s) => s.key === key);
  const source = section === undefined ? key : section.command.length <= SOURCE_MAX ? section.command : section.what;
  return { label, at: read.at, source: `host: ${source}` };
}

/** The CloudWatch datapoint nearest the host's reading, when one lies within the same moment. */
function sameMoment(s: MetricEvidence | undefined, at: Date): { value: number; at: Date } | undefined {
  let best: { value: number; at: Date } | undefined;
  s?.timestamps.forEach((t, i) => {
    const d = Math.abs(t.getTime() - at.getTime());
    if (d <= SAME_MOMENT_MS && (best === undefined || d < Math.abs(best.at.getTime() - at.getTime()))) best = { value: s.values[i] ?? 0, at: t };
  });
  return best;
}

function memoryFindings(e: Evidence, facts: HostFacts): Finding[] {
  const read = facts.memory;
  if (read === undefined) return [];
  const out: Finding[] = [];
  const m = ok(read.facts.free);
  const top = topByMemory(ok(read.facts.top));
  if (m !== undefined) {
    const isLow = (m.availableMiB / m.totalMiB) * 100 < HOST_MEM_LOW_PERCENT;
    const refs = [hostRef('memory', 'free', memoryLine(m, undefined), read), ...(top === undefined ? [] : [hostRef('memory', 'top-mem', `${top.user} ${top.pid} ${top.command}`.slice(0, 120), read)])];
    out.push(isLow
      ? { id: 'host-mem-low', severity: 'warning', at: read.at, text: `Memory nearly exhausted on the host: ${memoryLine(m, top)}`, evidence: refs }
      : { id: 'host-mem-ok', severity: 'info', at: read.at, text: `The host has memory: ${memoryLine(m, top)}`, evidence: refs });
    const cw = sameMoment(valueOf(e.metrics.mem), read.at);
    const host = usedPercent(m);
    if (cw !== undefined && Math.abs(cw.value - host) >= DISAGREE_POINTS) {
      out.push({
        id: 'host-mem-disagrees', severity: 'warning', at: read.at,
        text: `CloudWatch and the host disagree on memory: mem_used_percent ${pct(cw.value)} at ${hm(cw.at)}, but free -m shows ${wholePct(host)} in use (${memoryLine(m, undefined)}) at ${hm(read.at)}`,
        evidence: [{ label: `mem_used_percent ${pct(cw.value)} at ${hm(cw.at)}`, at: cw.at, source: 'CloudWatch CWAgent mem_used_percent' }, hostRef('memory', 'free', `${wholePct(host)} in use`, read)],
      });
    }
  }
  const kills = ok(read.facts.oom) ?? [];
  const latest = kills.at(-1);
  if (latest !== undefined) {
    // journalctl -k reads the current boot only; a kill before the window is history, not the incident.
    const isInWindow = latest.at === undefined || latest.at >= e.window.from;
    out.push({
      id: 'host-oom-kill', severity: isInWindow ? 'critical' : 'info', at: latest.at,
      text: `The host's kernel log shows the OOM killer killed ${killLine(latest)}${kills.length > 1 ? ` (${kills.length} kills)` : ''}`,
      evidence: kills.slice(-3).map((k) => hostRef('memory', 'oom', k.line, { ...read, at: k.at ?? read.at })),
    });
  }
  return out;
}

function cpuFindings(facts: HostFacts): Finding[] {
  const read = facts.cpu;
  if (read === undefined) return [];
  const v = ok(read.facts.vmstat);
  const top = ok(read.facts.top)?.[0];
  const topText = top === undefined ? '' : `; ${top.name} (pid ${top.pid}) uses ${wholePct(top.cpuPercent)} CPU`;
  const out: Finding[] = [];
  if (v !== undefined && v.steal >= STEAL_HIGH) {
    out.push({
      id: 'host-steal', severity: 'warning', at: read.at,
      text: `CPU steal ${wholePct(v.steal)} on the host: the hypervisor gives this instance's CPU time to others (a noisy neighbour, or a burstable instance held to its baseline)`,
      evidence: [hostRef('cpu', 'vmstat', `steal ${wholePct(v.steal)} (vmstat st, averaged over ${v.samples} s)`, read)],
    });
  }
  if (v !== undefined || top !== undefined) {
    out.push({
      id: 'host-cpu', severity: 'info', at: read.at,
      text: `On the host: ${v === undefined ? 'CPU split not read' : `CPU user ${wholePct(v.user)}, system ${wholePct(v.system)}, iowait ${wholePct(v.iowait)}, steal ${wholePct(v.steal)}`}${topText}`,
      evidence: top === undefined ? [] : [hostRef('cpu', 'top-cpu', `${top.user} ${top.pid} ${wholePct(top.cpuPercent)} ${top.command}`.slice(0, 120), read)],
    });
  }
  return out;
}

const level = (percent: number): Severity | undefined => (percent >= DISK_FULL ? 'critical' : percent >= HIGH ? 'warning' : undefined);

function diskFindings(e: Evidence, facts: HostFacts): Finding[] {
  const read = facts.disk;
  if (read === undefined) return [];
  const out: Finding[] = [];
  const rows = ok(read.facts.df);
  const du = ok(read.facts.du);
  const full = rows === undefined ? undefined : fullestMount(rows);
  const recent = ok(read.facts.recent) ?? [];
  const grows = recent[0] === undefined ? '' : `; written in the last hour: ${recent[0].path}`;
  if (full?.usePercent !== undefined) {
    const severity = level(full.usePercent);
    const line = diskLine(full, du);
    const refs = [hostRef('disk', 'df', `${full.filesystem} ${full.mount} ${wholePct(full.usePercent)}`, read), ...(du?.mount === full.mount ? [hostRef('disk', 'du', line, read)] : [])];
    out.push(severity === undefined
      ? { id: 'host-disk-ok', severity: 'info', at: read.at, text: `Disk space on the host: fullest file system ${line}`, evidence: refs }
      : { id: 'host-disk-full', severity, at: read.at, text: `${severity === 'critical' ? 'Disk full' : 'Disk nearly full'} on the host: ${line}${grows}`, evidence: refs });
  }
  const inodes = ok(read.facts.inodes);
  const fullInodes = inodes === undefined ? undefined : fullestMount(inodes);
  const inodeLevel = fullInodes?.usePercent === undefined ? undefined : level(fullInodes.usePercent);
  // A file system out of blocks reports its inodes used up too (XFS allocates inodes from free space): there the
  // space is the cause, and "many small files" would send the engineer after the wrong thing.
  const spaceOfInodes = rows?.find((r) => r.mount === fullInodes?.mount)?.usePercent;
  const isSpaceFull = spaceOfInodes !== undefined && spaceOfInodes >= DISK_FULL;
  if (fullInodes !== undefined && inodeLevel !== undefined && !isSpaceFull) {
    out.push({
      id: 'host-inodes-full', severity: inodeLevel, at: read.at,
      text: `Inodes ${inodeLevel === 'critical' ? 'exhausted' : 'nearly exhausted'} on the host: ${fullInodes.mount} ${wholePct(fullInodes.usePercent ?? 0)} of inodes used with space left (many small files): new files cannot be created`,
      evidence: [hostRef('disk', 'df-inodes', `${fullInodes.mount} ${wholePct(fullInodes.usePercent ?? 0)} inodes`, read)],
    });
  }
  const root = rows?.find((r) => r.mount === '/');
  const cw = sameMoment(valueOf(e.metrics.disk), read.at);
  if (root?.usePercent !== undefined && cw !== undefined && Math.abs(cw.value - root.usePercent) >= DISAGREE_POINTS) {
    out.push({
      id: 'host-disk-disagrees', severity: 'warning', at: read.at,
      text: `CloudWatch and the host disagree on the root volume: disk_used_percent ${pct(cw.value)} at ${hm(cw.at)}, but df shows / at ${wholePct(root.usePercent)} at ${hm(read.at)}`,
      evidence: [{ label: `disk_used_percent ${pct(cw.value)} at ${hm(cw.at)}`, at: cw.at, source: 'CloudWatch CWAgent disk_used_percent' }, hostRef('disk', 'df', `/ ${wholePct(root.usePercent)}`, read)],
    });
  }
  return out;
}

function sshFindings(facts: HostFacts): Finding[] {
  const read = facts.ssh;
  if (read === undefined) return [];
  const state = ok(read.facts.sshd);
  const listen = ok(read.facts.listen);
  const fw = ok(read.facts.firewall);
  const out: Finding[] = [];
  const isListening = listen !== undefined && listen.addresses.length > 0 && !listen.isLoopbackOnly;
  const stateRef = state === undefined ? [] : [hostRef('ssh', 'sshd', `sshd ${state}`, read)];
  const listenRef = listen === undefined ? [] : [hostRef('ssh', 'listen', listenLine(listen), read)];
  // Ubuntu 24.04 starts ssh.service on the first connection (ssh.socket): inactive while port 22 listens is normal.
  if (state !== undefined && state !== 'active' && state !== 'activating' && !isListening) {
    out.push({ id: 'host-sshd-down', severity: 'warning', at: read.at, text: `sshd ${state} on the host${listen === undefined ? '' : `; ${listenLine(listen)}`}: connections to port 22 are refused`, evidence: [...stateRef, ...listenRef] });
  } else if (listen !== undefined && !isListening) {
    out.push({ id: 'host-ssh-not-listening', severity: 'warning', at: read.at, text: `sshd ${state ?? 'state unknown'} but ${listenLine(listen)} on the host: connections to port 22 are refused`, evidence: [...stateRef, ...listenRef] });
  }
  if (fw !== undefined && fw.drops.length > 0) {
    out.push({ id: 'host-firewall-drops-ssh', severity: 'warning', at: read.at, text: `The host firewall drops port 22: ${fw.drops[0] ?? ''}`, evidence: fw.drops.slice(0, 3).map((d) => hostRef('ssh', 'firewall', d, read)) });
  }
  if (out.length === 0 && isListening && fw !== undefined && fw.unreadChains.length === 0) {
    out.push({
      id: 'host-ssh-ok', severity: 'info', at: read.at,
      text: `sshd ${state === 'active' ? 'active and ' : ''}${listenLine(listen)}; ${firewallLine(fw)}: the host accepts SSH`,
      evidence: [...stateRef, ...listenRef, hostRef('ssh', 'firewall', firewallLine(fw), read)],
    });
  }
  return out;
}

/** Findings from the host checks that ran; none at all when the host was not checked (that changes no verdict). */
export function hostRules(evidence: Evidence, facts: HostFacts = hostFacts(evidence)): Finding[] {
  return [...memoryFindings(evidence, facts), ...cpuFindings(facts), ...diskFindings(evidence, facts), ...sshFindings(facts)];
}
