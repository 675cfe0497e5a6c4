// A finished triage run of the OOM scenario's evidence, for pane tests that need a long triage.
import { triage } from '../../source/triage/engine.js';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import { stepsOf } from '../../source/triage/steps.js';
import { buildTimeline } from '../../source/triage/timeline.js';
import type { ChecklistRun } from '../../source/triage/run.js';
import { scenario } from '../triage/evidence-fixtures.js';

/** The engine's run on the OOM evidence, as the triage store holds it once finished. */
export function oomRun(): ChecklistRun {
  const evidence = scenario('oom');
  const result = triage(evidence);
  const runbook = RUNBOOKS['high-memory'].run(evidence);
  const timeline = buildTimeline({
    calls: [{ operation: 'ec2:DescribeInstanceStatus', startedAt: evidence.gatheredAt, durationMs: 42, outcome: 'ok' }],
    findings: result.findings,
    fallback: evidence.gatheredAt,
  });
  const engine = { evidence, result, timeline, runbook };
  const { steps, findings, conclusion } = stepsOf(engine);
  return {
    instanceId: evidence.instance.id,
    instanceName: evidence.instance.name,
    steps,
    findings,
    conclusion,
    startedAt: evidence.gatheredAt.getTime(),
    finishedAt: evidence.gatheredAt.getTime() + 120,
    engine,
  };
}
