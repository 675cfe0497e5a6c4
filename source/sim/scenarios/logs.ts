// Routine log lines of the ML server, generated per 5-minute slot on demand so 24 h of history costs nothing
// until someone reads it. Scenario lines (the incident) are added on top by the world.
import { noise } from '../rng.js';
import type { AppHints, TimedLine } from './types.js';
import { hostname, isoStamp, syslogStamp } from './text.js';

/** The two log groups the CloudWatch agent on the ML server ships to (streams are named after the instance id). */
export const LOG_GROUPS = {
  system: '/pettracker/ec2/system',
  app: '/pettracker/ml-server',
} as const;

export type LogKind = keyof typeof LOG_GROUPS;

/** Length of the slot routine lines are generated for. */
export const SLOT_MS = 300_000;

/** A /var/log/messages line. */
export function syslogLine(t: number, privateIp: string, text: string): TimedLine {
  return { t, text: `${syslogStamp(t)} ${hostname(privateIp)} ${text}` };
}

/** An /opt/ml-server/logs/app.log line. */
export function appLine(t: number, level: string, text: string): TimedLine {
  return { t, text: `${isoStamp(t)} ${level}: ${text}` };
}

const NORMAL: AppHints = { traffic: () => 1, isServing: () => true };

function systemSlot(slot: number, seed: number, ip: string, hints: AppHints): TimedLine[] {
  const index = Math.floor(slot / SLOT_MS);
  const at = (key: number, spreadMs = SLOT_MS - 10_000): number => slot + Math.floor(noise(seed, 300, index, key) * spreadMs);
  const out: TimedLine[] = [];
  const hc = at(1);
  out.push(syslogLine(hc, ip, `amazon-ssm-agent[2107]: ${isoStamp(hc)} INFO [HealthCheck] HealthCheck reporting agent health.`));
  if (index % 12 === 5) {
    const s = at(2, 60_000);
    out.push(syslogLine(s, ip, 'systemd[1]: Starting dnf-makecache.service - dnf makecache...'));
    out.push(syslogLine(s + 1_800, ip, 'dnf[312045]: Metadata cache refreshed recently.'));
    out.push(syslogLine(s + 1_900, ip, 'systemd[1]: dnf-makecache.service: Deactivated successfully.'));
    out.push(syslogLine(s + 1_900, ip, 'systemd[1]: Finished dnf-makecache.service - dnf makecache.'));
  }
  if (index % 72 === 17) out.push(syslogLine(at(3), ip, 'chronyd[612]: Selected source 169.254.169.123 (169.254.169.123)'));
  const login = at(4, 200_000);
  if (noise(seed, 301, index) < 0.04 && (hints.acceptsSsh?.(login) ?? true)) {
    const s = login;
    const session = 100 + (index % 900);
    out.push(syslogLine(s, ip, `sshd[${20000 + (index % 9000)}]: Accepted publickey for ec2-user from 203.0.113.${10 + (index % 200)} port ${40000 + (index % 20000)} ssh2: ED25519 SHA256:pT3q9kX2mVb8cLw4yZ1nR6sJ0uHf7eDg5aQiWoKtMxE`));
    out.push(syslogLine(s + 40, ip, `systemd-logind[788]: New session ${session} of user ec2-user.`));
    out.push(syslogLine(s + 45, ip, `systemd[1]: Started session-${session}.scope - Session ${session} of User ec2-user.`));
  }
  return out;
}

function appSlot(slot: number, seed: number, hints: AppHints): TimedLine[] {
  const index = Math.floor(slot / SLOT_MS);
  const out: TimedLine[] = [];
  const mid = slot + 150_000;
  const end = slot + SLOT_MS - 1_000 - Math.floor(noise(seed, 400, index) * 4_000);
  if (hints.isServing(end)) {
    const traffic = hints.traffic(end);
    const requests = Math.round(1_450 * traffic * (0.9 + 0.2 * noise(seed, 401, index)));
    const p95 = Math.round(180 * traffic ** 1.4 * (hints.latency?.(end) ?? 1) * (0.9 + 0.2 * noise(seed, 402, index)));
    out.push(appLine(end, 'INFO', `Processed ${requests} inference requests in last 5m (p95 latency ${p95} ms)`));
  }
  if (hints.isServing(mid) && (hints.isHealthy?.(mid) ?? true) && noise(seed, 403, index) < 0.5) {
    out.push(appLine(mid, 'INFO', 'Health check OK (model=breed-classifier-v3, workers=4)'));
  }
  const mem = hints.memPercent?.(mid + 30_000);
  if (mem !== undefined && mem > 85 && hints.isServing(mid + 30_000)) {
    const usedGiB = ((mem / 100) * 3.7).toFixed(1);
    out.push(appLine(mid + 30_000, 'WARNING', `Memory usage at ${Math.round(mem)}% (${usedGiB} GiB of 3.7 GiB), inference queue growing`));
  }
  if (hints.isServing(slot + 60_000) && noise(seed, 404, index) < 0.15) {
    out.push(appLine(slot + 60_000, 'INFO', `Batch inference job completed: ${64 + (index % 5) * 32} images`));
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Routine lines of one group kind with t in [from, to), ascending. */
export function routineLines(kind: LogKind, from: number, to: number, seed: number, privateIp: string, hints: AppHints | undefined): TimedLine[] {
  const out: TimedLine[] = [];
  for (let slot = Math.floor(from / SLOT_MS) * SLOT_MS; slot < to; slot += SLOT_MS) {
    const lines = kind === 'system' ? systemSlot(slot, seed, privateIp, hints ?? NORMAL) : appSlot(slot, seed, hints ?? NORMAL);
    for (const line of lines) if (line.t >= from && line.t < to) out.push(line);
  }
  return out;
}
