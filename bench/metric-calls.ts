// Child entry of metric_calls (bundled to dist/bench/metric-calls.mjs; run as `node … 100 10000`): for each fleet
// size, the real model on the real SDK clients on the in-process training fleet, started until the fleet CPU
// column has loaded once. It runs in its own process so its 10,000-instance heap never disturbs the pty timings.
//   calls    = GetMetricData requests the fleet served (createSimHandler's onRequest; each SDK page is one)
//   queries  = MetricDataQueries the model asked for (AwsApi.getMetricData wrapped: queries.length)
//   expected = ceil(queries / 500), the floor GetMetricData's 500-query limit allows
//   sdk_calls = the `calls` the AwsApi itself reported; list_ms / cpu_ms = start → instances / → CPU column;
//   max_block_ms = the longest event-loop stall while it ran (a stall that long delays every keypress).
import type { AwsApi } from '../source/aws/api.js';
import { createAwsApi } from '../source/aws/index.js';
import { createAppModel } from '../source/model/app-model.js';
import { systemClock } from '../source/model/clock.js';
import type { FleetSnapshot, Store } from '../source/model/types.js';
import { scaledClock } from '../source/sim/clock.js';
import { createSimHandler } from '../source/sim/handler.js';
import { createWorld } from '../source/sim/world.js';
import { emit, emitError, round1 } from './report.js';

const MAX_QUERIES_PER_CALL = 500;
const TIMEOUT_MS = 120_000;

/** Resolves with the time the store first satisfies `predicate`. */
function whenFleet(store: Store<FleetSnapshot>, predicate: (s: FleetSnapshot) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`fleet condition not met within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const check = (): void => {
      if (!predicate(store.getSnapshot())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(performance.now());
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/**
 * Watches the event loop with a 5 ms interval; `stop()` returns the longest gap beyond the interval, in ms.
 * The gap still open at stop() counts too: an in-process refresh that is one unbroken promise chain never lets
 * the interval fire at all, and stdin (a keypress) waits exactly as long.
 */
function stallWatch(): { stop(): number } {
  const everyMs = 5;
  let last = performance.now();
  let longest = 0;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last - everyMs);
    last = now;
  };
  const timer = setInterval(tick, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      return Math.max(0, longest);
    },
  };
}

/** The AwsApi with getMetricData counted (queries asked, calls the SDK layer reported). */
function counted(api: AwsApi, tally: { queries: number; sdkCalls: number }): AwsApi {
  return {
    ...api,
    getMetricData: async (queries, start, end, options) => {
      tally.queries += queries.length;
      const batch = await api.getMetricData(queries, start, end, options);
      tally.sdkCalls += batch.calls;
      return batch;
    },
  };
}

/** One fleet CPU refresh at `fleetSize` extra instances. */
async function measure(fleetSize: number): Promise<void> {
  const clock = scaledClock(1);
  const world = createWorld({ scenario: 'oom', seed: 1, fleetSize, clock });
  const noWrites = () => Promise.reject(new Error('the bench sends no writes'));
  let calls = 0;
  const handler = createSimHandler(world, {
    onRequest: ({ action }) => {
      if (action === 'GetMetricData') calls += 1;
    },
  });
  const tally = { queries: 0, sdkCalls: 0 };
  const api = counted(createAwsApi({ region: world.region, simHandler: handler }), tally);
  const target = { kind: 'demo', scenario: 'oom', speed: 1, region: world.region } as const;
  const model = createAppModel({ api, target, isReadOnly: false, refreshSeconds: 15, clock: systemClock(() => clock.now(), 1), actions: noWrites, who: 'bench' });
  const stalls = stallWatch();
  const started = performance.now();
  model.start();
  try {
    const listed = await whenFleet(model.fleet, (s) => s.instances.data !== undefined);
    // As the list pane does: it reports the rows on screen (40 at 200×50); above LARGE_FLEET the CPU column asks only for those.
    model.setVisibleInstances?.((model.fleet.getSnapshot().instances.data ?? []).slice(0, 40).map((i) => i.id));
    const cpu = await whenFleet(model.fleet, (s) => s.cpu.data !== undefined || s.cpu.error !== undefined);
    const snapshot = model.fleet.getSnapshot();
    if (snapshot.cpu.error !== undefined) throw new Error(`CPU refresh failed: ${snapshot.cpu.error.message}`);
    emit({
      name: 'metric_calls',
      instances: snapshot.instances.data?.length ?? 0,
      cpu_asked: snapshot.cpuScope?.asked ?? snapshot.cpu.data?.size ?? 0,
      calls,
      queries: tally.queries,
      expected: Math.ceil(tally.queries / MAX_QUERIES_PER_CALL),
      sdk_calls: tally.sdkCalls,
      list_ms: round1(listed - started),
      cpu_ms: round1(cpu - listed),
      max_block_ms: round1(stalls.stop()),
    });
  } finally {
    stalls.stop();
    model.stop();
  }
}

for (const size of process.argv.slice(2).map(Number)) {
  try {
    await measure(size);
  } catch (error) {
    emitError('metric_calls', error);
  }
}
