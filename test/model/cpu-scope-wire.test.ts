// The CPU column's request size as the training fleet receives it (the SDK's real requests, counted on the wire):
// a large fleet's column asks only for the rows on screen; a small one asks for every running instance.
import { describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import type { InProcessRequest } from '../../source/domain/in-process-http.js';
import { createAppModel } from '../../source/model/app-model.js';
import { systemClock } from '../../source/model/clock.js';
import type { FleetSnapshot, Store } from '../../source/model/types.js';
import { scaledClock } from '../../source/sim/clock.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';

/** MetricDataQueries in one GetMetricData request body (JSON or query protocol); undefined for other requests. */
function metricQueriesIn(request: InProcessRequest): number | undefined {
  const target = request.headers['x-amz-target'] ?? '';
  if (target.endsWith('GetMetricData') || request.body.includes('"MetricDataQueries"')) {
    const parsed = JSON.parse(request.body) as { MetricDataQueries?: unknown[] };
    return parsed.MetricDataQueries?.length ?? 0;
  }
  if (request.body.includes('Action=GetMetricData')) return (request.body.match(/MetricDataQueries\.member\.\d+\.Id=/g) ?? []).length;
  return undefined;
}

const until = (store: Store<FleetSnapshot>, predicate: (s: FleetSnapshot) => boolean): Promise<void> =>
  new Promise((resolve) => {
    if (predicate(store.getSnapshot())) return resolve();
    const off = store.subscribe(() => {
      if (!predicate(store.getSnapshot())) return;
      off();
      resolve();
    });
  });

async function wireSizes(fleetSize: number, onScreen: number) {
  const clock = scaledClock(1);
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize, clock });
  const handler = createSimHandler(world);
  const sizes: number[] = [];
  const api = createAwsApi({
    region: world.region,
    simHandler: async (request) => {
      const n = metricQueriesIn(request);
      if (n !== undefined) sizes.push(n);
      return handler(request);
    },
  });
  const model = createAppModel({
    api, clock: systemClock(() => clock.now(), 1), isReadOnly: true, refreshSeconds: 15, who: 'test',
    actions: () => Promise.reject(new Error('no writes here')), target: { kind: 'demo', scenario: 'oom', speed: 1, region: world.region },
  });
  model.start();
  try {
    await until(model.fleet, (s) => s.instances.data !== undefined);
    const instances = model.fleet.getSnapshot().instances.data ?? [];
    const shown = instances.slice(0, onScreen);
    model.setVisibleInstances?.(shown.map((i) => i.id));
    await until(model.fleet, (s) => s.cpu.data !== undefined || s.cpu.error !== undefined);
    const fleet = model.fleet.getSnapshot();
    return { sizes, fleet, instances, running: (list: typeof instances) => list.filter((i) => i.state === 'running').length, shown };
  } finally {
    model.stop();
  }
}

describe('the CPU column on the wire', () => {
  it('a small fleet: one request with every running instance', async () => {
    const { sizes, fleet, instances, running } = await wireSizes(0, 40);
    expect(sizes).toEqual([running(instances)]);
    expect(fleet.cpuScope).toBeUndefined();
  });

  it('above 500 instances: one request with only the running rows on screen', async () => {
    const { sizes, fleet, instances, running, shown } = await wireSizes(1_000, 40);
    expect(instances.length).toBeGreaterThan(1_000);
    expect(sizes).toEqual([running(shown)]);
    expect(fleet.cpuScope).toEqual({ asked: running(shown), total: instances.length });
  }, 30_000);
});
