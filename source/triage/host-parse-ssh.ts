// Parsers for the SSH host check's sections: systemctl is-active, ss -tlnH on port 22, and the host firewall's input
// rules (iptables -S, or nft, or the script's "no host firewall rules"). Pure and total (see host-parse.ts).
import type { Parsed } from './host-parse.js';
import { parsed, quote, sectionLines, unreadable } from './host-parse.js';

const MISSING = 'the section is missing from the output (the script stopped before it)';

export type UnitState = 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'reloading' | 'unknown';
const UNIT_STATES: ReadonlySet<string> = new Set<UnitState>(['active', 'inactive', 'failed', 'activating', 'deactivating', 'reloading', 'unknown']);

/**
 * Parses `systemctl is-active sshd || systemctl is-active ssh`: the last line is the answer (Ubuntu names the unit
 * ssh, so the first answer there is "inactive" for an unknown sshd, then the real one).
 */
export function parseUnitState(text: string | undefined): Parsed<UnitState> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  const last = lines.at(-1)?.trim();
  if (last === undefined) return unreadable('systemctl printed nothing (no systemd?)');
  if (!lines.every((l) => UNIT_STATES.has(l.trim()))) return unreadable(`not a unit state: ${quote(lines.find((l) => !UNIT_STATES.has(l.trim())))}`);
  return parsed(last as UnitState);
}

/** What listens on TCP 22: each local address ('0.0.0.0:22', '[::]:22', '127.0.0.1:22'). Empty: nothing listens. */
export interface Listeners {
  readonly addresses: readonly string[];
  /** True when only loopback addresses listen: sshd runs but cannot be reached from outside. */
  readonly isLoopbackOnly: boolean;
}

/** Parses `ss -tlnH 'sport = :22'` (a header line, which an old ss without -H prints, is skipped). */
export function parseListen(text: string | undefined, stderr = ''): Parsed<Listeners> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  // An ss that rejects its options prints usage to stderr and nothing to stdout: that is not "nothing listens".
  if (lines.length === 0 && /\bss\b.*(?:invalid|unknown|usage|not found)|Usage: ss/i.test(stderr)) return unreadable('ss failed (see its error output)');
  const addresses: string[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'State' || fields[0] === 'Netid') continue;
    const local = fields.find((f, i) => i > 0 && /:22$/.test(f));
    if (fields[0] !== 'LISTEN' || local === undefined) return unreadable(`not an ss listening socket on :22: ${quote(line)}`);
    addresses.push(local);
  }
  const isLoopback = (a: string): boolean => /^(?:127\.|\[::1\]|::1|\[::ffff:127\.)/.test(a);
  return parsed({ addresses, isLoopbackOnly: addresses.length > 0 && addresses.every(isLoopback) });
}

/** The host firewall as it treats new TCP connections to port 22. */
export interface FirewallVerdict {
  /** 'iptables' | 'nft' | 'none' (no rules: the script's fallback line, or an empty INPUT chain with policy ACCEPT). */
  readonly tool: 'iptables' | 'nft' | 'none';
  /** Rules or policy that drop SSH for everyone (first match wins; an earlier ACCEPT for 22 clears a later DROP). */
  readonly drops: readonly string[];
  /** Rules that drop SSH only from some sources or interfaces. */
  readonly partial: readonly string[];
  /** The INPUT chain jumps to chains not read (ufw-*, f2b-*): what they do to port 22 is not known. */
  readonly unreadChains: readonly string[];
  readonly policy: 'accept' | 'drop' | undefined;
}

const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT']);
const NON_JUMP = new Set([...TERMINAL, 'LOG', 'RETURN']);

/** Whether a port list ('22', '20:30', '22,80', '{ 22, 80 }', '1-1024') includes 22. */
function portsInclude22(spec: string): boolean {
  return spec.replace(/[{}\s]/g, '').split(',').some((p) => {
    const [lo = '', hi = lo] = p.split(/[:-]/);
    return Number(lo) <= 22 && 22 <= Number(hi === '' ? 65535 : hi);
  });
}

function iptablesVerdict(lines: readonly string[]): Parsed<FirewallVerdict> {
  let policy: FirewallVerdict['policy'];
  const drops: string[] = [];
  const partial: string[] = [];
  const unreadChains: string[] = [];
  let isAccepted = false;
  for (const line of lines) {
    const rule = line.trim();
    const p = /^-P INPUT (\S+)/.exec(rule);
    if (p !== null) {
      policy = p[1] === 'ACCEPT' ? 'accept' : 'drop';
      continue;
    }
    if (!rule.startsWith('-A INPUT') && !rule.startsWith('-N ')) return unreadable(`not an iptables rule: ${quote(rule)}`);
    const target = / -j (\S+)/.exec(rule)?.[1];
    if (target === undefined) continue;
    const proto = / -p (\S+)/.exec(rule)?.[1];
    const ports = / --dports? (\S+)/.exec(rule)?.[1];
    const isTcp22 = (proto === undefined || proto === 'tcp' || proto === 'all') && (ports === undefined || portsInclude22(ports));
    if (!isTcp22) continue;
    if (!NON_JUMP.has(target)) {
      unreadChains.push(target);
      continue;
    }
    // A source, interface or connection-state condition makes the rule cover only some SSH connections.
    // A state match that admits NEW connections still covers every new SSH connection.
    const state = / --(?:ct)?state (\S+)/.exec(rule)?.[1];
    const isConditional = / (?:-s|-i|-m (?:recent|limit|set)) /.test(`${rule} `) || / ! /.test(rule) || (state !== undefined && !state.split(',').includes('NEW'));
    if (target === 'ACCEPT' && !isConditional) isAccepted = true;
    if ((target === 'DROP' || target === 'REJECT') && !isAccepted) (isConditional ? partial : drops).push(rule);
  }
  if (policy === 'drop' && !isAccepted && unreadChains.length === 0 && drops.length === 0) drops.push('-P INPUT DROP (no rule accepts port 22)');
  const isEmpty = lines.every((l) => /^-P INPUT ACCEPT/.test(l.trim()));
  return parsed({ tool: isEmpty ? 'none' : 'iptables', drops, partial, unreadChains, policy });
}

function nftVerdict(lines: readonly string[]): Parsed<FirewallVerdict> {
  const policy = /policy (accept|drop);/.exec(lines.join('\n'))?.[1] as FirewallVerdict['policy'];
  const drops: string[] = [];
  const partial: string[] = [];
  const unreadChains: string[] = [];
  let isAccepted = false;
  for (const line of lines.map((l) => l.trim())) {
    if (/^(?:table|chain|type|\}|#)/.test(line) || line === '') continue;
    const ports = /\btcp dport (\{[^}]*\}|\S+)/.exec(line)?.[1];
    const isAnyTcp = !/\b(?:udp|icmp|icmpv6|tcp dport)\b/.test(line);
    if (!(ports !== undefined ? portsInclude22(ports) : isAnyTcp)) continue;
    const jump = /\b(?:jump|goto) (\S+)/.exec(line)?.[1];
    if (jump !== undefined) {
      unreadChains.push(jump);
      continue;
    }
    const state = /\bct state (\S+)/.exec(line)?.[1];
    const isConditional = /\b(?:saddr|iif|iifname|meta|limit)\b/.test(line) || (state !== undefined && !state.split(',').includes('new'));
    if (/\baccept\b/.test(line) && !isConditional) isAccepted = true;
    if (/\b(?:drop|reject)\b/.test(line) && !isAccepted) (isConditional ? partial : drops).push(line);
  }
  if (policy === 'drop' && !isAccepted && unreadChains.length === 0 && drops.length === 0) drops.push('policy drop (no rule accepts port 22)');
  return parsed({ tool: 'nft', drops, partial, unreadChains, policy });
}

/** Parses the firewall section: `iptables -S INPUT`, else `nft list chain inet filter input`, else the fallback line. */
export function parseFirewall(text: string | undefined): Parsed<FirewallVerdict> {
  const lines = sectionLines(text);
  if (lines === undefined) return unreadable(MISSING);
  if (lines.length === 0) return unreadable('the firewall listing printed nothing');
  if (lines.length === 1 && lines[0]?.trim() === 'no host firewall rules') return parsed({ tool: 'none', drops: [], partial: [], unreadChains: [], policy: undefined });
  if (lines[0]?.trim().startsWith('-P ') === true || lines[0]?.trim().startsWith('-A ') === true) return iptablesVerdict(lines);
  if (/^table inet filter\b/.test(lines[0]?.trim() ?? '')) return nftVerdict(lines);
  return unreadable(`neither iptables nor nft output: ${quote(lines[0])}`);
}
