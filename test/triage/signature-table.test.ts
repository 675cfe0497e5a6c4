// The new rows of the signature table on lines written from what the kernel, systemd, sshd and cloud-init print.
import { describe, expect, it } from 'vitest';
import { scanLine, scanText } from '../../source/triage/signatures.js';

const boot = new Date('2024-01-06T00:00:00Z');
const ref = new Date('2024-01-15T03:00:00Z');

describe('scanLine: signature table', () => {
  it.each([
    // [signature, line, detail, ISO time or null]
    ['kernel-panic', '[787680.112345] Kernel panic - not syncing: Fatal exception', 'Fatal exception', '2024-01-15T02:48:00.112Z'],
    ['kernel-panic', '[    3.201442] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)', 'VFS: Unable to mount root fs on unknown-block(0,0)', '2024-01-06T00:00:03.201Z'],
    ['kernel-panic', 'Jan 15 02:48:00 ip-172-31-45-67 kernel: Kernel panic - not syncing: Out of memory and no killable processes...', 'Out of memory and no killable processes...', '2024-01-15T02:48:00.000Z'],
    ['fs-error', '[ 5123.004211] EXT4-fs error (device nvme0n1p1): ext4_lookup:1785: inode #2: comm systemd: deleted inode referenced: 1234', 'nvme0n1p1', '2024-01-06T01:25:23.004Z'],
    ['fs-error', 'Jan 15 02:10:11 host kernel: XFS (nvme1n1): Corruption detected. Unmount and run xfs_repair', 'nvme1n1', '2024-01-15T02:10:11.000Z'],
    ['fsck-failed', '[    4.118203] systemd-fsck[312]: /dev/nvme0n1p1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.', undefined, '2024-01-06T00:00:04.118Z'],
    ['fsck-failed', 'Jan 15 01:00:02 host systemd-fsck[312]: fsck failed with exit status 4.', undefined, '2024-01-15T01:00:02.000Z'],
    ['fsck-failed', '[FAILED] Failed to start systemd-fsck@dev-disk-by\\x2duuid-1b2c.service - File System Check on /dev/disk/by-uuid/1b2c.', '- File System Check on /dev/disk/by-uuid/1b2c.', null],
    ['disk-full', "2024-01-15 02:52:02 ERROR: Batch inference job failed: OSError: [Errno 28] No space left on device: '/var/tmp/x.npy'", undefined, '2024-01-15T02:52:02.000Z'],
    ['disk-full', '[787920.1] systemd-journald[512]: Failed to open system journal: No space left on device', undefined, '2024-01-15T02:52:00.100Z'],
    ['disk-full', 'Jan 15 02:52:31 host amazon-ssm-agent[2107]: ERROR failed to persist document state: write /var/lib/amazon/ssm/.tmp: no space left on device', undefined, '2024-01-15T02:52:31.000Z'],
    ['read-only-fs', '[ 5123.004500] EXT4-fs (nvme0n1p1): Remounting filesystem read-only', undefined, '2024-01-06T01:25:23.004Z'],
    ['read-only-fs', "Jan 15 02:55:00 host rsyslogd[1021]: cannot open '/var/log/messages': Read-only file system", undefined, '2024-01-15T02:55:00.000Z'],
    ['cloud-init-failed', 'Jan 15 00:00:14 host cloud-init[1834]: util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]', undefined, '2024-01-15T00:00:14.000Z'],
    ['cloud-init-failed', 'Jan 15 00:00:14 host cloud-init[1834]: cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)', undefined, '2024-01-15T00:00:14.000Z'],
    ['cloud-init-failed', '[FAILED] Failed to start cloud-final.service - Execute cloud user/final scripts.', 'cloud-final.service - Execute cloud user/final scripts', null],
    ['cloud-init-failed', "Jan 15 00:00:15 host systemd[1]: cloud-final.service: Failed with result 'exit-code'.", undefined, '2024-01-15T00:00:15.000Z'],
    ['cloud-init-failed', '[FAILED] Failed to start Cloud-init: Network Stage.', 'Cloud-init: Network Stage', null],
    ['sshd-failed', 'Jan 15 00:00:09 host sshd[1102]: error: Could not load host key: /etc/ssh/ssh_host_ed25519_key', 'Could not load host key: /etc/ssh/ssh_host_ed25519_key', '2024-01-15T00:00:09.000Z'],
    ['sshd-failed', 'Jan 15 00:00:09 host sshd[1102]: fatal: No supported key exchange algorithms [preauth]', 'No supported key exchange algorithms [preauth]', '2024-01-15T00:00:09.000Z'],
    ['sshd-failed', '[FAILED] Failed to start sshd.service - OpenSSH server daemon.', undefined, null],
    ['sshd-failed', 'Failed to start OpenSSH server daemon.', undefined, null],
    ['sshd-failed', "Jan 15 00:00:10 host systemd[1]: sshd.service: Failed with result 'exit-code'.", undefined, '2024-01-15T00:00:10.000Z'],
    ['nic-error', '[ 9001.5] ena 0000:00:05.0 eth0: Keep alive watchdog timeout.', 'Keep alive watchdog timeout.', '2024-01-06T02:30:01.500Z'],
    ['nic-error', '[ 9001.6] ena 0000:00:05.0: Failed to init indirect table', 'Failed to init indirect table', '2024-01-06T02:30:01.600Z'],
    ['nic-error', '[ 9001.7] ena_com_wait_and_process_admin_cq_polling: Wrong completion status error', undefined, '2024-01-06T02:30:01.700Z'],
    ['nic-error', '[ 9002.0] NETDEV WATCHDOG: eth0 (ena): transmit queue 2 timed out', 'eth0 (ena): transmit queue 2 timed out', '2024-01-06T02:30:02.000Z'],
    ['soft-lockup', '[ 7200.1] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [kworker/0:1:123]', '0', '2024-01-06T02:00:00.100Z'],
    ['soft-lockup', '[ 7200.2] NMI watchdog: Watchdog detected hard LOCKUP on cpu 1', '1', '2024-01-06T02:00:00.200Z'],
  ] as const)('%s: %s', (signature, line, detail, iso) => {
    const matches = scanLine(line, 1, { bootTime: boot, referenceDate: ref });
    expect(matches.map((m) => m.signature)).toEqual([signature]);
    expect(matches[0]?.detail).toBe(detail);
    expect(matches[0]?.at?.toISOString() ?? null).toBe(iso);
  });

  it.each([
    '---[ end Kernel panic - not syncing: Fatal exception ]---',
    '[    0.000000] Linux version 6.1.72-96.166.amzn2023.x86_64',
    '[    2.104512] ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.11.0g',
    'Modules linked in: xfs nvme ena crc32c_intel ghash_clmulni_intel sunrpc dm_mod',
    '[  OK  ] Started sshd.service - OpenSSH server daemon.',
    'Jan 15 01:10:04 host sshd[48211]: Accepted publickey for ec2-user from 203.0.113.24 port 51934 ssh2',
    'Jan 15 01:10:05 host sshd[48300]: Failed password for invalid user admin from 198.51.100.7 port 40022 ssh2',
    '[   12.881001] cloud-init[1834]: Cloud-init v. 22.2.2 finished at Sat, 06 Jan 2024 00:00:12 +0000. Up 12.70 seconds',
    '[    1.2] EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode. Quota mode: none.',
    "Jan 15 02:45:16 host systemd[1]: ml-server.service: Failed with result 'oom-kill'.",
    '2024-01-15 02:00:00 INFO: free disk space 41%',
  ])('does not match %s', (line) => {
    expect(scanLine(line, 1, { bootTime: boot, referenceDate: ref })).toEqual([]);
  });

  it('a panic trace yields one kernel-panic match, not the closing line', () => {
    const text = ['[787680.104233] BUG: kernel NULL pointer dereference, address: 0000000000000010', '[787680.112345] Kernel panic - not syncing: Fatal exception', '[787680.113000] ---[ end Kernel panic - not syncing: Fatal exception ]---'].join('\n');
    expect(scanText(text, { bootTime: boot }).map((m) => [m.signature, m.lineNumber])).toEqual([['kernel-panic', 2]]);
  });
});
