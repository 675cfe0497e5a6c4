// The story replay (`ec2-triage sim --replay oom`): the OOM incident from the quiet before it, narrated as the
// fleet plays it. The narration is data; each line is tied to a moment the fleet itself produces (the scenario's
// timeline, the first minute its memory metric reads 90 %, its first allocation-failure and kill log lines), read
// from a world built like the served one, so the text can never disagree with what the trainees' screens show.
import { OOM_TIMELINE } from './scenarios/oom.js';
import { LOG_GROUPS } from './scenarios/logs.js';
import { PAGE_DELAY_MS } from './story-start.js';
import { createWorld, ML_SERVER_ID } from './world.js';

const MIN = 60_000;

/** How long the replay shows the quiet fleet before traffic starts to rise. */
export const QUIET_BEFORE_RAMP_MS = 20 * MIN;
/** The replay's speed unless --speed says otherwise: an hour a minute, the whole story in under 90 s. */
export const DEFAULT_REPLAY_SPEED = 60;

/** The moments of the OOM story the fleet produces; each narration line names one. */
export type ReplayMoment = 'quiet' | 'traffic' | 'memory90' | 'allocation' | 'kill' | 'page';

/** One line of narration: `text` is said when fleet time reaches its moment (`{time}`: that moment, HH:MM:SS UTC). */
export interface NarrationLine {
  readonly moment: ReplayMoment;
  readonly text: string;
}

/** The OOM story's narration, in the order it happens. */
export const OOM_NARRATION: readonly NarrationLine[] = [
  { moment: 'quiet', text: '{time}  A quiet night. pettracker-ml-server serves breed predictions at its usual rate; memory sits near half.' },
  { moment: 'traffic', text: '{time}  Traffic starts to rise (watch NetworkIn): a marketing push, more photos per minute than the model was sized for.' },
  { moment: 'memory90', text: '{time}  Memory passes 90 % (mem_used_percent, CWAgent). CPU climbs too, but nobody gets paged for either.' },
  { moment: 'allocation', text: '{time}  The app log: "Memory allocation failed for model inference". The kernel is out of pages to reclaim.' },
  { moment: 'kill', text: '{time}  The kernel\'s OOM killer kills python3 (console output, /pettracker/ec2/system). The service is down; status checks still say ok.' },
  { moment: 'page', text: '{time}  The page: the 503s reached the on-call engineer. Now triage it: Status → Metrics → Logs.' },
];

/** A narration line placed on the fleet's clock. */
export interface TimedNarration {
  /** Fleet time of the moment (epoch ms). */
  readonly at: number;
  /** Offset from the replay's start (ms). */
  readonly offset: number;
  readonly moment: ReplayMoment;
  readonly text: string;
}

/** The fleet start for a replay of a world whose T0 is `t0`. */
export function replayStart(t0: number): number {
  return t0 + OOM_TIMELINE.rampStart - QUIET_BEFORE_RAMP_MS;
}

/** The world's T0 for a replay whose fleet clock is first read at `now`. */
export function replayT0(now: number): number {
  return now - OOM_TIMELINE.rampStart + QUIET_BEFORE_RAMP_MS;
}

/** When each moment happens in the oom fleet of (seed, t0), read from the fleet itself. */
export function oomMoments(seed: number, t0: number): Readonly<Record<ReplayMoment, number>> {
  const end = t0 + PAGE_DELAY_MS;
  const world = createWorld({ scenario: 'oom', seed, fleetSize: 0, clock: { now: () => end }, t0 });
  const start = replayStart(t0);
  const mem = world.datapoints({ namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: { InstanceId: ML_SERVER_ID } }, start, end, 60, 'Maximum');
  const memory90 = mem.timestamps.find((_, i) => (mem.values[i] ?? 0) >= 90);
  const first = (group: string, needle: string): number | undefined =>
    world.logEvents(group, start, end).find((e) => e.logStream === ML_SERVER_ID && e.message.includes(needle))?.timestamp;
  const allocation = first(LOG_GROUPS.app, 'Memory allocation failed');
  const kill = first(LOG_GROUPS.system, 'Out of memory: Kill process');
  if (memory90 === undefined || allocation === undefined || kill === undefined) {
    throw new Error('the oom fleet no longer produces the moments the replay narrates (memory 90 %, allocation failure, kill)');
  }
  return { quiet: start, traffic: t0 + OOM_TIMELINE.rampStart, memory90, allocation, kill, page: end };
}

const hhmmss = (t: number): string => new Date(t).toISOString().slice(11, 19);

/** The narration on the fleet's clock, in time order. */
export function oomReplay(seed: number, t0: number, narration: readonly NarrationLine[] = OOM_NARRATION): readonly TimedNarration[] {
  const moments = oomMoments(seed, t0);
  const start = moments.quiet;
  return narration
    .map((line) => {
      const at = moments[line.moment];
      return { at, offset: at - start, moment: line.moment, text: line.text.replace('{time}', hhmmss(at)) };
    })
    .sort((a, b) => a.at - b.at);
}

/** The lines due in (after, upTo]: what a ticker prints when fleet time moves from `after` to `upTo`. */
export function dueLines(timeline: readonly TimedNarration[], after: number, upTo: number): readonly TimedNarration[] {
  return timeline.filter((l) => l.at > after && l.at <= upTo);
}
