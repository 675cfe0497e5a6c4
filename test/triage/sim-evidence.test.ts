// The checklist's judgement on evidence read straight from the training world (no aws/ layer): the console
// text, log lines and metric datapoints the oom scenario writes must lead to the OOM conclusion.
import { describe, expect, it } from 'vitest';
import type { Instance, LogEvent, MetricBatch } from '../../source/aws/types.js';
import { conclude, evaluateLogs, evaluateMetrics, evaluateStatus, triageMetricQueries } from '../../source/triage/checklist.js';
import { eventsOfInstance, pickLogGroups } from '../../source/triage/log-sources.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import type { SimStatistic } from '../../source/sim/types.js';
import { makeInstance, makeStatus } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

describe('checklist on the training world (scenario oom)', () => {
  it('concludes the OOM kill at 02:45:12 with the memory peak', async () => {
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 2, 44, 52));
    const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock });
    await clock.advance(5 * 60_000);
    const sim = world.instance(ML_SERVER_ID);
    if (sim === undefined) throw new Error('no ML server');
    const instance: Instance = makeInstance({
      id: sim.id, name: sim.tags.Name ?? '', tags: sim.tags, type: sim.type, launchTime: new Date(sim.launchTime), isDetailedMonitoring: sim.monitoring === 'enabled',
    });
    const now = new Date(clock.now());
    const since = new Date(clock.now() - 3 * 3_600_000);

    const batch: MetricBatch = {
      calls: 1,
      series: triageMetricQueries(instance).map((q) => {
        const d = world.datapoints(q, since.getTime(), now.getTime(), q.period, q.stat as SimStatistic);
        return { id: q.id, label: q.metricName, timestamps: d.timestamps.map((t) => new Date(t)), values: d.values, statusCode: 'Complete', messages: [] };
      }),
    };
    const groups = pickLogGroups(instance, world.logGroups().map((g) => ({ name: g.name, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined })));
    const events: LogEvent[] = groups.flatMap((g) =>
      world.logEvents(g.name, since.getTime(), now.getTime()).map((e) => ({ timestamp: new Date(e.timestamp), message: e.message, logStream: e.logStream, eventId: e.eventId })),
    );
    const consoleText = world.consoleOutput(ML_SERVER_ID)?.text ?? '';

    const status = evaluateStatus({ ok: true, value: makeStatus(ML_SERVER_ID) });
    const metrics = evaluateMetrics({ ok: true, value: batch });
    const logs = evaluateLogs({
      instance, since, now,
      console: { ok: true, value: { instanceId: instance.id, timestamp: undefined, text: consoleText } },
      logs: { ok: true, value: { groups: groups.map((g) => g.name), events: eventsOfInstance(instance.id, events) } },
    });
    expect(groups.map((g) => g.name).sort()).toEqual(['/pettracker/ec2/system', '/pettracker/ml-server']);
    expect(metrics.state).toBe('warning');
    expect(logs.kills.map((k) => [k.pid, k.process, k.timeSource])).toEqual([[1234, 'python3', 'syslog']]);
    const { conclusion } = conclude({ status, metrics, logs });
    expect(conclusion.text).toMatch(/^OOM killer killed python3 \(pid 1234\) at 02:45:12 UTC — memory peaked at 9\d% at 02:4\d UTC$/);

    // The console alone (logs unavailable) dates the kill from the launch time: within the kernel's boot delay.
    const fromConsole = evaluateLogs({ instance, since, now, console: { ok: true, value: { instanceId: instance.id, timestamp: undefined, text: consoleText } }, logs: { ok: false, error: { kind: 'denied', action: undefined, message: 'no' } } });
    const at = fromConsole.kills[0]?.at?.getTime() ?? 0;
    expect(Math.abs(at - Date.UTC(2024, 0, 15, 2, 45, 12))).toBeLessThan(5_000);
  });
});
