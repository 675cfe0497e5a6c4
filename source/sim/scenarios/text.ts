// Formatting of the timestamps that appear inside console and log text. All UTC, as on an EC2 instance.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The kernel's clock starts a few seconds after EC2's launch time (firmware and boot loader run first). */
export const KERNEL_START_DELAY_MS = 3_200;

/** 'Jan 15 02:45:12' (syslog pads the day with a space: 'Jan  5'). */
export function syslogStamp(t: number): string {
  const d = new Date(t);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${String(d.getUTCDate()).padStart(2, ' ')} ${time}`;
}

/** '2024-01-15 02:45:10' */
export function isoStamp(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

/** 'Mon, 15 Jan 2024 02:44:50 +0000' as cloud-init prints it. */
export function rfc2822(t: number): string {
  return new Date(t).toUTCString().replace('GMT', '+0000');
}

/** '[    5.123456]': seconds since the kernel started, printk style (%5lu.%06lu); `subMs` adds microseconds below t's ms. */
export function kernelStamp(t: number, launchTime: number, subMs = 0): string {
  const micros = Math.max(0, Math.round((t - launchTime - KERNEL_START_DELAY_MS) * 1000) + Math.floor(subMs));
  const secs = Math.floor(micros / 1_000_000);
  return `[${String(secs).padStart(5, ' ')}.${pad(micros % 1_000_000, 6)}]`;
}

/** EC2's default hostname for a private IP: 'ip-172-31-45-67'. */
export function hostname(privateIp: string): string {
  return `ip-${privateIp.replaceAll('.', '-')}`;
}
