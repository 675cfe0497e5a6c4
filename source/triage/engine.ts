// The whole pure pipeline in one call: evidence → findings → diagnosis → recommended actions.
import type { Diagnosis } from './diagnosis.js';
import { diagnose } from './diagnosis.js';
import type { Evidence } from './evidence.js';
import type { RecommendOptions, Recommendation } from './recommendations.js';
import { recommend } from './recommendations.js';
import { evaluateRules } from './rules.js';
import type { Finding } from './types.js';

export interface TriageResult {
  readonly findings: readonly Finding[];
  readonly diagnosis: Diagnosis;
  readonly recommendations: readonly Recommendation[];
}

/** Runs the rules, the diagnosis and the recommendations over one round of evidence. */
export function triage(evidence: Evidence, options: RecommendOptions = {}): TriageResult {
  const findings = evaluateRules(evidence);
  const diagnosis = diagnose(evidence, findings);
  return { findings, diagnosis, recommendations: recommend(evidence, diagnosis, findings, options) };
}
