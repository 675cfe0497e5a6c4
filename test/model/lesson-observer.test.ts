// The lesson observer: the incident's facts read through the AwsApi over the real in-process fleet, a failed
// read leaving its facts out (so the engine says "not yet"), runs as the app's engine concluded them, and no read
// while an action runs.
import { AuthorizeSecurityGroupIngressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { TRAINING_CALLER_CIDR } from '../../source/domain/target.js';
import { createAwsApi } from '../../source/aws/index.js';
import type { AwsApi } from '../../source/aws/api.js';
import { evaluateGoal, type LessonObservation } from '../../source/lessons/engine.js';
import { createLessonObserver, observedActions, observedRun, type LessonFacts } from '../../source/model/lesson-observer.js';
import { createStore } from '../../source/model/store.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';
import type { ChecklistRun } from '../../source/triage/run.js';
import type { JournalEntry } from '../../source/triage/journal.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { oomRun } from '../helpers/oom-run.js';
import { simRequestHandler } from '../sim/helpers/sdk-adapter.js';

const ML = 'i-1234567890abcdef0';

const setup = (wrap: (api: AwsApi) => AwsApi = (a) => a, alarmsFail = false) => {
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 44, 52));
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
  const api = wrap(createAwsApi({ region: 'us-east-1', simHandler: createSimHandler(world) }));
  const triage = createStore<ChecklistRun | undefined>(undefined);
  const journal = createStore<{ journal: readonly JournalEntry[]; current?: { phase: string } }>({ journal: [] });
  const observer = createLessonObserver({
    api,
    alarmsFor: async () => (alarmsFail ? Promise.reject(new Error('AccessDenied: cloudwatch:DescribeAlarms')) : []),
    triage,
    journal,
    clock,
    instanceName: 'pettracker-ml-server',
  });
  return { clock, observer, triage, journal };
};

const obsOf = (facts: LessonFacts): LessonObservation => ({
  now: 0, incidentId: facts.incidentId, selectedId: undefined, focus: 'list', isZoomed: false, metricsRange: '1h', view: undefined,
  markers: 0, runs: facts.runs, actions: facts.actions, isAgentShown: false, isReportSaved: facts.isReportSaved, fleet: facts.fleet,
});

describe('lesson observer', () => {
  it('reads the incident through the AWS API: id, type and memory, state, checks, agent memory, alarms, public IP', async () => {
    const { clock, observer } = setup();
    await clock.advance(5 * 60_000);
    await observer.refreshNow();
    const facts = observer.getSnapshot();
    expect(facts.incidentId).toBe(ML);
    expect(facts.fleet).toMatchObject({ type: 'c5.large', memoryGib: 4, vcpus: 2, isBurstable: false, state: 'running', systemCheck: 'ok', instanceCheck: 'ok', alarms: [], hasPublicIp: true, failures: [] });
    expect(facts.fleet?.memPercent).toBeGreaterThan(0);
    expect(typeof facts.fleet?.sshReachable).toBe('boolean');
    const o = obsOf(facts);
    expect(evaluateGoal({ kind: 'fleetMemoryAtLeast', gib: 8 }, o, {})).toBe('unmet');
    expect(evaluateGoal({ kind: 'fleetHealthy' }, o, {})).toBe('met');
    expect(evaluateGoal({ kind: 'autoRecoverAlarm' }, o, {})).toBe('unmet');
  });

  it('a failed read leaves its facts out, says why, and the goals on them are "not yet"', async () => {
    const failing = (api: AwsApi): AwsApi => ({ ...api, listInstances: () => Promise.reject(new Error('Throttling: Rate exceeded')) });
    const { observer } = setup(failing);
    await observer.refreshNow();
    const facts = observer.getSnapshot();
    expect(facts.incidentId).toBeUndefined();
    expect(facts.fleet?.failures).toEqual(['ec2:DescribeInstances: Throttling: Rate exceeded']);
    for (const goal of [{ kind: 'fleetHealthy' }, { kind: 'fleetMemoryBelow', percent: 100 }, { kind: 'hasPublicIp' }] as const) {
      expect(evaluateGoal(goal, obsOf(facts), {})).toBe('unknown');
    }
  });

  it('alarms that cannot be read stay unknown while the other facts are read', async () => {
    const { clock, observer } = setup((a) => a, true);
    await clock.advance(60_000);
    await observer.refreshNow();
    const fleet = observer.getSnapshot().fleet;
    expect(fleet?.alarms).toBeUndefined();
    expect(fleet?.state).toBe('running');
    expect(fleet?.failures).toEqual(['cloudwatch:DescribeAlarms: AccessDenied: cloudwatch:DescribeAlarms']);
    expect(evaluateGoal({ kind: 'alarmExists', metric: 'CPUUtilization' }, obsOf(observer.getSnapshot()), {})).toBe('unknown');
  });

  it('keeps each finished run as the engine concluded it, and the journal\'s confirmed successes', async () => {
    const { observer, triage, journal } = setup();
    observer.start();
    const run = oomRun();
    triage.set({ ...run, finishedAt: undefined });
    expect(observer.getSnapshot().runs).toEqual([]);
    triage.set(run);
    triage.set({ ...run });
    expect(observer.getSnapshot().runs).toEqual([observedRun(run)]);
    expect(observer.getSnapshot().runs[0]).toMatchObject({ instanceId: run.instanceId, cause: run.engine?.result.diagnosis.cause, healthy: false, isSinceFix: false });
    const entry = { kind: 'reboot', instanceId: ML, title: 'Reboot', calls: [], commands: [], notes: [], id: 1, who: 't', previewedAt: 1, confirmedAt: 2, endedAt: 3, outcome: 'succeeded', detail: [] } as JournalEntry;
    journal.set({ journal: [entry, { ...entry, id: 2, outcome: 'cancelled', confirmedAt: undefined }] });
    expect(observer.getSnapshot().actions).toEqual([{ instanceId: ML, kind: 'reboot', at: 3 }]);
    expect(observedActions([{ ...entry, outcome: 'failed' }])).toEqual([]);
    observer.stop();
  });

  it('does not read while an action runs (half-way states are not facts)', async () => {
    const { observer, journal } = setup();
    journal.set({ journal: [], current: { phase: 'running' } });
    await observer.refreshNow();
    expect(observer.getSnapshot().fleet).toBeUndefined();
  });
});

describe('lesson observer: SSH from the trainee', () => {
  const sshSetup = (callerCidr: string | undefined) => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 44, 52));
    const world = createWorld({ scenario: 'ssh-blocked', seed: 1, fleetSize: 0, clock });
    const simHandler = createSimHandler(world);
    const api = createAwsApi({ region: 'us-east-1', simHandler });
    const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, requestHandler: simRequestHandler(simHandler) });
    const observer = createLessonObserver({
      api, alarmsFor: async () => [], triage: createStore<ChecklistRun | undefined>(undefined), journal: createStore({ journal: [] }), clock,
      instanceName: 'pettracker-ml-server', ...(callerCidr === undefined ? {} : { callerCidr }),
    });
    const allow = async (cidr: string): Promise<void> => {
      const [ml] = await api.listInstances({ instanceIds: [ML] });
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ml?.securityGroups[0]?.id, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr }));
    };
    const reachable = async (): Promise<boolean | undefined> => {
      await clock.advance(60_000);
      await observer.refreshNow();
      return observer.getSnapshot().fleet?.sshReachable;
    };
    return { allow, reachable };
  };

  it('with the training address, a /32 for it opens SSH and 0.0.0.0/0 does not count', async () => {
    const open = sshSetup(TRAINING_CALLER_CIDR);
    expect(await open.reachable()).toBe(false);
    await open.allow('0.0.0.0/0');
    expect(await open.reachable(), 'open to the world is not "from you"').toBe(false);
    await open.allow(TRAINING_CALLER_CIDR);
    expect(await open.reachable()).toBe(true);
  });

  it('someone else\'s /32 does not count; with no caller known, the internet rule does', async () => {
    const other = sshSetup(TRAINING_CALLER_CIDR);
    await other.allow('198.51.100.9/32');
    expect(await other.reachable()).toBe(false);
    const unknown = sshSetup(undefined);
    await unknown.allow('0.0.0.0/0');
    expect(await unknown.reachable()).toBe(true);
  });
});
