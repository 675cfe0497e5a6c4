// The console output of an Amazon Linux 2023 boot on a Nitro instance: kernel, systemd, cloud-init, login prompt.
import { hash32 } from '../rng.js';
import type { SimInstance, SimInstanceType } from '../types.js';
import type { TimedLine } from './types.js';
import { hostname, kernelStamp, KERNEL_START_DELAY_MS, rfc2822 } from './text.js';

const KERNEL = '6.1.72-96.166.amzn2023.x86_64';

const fingerprint = (seed: number, n: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < 43; i++) out += alphabet[hash32(seed, n, i) % 64] ?? 'A';
  return out;
};

/** Boot lines of an instance, timed from its launch; `services` are extra units started at the end (agent, app). */
export function bootLog(instance: SimInstance, type: SimInstanceType | undefined, seed: number, services: readonly string[]): TimedLine[] {
  const boot = instance.launchTime + KERNEL_START_DELAY_MS;
  const host = hostname(instance.privateIp);
  const memKiB = (type?.memoryMiB ?? 4096) * 1024;
  const cpus = type?.vcpus ?? 2;
  const lines: TimedLine[] = [];
  // Kernel lines carry their own stamp; userspace lines (systemd status, cloud-init) do not, as on a real console.
  const k = (sec: number, text: string): void => {
    const t = boot + Math.floor(sec * 1000);
    lines.push({ t, text: `${kernelStamp(t, instance.launchTime, Math.round(sec * 1e6) % 1000)} ${text}` });
  };
  const u = (sec: number, text: string): void => {
    lines.push({ t: boot + Math.round(sec * 1000), text });
  };
  k(0, `Linux version ${KERNEL} (mockbuild@ip-10-0-48-71) (gcc (GCC) 11.4.1 20230605 (Red Hat 11.4.1-2), GNU ld version 2.39-6.amzn2023.0.9) #1 SMP PREEMPT_DYNAMIC Wed Jan 10 22:58:38 UTC 2024`);
  k(0, `Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz-${KERNEL} root=UUID=d5e6f7a8-1b2c-4d3e-9f4a-5b6c7d8e9f01 ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295 rd.emergency=poweroff rd.shell=0 selinux=1 security=selinux quiet`);
  k(0, 'BIOS-provided physical RAM map:');
  k(0, 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable');
  k(0, `DMI: Amazon EC2 ${instance.type}/, BIOS 1.0 10/16/2017`);
  k(0, 'Hypervisor detected: KVM');
  k(0, 'kvm-clock: Using msrs 4b564d01 and 4b564d00');
  k(0.011834, `Memory: ${Math.round(memKiB * 0.92)}K/${memKiB}K available (16393K kernel code, 9478K rwdata, 7008K rodata)`);
  k(0.031512, `smpboot: Allowing ${cpus} CPUs, 0 hotplug CPUs`);
  k(0.109377, 'smpboot: CPU0: Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz (family: 0x6, model: 0x55, stepping: 0x7)');
  k(0.261203, `smp: Brought up 1 node, ${cpus} CPUs`);
  k(0.812655, 'nvme nvme0: pci function 0000:00:04.0');
  k(0.830417, 'nvme nvme0: 2/0/0 default/read/poll queues');
  k(0.836902, ' nvme0n1: p1 p127 p128');
  k(1.020118, 'ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.8.1g');
  k(1.051734, 'ena 0000:00:05.0: ENA device version: 0.10');
  k(1.213050, 'XFS (nvme0n1p1): Mounting V5 Filesystem');
  k(1.291876, 'XFS (nvme0n1p1): Ending clean mount');
  k(1.603311, 'systemd[1]: systemd 252.16-1.amzn2023.0.1 running in system mode (+PAM +AUDIT +SELINUX -APPARMOR +IMA +SMACK +SECCOMP)');
  k(1.620504, 'systemd[1]: Detected virtualization amazon.');
  k(1.620512, 'systemd[1]: Detected architecture x86-64.');
  k(1.701244, `systemd[1]: Hostname set to <${host}.ec2.internal>.`);
  u(2.1, '[  OK  ] Started systemd-journald.service - Journal Service.');
  u(2.4, '[  OK  ] Finished systemd-remount-fs.service - Remount Root and Kernel File Systems.');
  u(3.2, '[  OK  ] Started systemd-networkd.service - Network Configuration.');
  u(4.8, '[  OK  ] Reached target network-online.target - Network is Online.');
  u(4.9, '         Starting cloud-init.service - Initial cloud-init job (metadata service crawler)...');
  u(6.2, `cloud-init[1789]: Cloud-init v. 22.2.2 running 'init' at ${rfc2822(boot + 6200)}. Up 6.21 seconds.`);
  u(6.3, 'cloud-init[1789]: ci-info: ++++++++++++++++++++++++++++++++++++++Net device info++++++++++++++++++++++++++++++++++++++');
  u(6.3, `cloud-init[1789]: ci-info: |  ens5  | True |        ${instance.privateIp}        | 255.255.240.0 | global | 0a:1b:2c:3d:4e:5f |`);
  u(7.9, 'cloud-init[1789]: Generating public/private ed25519 key pair.');
  u(8.4, '-----BEGIN SSH HOST KEY FINGERPRINTS-----');
  u(8.4, `256 SHA256:${fingerprint(seed, 1)} no comment (ECDSA)`);
  u(8.4, `256 SHA256:${fingerprint(seed, 2)} no comment (ED25519)`);
  u(8.4, '-----END SSH HOST KEY FINGERPRINTS-----');
  u(9.1, '[  OK  ] Started sshd.service - OpenSSH server daemon.');
  u(9.3, '[  OK  ] Started amazon-ssm-agent.service - amazon-ssm-agent.');
  services.forEach((service, i) => u(9.6 + i * 0.4, `[  OK  ] Started ${service}.`));
  u(14.38, `cloud-init[2012]: Cloud-init v. 22.2.2 finished at ${rfc2822(boot + 14_380)}. Datasource DataSourceEc2.  Up 14.38 seconds`);
  u(14.5, '');
  u(14.5, 'Amazon Linux 2023.3.20240108');
  u(14.5, `Kernel ${KERNEL} on an x86_64 (-)`);
  u(14.5, '');
  u(14.5, `${host} login: `);
  return lines;
}
