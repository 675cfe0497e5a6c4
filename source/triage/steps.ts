// The checklist's four steps from one round of engine evidence: Status → Metrics → Logs as the reference story
// reads them, then the Diagnosis. Pure: the same Evidence always gives the same steps.
import type { AwsError, ConsoleOutput, InstanceStatus, LogEvent, MetricBatch, MetricSeries } from '../aws/types.js';
import { conclude, evaluateLogs, evaluateMetrics, evaluateStatus, STEP_TITLES } from './checklist.js';
import type { Evidence as StepEvidence } from './checklist.js';
import type { Evidence, Item, MetricEvidence } from './evidence.js';
import { isMissing, missingReason, valueOf } from './evidence.js';
import type { TriageRun } from './report.js';
import type { ChecklistStep, Finding, Severity } from './types.js';

/** An engine item as the step evaluators' ok/error shape. */
function asStepEvidence<T>(item: Item<T> | undefined): StepEvidence<T> {
  if (!isMissing(item)) return { ok: true, value: item as T };
  const reason = missingReason(item);
  const error: AwsError =
    reason?.error !== undefined
      ? reason.error
      : reason?.kind === 'denied'
      ? { kind: 'denied', action: reason.action, message: reason.message }
      : reason?.kind === 'throttled'
        ? { kind: 'throttled', message: reason.message }
        : { kind: 'unknown', code: undefined, message: reason?.message ?? 'not gathered' };
  return { ok: false, error };
}

function series(id: string, metric: MetricEvidence | undefined): MetricSeries[] {
  return metric === undefined
    ? []
    : [{ id, label: id, timestamps: metric.timestamps, values: metric.values, statusCode: 'Complete', messages: [] }];
}

const SEVERITY_STATE: Readonly<Record<Severity, ChecklistStep['state']>> = { critical: 'failed', warning: 'warning', info: 'ok' };

/** The four steps and the headline for a finished round. */
export function stepsOf(run: TriageRun): { steps: ChecklistStep[]; findings: Finding[]; conclusion: Finding } {
  const e: Evidence = run.evidence;
  const statusItem = e.status as Item<InstanceStatus | undefined>;
  const status = evaluateStatus(asStepEvidence(statusItem));
  const cpuMax = e.metrics.cpuMax;
  const batch: StepEvidence<MetricBatch> = isMissing(cpuMax) && missingReason(cpuMax)?.kind !== 'not-applicable'
    ? asStepEvidence<MetricBatch>(cpuMax as Item<MetricBatch>)
    : { ok: true, value: { series: [...series('cpu', valueOf(cpuMax)), ...series('mem', valueOf(e.metrics.mem))], calls: 1 } };
  const metrics = evaluateMetrics(batch);
  const logItem = e.logs;
  const logs = evaluateLogs({
    console: asStepEvidence<ConsoleOutput>(e.consoleOutput),
    logs: isMissing(logItem) && missingReason(logItem)?.kind !== 'no-log-group'
      ? asStepEvidence(logItem as Item<{ groups: string[]; events: LogEvent[] }>)
      : {
          ok: true,
          value: {
            groups: (valueOf(logItem) ?? []).map((g) => g.group),
            events: (valueOf(logItem) ?? []).flatMap((g) => valueOf(g.events) ?? []),
          },
        },
    instance: e.instance,
    since: e.window.from,
    now: e.window.to,
    ...(e.window.isSinceFix === true ? { isSinceFix: true } : {}),
  });
  const { diagnosis } = run.result;
  const top = diagnosis.supporting[0] ?? run.result.findings.find((f) => f.severity !== 'info');
  const severity: Severity = diagnosis.healthy ? 'info' : (top?.severity ?? 'warning');
  const step = (id: ChecklistStep['id'], o: { state: ChecklistStep['state']; result: string; details: readonly string[] }): ChecklistStep => ({
    id,
    title: windowTitle(STEP_TITLES[id], e.window.to.getTime() - e.window.from.getTime()),
    state: o.state,
    result: o.result,
    details: o.details,
  });
  const diagnosisStep = step('diagnosis', {
    state: SEVERITY_STATE[severity],
    result: `${diagnosis.title} (confidence ${diagnosis.confidence})`,
    details: diagnosis.chain.length > 1 ? [diagnosis.chain.join(' → ')] : [],
  });
  const headline: Finding = diagnosis.healthy
    ? conclude({ status, metrics, logs }).conclusion
    : { severity, text: diagnosis.title, at: top?.at };
  return {
    steps: [step('status', status), step('metrics', metrics), step('logs', logs), diagnosisStep],
    findings: [...run.result.findings],
    conclusion: headline,
  };
}

/** 'CloudWatch metrics (last 3 h)' → '(last 14 min)' when the window is shorter (triage since a fix). */
export function windowTitle(title: string, windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  const span = minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  return title.replace('(last 3 h)', `(last ${span})`);
}
