// `ec2-triage fleet speed N|pause|resume|status`: the instructor's clock controls for a `sim --control` fleet.
import { MAX_SPEED } from '../sim/control.js';
import { callFleet, formatStatus, resolveControlTarget } from './fleet-client.js';
import type { ControlFlags } from './fleet-client.js';
import { parsePositive, UsageError } from './options.js';

export type FleetRequest =
  | { readonly op: 'status' }
  | { readonly op: 'pause' | 'resume'; readonly body: Readonly<Record<string, never>> }
  | { readonly op: 'speed'; readonly body: { readonly speed: number } };

const USAGE = 'fleet takes one of: status, pause, resume, speed N';

/** Checks the arguments before any call. */
export function parseFleet(what: string | undefined, value: string | undefined): FleetRequest {
  if (what === 'speed') {
    if (value === undefined) throw new UsageError('fleet speed needs a number, e.g. fleet speed 60');
    return { op: 'speed', body: { speed: parsePositive(value, 'speed', MAX_SPEED) } };
  }
  if (value !== undefined) throw new UsageError(`fleet ${what ?? ''} takes no value, got '${value}'`);
  if (what === 'status') return { op: 'status' };
  if (what === 'pause' || what === 'resume') return { op: what, body: {} };
  throw new UsageError(what === undefined ? USAGE : `unknown fleet command '${what}'; ${USAGE}`);
}

/** Runs the command; resolves to the exit code (0: done). */
export async function runFleet(what: string | undefined, value: string | undefined, flags: ControlFlags): Promise<number> {
  const request = parseFleet(what, value);
  const target = resolveControlTarget(flags);
  const answer = await callFleet(target, request.op, request.op === 'status' ? undefined : request.body);
  console.log(formatStatus(answer));
  return 0;
}
