// The two CloudWatch Logs groups the ML servers ship to: one stream per shipping instance (named after its id),
// routine lines generated on demand per 5-minute slot plus each instance's scenario lines.
import { hash32, hashString, noise } from './rng.js';
import { appLine, LOG_GROUPS, routineLines, SLOT_MS, syslogLine } from './scenarios/logs.js';
import type { LogKind } from './scenarios/logs.js';
import type { FleetMember } from './scenarios/fleet.js';
import type { TimedLine } from './scenarios/types.js';
import type { SimLogEvent, SimLogGroup } from './types.js';
import { isUp } from './world-actions.js';
import type { Lifecycle } from './world-actions.js';
import type { Role } from './world-cast.js';

/** A log stream as DescribeLogStreams needs it. */
export interface SimLogStream {
  readonly name: string;
  readonly creationTime: number;
}

/** One instance shipping logs, with what makes its lines. */
export interface Shipper {
  readonly member: FleetMember;
  readonly role: Role | undefined;
  readonly logSeed: number;
}

const byTime = (a: TimedLine, b: TimedLine): number => a.t - b.t;
const kindOf = (group: string): LogKind | undefined =>
  group === LOG_GROUPS.system ? 'system' : group === LOG_GROUPS.app ? 'app' : undefined;

/** Lines a shipper writes when it boots after a user action: the agent and the app come back. */
function bootLines(kind: LogKind, at: number, ip: string): TimedLine[] {
  if (kind === 'system') {
    return [
      syslogLine(at + 9_600, ip, 'systemd[1]: Started amazon-cloudwatch-agent.service - Amazon CloudWatch Agent.'),
      syslogLine(at + 10_000, ip, 'systemd[1]: Started ml-server.service - PetTracker ML inference server.'),
    ];
  }
  return [
    appLine(at + 12_000, 'INFO', 'Starting PetTracker ML server v2.3.1'),
    appLine(at + 13_000, 'INFO', 'Loading model breed-classifier-v3 (1.9 GiB)'),
    appLine(at + 27_000, 'INFO', 'Listening on 0.0.0.0:8080 with 4 workers'),
  ];
}

/**
 * Log reads over a set of shippers; `now` is the fleet clock, `creation` when both groups were created, `lifeOf`
 * a shipper's action-log view (undefined while nobody acted on it).
 */
export function createLogs(shippers: readonly Shipper[], now: () => number, creation: number, lifeOf: (m: FleetMember) => Lifecycle | undefined) {
  // After user actions: routine lines while up, scenario lines and hints only until the fix, boot lines on each boot.
  const actedLines = (s: Shipper, life: Lifecycle, group: string, kind: LogKind, from: number, to: number): TimedLine[] => {
    const o = s.role?.overrides;
    const healed = life.healedAt;
    const silent = o?.silentFrom ?? Infinity;
    const ip = s.member.instance.privateIp;
    const lines: TimedLine[] = [];
    if (from < healed) lines.push(...routineLines(kind, from, Math.min(to, healed), s.logSeed, ip, o?.app));
    if (to > healed) lines.push(...routineLines(kind, Math.max(from, healed), to, s.logSeed, ip, undefined));
    if (o?.logLines !== undefined && from < healed) lines.push(...o.logLines(group, from, Math.min(to, healed)));
    for (const boot of life.boots) lines.push(...bootLines(kind, boot.at, ip));
    const isWriting = (t: number): boolean => isUp(life, t) && !(t >= silent && t < healed);
    return lines.filter((l) => l.t >= from && l.t < to && isWriting(l.t));
  };

  const linesOf = (s: Shipper, group: string, kind: LogKind, from: number, to: number): TimedLine[] => {
    const life = lifeOf(s.member);
    if (life !== undefined) return actedLines(s, life, group, kind, from, to);
    const o = s.role?.overrides;
    const silentFrom = Math.min(o?.silentFrom ?? Infinity, s.member.stoppedAt ?? Infinity);
    const until = Math.min(to, silentFrom);
    if (until <= from) return [];
    const lines = routineLines(kind, from, until, s.logSeed, s.member.instance.privateIp, o?.app);
    if (o?.logLines !== undefined) lines.push(...o.logLines(group, from, until).filter((l) => l.t >= from && l.t < until));
    return lines;
  };

  const logGroups = (): readonly SimLogGroup[] => {
    const slots = (Math.max(0, (now() - creation) / SLOT_MS)) * shippers.length;
    return [
      { name: LOG_GROUPS.system, creationTime: creation, storedBytes: Math.round(slots * 190) },
      { name: LOG_GROUPS.app, creationTime: creation, storedBytes: Math.round(slots * 230) },
    ].sort((a, b) => (a.name < b.name ? -1 : 1));
  };

  const logEvents = (group: string, start: number, end: number): readonly SimLogEvent[] => {
    const kind = kindOf(group);
    const from = Math.max(start, creation);
    const to = Math.min(end, now() + 1);
    if (kind === undefined || to <= from) return [];
    const events: SimLogEvent[] = [];
    for (const s of shippers) {
      const stream = s.member.instance.id;
      const streamKey = hashString(stream);
      // Sort is stable, so lines written in the same millisecond keep their order.
      for (const l of linesOf(s, group, kind, from, to).sort(byTime)) {
        events.push({
          timestamp: l.t,
          ingestionTime: l.t + 600 + Math.floor(noise(s.logSeed, 0x1095, l.t) * 4000),
          message: l.text,
          logStream: stream,
          eventId: `${String(l.t).padStart(16, '0')}${String(hash32(s.logSeed, hashString(l.text), streamKey)).padStart(10, '0')}`,
        });
      }
    }
    return shippers.length > 1 ? events.sort((a, b) => a.timestamp - b.timestamp) : events;
  };

  const logStreams = (group: string): readonly SimLogStream[] =>
    kindOf(group) === undefined ? [] : shippers.map((s) => ({ name: s.member.instance.id, creationTime: creation }));

  return { logGroups, logEvents, logStreams };
}
