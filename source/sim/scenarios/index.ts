// The scenario table. A new scenario is one file exporting a ScenarioDefinition and one row here.
import { HEALTHY_SCENARIO } from './healthy.js';
import { OOM_SCENARIO } from './oom.js';
import type { ScenarioDefinition } from './types.js';

/** Every scenario, the default first. */
export const SCENARIOS: readonly ScenarioDefinition[] = [OOM_SCENARIO, HEALTHY_SCENARIO];

/** The scenario of that name; undefined when there is none. */
export function findScenario(name: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
