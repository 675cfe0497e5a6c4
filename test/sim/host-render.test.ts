// The host checks' text per distro, from a hand-made HostView: each command's own format (column layout,
// device names, SELinux's dot, the firewall each distro ships), and df/du's human sizes.
import { describe, expect, it } from 'vitest';
import { HOST_CHECKS, splitSections } from '../../source/domain/host-checks.js';
import { SECTIONS, human, renderHostCheck } from '../../source/sim/host-render.js';
import type { HostView } from '../../source/sim/host-render.js';
import type { Distro } from '../../source/sim/world-agents.js';

const AT = Date.parse('2024-06-01T12:00:00Z');
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function view(distro: Distro, over: Partial<HostView> = {}): HostView {
  return {
    at: AT, distro, hostname: 'ip-10-0-0-5', seed: 3, vcpus: 4, memTotalMiB: 7683, memUsedPercent: 50, cpuPercent: 20, cpuDemandPercent: 20, cpuSinceBootPercent: 12,
    processes: [
      { user: 'root', pid: 1, rssKiB: 14_800, vszKiB: 186_200, cpuPercent: 0.1, startedAt: AT - 86_400_000 * 3, stat: 'Ss', command: '/sbin/init' },
      { user: 'ml-server', pid: 4242, rssKiB: 3_000_000, vszKiB: 5_200_000, cpuPercent: 65.2, startedAt: AT - 3_600_000, stat: 'Ssl', command: '/opt/ml-server/venv/bin/python3 /opt/ml-server/server.py' },
    ],
    kernelLines: [{ t: AT - 60_000, text: 'Out of memory: Killed process 77 (java) total-vm:100kB, anon-rss:90kB, file-rss:0kB, shmem-rss:0kB' }],
    rootSizeBytes: 8 * GIB, diskUsedPercent: 95,
    directories: [{ path: '/var', bytes: 6 * GIB }, { path: '/var/log', bytes: 5.5 * GIB }, { path: '/usr', bytes: 1.2 * GIB }],
    files: [
      { path: '/var/log/app/debug.log', bytes: 900 * MIB, mtime: AT - 60_000, owner: 'webapp' },
      { path: '/var/log/app/old.log', bytes: 900 * MIB, mtime: AT - 2 * 3_600_000, owner: 'webapp' },
      { path: '/var/log/app/small.log', bytes: 50 * MIB, mtime: AT - 60_000, owner: 'webapp' },
    ],
    ...over,
  };
}

const sections = (distro: Distro, over: Partial<HostView> = {}): Record<string, string> =>
  Object.fromEntries(HOST_CHECKS.flatMap((c) => Object.entries(splitSections(renderHostCheck(c.id, view(distro, over)).stdout))));

describe('host check output', () => {
  it('free -m and ps aux in procps-ng layout', () => {
    const s = sections('al2023');
    expect(s.free?.split('\n')[0]).toBe('               total        used        free      shared  buff/cache   available');
    expect(s.free?.split('\n')[1]).toMatch(/^Mem: {12}7683 +\d+ +\d+ +\d+ +\d+ +3842$/);
    expect(s.free?.split('\n')[2]).toBe('Swap:              0           0           0');
    const ps = s['top-mem']?.split('\n') ?? [];
    expect(ps[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(ps[1]).toBe('ml-serv+    4242 65.2 38.1 5200000 3000000 ?        Ssl  11:00  39:07 /opt/ml-server/venv/bin/python3 /opt/ml-server/server.py');
    expect(ps[2]).toMatch(/^root {11}1 {2}0\.1 {2}0\.2 186200 14800 \? {8}Ss {3}May29 +\d+:\d\d \/sbin\/init$/);
    expect(s.oom).toBe('Jun 01 11:59:00 ip-10-0-0-5 kernel: Out of memory: Killed process 77 (java) total-vm:100kB, anon-rss:90kB, file-rss:0kB, shmem-rss:0kB\n');
  });

  it('vmstat 1 5: header and five rows whose cpu columns add to 100; nproc', () => {
    const s = sections('al2');
    const lines = s.vmstat?.split('\n') ?? [];
    expect(lines.slice(0, 2)).toEqual([
      'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----',
      ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st',
    ]);
    const rows = lines.slice(2).map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r.slice(12).reduce((a, b) => a + b, 0)).toBe(100);
    expect(s.nproc).toBe('4\n');
  });

  it('df per distro: NVMe partition and the EFI mount on AL2023 (SELinux dot in ls), one partition on AL2, /dev/root on Ubuntu', () => {
    const al2023 = sections('al2023');
    expect(al2023.df?.split('\n')).toEqual([
      'Filesystem        Size  Used Avail Use% Mounted on',
      '/dev/nvme0n1p1    8.0G  7.6G  407M  95% /',
      '/dev/nvme0n1p128   10M  1.4M  8.7M  14% /boot/efi',
    ]);
    expect(al2023.recent).toMatch(/^921600 -rw-r--r--\. 1 webapp webapp 943718400 Jun {2}1 11:59 \/var\/log\/app\/debug\.log\n$/);
    expect(sections('al2').df?.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['Filesystem', '/dev/nvme0n1p1']);
    const ubuntu = sections('ubuntu');
    expect(ubuntu.df?.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['Filesystem', '/dev/root', '/dev/nvme0n1p15']);
    expect(ubuntu.recent).toMatch(/^921600 -rw-r--r-- 1 webapp/);
    expect(al2023['df-inodes']?.split('\n')[0]).toMatch(/^Filesystem +Inodes +IUsed +IFree IUse% Mounted on$/);
  });

  it('du of the fullest mount, largest first, after the mount line', () => {
    const du = sections('al2023').du?.split('\n');
    expect(du).toEqual(['mount /', '7.2G\t/', '6.0G\t/var', '5.5G\t/var/log', '1.2G\t/usr']);
  });

  it('sshd, its listeners, and each distro\'s firewall', () => {
    expect(sections('al2023').firewall).toBe('no host firewall rules\n');
    expect(sections('ubuntu').firewall).toBe('-P INPUT ACCEPT\n');
    expect(sections('al2').sshd).toBe('active');
    expect(sections('al2').listen?.split('\n').map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual(['LISTEN 0 128 0.0.0.0:22', 'LISTEN 0 128 [::]:22']);
  });

  it('renders every section of the fixed table, and nothing the table does not have', () => {
    const keys = HOST_CHECKS.flatMap((c) => c.sections.map((s) => s.key));
    expect(Object.keys(SECTIONS).sort()).toEqual([...keys].sort());
  });

  it('human sizes round up as df -h and du -h do', () => {
    expect([human(0), human(4096), human(1.31 * MIB), human(9.99 * GIB), human(10 * GIB), human(29.2 * GIB)]).toEqual(['0', '4.0K', '1.4M', '10G', '10G', '30G']);
  });
});
