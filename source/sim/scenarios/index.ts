// The scenario table. A new scenario is one file exporting a ScenarioDefinition and one row here.
import { CPU_CREDITS_SCENARIO } from './cpu-credits.js';
import { DISK_FULL_SCENARIO } from './disk-full.js';
import { HEALTHY_SCENARIO } from './healthy.js';
import { INSTANCE_CHECK_FAILED_SCENARIO } from './instance-check-failed.js';
import { NO_PUBLIC_IP_SCENARIO } from './no-public-ip.js';
import { OOM_SCENARIO } from './oom.js';
import { SSH_BLOCKED_SCENARIO } from './ssh-blocked.js';
import { SYSTEM_CHECK_FAILED_SCENARIO } from './system-check-failed.js';
import type { ScenarioDefinition } from './types.js';
import { WONT_START_SCENARIO } from './wont-start.js';

/** Every scenario, the default first. */
export const SCENARIOS: readonly ScenarioDefinition[] = [
  OOM_SCENARIO,
  HEALTHY_SCENARIO,
  SSH_BLOCKED_SCENARIO,
  NO_PUBLIC_IP_SCENARIO,
  SYSTEM_CHECK_FAILED_SCENARIO,
  INSTANCE_CHECK_FAILED_SCENARIO,
  DISK_FULL_SCENARIO,
  CPU_CREDITS_SCENARIO,
  WONT_START_SCENARIO,
];

/** The world where every scenario happens at once, each to an instance of its own. */
export const ALL_SCENARIOS = 'all';
/** One line for --help and the scenario picker. */
export const ALL_SUMMARY = 'Every scenario at once: pettracker-ml-server as in oom, plus one scenario-<name> instance per scenario';

/** The scenario of that name; undefined when there is none ('all' is not one scenario: see castOf). */
export function findScenario(name: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** What a world name plays: the ML server's scenario and the scenarios that get a twin of their own. */
export function castOf(name: string): { readonly ml: ScenarioDefinition; readonly extras: readonly ScenarioDefinition[] } | undefined {
  if (name === ALL_SCENARIOS) return { ml: OOM_SCENARIO, extras: SCENARIOS };
  const scenario = findScenario(name);
  return scenario === undefined ? undefined : { ml: scenario, extras: [] };
}
