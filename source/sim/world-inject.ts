// An incident as a window of fleet time: a scenario's overrides apply from `from` (its injection, or the dawn of
// time for one cast at start) until `until` (an instructor's heal, or never). Outside the window the instance is
// the healthy one, so injecting does not rewrite the past a trainee has already seen, and healing leaves the
// incident's record (its log and console lines, its metrics) where it happened.
import { CPU_CREDITS_TIMELINE } from './scenarios/cpu-credits.js';
import { DISK_FULL_TIMELINE } from './scenarios/disk-full.js';
import { INSTANCE_CHECK_TIMELINE } from './scenarios/instance-check-failed.js';
import { NO_PUBLIC_IP_TIMELINE } from './scenarios/no-public-ip.js';
import { OOM_TIMELINE } from './scenarios/oom.js';
import { SSH_BLOCKED_TIMELINE } from './scenarios/ssh-blocked.js';
import { SYSTEM_CHECK_TIMELINE } from './scenarios/system-check-failed.js';
import type { AppHints, MetricOverride, ScenarioOverrides, TimedLine } from './scenarios/types.js';
import { WONT_START_TIMELINE } from './scenarios/wont-start.js';

/**
 * Each scenario's fault, as an offset from its T0 (the scenarios' own timelines): cast at start, most faults lie
 * before T0 (the page comes after them). An injected incident is one that starts now, so its fault is placed at
 * the injection; the oom kill, which comes after T0, keeps its 20 s of memory at the ceiling first.
 */
export const FAULT_OFFSETS: Readonly<Record<string, number>> = {
  oom: OOM_TIMELINE.firstKill,
  'system-check-failed': SYSTEM_CHECK_TIMELINE.hostFailed,
  'instance-check-failed': INSTANCE_CHECK_TIMELINE.panic,
  'ssh-blocked': SSH_BLOCKED_TIMELINE.ruleRemoved,
  'no-public-ip': NO_PUBLIC_IP_TIMELINE.relaunched,
  'wont-start': WONT_START_TIMELINE.stopped,
  'cpu-credits': CPU_CREDITS_TIMELINE.creditsExhausted,
  'disk-full': DISK_FULL_TIMELINE.full,
};

/** The scenario's T0 for an incident injected at `at`: its fault happens at `at` (or its own delay after). */
export function injectedT0(scenario: string, at: number): number {
  return at - Math.min(0, FAULT_OFFSETS[scenario] ?? 0);
}

/** When an incident applies: [from, until). */
export interface IncidentWindow {
  readonly from: number;
  readonly until: number;
}

const inWindow = (w: IncidentWindow, t: number): boolean => t >= w.from && t < w.until;

function windowedMetrics(
  metrics: Readonly<Partial<Record<string, MetricOverride>>> | undefined,
  w: IncidentWindow,
): Readonly<Partial<Record<string, MetricOverride>>> | undefined {
  if (metrics === undefined) return undefined;
  const out: Partial<Record<string, MetricOverride>> = {};
  for (const [name, override] of Object.entries(metrics)) {
    if (override !== undefined) out[name] = (t, base) => (inWindow(w, t) ? override(t, base) : base);
  }
  return out;
}

function windowedLines(
  make: ((from: number, to: number) => readonly TimedLine[]) | undefined,
  w: IncidentWindow,
): ((from: number, to: number) => readonly TimedLine[]) | undefined {
  if (make === undefined) return undefined;
  return (from, to) => {
    const a = Math.max(from, w.from);
    const b = Math.min(to, w.until);
    return b <= a ? [] : make(a, b).filter((l) => inWindow(w, l.t));
  };
}

function windowedApp(app: AppHints | undefined, w: IncidentWindow): AppHints | undefined {
  if (app === undefined) return undefined;
  const pick = <T>(f: ((t: number) => T) | undefined, healthy: T): ((t: number) => T) | undefined =>
    f === undefined ? undefined : (t) => (inWindow(w, t) ? f(t) : healthy);
  const memPercent = app.memPercent;
  return {
    traffic: (t) => (inWindow(w, t) ? app.traffic(t) : 1),
    isServing: (t) => (inWindow(w, t) ? app.isServing(t) : true),
    // Below the application's warning threshold (85 %) outside the incident: no memory warnings.
    ...(memPercent === undefined ? {} : { memPercent: (t: number) => (inWindow(w, t) ? memPercent(t) : 55) }),
    ...(app.acceptsSsh === undefined ? {} : { acceptsSsh: pick(app.acceptsSsh, true) }),
    ...(app.isHealthy === undefined ? {} : { isHealthy: pick(app.isHealthy, true) }),
    ...(app.latency === undefined ? {} : { latency: pick(app.latency, 1) }),
  };
}

/**
 * A time the scenario silences the instance from (the agent stops, it crashes, it stops), never before the window;
 * none once the incident is healed (these silences have no end: the healthy instance reports again).
 */
const silenceIn = (t: number | undefined, w: IncidentWindow): number | undefined =>
  t === undefined || w.until !== Infinity ? undefined : Math.max(t, w.from);

/**
 * The overrides applying only in `w`. `now` is the fleet clock: the instance, its status and its security group
 * follow the scenario while now is in the window, and are the healthy ones before and after it.
 */
export function windowed(o: ScenarioOverrides, w: IncidentWindow, now: () => number): ScenarioOverrides {
  if (w.from === -Infinity && w.until === Infinity) return o;
  const instance = o.instance;
  const status = o.status;
  const group = o.securityGroup;
  return {
    ...(instance === undefined ? {} : { instance: (base, at) => (inWindow(w, at) ? instance(base, at) : base) }),
    ...(status === undefined ? {} : { status: (base, at) => (inWindow(w, at) ? status(base, at) : base) }),
    metrics: windowedMetrics(o.metrics, w),
    demand: windowedMetrics(o.demand, w),
    agentStoppedAt: silenceIn(o.agentStoppedAt, w),
    stoppedAt: silenceIn(o.stoppedAt, w),
    silentFrom: silenceIn(o.silentFrom, w),
    ...(group === undefined ? {} : { securityGroup: (g) => (inWindow(w, now()) ? group(g) : g) }),
    consoleLines: windowedLines(o.consoleLines, w),
    logLines: o.logLines === undefined ? undefined : (g, from, to) => windowedLines((a, b) => o.logLines?.(g, a, b) ?? [], w)?.(from, to) ?? [],
    app: windowedApp(o.app, w),
    remedy: o.remedy,
    // The capacity shortage is part of the incident: once healed, starts succeed again.
    noCapacityFor: o.noCapacityFor === undefined ? undefined : inWindow(w, now()) ? o.noCapacityFor : [],
  };
}
