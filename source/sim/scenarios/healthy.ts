import type { ScenarioDefinition } from './types.js';

/** The same fleet with nothing wrong: the ML server at moderate load, no OOM. */
export const HEALTHY_SCENARIO: ScenarioDefinition = {
  name: 'healthy',
  summary: 'The same fleet with no incident: pettracker-ml-server at moderate load',
  build: () => ({}),
};
