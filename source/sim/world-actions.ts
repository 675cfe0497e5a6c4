// An instance's life after the user touched it: the world keeps only the log of accepted actions and derives
// state, type, boots, gaps in the data and the moment a scenario's incident was fixed from (base, actions, now).
// Durations are drawn from the instance id and the action time, so the same actions always play out the same.
import { instanceType } from './catalog.js';
import { hashString, noise } from './rng.js';
import type { Remedy } from './scenarios/types.js';
import type { SimAction, SimInstance, SimInstanceState } from './types.js';

const SEC = 1000;

/** How long each transition takes in fleet time: [min, max) ms. */
export const ACTION_TIMINGS = {
  stopping: [30 * SEC, 60 * SEC],
  pending: [20 * SEC, 40 * SEC],
  /** Status checks after a start or a recovery. */
  checksAfterStart: [120 * SEC, 240 * SEC],
  /** Status checks after a reboot. */
  checksAfterReboot: [45 * SEC, 90 * SEC],
  /** A reboot's kernel comes back this long after the call. */
  rebootBoot: [4 * SEC, 8 * SEC],
  /** ec2:recover: the instance is off while EC2 moves it to new hardware. */
  recovering: [50 * SEC, 80 * SEC],
} as const;

/** One boot after the instance's original launch: the console shows its log from `at` (its kernel's zero). */
export interface Boot {
  readonly at: number;
  readonly type: string;
  readonly kind: 'start' | 'reboot' | 'recover';
}

/** What the action log makes of an instance as of `now`. */
export interface Lifecycle {
  readonly state: SimInstanceState;
  readonly type: string;
  readonly launchTime: number;
  /** When the last user stop was asked for, if the instance is stopping or stopped because of one. */
  readonly stopAskedAt: number | undefined;
  readonly boots: readonly Boot[];
  /** When each user stop completed (power-down lines on the console). */
  readonly stoppedAt: readonly number[];
  /** [from, to) spans with no metrics or logs (stopped, starting, recovering); `to` may be Infinity. */
  readonly down: readonly (readonly [number, number])[];
  /** Status checks read 'initializing' while running and before this. */
  readonly checksReadyAt: number | undefined;
  /** The scenario's incident is over from this time (its overrides stop applying); Infinity when not fixed. */
  readonly healedAt: number;
  /** The public IP changes on each start; a new one derived from the start time. */
  readonly lastStartAt: number | undefined;
}

/** The instance before any action, as the world's base (scenario overrides applied) has it. */
export interface LifeBase {
  readonly instance: SimInstance;
  /** When the base instance stopped (undefined: it is running). */
  readonly stoppedAt: number | undefined;
  /** The scenario's own type, for 'moreMemory' remedies. */
  readonly scenarioType: string;
  readonly remedy: Remedy | undefined;
}

/** A duration in [min, max) for one action, stable for (instance, time, key). */
export function drawn(id: string, at: number, key: number, range: readonly [number, number]): number {
  return Math.round(range[0] + (range[1] - range[0]) * noise(hashString(id), 0xac7, key, Math.floor(at / SEC)));
}

const memoryOf = (type: string): number => instanceType(type)?.memoryMiB ?? 0;

/** Walks the action log (only actions at or before now) from the base. */
export function lifecycle(base: LifeBase, actions: readonly SimAction[], now: number): Lifecycle {
  const id = base.instance.id;
  let settled: 'running' | 'stopped' = base.instance.state === 'running' ? 'running' : 'stopped';
  let transitionEnds = -Infinity;
  let type = base.instance.type;
  let launchTime = base.instance.launchTime;
  let stopAskedAt: number | undefined;
  let lastStartAt: number | undefined;
  let checksReadyAt: number | undefined;
  let healedAt = Infinity;
  let hasStopped = base.stoppedAt !== undefined;
  const boots: Boot[] = [];
  const stoppedAt: number[] = [];
  const down: [number, number][] = base.stoppedAt === undefined ? [] : [[base.stoppedAt, Infinity]];
  const remedy = base.remedy ?? {};
  const heal = (t: number): void => {
    healedAt = Math.min(healedAt, t);
  };
  for (const a of actions) {
    if (a.at > now) break;
    switch (a.kind) {
      case 'modify-type':
        type = a.instanceType;
        break;
      case 'stop': {
        const at = a.at + drawn(id, a.at, 1, ACTION_TIMINGS.stopping);
        settled = 'stopped';
        transitionEnds = at;
        stopAskedAt = a.at;
        hasStopped = true;
        stoppedAt.push(at);
        down.push([at, Infinity]);
        break;
      }
      case 'start': {
        const running = a.at + drawn(id, a.at, 2, ACTION_TIMINGS.pending);
        const open = down.at(-1);
        if (open !== undefined && open[1] === Infinity) open[1] = running;
        settled = 'running';
        transitionEnds = running;
        stopAskedAt = undefined;
        lastStartAt = a.at;
        // EC2 sets LaunchTime to the latest start; the kernel's clock starts soon after 'running'.
        launchTime = a.at;
        boots.push({ at: a.at, type, kind: 'start' });
        checksReadyAt = running + drawn(id, a.at, 3, ACTION_TIMINGS.checksAfterStart);
        const fixes = remedy.anyStart === true || (remedy.stopStart === true && hasStopped) ||
          (remedy.moreMemory === true && memoryOf(type) > memoryOf(base.scenarioType));
        if (fixes) heal(running);
        break;
      }
      case 'reboot': {
        const bootAt = a.at + drawn(id, a.at, 4, ACTION_TIMINGS.rebootBoot);
        boots.push({ at: bootAt, type, kind: 'reboot' });
        checksReadyAt = a.at + drawn(id, a.at, 5, ACTION_TIMINGS.checksAfterReboot);
        if (remedy.reboot === true) heal(bootAt);
        break;
      }
      case 'recover': {
        const back = a.at + drawn(id, a.at, 6, ACTION_TIMINGS.recovering);
        down.push([a.at, back]);
        boots.push({ at: back, type, kind: 'recover' });
        checksReadyAt = back + drawn(id, a.at, 7, ACTION_TIMINGS.checksAfterStart);
        if (remedy.recover === true) heal(back);
        break;
      }
    }
  }
  const isMoving = now < transitionEnds;
  const state: SimInstanceState = settled === 'running' ? (isMoving ? 'pending' : 'running') : isMoving ? 'stopping' : 'stopped';
  return { state, type, launchTime, stopAskedAt, boots, stoppedAt, down, checksReadyAt, healedAt, lastStartAt };
}

/** True when t falls in none of the down spans. */
export function isUp(life: Lifecycle, t: number): boolean {
  return !life.down.some(([from, to]) => t >= from && t < to);
}
