// Log and console rules: every signature match in the window becomes evidence; one finding per signature (per
// killed process for the OOM killer, told as the latest kill and a count), each quoting its lines with times.
import type { LogEvent } from '../domain/types.js';
import type { Evidence } from './evidence.js';
import { isInWindow, valueOf } from './evidence.js';
import { hms } from './format.js';
import { dedupeMatches, scanLine, scanText, SIGNATURES } from './signatures.js';
import type { SignatureId, SignatureMatch } from './signatures.js';
import type { EvidenceRef, Finding, LogOrigin } from './types.js';

/** A match and where it was found ('console output', 'log /pettracker/ml-server'), with the line's address. */
export interface SourcedMatch {
  readonly match: SignatureMatch;
  readonly source: string;
  readonly origin?: LogOrigin;
}

/** The address of a log group event, for the log view to open at. */
function eventOrigin(group: string, event: LogEvent): LogOrigin {
  return { kind: 'group', group, stream: event.logStream, timestamp: event.timestamp, eventId: event.eventId, line: event.message };
}

/** Lines quoted per finding: the latest few tell the story without flooding the report. */
const QUOTED = 3;
const ERROR_LINE = /\b(CRITICAL|ERROR|FATAL)\b/;

/** Every signature match in the console output and log events, in the window (undated matches kept). */
export function scanEvidence(evidence: Evidence): SourcedMatch[] {
  const { instance, window, gatheredAt } = evidence;
  const out: SourcedMatch[] = [];
  const consoleOut = valueOf(evidence.consoleOutput);
  if (consoleOut !== undefined) {
    for (const match of scanText(consoleOut.text, { bootTime: instance.launchTime, referenceDate: gatheredAt })) {
      out.push({ match, source: 'console output', origin: { kind: 'console', lineNumber: match.lineNumber, line: match.line, at: match.at } });
    }
  }
  for (const group of valueOf(evidence.logs) ?? []) {
    for (const event of valueOf(group.events) ?? []) {
      for (const match of scanLine(event.message, 0, { referenceDate: event.timestamp, fallbackTime: event.timestamp })) {
        out.push({ match, source: `log ${group.group}`, origin: eventOrigin(group.group, event) });
      }
    }
  }
  return out.filter(({ match }) => isInWindow(match, window, instance.launchTime));
}

const ref = (m: SourcedMatch): EvidenceRef => ({
  label: m.match.line.trim(),
  at: m.match.at,
  source: m.source,
  ...(m.origin === undefined ? {} : { origin: m.origin }),
});

const killText = (m: SignatureMatch): string =>
  `OOM killer killed ${m.process ?? 'a process'}${m.pid === undefined ? '' : ` (pid ${m.pid})`}${m.at === undefined ? '' : ` at ${hms(m.at)}`}`;

function signatureFinding(id: SignatureId, matches: readonly SourcedMatch[]): Finding | undefined {
  const signature = SIGNATURES.find((s) => s.id === id);
  if (signature === undefined || matches.length === 0) return undefined;
  const sorted = [...matches].sort((a, b) => (a.match.at?.getTime() ?? 0) - (b.match.at?.getTime() ?? 0));
  if (id === 'oom-kill') {
    // The kernel logs a kill several times (console and syslog, "Kill process" then "Killed process"): one per pid.
    const kills = dedupeMatches(sorted.map((m) => m.match));
    const latest = kills.at(-1);
    if (latest === undefined) return undefined;
    const count = kills.length > 1 ? ` (${kills.length} OOM kills since ${hms(kills[0]?.at ?? latest.at ?? new Date(0))})` : '';
    const quoted = kills.slice(-QUOTED).map((k) => sorted.find((m) => m.match === k) ?? { match: k, source: 'console output' });
    return { id, severity: 'critical', text: `${killText(latest)}${count}`, at: latest.at, evidence: quoted.map(ref) };
  }
  const last = sorted.at(-1);
  const first = sorted[0];
  if (last === undefined || first === undefined) return undefined;
  const detail = last.match.detail === undefined ? '' : `: ${last.match.detail}`;
  const when = last.match.at === undefined ? '' : ` at ${hms(last.match.at)}`;
  const count = sorted.length > 1 ? ` (${sorted.length} lines since ${first.match.at === undefined ? 'boot' : hms(first.match.at)})` : '';
  return { id, severity: signature.severity, text: `${signature.title}${detail}${when}${count}`, at: first.match.at, evidence: sorted.slice(-QUOTED).map(ref) };
}

/**
 * A match from before the instance last started (an earlier boot in the console, or a line dated before the launch
 * time a stop and start resets): it tells what the previous run went through, not what is wrong now.
 */
export function isBeforeRestart(m: SourcedMatch, launchTime: Date | undefined): boolean {
  return m.match.isEarlierBoot === true || (m.match.at !== undefined && launchTime !== undefined && m.match.at < launchTime);
}

/** Findings from console output and logs: one per signature, plus unexplained ERROR/CRITICAL lines (info). */
export function logRules(evidence: Evidence, all: readonly SourcedMatch[] = scanEvidence(evidence)): Finding[] {
  const findings: Finding[] = [];
  const launch = evidence.instance.launchTime;
  const matches = all.filter((m) => !isBeforeRestart(m, launch));
  for (const signature of SIGNATURES) {
    const f = signatureFinding(signature.id, matches.filter((m) => m.match.signature === signature.id));
    if (f !== undefined) findings.push(f);
  }
  const before = all.filter((m) => isBeforeRestart(m, launch) && SIGNATURES.find((s) => s.id === m.match.signature)?.severity !== 'info');
  const lastBefore = before.at(-1);
  if (lastBefore !== undefined) {
    const title = SIGNATURES.find((s) => s.id === lastBefore.match.signature)?.title ?? lastBefore.match.signature;
    findings.push({
      id: 'before-restart', severity: 'info', at: lastBefore.match.at,
      text: `Before the instance last started${launch === undefined ? '' : ` (${hms(launch)})`}: ${title}${before.length > 1 ? ` and ${before.length - 1} more line(s)` : ''} — history, not the state now`,
      evidence: before.slice(-QUOTED).map(ref),
    });
  }
  const explained = new Set(matches.map((m) => m.match.line));
  const errors: { event: LogEvent; group: string }[] = [];
  for (const group of valueOf(evidence.logs) ?? []) {
    for (const event of valueOf(group.events) ?? []) {
      const inWindow = event.timestamp >= evidence.window.from && event.timestamp <= evidence.window.to;
      if (inWindow && ERROR_LINE.test(event.message) && !explained.has(event.message)) errors.push({ event, group: group.group });
    }
  }
  const last = errors.at(-1);
  if (last !== undefined) {
    findings.push({
      id: 'log-errors',
      severity: 'info',
      text: `${errors.length} other ERROR/CRITICAL log line(s); last at ${hms(last.event.timestamp)}`,
      at: errors[0]?.event.timestamp,
      evidence: errors.slice(-QUOTED).map((e) => ({ label: e.event.message.trim(), at: e.event.timestamp, source: `log ${e.group}`, origin: eventOrigin(e.group, e.event) })),
    });
  }
  return findings;
}
