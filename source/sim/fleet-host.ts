// The training fleet as the TUI runs it: one world built from plain data, so the same spec builds it in the UI
// thread (tests, unbundled runs) or in its own worker thread (the bundled CLI, see worker-main.ts), identically.
// Also the messages between the UI thread and that worker: plain serialisable data only.
import type { InProcessRequest, InProcessResponse } from '../domain/in-process-http.js';
import { anchoredClock, type ClockAnchor } from './clock.js';
import { createSimHandler } from './handler.js';
import type { SimHandler } from './types.js';
import { createWorld } from './world.js';

/** Everything that makes the fleet: its knobs and its clock's anchor, so every thread reads the same fleet now. */
export interface FleetSpec {
  readonly scenario: string;
  readonly seed: number;
  readonly fleetSize: number;
  readonly speed: number;
  /** IAM actions the fleet refuses (`service:Action`, wildcards allowed). */
  readonly deny: readonly string[];
  /** The clock: the real time it started and the fleet time then. */
  readonly anchor: ClockAnchor;
  /** The story's T0 (storyStart: at the page, or at the start with --live). */
  readonly t0: number;
}

/** Builds the world and its handler; throws a one-line Error when the scenario is unknown. */
export function buildFleetHandler(spec: FleetSpec): SimHandler {
  const clock = anchoredClock(spec.speed, spec.anchor);
  const world = createWorld({ scenario: spec.scenario, seed: spec.seed, fleetSize: spec.fleetSize, clock, t0: spec.t0 });
  return createSimHandler(world, { deny: spec.deny });
}

/** UI thread → worker: one request, answered under the same id. */
export interface FleetCall {
  readonly id: number;
  readonly request: InProcessRequest;
}

/** Worker → UI thread: the answer to call `id`, or the one-line reason it has none. */
export type FleetAnswer =
  | { readonly id: number; readonly response: InProcessResponse }
  | { readonly id: number; readonly error: string };

/** Worker → UI thread when the world could not be built (e.g. an unknown scenario): every call fails with it. */
export interface FleetStartFailure {
  readonly startError: string;
}
