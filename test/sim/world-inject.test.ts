// The instructor's world operations: an incident injected at runtime looks, through the AWS API and the triage,
// like the same scenario cast at start; healing ends it; the past before an injection is never rewritten.
import { describe, expect, it, vi } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { createAppModel } from '../../source/model/app-model.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { FAULT_OFFSETS } from '../../source/sim/world-inject.js';
import { createWorld, INJECTABLE_SCENARIOS, ML_SERVER_ID } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import type { FakeClock } from '../helpers/fake-clock.js';

const MIN = 60_000;
const START = Date.UTC(2024, 0, 15, 1, 0, 0);

const memAt = (world: TrainingWorld, id: string, t: number): number | undefined =>
  world.datapoints({ namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: { InstanceId: id } }, t, t + MIN, 60, 'Average').values[0];

async function triage(world: TrainingWorld, clock: FakeClock, scenario: string) {
  const api = createAwsApi({ region: 'us-east-1', simHandler: createSimHandler(world) });
  const model = createAppModel({
    api,
    clock,
    isReadOnly: true,
    refreshSeconds: 15,
    actions: () => Promise.reject(new Error('no write path in this test')),
    who: 'test',
    target: { kind: 'demo', scenario, speed: 1, region: 'us-east-1' },
  });
  model.start();
  await vi.waitFor(() => expect(model.fleet.getSnapshot().instances.data).toBeDefined(), { timeout: 10_000 });
  const ml = model.fleet.getSnapshot().instances.data?.find((i) => i.id === ML_SERVER_ID);
  if (ml === undefined) throw new Error('no ML server');
  model.runTriage(ml);
  await vi.waitFor(() => expect(model.triage.getSnapshot()?.finishedAt).toBeDefined(), { timeout: 10_000 });
  const run = model.triage.getSnapshot();
  model.stop();
  return {
    states: run?.steps.map((s) => s.state),
    cause: run?.engine?.result.diagnosis.chain.join(' → '),
    conclusion: run?.conclusion?.text ?? '',
    recommendations: run?.engine?.result.recommendations.map((r) => r.id) ?? [],
  };
}

describe('world.inject / world.heal', () => {
  it('an oom injected into a healthy ML server gives the triage of the oom scenario', async () => {
    const clock = createFakeClock(START);
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
    await clock.advance(60 * MIN);
    const before = memAt(world, ML_SERVER_ID, START + 30 * MIN);
    const injected = world.inject('pettracker-ml-server', 'oom');
    expect(injected).toMatchObject({ ok: true, incident: { instanceId: ML_SERVER_ID, scenario: 'oom', since: START + 60 * MIN } });
    // The past a trainee already saw stays as it was.
    expect(memAt(world, ML_SERVER_ID, START + 30 * MIN)).toBe(before);
    await clock.advance(5 * MIN);
    const got = await triage(world, clock, 'healthy');

    const castClock = createFakeClock(START + 60 * MIN - 5 * MIN);
    const cast = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: castClock, t0: START + 60 * MIN });
    await castClock.advance(10 * MIN);
    const want = await triage(cast, castClock, 'oom');

    expect(got.cause).toMatch(/OOM killer/);
    // The same chain; only the memory peak's reading differs (its 5-minute bucket began before the injection).
    const shape = (chain: string | undefined): string | undefined => chain?.replace(/\d+(\.\d+)?%/g, 'N%');
    expect(shape(got.cause)).toBe(shape(want.cause));
    expect(got.states).toEqual(want.states);
    expect(got.conclusion).toMatch(/OOM killer killed python3 \(pid 1234\) at 02:00:20 UTC/);
    expect(got.recommendations).toContain('resize');
  });

  it('every injectable scenario, injected into a healthy ML server, gets the diagnosis of the scenario cast at start', async () => {
    for (const scenario of INJECTABLE_SCENARIOS) {
      const clock = createFakeClock(START);
      const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
      await clock.advance(60 * MIN);
      expect(world.inject(ML_SERVER_ID, scenario).ok).toBe(true);
      await clock.advance(10 * MIN);
      const got = await triage(world, clock, 'healthy');
      const castClock = createFakeClock(START + 60 * MIN);
      const cast = createWorld({ scenario, seed: 1, fleetSize: 0, clock: castClock });
      await castClock.advance(5 * MIN);
      const want = await triage(cast, castClock, scenario);
      expect({ scenario, conclusion: got.conclusion }).toEqual({ scenario, conclusion: want.conclusion });
      expect(got.conclusion).not.toMatch(/^No problem found/);
    }
  }, 60_000);

  it('heal ends the incident: memory falls back, no further kills, the kill stays in the record', async () => {
    const clock = createFakeClock(START);
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
    await clock.advance(10 * MIN);
    expect(world.inject(ML_SERVER_ID, 'oom').ok).toBe(true);
    await clock.advance(2 * MIN);
    expect(memAt(world, ML_SERVER_ID, START + 10 * MIN)).toBeGreaterThan(90);
    const healed = world.heal('pettracker-ml-server');
    expect(healed).toMatchObject({ ok: true, incident: { endedAt: START + 12 * MIN } });
    await clock.advance(60 * MIN);
    expect(memAt(world, ML_SERVER_ID, START + 40 * MIN)).toBeLessThan(80);
    const kills = world.logEvents('/pettracker/ec2/system', START, clock.now()).filter((e) => e.message.includes('Out of memory: Kill process'));
    expect(kills.map((k) => k.timestamp)).toEqual([START + 10 * MIN + 20_000]);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toMatch(/Out of memory: Kill process 1234/);
    expect(world.heal(ML_SERVER_ID)).toEqual({ ok: false, message: "pettracker-ml-server's oom incident is already over" });
  });

  it('injects several incidents at once and says when an instance is already in one', async () => {
    const clock = createFakeClock(START);
    const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
    expect(world.inject('pettracker-ml-server', 'disk-full')).toEqual({
      ok: false,
      message: 'pettracker-ml-server is already in an incident (oom); heal it first with inject --heal',
    });
    const web = world.instances().find((i) => i.tags.Name === 'pettracker-web-1');
    if (web === undefined) throw new Error('no web-1');
    expect(world.status(web.id)?.system.status).toBe('ok');
    expect(world.inject(web.id, 'system-check-failed').ok).toBe(true);
    expect(world.inject('pettracker-web-2', 'ssh-blocked').ok).toBe(true);
    await clock.advance(30 * MIN);
    expect(world.status(web.id)?.system.status).toBe('impaired');
    const group = world.instance(world.instances().find((i) => i.tags.Name === 'pettracker-web-2')?.id ?? '')?.securityGroups[0]?.id;
    const rules = world.network().securityGroups.find((g) => g.id === group)?.ingress ?? [];
    expect(rules.some((r) => r.fromPort !== undefined && r.fromPort <= 22 && (r.toPort ?? 0) >= 22)).toBe(false);
    expect(world.incidents().map((i) => [i.name, i.scenario, i.endedAt])).toEqual(
      expect.arrayContaining([['pettracker-ml-server', 'oom', undefined], ['pettracker-web-1', 'system-check-failed', undefined], ['pettracker-web-2', 'ssh-blocked', undefined]]),
    );
    expect(world.heal('pettracker-web-1').ok).toBe(true);
    await clock.advance(MIN);
    expect(world.status(web.id)?.system.status).toBe('ok');
  });

  it('refuses unknown scenarios and instances in one line', () => {
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock: createFakeClock(START) });
    expect(world.inject('pettracker-ml-server', 'all')).toEqual({ ok: false, message: `unknown scenario 'all'; choose one of: ${INJECTABLE_SCENARIOS.join(', ')}` });
    expect(world.inject('nope', 'oom')).toEqual({ ok: false, message: "the fleet has no instance 'nope' (give an instance id or its Name tag)" });
    expect(world.heal('pettracker-ml-server')).toEqual({ ok: false, message: 'pettracker-ml-server is not in an incident' });
    expect(INJECTABLE_SCENARIOS).toEqual(['oom', 'ssh-blocked', 'no-public-ip', 'system-check-failed', 'instance-check-failed', 'disk-full', 'cpu-credits', 'wont-start']);
  });

  it('every injectable scenario can be injected into a healthy ML server and healed', async () => {
    for (const scenario of INJECTABLE_SCENARIOS) {
      const clock = createFakeClock(START);
      const world = createWorld({ scenario: 'healthy', seed: 3, fleetSize: 0, clock });
      expect(world.inject(ML_SERVER_ID, scenario).ok).toBe(true);
      await clock.advance(20 * MIN);
      expect(world.consoleOutput(ML_SERVER_ID)?.text.length).toBeGreaterThan(0);
      expect(world.heal(ML_SERVER_ID).ok).toBe(true);
      await clock.advance(MIN);
      expect(world.instance(ML_SERVER_ID)?.state).toBe('running');
      expect(world.status(ML_SERVER_ID)?.system.status).toBe('ok');
      expect(world.status(ML_SERVER_ID)?.instance.status).toBe('ok');
    }
  });

  it('heals a scenario cast at start: checks pass again from the heal on, the impairment stays in the past', async () => {
    const clock = createFakeClock(START);
    const world = createWorld({ scenario: 'system-check-failed', seed: 1, fleetSize: 0, clock });
    await clock.advance(MIN);
    expect(world.status(ML_SERVER_ID)?.system.status).toBe('impaired');
    expect(world.incidents()).toEqual([{ instanceId: ML_SERVER_ID, name: 'pettracker-ml-server', scenario: 'system-check-failed', since: undefined, endedAt: undefined }]);
    expect(world.heal(ML_SERVER_ID)).toMatchObject({ ok: true, incident: { endedAt: START + MIN } });
    await clock.advance(10 * MIN);
    expect(world.status(ML_SERVER_ID)?.system.status).toBe('ok');
    const failed = world.datapoints({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed_System', dimensions: { InstanceId: ML_SERVER_ID } }, START - 10 * MIN, clock.now(), 60, 'Maximum');
    const at = (t: number): number | undefined => failed.values[failed.timestamps.indexOf(t)];
    expect(at(START)).toBe(1);
    expect(at(START + 5 * MIN)).toBe(0);
  });

  it('places each injected fault at the injection, never before it', async () => {
    expect(Object.keys(FAULT_OFFSETS).sort()).toEqual([...INJECTABLE_SCENARIOS].sort());
    const clock = createFakeClock(START);
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
    const web = (n: number): string => world.instances().find((i) => i.tags.Name === `pettracker-web-${n}`)?.id ?? '';
    expect(world.inject(web(1), 'system-check-failed').ok).toBe(true);
    expect(world.inject(web(2), 'wont-start').ok).toBe(true);
    expect(world.inject(ML_SERVER_ID, 'disk-full').ok).toBe(true);
    await clock.advance(MIN);
    expect(world.status(web(1))?.system).toMatchObject({ status: 'impaired', details: [{ impairedSince: START }] });
    expect(world.instance(web(2))?.state).toBe('stopped');
    const disk = (t: number): number | undefined =>
      world.datapoints({ namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: { InstanceId: ML_SERVER_ID, path: '/', device: 'nvme0n1p1', fstype: 'xfs' } }, t, t + MIN, 60, 'Maximum').values[0];
    expect(disk(START)).toBe(100);
    expect(disk(START - MIN)).toBeLessThan(90);
  });
});
