// The shape of a scenario: overrides applied to the target instance (pettracker-ml-server). Adding a scenario is
// one file that returns these overrides and one row in the table in index.ts.
import type { SimInstance, SimInstanceStatus } from '../types.js';

/** One line of console or log output at fleet time `t` (epoch ms). */
export interface TimedLine {
  readonly t: number;
  readonly text: string;
}

/** What a scenario knows when the world is built. */
export interface ScenarioContext {
  /** World start: the clock's value when the world was created. Incidents are placed relative to it. */
  readonly t0: number;
  readonly seed: number;
  /** The target instance before overrides. */
  readonly target: SimInstance;
}

/** A per-minute sample override; `base` is the value the healthy generator would produce at t. */
export type MetricOverride = (t: number, base: number) => number;

/** How the ML application behaves at time t, so routine log lines follow the story (no lines while it is dead). */
export interface AppHints {
  /** Request volume relative to normal (1 = normal). */
  readonly traffic: (t: number) => number;
  /** False while the service is down: no routine application lines. */
  readonly isServing: (t: number) => boolean;
  /** Memory use in % (for the application's own warnings); undefined = no warnings. */
  readonly memPercent?: (t: number) => number;
}

/** Everything a scenario may change about the target instance. Every field is optional: absent = healthy. */
export interface ScenarioOverrides {
  /** State, public IP, security groups, state reason… as of `now`. */
  readonly instance?: (base: SimInstance, now: number) => SimInstance;
  readonly status?: (base: SimInstanceStatus, now: number) => SimInstanceStatus;
  /** Keyed by metric name (AWS/EC2 or CWAgent). */
  readonly metrics?: Readonly<Partial<Record<string, MetricOverride>>>;
  /** The CloudWatch agent stops reporting at this time: no CWAgent data after it. */
  readonly agentStoppedAt?: number;
  /** Console lines after boot (kernel messages) with t in [from, to). */
  readonly consoleLines?: (from: number, to: number) => readonly TimedLine[];
  /** Extra log lines of a group with t in [from, to); routine lines are added by the world. */
  readonly logLines?: (group: string, from: number, to: number) => readonly TimedLine[];
  readonly app?: AppHints;
}

/** A row of the scenario table. */
export interface ScenarioDefinition {
  readonly name: string;
  /** One line for --help and the scenario picker. */
  readonly summary: string;
  readonly build: (context: ScenarioContext) => ScenarioOverrides;
}
