// The causes that read the instance's resources — out of memory, high memory, high CPU, CPU steal — and SSH refused
// by the host itself: where CloudWatch measures from outside and the host checks confirm, disagree or stand in.
import { stateOfKey } from './evidence.js';
import { hms } from './format.js';
import type { FindingId } from './rules.js';
import type { ChainLink, Lookup, Rule } from './diagnosis-story.js';
import { disagreement, fact, head, killed, label, link } from './diagnosis-story.js';
import type { Finding } from './types.js';

/** '; the host confirms it: available memory 120 MiB of 7.6 GiB…' */
function hostConfirms(low: Finding | undefined, kill: Finding | undefined): string {
  if (low === undefined && kill === undefined) return '';
  const what = [...(low === undefined ? [] : [fact(low)]), ...(kill === undefined ? [] : ['its kernel log shows the kill'])];
  return `; the host confirms it: ${what.join('; ')}`;
}

/** Out of memory: the kernel's OOM kill (logs, console or the host's kernel log), the climb and demand before it. */
export const OOM: Rule = {
  cause: 'oom',
  applies: (f) => f('oom-kill') !== undefined || f('host-oom-kill')?.severity === 'critical',
  tell: (f, e) => {
    const kill = f('oom-kill') ?? f('host-oom-kill');
    const mem = f('mem-high');
    // The host confirms when its memory is nearly gone now or its own kernel log shows the kill the logs showed.
    const hostLow = f('host-mem-low');
    const hostKill = f('oom-kill') === undefined ? undefined : f('host-oom-kill');
    const disagrees = f('host-mem-disagrees');
    const spike = f('traffic-spike');
    const again = f('mem-rising');
    const memState = stateOfKey(e, 'mem');
    const netState = stateOfKey(e, 'netIn');
    const demand = spike !== undefined
      ? [link(`Traffic spike (${label(spike) ?? spike.text})`, spike.at, ['netIn'])]
      // "No spike" is only said of a NetworkIn that was read; unread, the link is left out (not checked).
      : netState === 'observed' ? [link('Memory demand grew (no traffic spike in NetworkIn before it)', undefined, ['netIn'])]
        : netState === 'unknown' ? [link('Memory demand grew', undefined, ['netIn'])] : [];
    const climb = mem !== undefined ? link(`Memory climbs (${label(mem) ?? mem.text})`, mem.at, ['mem'])
      : memState === 'absent' ? link('Memory climbs (not measured: no CloudWatch Agent)')
        : link('Memory climbs', undefined, ['mem']);
    const measured = mem !== undefined;
    return {
      title: `Out of memory: ${kill?.text ?? 'the OOM killer killed a process'}${again === undefined ? '' : ` — memory is climbing again, it may recur`}`,
      chain: [
        ...demand,
        climb,
        link(`OOM killer triggered${kill?.at === undefined ? '' : ` at ${hms(kill.at)}`}`, kill?.at),
        link(`${killed(kill)} killed`, kill?.at),
        ...(hostLow === undefined ? [] : [link(`On the host: ${fact(hostLow)}`, hostLow.at, ['hostMemory'])]),
        link('Service unavailable'),
      ],
      confidence: disagrees !== undefined ? (measured ? 'medium' : 'low') : measured || hostLow !== undefined || hostKill !== undefined ? 'high' : 'medium',
      why: `${measured ? 'the kernel logged the OOM kill and memory peaked just before it'
        : hostLow !== undefined || hostKill !== undefined ? 'the kernel logged the OOM kill'
          : memState === 'absent' ? 'the kernel logged the OOM kill, but memory was not measured (no CloudWatch Agent)'
            : 'the kernel logged the OOM kill, but the memory metric could not be read'}${hostConfirms(hostLow, hostKill)}${disagreement(disagrees)}`,
      uses: ['traffic-spike', 'mem-high', 'oom-kill', 'mem-rising', 'log-errors', 'cpu-high', 'host-oom-kill', 'host-mem-low', 'host-mem-disagrees'],
    };
  },
};

/** High CPU from CloudWatch; the host names the process or shows the steal. */
export const HIGH_CPU: Rule = {
  cause: 'high-cpu', applies: (f) => f('cpu-high') !== undefined,
  tell: (f) => {
    const steal = f('host-steal');
    const proc = f('host-cpu');
    const who = steal !== undefined ? link(steal.text, steal.at, ['hostCpu']) : proc !== undefined ? link(`On the host: ${fact(proc)}`, undefined, ['hostCpu']) : link('A process (or noisy neighbour: steal) uses the CPU');
    return {
      title: `High CPU: ${f('cpu-high')?.text ?? ''}`, chain: [who, link(f('cpu-high')?.text ?? 'CPU high', f('cpu-high')?.at), link('Requests queue and slow down')],
      confidence: steal !== undefined || proc !== undefined ? 'medium' : 'low',
      why: steal !== undefined ? 'CloudWatch shows the load and vmstat on the host shows the steal' : proc !== undefined ? 'CloudWatch shows the load and the host names the process' : 'CloudWatch shows the load, not which process: run the host commands',
      uses: ['cpu-high', 'host-steal', 'host-cpu'],
    };
  },
};

/** High memory from CloudWatch, from the host (free -m) when the agent does not report, or both agreeing. */
export const HIGH_MEMORY: Rule = {
  cause: 'high-memory', applies: (f) => f('mem-high') !== undefined || f('host-mem-low') !== undefined,
  tell: (f) => {
    const mem = f('mem-high');
    const host = f('host-mem-low');
    const disagrees = f('host-mem-disagrees');
    return {
      title: mem !== undefined ? `High memory: ${mem.text}` : `High memory on the host: ${fact(host)}`,
      chain: [
        link('Memory demand grows (load or a leak)'),
        ...(mem === undefined ? [] : [link(mem.text, mem.at, ['mem'])]),
        ...(host === undefined ? [] : [link(`On the host: ${fact(host)}`, host.at, ['hostMemory'])]),
        link('Risk of OOM kills and swapping'),
      ],
      confidence: disagrees !== undefined ? 'low' : mem !== undefined && host !== undefined ? 'high' : 'medium',
      why: `${mem !== undefined && host !== undefined ? 'CloudWatch and the host both show memory nearly exhausted; no OOM kill was logged'
        : mem !== undefined ? 'memory is high but no OOM kill was logged' : 'measured on the host (free -m); the CloudWatch Agent does not report memory; no OOM kill was logged'}${disagreement(disagrees)}`,
      uses: ['mem-high', 'traffic-spike', 'host-mem-low', 'host-mem-disagrees'],
    };
  },
};

/** "sshd active and listening: the host is fine, the block is in the network" — when the host accepts SSH. */
export const hostClears = (f: Lookup): ChainLink[] => (f('host-ssh-ok') === undefined ? [] : [link('sshd active and listening: the host is fine, the block is in the network', undefined, ['hostSsh'])]);

const NETWORK_BLOCKS: readonly FindingId[] = ['ssh-port-closed', 'ssh-caller-not-allowed', 'no-public-ip', 'no-igw-route', 'nacl-blocks-ssh'];

/** SSH refused on the instance itself: sshd down, nothing on port 22, or the host firewall — the network path is open. */
export const SSH_HOST: Rule = {
  cause: 'ssh-host',
  applies: (f) => f('host-sshd-down') !== undefined || f('host-ssh-not-listening') !== undefined || f('host-firewall-drops-ssh') !== undefined,
  tell: (f, e) => {
    const cause = f('host-sshd-down') ?? f('host-ssh-not-listening') ?? f('host-firewall-drops-ssh');
    // "The path is open" only of a path that was read and showed nothing in the way.
    const isPathOpen = stateOfKey(e, 'securityGroups') === 'observed' && NETWORK_BLOCKS.every((id) => f(id) === undefined);
    const sshdFailed = f('sshd-failed');
    return {
      title: `SSH refused by the instance: ${cause?.id === 'host-firewall-drops-ssh' ? 'the host firewall drops port 22' : (cause?.text ?? '').replace(/: connections to port 22 are refused$/, '')}`,
      chain: [
        ...(sshdFailed === undefined ? [] : [link(sshdFailed.text, sshdFailed.at)]),
        link(cause?.text ?? 'SSH refused on the host', cause?.at, ['hostSsh']),
        ...(isPathOpen ? [link('The network path is open: the security groups allow port 22', undefined, ['securityGroups'])] : []),
        link('ssh is refused or times out'),
      ],
      confidence: isPathOpen ? 'high' : 'medium',
      why: isPathOpen ? 'the host checks show it and the security groups, route and network ACL let SSH through' : 'the host checks show it (the network path was not read, or shows a problem too)',
      uses: ['host-sshd-down', 'host-ssh-not-listening', 'host-firewall-drops-ssh', 'sshd-failed'],
    };
  },
};

/** Steal seen on the host (vmstat st): CloudWatch cannot see it, it counts only the CPU the instance got. */
export const CPU_STEAL: Rule = {
  cause: 'cpu-steal', applies: (f) => f('host-steal') !== undefined,
  tell: (f) => {
    const steal = f('host-steal');
    return {
      title: `${head(steal, 'CPU steal')}: the hypervisor gives this instance's CPU time to others`,
      chain: [link(steal?.text ?? 'CPU steal', steal?.at, ['hostCpu']), link('The instance gets less CPU than it asks for'), link('Requests slow down')],
      confidence: 'medium', why: 'vmstat on the host shows the steal; CloudWatch cannot see it (it counts only the CPU the instance got)', uses: ['host-steal', 'host-cpu'],
    };
  },
};
