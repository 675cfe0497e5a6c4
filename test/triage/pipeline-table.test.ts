// One truth, table-driven: every scenario of the training fleet, read through the real stack in-process at several
// moments around its incident, then with each source of evidence denied, throttled or timed out. Whatever the
// moment and whatever is missing, the checklist and the diagnosis never disagree, no chain link rests on evidence
// that was not read, chains run forward in time, "healthy" needs its evidence read, and the menu's first entry is
// the diagnosis's first recommendation.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import type { AwsError } from '../../source/domain/types.js';
import { gatherEvidence } from '../../source/model/evidence-gatherer.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { CPU_CREDITS_TIMELINE } from '../../source/sim/scenarios/cpu-credits.js';
import { DISK_FULL_TIMELINE } from '../../source/sim/scenarios/disk-full.js';
import { INSTANCE_CHECK_TIMELINE } from '../../source/sim/scenarios/instance-check-failed.js';
import { NO_PUBLIC_IP_TIMELINE } from '../../source/sim/scenarios/no-public-ip.js';
import { OOM_TIMELINE } from '../../source/sim/scenarios/oom.js';
import { SSH_BLOCKED_TIMELINE } from '../../source/sim/scenarios/ssh-blocked.js';
import { SYSTEM_CHECK_TIMELINE } from '../../source/sim/scenarios/system-check-failed.js';
import { WONT_START_TIMELINE } from '../../source/sim/scenarios/wont-start.js';
import { createWorld } from '../../source/sim/world.js';
import { unreadEvidence } from '../../source/triage/diagnosis.js';
import { triage } from '../../source/triage/engine.js';
import type { Evidence, EvidenceKey, MetricKey } from '../../source/triage/evidence.js';
import { missingFromError, stateOfKey } from '../../source/triage/evidence.js';
import { stepOfFinding, stepsOf } from '../../source/triage/steps.js';
import { initialMenuIndex, menuItems } from '../../source/ui/dialogs/menu.js';
import { previewLines } from '../../source/ui/dialogs/dialog-lines.js';
import { engineLines } from '../../source/ui/panes/triage/engine-lines.js';
import { renderCheckText, toCheckJson } from '../../source/triage/check-output.js';
import { renderReport } from '../../source/triage/report.js';
import type { ActionPlan } from '../../source/triage/write-plan.js';
import { DISTROS, host, withHost } from './host-fixtures.js';

const T0 = Date.UTC(2024, 0, 15, 2, 45, 0);
const ML = 'i-1234567890abcdef0';
const MIN = 60_000;

/** When each scenario's incident happens, relative to the story's T0. */
const INCIDENT: Readonly<Record<string, number>> = {
  oom: OOM_TIMELINE.firstKill,
  'system-check-failed': SYSTEM_CHECK_TIMELINE.hostFailed,
  'instance-check-failed': INSTANCE_CHECK_TIMELINE.panic,
  'disk-full': DISK_FULL_TIMELINE.full,
  'cpu-credits': CPU_CREDITS_TIMELINE.creditsExhausted,
  'ssh-blocked': SSH_BLOCKED_TIMELINE.ruleRemoved,
  'no-public-ip': NO_PUBLIC_IP_TIMELINE.relaunched,
  'wont-start': WONT_START_TIMELINE.startFailed,
  healthy: 0,
};
/** The cause each scenario ends on at the page (five minutes after its story's T0). */
const CAUSE_AT_PAGE: Readonly<Record<string, string>> = {
  oom: 'oom', 'system-check-failed': 'system-check-failed', 'instance-check-failed': 'instance-check-failed', 'disk-full': 'disk-full',
  'cpu-credits': 'cpu-credits', 'ssh-blocked': 'ssh-blocked', 'no-public-ip': 'no-public-ip', 'wont-start': 'wont-start', healthy: 'healthy',
};
const OFFSETS: readonly (readonly [string, number])[] = [['before', -10 * MIN], ['at', MIN], ['+5 min', 5 * MIN], ['+15 min', 15 * MIN], ['+1 h', 60 * MIN], ['+3 h', 180 * MIN]];

type Source = 'status' | 'metrics' | 'console' | 'logs' | 'network';
const FAILURES: readonly AwsError[] = [
  { kind: 'denied', action: undefined, message: 'User is not authorized to perform this operation' },
  { kind: 'throttled', message: 'Rate exceeded' },
  { kind: 'network', message: 'Request timed out after 15000 ms' },
];
const SOURCES: readonly Source[] = ['status', 'metrics', 'console', 'logs', 'network'];

/** The evidence with one source's calls failed as `error`. */
function fail(e: Evidence, source: Source, error: AwsError): Evidence {
  const m = (action: string) => missingFromError(error, action);
  switch (source) {
    case 'status':
      return { ...e, status: m('ec2:DescribeInstanceStatus') };
    case 'metrics':
      return { ...e, metrics: Object.fromEntries(Object.keys(e.metrics).map((k) => [k, m('cloudwatch:GetMetricData')])) as Evidence['metrics'] };
    case 'console':
      return { ...e, consoleOutput: m('ec2:GetConsoleOutput') };
    case 'logs':
      return { ...e, logs: m('logs:DescribeLogGroups') };
    case 'network':
      return { ...e, network: { ...e.network, routeTable: m('ec2:DescribeRouteTables'), securityGroups: m('ec2:DescribeSecurityGroups') } };
  }
}

async function gather(scenario: string, at: number): Promise<Evidence> {
  let now = T0;
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: { now: () => now }, t0: T0 });
  now = at;
  const api = createAwsApi({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1 });
  const instance = (await api.listInstances({ instanceIds: [ML] }))[0];
  if (instance === undefined) throw new Error('no ML server');
  return gatherEvidence(api, instance, { now });
}

const METRIC_KEYS: readonly MetricKey[] = ['cpuAvg', 'cpuMax', 'cpuCreditBalance', 'netIn', 'netOut', 'ebsReadBytes', 'ebsWriteBytes', 'statusFailedSystem', 'statusFailedInstance', 'mem', 'disk'];

/** Every invariant of one triage over `e`; returns the result for further checks. */
function checkInvariants(e: Evidence, label: string) {
  const result = triage(e);
  const { diagnosis, findings, recommendations } = result;
  const run = { evidence: e, result, timeline: [] };
  const { steps } = stepsOf(run);

  // The checklist never contradicts the findings (and so the diagnosis, which is built from them).
  for (const step of steps.filter((s) => s.id !== 'diagnosis')) {
    const mine = findings.filter((f) => stepOfFinding(f) === step.id);
    if (step.state === 'ok') expect(mine, `${label}: ${step.id} is ✔ with findings of its kind`).toEqual([]);
    if (mine.length > 0) expect(step.result, `${label}: ${step.id} shows its top finding`).toBe([...mine].sort((a, b) => ['critical', 'warning', 'info'].indexOf(a.severity) - ['critical', 'warning', 'info'].indexOf(b.severity))[0]?.text);
  }
  for (const f of diagnosis.supporting) {
    const where = stepOfFinding(f);
    if (where !== 'network') expect(steps.find((s) => s.id === where)?.state, `${label}: ${f.id} supports the diagnosis but its step is ✔`).not.toBe('ok');
  }

  // Nothing is concluded from evidence that was not read.
  for (const link of diagnosis.links) {
    for (const key of link.rests ?? []) expect(stateOfKey(e, key), `${label}: link "${link.text}" rests on unread ${key}`).not.toBe('unknown');
  }
  const metricsUnread = METRIC_KEYS.every((k) => e.metrics[k] === undefined || stateOfKey(e, k) === 'unknown');
  if (metricsUnread) expect(findings.filter((f) => stepOfFinding(f) === 'metrics').map((f) => f.id), `${label}: a metric finding without metrics`).toEqual([]);
  if (stateOfKey(e, 'status') === 'unknown') expect(findings.map((f) => f.id), label).not.toContain('system-check-failed');
  if (stateOfKey(e, 'mem') === 'unknown') expect(findings.map((f) => f.id), `${label}: no-agent from an unread metric`).not.toContain('no-agent');

  // Chains run forward in time.
  const times = diagnosis.links.flatMap((l) => (l.at === undefined ? [] : [l.at.getTime()]));
  expect(times, `${label}: chain out of time order: ${diagnosis.chain.join(' → ')}`).toEqual([...times].sort((a, b) => a - b));

  // Healthy only with its evidence read; otherwise the verdict says it could not determine.
  if (diagnosis.healthy) expect(unreadEvidence(e), `${label}: healthy with unread evidence`).toEqual([]);
  if (unreadEvidence(e).length > 0 && findings.every((f) => f.severity === 'info')) expect(diagnosis.cause, label).toBe('inconclusive');

  // The menu's first entry is the diagnosis's first recommendation; every recommendation with a plan prints its plan.
  const items = menuItems({ instance: e.instance, recommendations });
  if (recommendations.length > 0) expect(items[initialMenuIndex(items)]?.recommendation, label).toBe(recommendations[0]);
  for (const r of recommendations) if (r.plan !== undefined) expect(r.commands, `${label}: ${r.id}`).toBe(r.plan.commands);
  for (const c of recommendations.filter((r) => r.where === 'aws').flatMap((r) => r.commands)) expect(c, label).toContain('--region us-east-1');
  return result;
}

const cases = Object.keys(INCIDENT).flatMap((scenario) => OFFSETS.map(([name, offset]) => [scenario, name, offset] as const));
const evidence = new Map<string, Evidence>();

describe('one truth over every scenario × moment × missing evidence', () => {
  beforeAll(async () => {
    for (const [scenario, name, offset] of cases) evidence.set(`${scenario} ${name}`, await gather(scenario, T0 + (INCIDENT[scenario] ?? 0) + offset));
    for (const scenario of Object.keys(INCIDENT)) evidence.set(`${scenario} page`, await gather(scenario, T0 + 5 * MIN));
  }, 120_000);

  it.each(Object.keys(CAUSE_AT_PAGE))('%s: at the page the diagnosis is its cause, with every piece read', (scenario) => {
    const e = evidence.get(`${scenario} page`);
    if (e === undefined) throw new Error('not gathered');
    const { diagnosis } = checkInvariants(e, `${scenario} page`);
    expect(diagnosis.cause, diagnosis.title).toBe(CAUSE_AT_PAGE[scenario]);
    expect(unreadEvidence(e)).toEqual([]);
  });

  it.each(cases)('%s at %s: the invariants hold, also with each source denied, throttled or timed out', (scenario, name) => {
    const e = evidence.get(`${scenario} ${name}`);
    if (e === undefined) throw new Error('not gathered');
    checkInvariants(e, `${scenario} ${name}`);
    for (const source of SOURCES) for (const error of FAILURES) checkInvariants(fail(e, source, error), `${scenario} ${name}, ${source} ${error.kind}`);
  });

  it.each(Object.keys(CAUSE_AT_PAGE))('%s page with the host checks of each distro added: the invariants hold, also with each source failed', (scenario) => {
    const e = evidence.get(`${scenario} page`);
    if (e === undefined) throw new Error('not gathered');
    for (const distro of DISTROS) {
      const checked = withHost(e, host(distro, {}, e.gatheredAt));
      checkInvariants(checked, `${scenario} page, ${distro} host`);
      for (const source of SOURCES) for (const error of FAILURES) checkInvariants(fail(checked, source, error), `${scenario} page, ${distro} host, ${source} ${error.kind}`);
    }
  });

  it('a transient error never clears a finding: a route table without the internet route, then throttled, is "could not determine", not healthy', () => {
    const base = evidence.get('healthy page');
    if (base === undefined) throw new Error('not gathered');
    const table = base.network.routeTable;
    if (!('routes' in table)) throw new Error('route table not read');
    const noRoute: Evidence = { ...base, network: { ...base.network, routeTable: { ...table, routes: table.routes.filter((r) => r.destination !== '0.0.0.0/0') } } };
    expect(triage(noRoute).diagnosis.cause).toBe('no-igw-route');
    const throttled = triage({ ...noRoute, network: { ...noRoute.network, routeTable: missingFromError({ kind: 'throttled', message: 'Rate exceeded' }, 'ec2:DescribeRouteTables') } });
    expect(throttled.diagnosis).toMatchObject({ cause: 'inconclusive', healthy: false });
    expect(throttled.diagnosis.title).toMatch(/Route table \(internet gateway\) \(throttled by AWS/);
  });

  it('OOM: the memory peak in the chain is the one before the kill; a climb after it is a new episode, said apart', () => {
    for (const name of ['+15 min', '+1 h']) {
      const e = evidence.get(`oom ${name}`);
      if (e === undefined) throw new Error('not gathered');
      const { diagnosis, findings } = triage(e);
      expect(diagnosis.cause).toBe('oom');
      const kill = findings.find((f) => f.id === 'oom-kill')?.at?.getTime() ?? 0;
      const memory = diagnosis.links.find((l) => /^Memory climbs/.test(l.text));
      expect(memory?.at?.getTime() ?? 0).toBeLessThanOrEqual(kill);
    }
  });

  it.each(Object.keys(CAUSE_AT_PAGE))('%s: check, the triage pane, the preview and the report print the same commands', (scenario) => {
    const base = evidence.get(`${scenario} page`);
    if (base === undefined) throw new Error('not gathered');
    // With a profile and an endpoint, so a view that dropped either would show.
    const e: Evidence = { ...base, target: { region: 'us-east-1', profile: 'on call', endpointUrl: 'http://127.0.0.1:4566' } };
    const result = triage(e);
    const run = { evidence: e, result, timeline: [] };
    const views = {
      check: renderCheckText(toCheckJson(e, result)),
      report: renderReport(run),
      pane: engineLines(run, Number.POSITIVE_INFINITY).map((l) => l.text).join('\n'),
    };
    const preview = (plan: ActionPlan): string =>
      previewLines({ id: 1, phase: 'preview', permission: { kind: 'allowed' }, steps: plan.steps.map(() => ({ label: '', status: 'pending' as const })), openedAt: 0, plan }, Number.POSITIVE_INFINITY).map((l) => l.text).join('\n');
    for (const r of result.recommendations) {
      for (const c of r.commands) {
        for (const [view, text] of Object.entries(views)) expect(text, `${scenario}: ${view} lacks ${c}`).toContain(c);
        if (r.plan !== undefined) expect(preview(r.plan), `${scenario}: the preview lacks ${c}`).toContain(c);
        if (c.includes('aws ')) expect(c).toContain("--profile 'on call' --endpoint-url http://127.0.0.1:4566");
      }
    }
  });

  it('keys named in chain links exist as evidence', () => {
    const keys = new Set<EvidenceKey>(['status', 'mem', 'netIn', 'disk', 'cpuAvg', 'securityGroups', 'hostMemory', 'hostCpu', 'hostDisk', 'hostSsh']);
    for (const e of evidence.values()) for (const l of triage(e).diagnosis.links) for (const k of l.rests ?? []) expect(keys.has(k), k).toBe(true);
  });
});
