// The host-check parsers on real-format output of Amazon Linux 2 (procps-ng 3.3.10), Amazon Linux 2023 (procps-ng
// 3.3.17, no iptables), Ubuntu 22.04 (procps 3.3.17) and Ubuntu 24.04 (procps 4.0.4, ssh socket activation), and on
// the edges: garbage, absent and empty sections are "unreadable" with why, never a throw.
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../source/domain/host-checks.js';
import type { Parsed } from '../../source/triage/host-parse.js';
import { parseFree, parseNproc, parseOom, parsePs, parseVmstat, programName } from '../../source/triage/host-parse.js';
import { fullestMount, humanSize, largestDirectory, parseDf, parseDu, parseRecent } from '../../source/triage/host-parse-disk.js';
import { parseFirewall, parseListen, parseUnitState } from '../../source/triage/host-parse-ssh.js';
import { factLines, hostFacts } from '../../source/triage/host-facts.js';
import { triage } from '../../source/triage/engine.js';
import { healthy } from './evidence-fixtures.js';
import { fixture, host, withHost } from './host-fixtures.js';
import type { Distro } from './host-fixtures.js';

const READ_AT = new Date('2024-01-15T03:00:00Z');
const sections = (d: Distro, c: 'memory' | 'cpu' | 'disk' | 'ssh'): Readonly<Record<string, string>> => splitSections(fixture(d, c));
const value = <T>(p: Parsed<T>): T => {
  if (!p.ok) throw new Error(`unreadable: ${p.unreadable}`);
  return p.value;
};
const why = (p: Parsed<unknown>): string => (p.ok ? '(read)' : p.unreadable);
const GiB = 2 ** 30;

describe('free -m', () => {
  it.each([
    ['al2', { totalMiB: 3794, usedMiB: 3612, availableMiB: 21, swapTotalMiB: 0 }],
    ['al2023', { totalMiB: 7763, usedMiB: 7412, availableMiB: 120, swapTotalMiB: 0 }],
    ['ubuntu2204', { totalMiB: 3840, usedMiB: 812, availableMiB: 2781, swapTotalMiB: 2047, swapUsedMiB: 0 }],
    ['ubuntu2404', { totalMiB: 7943, usedMiB: 712, availableMiB: 7231, swapTotalMiB: 0 }],
  ] as const)('%s', (distro, expected) => {
    expect(value(parseFree(sections(distro, 'memory').free))).toMatchObject({ ...expected, isAvailableEstimated: false });
  });

  it('old procps without "available" (the -/+ buffers/cache layout): estimated from free + buffers + cached', () => {
    const old = ['             total       used       free     shared    buffers     cached', 'Mem:          3765       3600        165          0         20        280', '-/+ buffers/cache:       3300        465', 'Swap:            0          0          0'].join('\n');
    expect(value(parseFree(old))).toMatchObject({ totalMiB: 3765, availableMiB: 465, isAvailableEstimated: true });
  });

  it.each([
    [undefined, /missing/], ['', /printed nothing/], ['bash: free: command not found', /not the output of free/],
    ['              total        used\nMem:           abc        def', /no readable Mem/],
  ])('unreadable: %j', (text, reason) => {
    expect(why(parseFree(text))).toMatch(reason);
  });
});

describe('ps aux', () => {
  it('AL2: the command keeps its arguments and spaces; the name is the program', () => {
    const rows = value(parsePs(sections('al2', 'memory')['top-mem']));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ user: 'ec2-user', pid: 5120, cpuPercent: 96.3, memPercent: 91.2, rssKiB: 3544320, command: '/usr/bin/python3 /opt/ml-server/server.py --workers 4 --model /opt/models/resnet 50', name: 'python3' });
  });

  it.each([['al2023', 'memory', 'top-mem', 'python3', 1234], ['ubuntu2204', 'cpu', 'top-cpu', 'node', 8812], ['ubuntu2404', 'memory', 'top-mem', 'amazon-ssm-agent', 781], ['al2', 'cpu', 'top-cpu', 'java', 4242]] as const)(
    '%s %s (%s): top is %s', (distro, check, key, name, pid) => {
      const top = value(parsePs(sections(distro, check)[key]))[0];
      expect([top?.name, top?.pid]).toEqual([name, pid]);
    });

  it('kernel threads and truncated users', () => {
    expect(programName('[kworker/R-rcu_g]')).toBe('kworker/R-rcu_g');
    expect(value(parsePs(sections('ubuntu2404', 'memory')['top-mem'])).at(-1)?.user).toBe('systemd+');
  });

  it.each([[undefined, /missing/], ['', /printed nothing/], ['error: unsupported option (BSD syntax)', /not the output of ps/],
    ['USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND', /no process/], ['USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\nroot x y', /does not read/]])(
    'unreadable: %j', (text, reason) => expect(why(parsePs(text))).toMatch(reason));
});

describe('OOM lines (journalctl -k or dmesg)', () => {
  it('AL2 (kernel 4.14): "Kill process" then "Killed process" are one kill, with anon-rss and the syslog time', () => {
    expect(value(parseOom(sections('al2', 'memory').oom, READ_AT))).toEqual([
      { at: new Date('2024-01-15T02:45:12Z'), process: 'python3', pid: 1234, anonRssKiB: 3480000, line: expect.stringContaining('Killed process 1234') },
    ]);
  });

  it('AL2023 (kernel 6.1) one-line form, and dmesg stamps (no wall time: the boot time is not known here)', () => {
    const text = [
      'Jan 15 02:45:12 ip-172-31-45-67.ec2.internal kernel: Out of memory: Killed process 1234 (python3) total-vm:7421532kB, anon-rss:7012344kB, file-rss:4kB, shmem-rss:0kB, UID:1000 pgtables:13860kB oom_score_adj:0',
      '[787680.112345] Out of memory: Killed process 2345 (java) total-vm:3000000kB, anon-rss:2000000kB, file-rss:0kB, shmem-rss:0kB',
    ].join('\n');
    const kills = value(parseOom(text, READ_AT));
    expect(kills.map((k) => [k.process, k.pid, k.anonRssKiB, k.at?.toISOString()])).toEqual([['java', 2345, 2000000, undefined], ['python3', 1234, 7012344, '2024-01-15T02:45:12.000Z']]);
  });

  it('a December line read in January is last year', () => {
    expect(value(parseOom('Dec 31 23:59:00 host kernel: Out of memory: Killed process 7 (a) total-vm:1kB, anon-rss:1kB', READ_AT))[0]?.at?.toISOString()).toBe('2023-12-31T23:59:00.000Z');
  });

  it('empty is "no kill" (a value); absent or garbage is unreadable', () => {
    expect(value(parseOom(sections('al2023', 'memory').oom, READ_AT))).toEqual([]);
    expect(why(parseOom(undefined, READ_AT))).toMatch(/missing/);
    expect(why(parseOom('grep: invalid option', READ_AT))).toMatch(/no OOM kill reads/);
  });
});

describe('vmstat 1 5: averaged over the samples after the first (since boot)', () => {
  it.each([
    ['al2', { user: 54.75, system: 4, idle: 3.25, iowait: 0, steal: 38, samples: 4 }],
    ['al2023', { user: 48.5, system: 1.5, idle: 50, iowait: 0, steal: 0, samples: 4 }],
    ['ubuntu2204', { user: 1.25, steal: 0, samples: 4 }],
    ['ubuntu2404', { user: 0.25, idle: 99.5, steal: 0, samples: 4 }],
  ] as const)('%s', (distro, expected) => {
    expect(value(parseVmstat(sections(distro, 'cpu').vmstat))).toMatchObject(expected);
  });

  it.each([[undefined, /missing/], ['', /printed nothing/], ['vmstat: command not found', /not the output of vmstat/],
    [' r  b   swpd   free us sy id wa st\n 1  0 0 100 1 1 98 0 0', /no sample after the first/], [' r  b us sy id\n 1 0 1 1 98\n 1 0 x', /does not line up/]])(
    'unreadable: %j', (text, reason) => expect(why(parseVmstat(text))).toMatch(reason));
});

describe('nproc', () => {
  it('reads the count; anything else is unreadable', () => {
    expect(value(parseNproc(sections('al2', 'cpu').nproc))).toBe(2);
    expect(why(parseNproc('two'))).toMatch(/not a count/);
    expect(why(parseNproc(''))).toMatch(/printed nothing/);
  });
});

describe('df -hP / df -iP', () => {
  it('human sizes in powers of 1024', () => {
    expect([humanSize('8.0G'), humanSize('20K'), humanSize('0'), humanSize('1.5T'), humanSize('x')]).toEqual([8 * GiB, 20 * 1024, 0, 1.5 * 2 ** 40, undefined]);
  });

  it('AL2: / at 100 %', () => {
    const rows = value(parseDf(sections('al2', 'disk').df));
    expect(fullestMount(rows)).toMatchObject({ filesystem: '/dev/nvme0n1p1', mount: '/', size: 8 * GiB, avail: 20 * 1024, usePercent: 100, isImage: false });
  });

  it('AL2023 xfs: vfat has no inodes ("-")', () => {
    const inodes = value(parseDf(sections('al2023', 'disk')['df-inodes']));
    expect(inodes.map((r) => [r.mount, r.usePercent])).toEqual([['/', 1], ['/boot/efi', undefined]]);
    expect(fullestMount(inodes)?.mount).toBe('/');
  });

  it('Ubuntu: snap squashfs loops are always 100 % and never the full disk', () => {
    const rows = value(parseDf(sections('ubuntu2404', 'disk').df));
    expect(rows.filter((r) => r.isImage).map((r) => r.mount)).toEqual(['/snap/amazon-ssm-agent/9565']);
    expect(fullestMount(rows)).toMatchObject({ mount: '/boot', usePercent: 10 });
    expect(fullestMount(value(parseDf(sections('ubuntu2204', 'disk').df)))).toMatchObject({ mount: '/', usePercent: 100, filesystem: '/dev/root' });
  });

  it('a mount point with spaces', () => {
    const rows = value(parseDf('Filesystem Size Used Avail Use% Mounted on\n/dev/xvdf 100G 99G 1.0G 99% /mnt/my data'));
    expect(rows[0]?.mount).toBe('/mnt/my data');
  });

  it.each([[undefined, /missing/], ['', /printed nothing/], ['df: invalid option -- P', /not the output of df/],
    ['Filesystem Size Used Avail Use% Mounted on', /no file system/], ['Filesystem Size Used Avail Use% Mounted on\n/dev/x lots some few 5% /', /does not read/]])(
    'unreadable: %j', (text, reason) => expect(why(parseDf(text))).toMatch(reason));
});

describe('du of the fullest mount', () => {
  it('AL2: the deepest directory holding most of the largest one', () => {
    const du = value(parseDu(sections('al2', 'disk').du));
    expect(du.mount).toBe('/');
    expect(largestDirectory(du)).toEqual({ path: '/var/log/ml-server', bytes: 5.9 * GiB });
  });

  it('AL2023: /usr is the largest (nothing dominates below it enough)', () => {
    expect(largestDirectory(value(parseDu(sections('al2023', 'disk').du)))?.path).toBe('/usr');
  });

  it.each([[undefined, /missing/], ['', /printed nothing/], ['mount ', /no local file system/], ['mount /', /du printed nothing/], ['/ 7G', /no "mount" line/], ['mount /\n7G', /does not read/]])(
    'unreadable: %j', (text, reason) => expect(why(parseDu(text))).toMatch(reason));
});

describe('big files written in the last hour (ls -ls)', () => {
  it('reads size and path; empty is none', () => {
    expect(value(parseRecent(sections('al2', 'disk').recent))).toEqual([{ bytes: 5999869952, modified: 'Jan 15 02:51', path: '/var/log/ml-server/debug.log' }]);
    expect(value(parseRecent(sections('ubuntu2404', 'disk').recent))).toEqual([]);
    expect(value(parseRecent('204804 -rw-r----- 1 syslog adm 209715200 Jan 15 02:58 /var/log/my app/out.log'))[0]?.path).toBe('/var/log/my app/out.log');
    expect(why(parseRecent('find: ‘/proc/1’: Permission denied'))).toMatch(/does not read/);
  });
});

describe('systemctl is-active sshd || systemctl is-active ssh', () => {
  it('the last answer counts (Ubuntu names the unit ssh)', () => {
    expect(value(parseUnitState(sections('al2', 'ssh').sshd))).toBe('active');
    expect(value(parseUnitState('inactive\nactive'))).toBe('active');
    expect(value(parseUnitState(sections('ubuntu2204', 'ssh').sshd))).toBe('inactive');
    expect(value(parseUnitState('failed'))).toBe('failed');
    expect(why(parseUnitState(''))).toMatch(/no systemd/);
    expect(why(parseUnitState('System has not been booted with systemd'))).toMatch(/not a unit state/);
  });
});

describe('ss -tlnH on :22', () => {
  it('addresses, nothing, loopback only, and an old ss that prints its header', () => {
    expect(value(parseListen(sections('al2023', 'ssh').listen))).toEqual({ addresses: ['0.0.0.0:22', '[::]:22'], isLoopbackOnly: false });
    expect(value(parseListen(sections('ubuntu2204', 'ssh').listen))).toEqual({ addresses: [], isLoopbackOnly: false });
    expect(value(parseListen('LISTEN 0 128 127.0.0.1:22 0.0.0.0:*'))).toEqual({ addresses: ['127.0.0.1:22'], isLoopbackOnly: true });
    expect(value(parseListen('State      Recv-Q Send-Q Local Address:Port               Peer Address:Port\nLISTEN     0      128          *:22                       *:*'))).toMatchObject({ addresses: ['*:22'] });
  });

  it('an ss that failed is not "nothing listens"', () => {
    expect(why(parseListen('', 'ss: invalid option -- H\nUsage: ss [ OPTIONS ]'))).toMatch(/ss failed/);
    expect(why(parseListen('tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN'))).toMatch(/not an ss listening socket/);
  });
});

describe('host firewall (iptables -S INPUT / nft / none)', () => {
  it('none: the fallback line, or an empty INPUT with policy ACCEPT', () => {
    expect(value(parseFirewall(sections('al2023', 'ssh').firewall))).toMatchObject({ tool: 'none', drops: [] });
    expect(value(parseFirewall(sections('al2', 'ssh').firewall))).toMatchObject({ tool: 'none', drops: [], policy: 'accept' });
  });

  it('iptables: a DROP of 22, a REJECT-all after an ACCEPT of NEW 22 (CentOS default), policy DROP, a source-only drop, ufw chains', () => {
    expect(value(parseFirewall('-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j DROP')).drops).toEqual(['-A INPUT -p tcp -m tcp --dport 22 -j DROP']);
    expect(value(parseFirewall('-P INPUT ACCEPT\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT\n-A INPUT -j REJECT --reject-with icmp-host-prohibited')).drops).toEqual([]);
    expect(value(parseFirewall('-P INPUT DROP\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp --dport 443 -j ACCEPT')).drops).toEqual(['-P INPUT DROP (no rule accepts port 22)']);
    expect(value(parseFirewall('-P INPUT ACCEPT\n-A INPUT -s 198.51.100.0/24 -p tcp -m multiport --dports 22,80 -j REJECT --reject-with icmp-port-unreachable'))).toMatchObject({ drops: [], partial: [expect.stringContaining('198.51.100.0/24')] });
    expect(value(parseFirewall('-P INPUT DROP\n-A INPUT -j ufw-before-logging-input\n-A INPUT -j ufw-before-input'))).toMatchObject({ drops: [], unreadChains: ['ufw-before-logging-input', 'ufw-before-input'] });
    expect(value(parseFirewall('-P INPUT ACCEPT\n-A INPUT -p tcp --dport 1000:2000 -j DROP')).drops).toEqual([]);
  });

  it('nft (AL2023 with nftables): a drop of 22, a set with 22, policy drop', () => {
    const chain = (policy: string, ...rules: string[]): string => ['table inet filter {', '\tchain input {', `\t\ttype filter hook input priority filter; policy ${policy};`, ...rules.map((r) => `\t\t${r}`), '\t}', '}'].join('\n');
    expect(value(parseFirewall(chain('accept', 'tcp dport 22 drop'))).drops).toEqual(['tcp dport 22 drop']);
    expect(value(parseFirewall(chain('accept', 'tcp dport { 22, 80 } reject'))).drops).toEqual(['tcp dport { 22, 80 } reject']);
    expect(value(parseFirewall(chain('drop', 'ct state established,related accept', 'iif "lo" accept'))).drops).toEqual(['policy drop (no rule accepts port 22)']);
    expect(value(parseFirewall(chain('drop', 'ct state established,related accept', 'tcp dport 22 accept'))).drops).toEqual([]);
  });

  it.each([[undefined, /missing/], ['', /printed nothing/], ['iptables v1.8.4 (legacy): cannot open', /neither iptables nor nft/], ['-P INPUT ACCEPT\nChain INPUT', /not an iptables rule/]])(
    'unreadable: %j', (text, reason) => expect(why(parseFirewall(text))).toMatch(reason));
});

describe('facts, one line each, per distro', () => {
  const lines = (d: Distro): Record<string, string[]> => {
    const facts = hostFacts(withHost(healthy(), host(d)));
    return { memory: factLines(facts, 'memory'), cpu: factLines(facts, 'cpu'), disk: factLines(facts, 'disk'), ssh: factLines(facts, 'ssh') };
  };

  it('AL2023 in the OOM story: memory nearly gone, python3 named', () => {
    expect(lines('al2023').memory).toEqual(['available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB', 'no swap', 'no OOM kill in the kernel log']);
    expect(lines('al2023').ssh).toEqual(['sshd active', 'listening on 0.0.0.0:22, [::]:22', 'no host firewall rules']);
  });

  it('AL2: the kill, steal, the full disk and what grows', () => {
    const l = lines('al2');
    expect(l.memory?.[2]).toBe('the kernel logged 1 OOM kill(s), latest: python3 (pid 1234) at 02:45:12 UTC, anon-rss 3.3 GiB');
    expect(l.cpu).toEqual(['steal 38 %', 'CPU user 55 %, system 4 %, iowait 0 %, idle 3 % over 4 s on 2 vCPU(s)', 'java (pid 4242) uses 187 % CPU']);
    expect(l.disk).toEqual(['/ 100 %: /var/log/ml-server 5.9 GiB (20 KiB free of 8 GiB)', 'inodes: / 3 %', 'written in the last hour: /var/log/ml-server/debug.log 5.6 GiB']);
  });

  it('Ubuntu 22.04: sshd stopped; the script looked into a snap, so no directory is named for /', () => {
    const l = lines('ubuntu2204');
    expect(l.ssh).toEqual(['sshd inactive', 'nothing listens on port 22', 'no host firewall rules']);
    expect(l.disk?.[0]).toBe('/ 100 % (0 B free of 7.6 GiB)');
    expect(l.memory?.[1]).toBe('swap 0 B of 2 GiB used');
  });

  it('an unreadable section says so with why, the others still read', () => {
    const facts = hostFacts(withHost(healthy(), host('al2023', { memory: '### free\nfree: command not found\n### top-mem\n### oom\n' })));
    expect(factLines(facts, 'memory')).toEqual(['free -m: could not read — not the output of free: "free: command not found"', 'ps: could not read — the command printed nothing', 'no OOM kill in the kernel log']);
  });
});

describe('every parser is total', () => {
  // Deterministic junk: shuffled pieces of real output, control characters, huge numbers, half lines.
  const pieces = ['Mem:', 'Swap:', 'total', 'LISTEN', '-A INPUT', '-P INPUT DROP', 'table inet filter {', 'mount /', '100%', '-', '\t', '\u0000', '9'.repeat(400), 'NaN', '1e309', 'r  b', 'us sy id', 'USER PID %CPU %MEM VSZ RSS', 'Killed process', '(python3)', 'Filesystem Size Used Avail Use% Mounted on', 'active', '\n', ' ', ':22', '/'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const junk = Array.from({ length: 300 }, () => Array.from({ length: next() % 30 }, () => pieces[next() % pieces.length]).join(next() % 2 === 0 ? ' ' : '\n'));
  const parsers: readonly ((s: string) => Parsed<unknown>)[] = [parseFree, parsePs, (s) => parseOom(s, READ_AT), parseVmstat, parseNproc, parseDf, parseDu, parseRecent, parseUnitState, (s) => parseListen(s, s), parseFirewall];

  it('garbage gives a value or "unreadable" with a reason, never a throw', () => {
    for (const text of junk) {
      for (const parse of parsers) {
        const p = parse(text);
        if (!p.ok) expect(p.unreadable.length).toBeGreaterThan(0);
      }
    }
  });

  it('facts and the whole engine on garbage sections never throw either', () => {
    for (const text of junk.slice(0, 50)) {
      const stdout = ['free', 'top-mem', 'oom', 'top-cpu', 'vmstat', 'nproc', 'df', 'df-inodes', 'du', 'recent', 'sshd', 'listen', 'firewall'].map((k) => `### ${k}\n${text}`).join('\n');
      const e = withHost(healthy(), host('al2', { memory: stdout, cpu: stdout, disk: stdout, ssh: stdout }));
      const facts = hostFacts(e);
      for (const id of ['memory', 'cpu', 'disk', 'ssh'] as const) expect(Array.isArray(factLines(facts, id))).toBe(true);
      expect(triage(e).diagnosis.title.length).toBeGreaterThan(0);
    }
  });
});
