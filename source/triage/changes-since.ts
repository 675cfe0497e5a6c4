// What changed between two triage runs of one instance, in one line: the next on-call resumes a session and
// re-triages, and reads "since 03:12: memory 55 % (was 97 %), no new kill; status checks ok". Pure: it compares the
// runs' key facts (cause, confidence, memory, CPU, disk, OOM kills, status checks) and says only what it read.
import type { CheckStatus } from '../domain/types.js';
import { stateOf, valueOf, type Evidence, type MetricKey } from './evidence.js';
import { hm } from './format.js';
import { scanEvidence } from './rules-logs.js';
import { dedupeMatches } from './signatures.js';
import type { TriageRun } from './run.js';

/** The facts of a run the comparison reads; undefined where the run did not read it. */
export interface KeyFacts {
  readonly at: Date;
  /** 'healthy', or the cause's id ('oom'). */
  readonly cause: string;
  readonly confidence: string;
  readonly memory: number | undefined;
  readonly cpu: number | undefined;
  readonly disk: number | undefined;
  /** Times of the OOM kills seen (undated ones as undefined); undefined when neither console nor logs were read. */
  readonly kills: readonly (number | undefined)[] | undefined;
  /** 'ok' when both status checks pass; the worst other status; undefined when not read. */
  readonly checks: CheckStatus | undefined;
}

const latest = (e: Evidence, key: MetricKey): number | undefined => valueOf(e.metrics[key])?.values.at(-1);

const CHECK_RANK: Readonly<Record<CheckStatus, number>> = { ok: 0, 'not-applicable': 0, initializing: 1, 'insufficient-data': 2, impaired: 3 };

/** The key facts of one run. */
export function keyFacts(run: TriageRun): KeyFacts {
  const e = run.evidence;
  const d = run.result.diagnosis;
  const status = valueOf(e.status);
  const checks = status === undefined ? undefined : [status.system.status, status.instance.status].sort((a, b) => CHECK_RANK[b] - CHECK_RANK[a])[0];
  const isLogRead = stateOf(e.consoleOutput) !== 'unknown' || stateOf(e.logs) !== 'unknown';
  const kills = isLogRead ? dedupeMatches(scanEvidence(e).map((m) => m.match).filter((m) => m.signature === 'oom-kill')).map((m) => m.at?.getTime()) : undefined;
  return {
    at: e.gatheredAt,
    cause: d.healthy ? 'healthy' : d.cause,
    confidence: d.confidence,
    memory: latest(e, 'mem'),
    cpu: latest(e, 'cpuAvg'),
    disk: latest(e, 'disk'),
    kills,
    checks,
  };
}

const pc = (v: number): string => `${Math.round(v)} %`;

function metricPart(name: string, now: number | undefined, was: number | undefined): string[] {
  if (now === undefined) return [];
  return [was === undefined || Math.round(was) === Math.round(now) ? `${name} ${pc(now)}` : `${name} ${pc(now)} (was ${pc(was)})`];
}

/** OOM kills after the earlier run was taken (an undated kill counts as new only if the earlier run had fewer). */
function killPart(now: KeyFacts, was: KeyFacts): string[] {
  if (now.kills === undefined) return [];
  const since = was.at.getTime();
  const dated = now.kills.filter((t): t is number => t !== undefined && t > since).length;
  const undated = Math.max(0, now.kills.filter((t) => t === undefined).length - (was.kills?.filter((t) => t === undefined).length ?? 0));
  const fresh = dated + undated;
  return [fresh === 0 ? 'no new kill' : `${fresh} new OOM kill${fresh === 1 ? '' : 's'}`];
}

/** "since 03:12: memory 55 % (was 97 %), no new kill; status checks ok" — `after` compared with `before`. */
export function changesSince(before: TriageRun, after: TriageRun): string {
  const was = keyFacts(before);
  const now = keyFacts(after);
  const cause = now.cause === was.cause ? (now.cause === 'healthy' ? 'healthy' : `still ${now.cause}`) : `${now.cause} (was ${was.cause})`;
  const confidence = now.confidence === was.confidence || now.cause === 'healthy' ? [] : [`confidence ${now.confidence} (was ${was.confidence})`];
  const facts = [...metricPart('memory', now.memory, was.memory), ...metricPart('CPU', now.cpu, was.cpu), ...metricPart('disk', now.disk, was.disk), ...killPart(now, was)];
  const checks = now.checks === undefined ? [] : [now.checks === was.checks || was.checks === undefined ? `status checks ${now.checks}` : `status checks ${now.checks} (was ${was.checks})`];
  const groups = [[cause, ...confidence], facts, checks].filter((g) => g.length > 0).map((g) => g.join(', '));
  return `since ${hm(was.at).replace(' UTC', '')}: ${groups.join('; ')}`;
}
