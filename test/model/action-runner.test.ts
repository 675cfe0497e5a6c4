// The action runner over the training fleet, through aws/: preview → DryRun → confirm → the plan's steps, the
// journal, read-only refusing at the model and at the SDK, a denied DryRun in words, alarms read back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsActions } from '../../source/aws/actions.js';
import { createAwsApi } from '../../source/aws/index.js';
import { createActionRunner } from '../../source/model/action-runner.js';
import type { ActionsModel } from '../../source/model/actions-types.js';
import { systemClock } from '../../source/model/clock.js';
import { scaledClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { planAlarms, planReboot, planResize, planStart, planStopStart, recommendedAlarms } from '../../source/triage/write-plan.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
let runner: ActionsModel | undefined;
afterEach(() => runner?.stop());

/** The fleet at ×`speed` (fleet minutes pass in real seconds), the app's api and the runner. */
async function setup(scenario: string, options: { speed?: number; isReadOnly?: boolean; deny?: string[] } = {}) {
  const speed = options.speed ?? 600;
  const fleetClock = scaledClock(speed, T0 + 5 * 60_000);
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: fleetClock });
  const simHandler = createSimHandler(world, { deny: options.deny ?? [] });
  const config = { region: 'us-east-1', simHandler, isReadOnly: options.isReadOnly ?? false };
  const api = createAwsApi(config);
  const actions = createAwsActions(config, { waiterDelays: { minDelay: 1, maxDelay: 1 } });
  const changed: string[] = [];
  runner = createActionRunner({
    actions: () => Promise.resolve(actions),
    api,
    clock: systemClock(() => fleetClock.now(), speed),
    isReadOnly: options.isReadOnly ?? false,
    who: 'tester@host (training fleet)',
    onInstanceChanged: (id) => changed.push(id),
    liveRefreshMs: 100,
  });
  const [instance] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
  return { world, api, runner, instance: instance!, changed };
}

const settled = (r: ActionsModel) => vi.waitFor(() => expect(['succeeded', 'failed']).toContain(r.getSnapshot().current?.phase), { timeout: 30_000, interval: 50 });

describe('action runner on the training fleet', () => {
  it('resize: DryRun allowed, then stop → modify → start → status ok; the OOM server is c5.xlarge and journalled', async () => {
    const { api, runner, instance, world } = await setup('oom');
    const { current, catalogue } = await createAwsActions({ region: 'us-east-1', simHandler: createSimHandler(world) }).resizeCatalogue(instance.type);
    const to = catalogue.find((t) => t.type === 'c5.xlarge')!;
    runner.preview(planResize(instance, current, to, { region: 'us-east-1' }), instance);
    expect(runner.getSnapshot().current).toMatchObject({ phase: 'preview', permission: { kind: 'checking' } });
    await vi.waitFor(() => expect(runner.getSnapshot().current?.permission.kind).toBe('allowed'));
    // DryRun sent no mutating request: the instance still runs as c5.large.
    expect(world.operations().filter((o) => o.isMutating && !o.dryRun)).toEqual([]);
    runner.confirm();
    expect(runner.getSnapshot().current?.phase).toBe('running');
    await settled(runner);
    const run = runner.getSnapshot().current!;
    expect(run.error).toBeUndefined();
    expect(run.phase).toBe('succeeded');
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    const [after] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
    expect(after).toMatchObject({ type: 'c5.xlarge', state: 'running' });
    const [entry] = runner.getSnapshot().journal;
    expect(entry).toMatchObject({ instanceId: ML_SERVER_ID, outcome: 'succeeded', who: 'tester@host (training fleet)', title: expect.stringMatching(/^Resize .* to c5\.xlarge$/) });
    expect(entry!.confirmedAt).toBeGreaterThanOrEqual(entry!.previewedAt);
    expect(entry!.commands).toContain('aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1');
    // The sent operations are exactly the plan's mutating steps, in order.
    expect(world.operations().filter((o) => o.isMutating && !o.dryRun).map((o) => o.action)).toEqual(['StopInstances', 'ModifyInstanceAttribute', 'StartInstances']);
  }, 40_000);

  it('stop and start fixes a failed system check (new hardware)', async () => {
    const { api, runner, instance } = await setup('system-check-failed');
    expect((await api.describeStatuses([ML_SERVER_ID]))[0]?.system.status).toBe('impaired');
    runner.preview(planStopStart(instance, { region: 'us-east-1' }), instance);
    await vi.waitFor(() => expect(runner.getSnapshot().current?.permission.kind).toBe('allowed'));
    runner.confirm();
    await settled(runner);
    expect(runner.getSnapshot().current?.phase).toBe('succeeded');
    expect((await api.describeStatuses([ML_SERVER_ID]))[0]).toMatchObject({ system: { status: 'ok' }, instance: { status: 'ok' } });
  }, 40_000);

  it('a denied DryRun is refused in words, confirm sends nothing, and cancel journals it', async () => {
    const { runner, instance, world } = await setup('system-check-failed', { deny: ['ec2:StopInstances'] });
    runner.preview(planStopStart(instance, { region: 'us-east-1' }), instance);
    await vi.waitFor(() => expect(runner.getSnapshot().current?.permission.kind).toBe('refused'));
    const permission = runner.getSnapshot().current?.permission;
    expect(permission).toMatchObject({ text: 'You lack ec2:StopInstances: your IAM identity may not call it on this instance.' });
    runner.confirm();
    expect(runner.getSnapshot().current?.phase).toBe('preview');
    runner.cancel();
    expect(runner.getSnapshot().journal[0]).toMatchObject({ outcome: 'refused by DryRun', detail: [expect.stringContaining('You lack ec2:StopInstances')] });
    expect(world.operations().filter((o) => o.isMutating && !o.dryRun)).toEqual([]);
  });

  it('read-only: no DryRun, confirm is refused, nothing mutating reaches the fleet; the preview is journalled as not sent', async () => {
    const { runner, instance, world } = await setup('instance-check-failed', { isReadOnly: true });
    runner.preview(planReboot(instance, { region: 'us-east-1' }), instance);
    expect(runner.getSnapshot().current?.permission.kind).toBe('read-only');
    runner.confirm();
    expect(runner.getSnapshot().current?.phase).toBe('preview');
    runner.cancel();
    expect(runner.getSnapshot().journal[0]?.outcome).toBe('not sent (read-only)');
    expect(world.operations().filter((o) => o.isMutating)).toEqual([]);
  });

  it('alarms: no DryRun exists for PutMetricAlarm; the recommended set is created, read back equal, the CPU alarm in ALARM', async () => {
    const { runner, instance } = await setup('oom', { speed: 1 });
    const specs = recommendedAlarms(instance, 'us-east-1', { isAgentReporting: true });
    runner.preview(planAlarms(instance, specs, [], { region: 'us-east-1' }), instance);
    expect(runner.getSnapshot().current?.permission.kind).toBe('not-applicable');
    runner.confirm();
    await settled(runner);
    await vi.waitFor(() => expect(runner.getSnapshot().alarms?.data.data).toHaveLength(4));
    const alarms = runner.getSnapshot().alarms!.data.data!;
    for (const spec of specs) expect(alarms.find((a) => a.name === spec.name)).toMatchObject(spec);
    expect(alarms.find((a) => a.name.endsWith('-high-cpu'))?.state).toBe('ALARM');
  });
});

describe('a start that AWS refuses', () => {
  it("won't start: InsufficientInstanceCapacity is said in words with the runbook's advice, sent once, not retried", async () => {
    const { runner, instance, world } = await setup('wont-start');
    expect(instance.state).toBe('stopped');
    runner.preview(planStart(instance, { region: 'us-east-1' }), instance);
    await vi.waitFor(() => expect(runner.getSnapshot().current?.permission.kind).toBe('allowed'));
    runner.confirm();
    await settled(runner);
    const run = runner.getSnapshot().current!;
    expect(run.phase).toBe('failed');
    expect(run.error?.text).toBe(`AWS has no capacity for ${instance.type} in ${instance.az} right now.`);
    expect(run.error?.advice[0]).toMatch(/Try the start again in a few minutes/);
    expect(world.operations().filter((o) => o.action === 'StartInstances' && !o.dryRun)).toHaveLength(1);
    expect(runner.getSnapshot().journal[0]).toMatchObject({ outcome: 'failed', detail: [expect.stringMatching(/^StartInstances: failed — AWS has no capacity/), expect.stringMatching(/again in a few minutes/), expect.any(String), expect.any(String)] });
  });
});

describe('the app ending while an action runs', () => {
  it('interrupt journals the step reached and the finishing command; the aborted waiter adds no "failed"; nothing more is sent', async () => {
    // ×1: the instance takes 30–60 s to stop, so the run is surely waiting for it.
    const { runner, instance, world } = await setup('healthy', { speed: 1 });
    runner.preview(planStopStart(instance, { region: 'us-east-1' }), instance);
    await vi.waitFor(() => expect(runner.getSnapshot().current?.permission.kind).toBe('allowed'));
    runner.confirm();
    await vi.waitFor(() => expect(runner.getSnapshot().current?.steps[1]?.status).toBe('running'), { timeout: 10_000 });
    runner.interrupt('SIGTERM');
    runner.interrupt('again'); // a second ending changes nothing
    runner.stop();
    const run = runner.getSnapshot().current!;
    expect(run).toMatchObject({ phase: 'interrupted', interruptedBy: 'SIGTERM' });
    const { journal } = runner.getSnapshot();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ outcome: 'interrupted' });
    expect(journal[0]!.detail).toEqual([
      expect.stringMatching(/^StopInstances: done in \d+ s$/),
      expect.stringMatching(/^wait until stopped: interrupted \(SIGTERM\); last seen /),
      `to finish it: aws ec2 wait instance-stopped --instance-ids ${ML_SERVER_ID} --region us-east-1 && aws ec2 start-instances --instance-ids ${ML_SERVER_ID} --region us-east-1`,
    ]);
    // Let the aborted waiter's rejection run its course: it must not journal a failure after the interruption.
    for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
    expect(runner.getSnapshot().journal).toHaveLength(1);
    expect(world.operations().filter((o) => o.isMutating && !o.dryRun).map((o) => o.action)).toEqual(['StopInstances']);
  }, 20_000);

  it('persist hears every change and its answer (where the journal is) joins the snapshot', async () => {
    const seen: number[] = [];
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock: scaledClock(600, T0) });
    const config = { region: 'us-east-1', simHandler: createSimHandler(world), isReadOnly: false };
    const api = createAwsApi(config);
    runner = createActionRunner({
      actions: () => Promise.resolve(createAwsActions(config)),
      api,
      clock: systemClock(() => Date.now(), 1),
      isReadOnly: false,
      who: 't',
      persist: (s) => {
        seen.push(s.journal.length);
        return s.journal.length === 0 ? undefined : { path: '/state/journal.md' };
      },
    });
    const [instance] = await api.listInstances({ instanceIds: [ML_SERVER_ID] });
    runner.preview(planReboot(instance!, { region: 'us-east-1' }), instance!);
    runner.cancel();
    expect(runner.getSnapshot().journalFile).toEqual({ path: '/state/journal.md' });
    expect(seen).toContain(1);
  });
});
