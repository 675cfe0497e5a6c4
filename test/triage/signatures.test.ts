import { describe, expect, it } from 'vitest';
import { dedupeMatches, lineTime, scanLine, scanText } from '../../source/triage/signatures.js';

const boot = new Date('2024-01-06T00:00:00Z');
const ref = new Date('2024-01-15T03:00:00Z');

describe('scanLine: OOM-kill signature', () => {
  it.each([
    // [source, line, pid, process, ISO time]
    ['console (old kernel)', '[776112.345678] Out of memory: Kill process 1234 (python3) score 912 or sacrifice child', 1234, 'python3', '2024-01-14T23:35:12.345Z'],
    ['console (new kernel)', '[  142.087123] Out of memory: Killed process 2271 (java) total-vm:8120324kB, anon-rss:7654320kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:15432kB oom_score_adj:0', 2271, 'java', '2024-01-06T00:02:22.087Z'],
    ['console oom-kill summary', '[  142.080001] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/ml-server.service,task=python3,pid=1234,uid=1000', 1234, 'python3', '2024-01-06T00:02:22.080Z'],
    ['console Killed process', '[  142.099000] Killed process 1234 (python3) total-vm:6123456kB, anon-rss:3512345kB, file-rss:0kB, shmem-rss:0kB', 1234, 'python3', '2024-01-06T00:02:22.099Z'],
    ['console with log level', '<3>[  142.5] Out of memory: Kill process 99 (node) score 1 or sacrifice child', 99, 'node', '2024-01-06T00:02:22.500Z'],
    ['syslog', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child', 1234, 'python3', '2024-01-15T02:45:12.000Z'],
    ['syslog, padded day', 'Jan  5 23:01:02 ip-10-0-0-1 kernel: Killed process 31337 (postgres) total-vm:1kB', 31337, 'postgres', '2024-01-05T23:01:02.000Z'],
    ['syslog with kernel stamp', 'Jan 15 02:45:12 host kernel: [776112.345678] Out of memory: Killed process 1234 (python3)', 1234, 'python3', '2024-01-15T02:45:12.000Z'],
    ['cgroup OOM', 'Jan 15 02:45:12 host kernel: Memory cgroup out of memory: Killed process 4242 (gunicorn) total-vm:1kB', 4242, 'gunicorn', '2024-01-15T02:45:12.000Z'],
    ['journald ISO', '2024-01-15T02:45:12.123456+00:00 ip-172-31-45-67 kernel: Out of memory: Killed process 1234 (python3)', 1234, 'python3', '2024-01-15T02:45:12.123Z'],
    ['ISO with offset', '2024-01-15T03:45:12+01:00 host kernel: Killed process 7 (a b)', 7, 'a b', '2024-01-15T02:45:12.000Z'],
  ])('%s', (_source, line, pid, process, iso) => {
    const [match, ...rest] = scanLine(line, 1, { bootTime: boot, referenceDate: ref });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ signature: 'oom-kill', severity: 'critical', pid, process });
    expect(match?.at?.toISOString()).toBe(iso);
  });

  it.each([
    'Jan 15 02:45:05 host kernel: python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0',
    "Jan 15 02:45:16 host systemd[1]: ml-server.service: Failed with result 'oom-kill'.",
    '2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer',
    '2024-01-15 02:45:10 ERROR: Memory allocation failed for model inference',
    '[  143.000000] oom_reaper: reaped process 1234 (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
    'Jan 15 02:45:12 host systemd[1]: Killed process group',
  ])('does not match %s', (line) => {
    expect(scanLine(line, 1, { bootTime: boot, referenceDate: ref })).toEqual([]);
  });
});

describe('lineTime', () => {
  it.each([
    ['app log', '2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer', '2024-01-15T02:45:12.000Z', 'iso'],
    ['app log with ms', '2024-01-15 02:45:12,250 ERROR x', '2024-01-15T02:45:12.250Z', 'iso'],
    ['December syslog read in January is last year', 'Dec 31 23:59:59 host x', '2023-12-31T23:59:59.000Z', 'syslog'],
  ])('%s', (_name, line, iso, source) => {
    const t = lineTime(line, { referenceDate: ref });
    expect(t.at?.toISOString()).toBe(iso);
    expect(t.source).toBe(source);
  });

  it('needs a boot time for kernel stamps, else uses the fallback', () => {
    expect(lineTime('[ 1.5] x').at).toBeUndefined();
    const fallback = new Date('2024-01-15T01:00:00Z');
    expect(lineTime('[ 1.5] x', { fallbackTime: fallback })).toEqual({ at: fallback, source: 'event' });
  });
});

describe('scanText + dedupeMatches', () => {
  const consoleText = [
    '[    0.000000] Linux version 6.1.72-96.166.amzn2023.x86_64',
    '[776108.000000] python3 invoked oom-killer: gfp_mask=0x140cca, order=0, oom_score_adj=0',
    '[776112.000000] Out of memory: Kill process 1234 (python3) score 912 or sacrifice child',
    '[776112.012000] Killed process 1234 (python3) total-vm:6100000kB, anon-rss:3480000kB, file-rss:0kB, shmem-rss:0kB',
    '[777000.000000] Out of memory: Killed process 2421 (python3) total-vm:1kB',
    '',
  ].join('\n');

  it('finds each line with its number', () => {
    const matches = scanText(consoleText, { bootTime: boot });
    expect(matches.map((m) => [m.lineNumber, m.pid])).toEqual([[3, 1234], [4, 1234], [5, 2421]]);
  });

  it('keeps one match per killed process, preferring a wall-clock stamp over the kernel one', () => {
    const kernel = scanText(consoleText, { bootTime: new Date(boot.getTime() + 3_200) });
    const syslog = scanLine('Jan 14 23:35:12 host kernel: Out of memory: Kill process 1234 (python3) score 912', 1, { referenceDate: ref });
    const unique = dedupeMatches([...kernel, ...syslog]);
    expect(unique.map((m) => [m.pid, m.timeSource, m.at?.toISOString()])).toEqual([
      [1234, 'syslog', '2024-01-14T23:35:12.000Z'],
      [2421, 'kernel', '2024-01-14T23:50:03.200Z'],
    ]);
  });
});
