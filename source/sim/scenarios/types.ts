// The shape of a scenario: a function of (target instance, t0, seed) returning overrides for that instance. The
// world decides the target: pettracker-ml-server, or in the 'all' world an instance of the scenario's own.
// Adding a scenario is one file that returns these overrides and one row in the table in index.ts.
import type { SimInstance, SimInstanceStatus, SimSecurityGroup } from '../types.js';

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
  /** The private subnet of the target's VPC (0.0.0.0/0 via a NAT gateway, no public IPs on launch). */
  readonly privateSubnet: { readonly id: string; readonly cidrBlock: string };
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
  /** False while nobody can SSH in: no routine 'Accepted publickey' lines. */
  readonly acceptsSsh?: (t: number) => boolean;
  /** False while the app's health check fails (it still serves requests); default true. */
  readonly isHealthy?: (t: number) => boolean;
  /** Inference latency relative to normal (1 = normal), e.g. a throttled CPU. */
  readonly latency?: (t: number) => number;
}

/** Everything a scenario may change about the target instance. Every field is optional: absent = healthy. */
export interface ScenarioOverrides {
  /**
   * State, type, subnet, public IP, state reason… as of `now`. Also called once with now = t0 for what the world
   * derives at build time (type → metric profile, private IP → hostnames, launch time → boot log).
   */
  readonly instance?: (base: SimInstance, now: number) => SimInstance;
  readonly status?: (base: SimInstanceStatus, now: number) => SimInstanceStatus;
  /** Keyed by metric name (AWS/EC2 or CWAgent). */
  readonly metrics?: Readonly<Partial<Record<string, MetricOverride>>>;
  /** What the workload asks for when nothing throttles it (CPUUtilization under unlimited credits: world-credits.ts). */
  readonly demand?: Readonly<Partial<Record<string, MetricOverride>>>;
  /** The CloudWatch agent stops reporting at this time: no CWAgent data after it. */
  readonly agentStoppedAt?: number;
  /** The instance stopped at this time: no metrics or logs after it, a power-down on the console. */
  readonly stoppedAt?: number;
  /** The instance writes nothing from this time on (crashed, unreachable): no log lines at or after it. */
  readonly silentFrom?: number;
  /** A change to the target's own security group (its first one). */
  readonly securityGroup?: (group: SimSecurityGroup) => SimSecurityGroup;
  /** Console lines after boot (kernel messages) with t in [from, to). */
  readonly consoleLines?: (from: number, to: number) => readonly TimedLine[];
  /** Extra log lines of a group with t in [from, to); routine lines are added by the world. */
  readonly logLines?: (group: string, from: number, to: number) => readonly TimedLine[];
  readonly app?: AppHints;
  /** What ends the incident: from the boot it causes on, every override above but `instance` stops applying. */
  readonly remedy?: Remedy;
  /** Types a StartInstances fails for with InsufficientInstanceCapacity (in the instance's AZ). */
  readonly noCapacityFor?: readonly string[];
}

/** The actions that fix a scenario (absent = none of the instance actions fixes it). */
export interface Remedy {
  /** A stop then a start: new hardware. */
  readonly stopStart?: boolean;
  /** Any successful start (the scenario was about the instance being stopped). */
  readonly anyStart?: boolean;
  readonly reboot?: boolean;
  /** The alarm action ec2:recover (new hardware, same instance). */
  readonly recover?: boolean;
  /** A start on a type with more memory than the scenario's own type. */
  readonly moreMemory?: boolean;
}

/** A row of the scenario table. */
export interface ScenarioDefinition {
  readonly name: string;
  /** One line for --help and the scenario picker. */
  readonly summary: string;
  readonly build: (context: ScenarioContext) => ScenarioOverrides;
}
