// The stores and the checklist over the real in-process training fleet (aws/ → SDK → sim handler → world).
import { describe, expect, it, vi } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { createAppModel } from '../../source/model/app-model.js';
import { metricsOf } from '../../source/model/metrics-store.js';
import { createWorld } from '../../source/sim/world.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const ML = 'i-1234567890abcdef0';

describe('model over the training fleet (scenario oom)', () => {
  const setup = () => {
    // World start 02:44:52 UTC: the first OOM kill is at T0 + 20 s = 02:45:12.
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 44, 52));
    const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
    const api = createAwsApi({ region: 'us-east-1', simHandler: createSimHandler(world) });
    const model = createAppModel({ api, clock, isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no write path in this test')), who: 'test', target: { kind: 'demo', scenario: 'oom', speed: 1, region: 'us-east-1' } });
    return { clock, model };
  };

  it('the fleet store lists the fleet with statuses and CPU', async () => {
    const { clock, model } = setup();
    await clock.advance(5 * 60_000);
    model.start();
    await vi.waitFor(() => expect(model.fleet.getSnapshot().cpu.data?.size).toBeGreaterThan(0), { timeout: 10_000 });
    const s = model.fleet.getSnapshot();
    expect(s.instances.data?.map((i) => i.name)).toContain('pettracker-ml-server');
    expect(s.statuses.data?.get(ML)?.system.status).toBe('ok');
    expect(s.cpu.data?.get(ML)).toBeGreaterThan(0);
    model.stop();
  });

  it('the metrics store charts the ML server with the agent reporting', async () => {
    const { clock, model } = setup();
    await clock.advance(5 * 60_000);
    model.start();
    await vi.waitFor(() => expect(model.fleet.getSnapshot().instances.data).toBeDefined(), { timeout: 10_000 });
    const ml = model.fleet.getSnapshot().instances.data?.find((i) => i.id === ML);
    if (ml === undefined) throw new Error('no ML server in the fleet');
    model.selectInstance(ml);
    await vi.waitFor(() => expect(metricsOf(model.metrics.getSnapshot(), ml).charts.data).toBeDefined(), { timeout: 10_000 });
    const m = metricsOf(model.metrics.getSnapshot(), ml);
    expect(m.isAgentReporting).toBe(true);
    expect(m.charts.data?.find((c) => c.key === 'mem')?.stats?.max).toBeGreaterThan(90);
    expect(m.charts.data?.find((c) => c.key === 'diskRead')?.title).toBe('Disk read');
    expect(m.charts.data?.find((c) => c.key === 'disk')?.stats).toBeDefined();
    model.stop();
  });

  it('the checklist concludes the OOM kill with the memory peak', async () => {
    const { clock, model } = setup();
    await clock.advance(5 * 60_000);
    model.start();
    await vi.waitFor(() => expect(model.fleet.getSnapshot().instances.data).toBeDefined(), { timeout: 10_000 });
    const ml = model.fleet.getSnapshot().instances.data?.find((i) => i.id === ML);
    if (ml === undefined) throw new Error('no ML server');
    model.runTriage(ml);
    await vi.waitFor(() => expect(model.triage.getSnapshot()?.finishedAt).toBeDefined(), { timeout: 10_000 });
    const run = model.triage.getSnapshot();
    expect(run?.steps.map((s) => s.state)).toEqual(['ok', 'warning', 'failed', 'failed']);
    expect(run?.conclusion?.text).toMatch(/OOM killer killed python3 \(pid 1234\) at 02:45:12 UTC/);
    expect(run?.engine?.result.diagnosis.chain.join(' → ')).toMatch(/Memory climbs .*→ .*OOM killer/);
    expect(run?.engine?.result.recommendations.map((r) => r.id)).toContain('resize');
    model.stop();
  });
});
