import { describe, expect, it } from 'vitest';
import { oomKills, OOM_TIMELINE } from '../../source/sim/scenarios/oom.js';
import type { SimMetricKey, SimStatistic } from '../../source/sim/types.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';

// 02:44:52 UTC, so the first kill lands at 02:45:12 as in the reference story.
const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const MIN = 60_000;

function setup(scenario = 'oom', seed = 42) {
  const clock = { t: T0, now(): number { return this.t; } };
  const world = createWorld({ scenario, seed, fleetSize: 0, clock });
  const at = (t: number) => { clock.t = t; };
  const key = (metricName: string, namespace = 'AWS/EC2'): SimMetricKey => ({ namespace, metricName, dimensions: { InstanceId: ML_SERVER_ID } });
  const series = (metricName: string, from: number, to: number, period: number, stat: SimStatistic, namespace?: string) =>
    world.datapoints(key(metricName, namespace), from, to, period, stat);
  const value = (metricName: string, t: number, stat: SimStatistic = 'Average', namespace?: string) =>
    series(metricName, t, t + MIN, 60, stat, namespace).values[0];
  const memAt = (t: number) => value('mem_used_percent', t, 'Average', 'CWAgent') ?? Number.NaN;
  return { world, at, series, value, memAt };
}

describe('scenario oom', () => {
  it('climbs traffic and memory for 40 minutes before T0', () => {
    const { series, memAt } = setup();
    const netIn = (from: number, to: number) => {
      const v = series('NetworkIn', from, to, to - from >= 3_600_000 ? 3600 : 600, 'Sum', undefined).values;
      return (v.reduce((a, b) => a + b, 0) / (to - from)) * 60_000;
    };
    expect(netIn(T0 - 10 * MIN, T0)).toBeGreaterThan(1.8 * netIn(T0 - 100 * MIN, T0 - 40 * MIN));
    expect(memAt(T0 - 41 * MIN)).toBeGreaterThan(48);
    expect(memAt(T0 - 41 * MIN)).toBeLessThan(62);
    expect(memAt(T0 - 20 * MIN)).toBeGreaterThan(memAt(T0 - 35 * MIN));
    expect(memAt(T0 - MIN)).toBeGreaterThan(95);
  });

  it('shows CPU at ~100% in the last complete and the current partial 5-minute bucket at T0', () => {
    const { series } = setup();
    const bucket = Math.floor(T0 / 300_000) * 300_000;
    const max = series('CPUUtilization', bucket - 300_000, T0 + 1, 300, 'Maximum');
    const avg = series('CPUUtilization', bucket - 300_000, T0 + 1, 300, 'Average');
    expect(max.timestamps).toEqual([bucket - 300_000, bucket]);
    expect(max.values).toEqual([100, 100]);
    for (const v of avg.values) expect(v).toBeGreaterThanOrEqual(95);
  });

  it('kills python3 at T0+20 s: kernel lines on the console, timestamped from boot', () => {
    const { world, at } = setup();
    at(T0 + 19 * 1000);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).not.toContain('Out of memory');
    at(T0 + 21 * 1000);
    const out = world.consoleOutput(ML_SERVER_ID);
    const text = out?.text ?? '';
    expect(text).toContain('Out of memory: Kill process 1234 (python3) score 912 or sacrifice child');
    expect(text).toMatch(/Killed process 1234 \(python3\) total-vm:\d+kB, anon-rss:\d+kB/);
    expect(out?.timestamp).toBeLessThanOrEqual(T0 + 21 * 1000);
    const stamp = /\[\s*(\d+\.\d{6})\] Out of memory/.exec(text)?.[1];
    const launch = world.instance(ML_SERVER_ID)?.launchTime ?? 0;
    const sinceLaunch = (T0 + 20 * 1000 - launch) / 1000;
    expect(Number(stamp)).toBeGreaterThan(sinceLaunch - 10);
    expect(Number(stamp)).toBeLessThanOrEqual(sinceLaunch);
  });

  it('writes the story lines to both log groups at the actual fleet time, and nothing from the future', () => {
    const { world, at } = setup();
    const all = (group: string) => world.logEvents(group, T0 - 86_400_000, T0 + 86_400_000).map((e) => e.message);
    expect(all('/pettracker/ml-server').join('\n')).not.toContain('CRITICAL');
    at(T0 + 30 * 1000);
    expect(all('/pettracker/ec2/system')).toContain(
      'Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child',
    );
    const app = all('/pettracker/ml-server');
    expect(app).toContain('2024-01-15 02:45:10 ERROR: Memory allocation failed for model inference');
    expect(app).toContain('2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer');
    expect(app.filter((m) => m.includes(' INFO: ')).length).toBeGreaterThan(250);
    const events = world.logEvents('/pettracker/ml-server', T0 - 86_400_000, T0 + 86_400_000);
    expect(events.every((e) => e.timestamp <= T0 + 30 * 1000)).toBe(true);
  });

  it('drops memory and CPU after the kill, restarts after ~2 min, and refills', () => {
    const { world, at, value, memAt } = setup();
    at(T0 + 15 * MIN);
    const killMinute = Math.ceil((T0 + OOM_TIMELINE.firstKill) / MIN) * MIN;
    expect(memAt(killMinute)).toBeLessThan(45);
    expect(value('CPUUtilization', killMinute, 'Maximum')).toBeUndefined(); // basic monitoring: 5-minute points only
    const cpu = (t: number) => world.datapoints(
      { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML_SERVER_ID } }, t, t + 300_000, 300, 'Minimum',
    ).values[0] ?? Number.NaN;
    expect(cpu(Math.floor(killMinute / 300_000) * 300_000)).toBeLessThan(10);
    expect(memAt(killMinute + 3 * MIN)).toBeGreaterThan(55);
    expect(memAt(killMinute + 12 * MIN)).toBeGreaterThan(memAt(killMinute + 4 * MIN));
    const restarted = world.logEvents('/pettracker/ec2/system', T0, T0 + 15 * MIN).map((e) => e.message).find((m) => m.includes('Started ml-server'));
    expect(restarted).toMatch(/02:47:1\d/);
  });

  it('kills again every 15–20 minutes while traffic stays high, and keeps status checks ok', () => {
    const { world, at } = setup();
    const kills = oomKills(T0, 42);
    expect(kills[0]).toBe(T0 + 20_000);
    expect(kills.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < kills.length; i++) {
      const gap = (kills[i] ?? 0) - (kills[i - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(15 * MIN);
      expect(gap).toBeLessThanOrEqual(20 * MIN);
    }
    at(T0 + 3 * 3_600_000);
    const console = world.consoleOutput(ML_SERVER_ID)?.text ?? '';
    expect(console.match(/Out of memory: Kill process \d+ \(python3\)/g)).toHaveLength(kills.length);
    const status = world.status(ML_SERVER_ID);
    expect(status?.system.status).toBe('ok');
    expect(status?.instance.status).toBe('ok');
    expect(status?.instance.details).toEqual([{ name: 'reachability', status: 'passed' }]);
    expect(status?.ebs.status).toBe('ok');
    const failed = world.datapoints({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensions: { InstanceId: ML_SERVER_ID } }, T0, T0 + 3 * 3_600_000, 3600, 'Maximum');
    expect(failed.values.length).toBeGreaterThanOrEqual(3);
    expect(failed.values.every((v) => v === 0)).toBe(true);
  });
});

describe('scenario healthy', () => {
  it('keeps the ML server at moderate load with no OOM', () => {
    const { world, at, series } = setup('healthy');
    at(T0 + 3 * 3_600_000);
    const cpu = series('CPUUtilization', T0 - 3_600_000, T0 + 3 * 3_600_000, 300, 'Maximum').values;
    expect(Math.max(...cpu)).toBeLessThan(80);
    const mem = series('mem_used_percent', T0 - 3_600_000, T0 + 3 * 3_600_000, 300, 'Maximum', 'CWAgent').values;
    expect(Math.max(...mem)).toBeLessThan(75);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).not.toContain('Out of memory');
    const logs = [...world.logEvents('/pettracker/ml-server', 0, T0 + 4 * 3_600_000), ...world.logEvents('/pettracker/ec2/system', 0, T0 + 4 * 3_600_000)];
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.some((e) => /OOM|Out of memory|ERROR|CRITICAL/.test(e.message))).toBe(false);
  });

  it('shares the fleet with oom', () => {
    expect(setup('healthy').world.instances()).toEqual(setup('oom').world.instances());
  });
});
