// Small pieces the incident scenarios share: kernel-stamped console lines, windows, impaired checks.
import { hash32 } from '../rng.js';
import type { SimInstance, SimStatusCheck } from '../types.js';
import type { TimedLine } from './types.js';
import { kernelStamp } from './text.js';

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

/** Whole seconds: AWS reports transition and impairment times without milliseconds. */
export const atSecond = (t: number): number => Math.floor(t / SEC) * SEC;

/** A kernel console line at t, stamped in seconds since the target's kernel started. */
export function kernelLine(target: SimInstance, seed: number, t: number, text: string): TimedLine {
  return { t, text: `${kernelStamp(t, target.launchTime, hash32(seed, Math.floor(t), text.length) % 1000)} ${text}` };
}

/** The lines with t in [from, to). */
export function within(lines: readonly TimedLine[], from: number, to: number): TimedLine[] {
  return lines.filter((l) => l.t >= from && l.t < to);
}

/** A check whose reachability test has been failing since `since`. */
export function impaired(since: number): SimStatusCheck {
  return { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: since }] };
}

/** 'instance-event-0' + 16 hex digits, stable for a seed and key. */
export function eventId(seed: number, key: number): string {
  const hex = (n: number): string => hash32(seed, 0xe7, key, n).toString(16).padStart(8, '0');
  return `instance-event-0${hex(1)}${hex(2)}`;
}

/** 'YYYY-MM-DD HH:MM:SS' as EC2 writes it in StateTransitionReason. */
export function gmt(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}
