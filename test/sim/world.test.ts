import { describe, expect, it } from 'vitest';
import { createWorld, DEFAULT_SCENARIO, ML_SERVER_ID, SCENARIO_NAMES } from '../../source/sim/world.js';
import type { SimMetricKey } from '../../source/sim/types.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const fixed = (t = T0) => ({ now: () => t });
const world = (over: { seed?: number; scenario?: string; fleetSize?: number } = {}) =>
  createWorld({ scenario: over.scenario ?? DEFAULT_SCENARIO, seed: over.seed ?? 42, fleetSize: over.fleetSize ?? 0, clock: fixed() });
const byName = (w: ReturnType<typeof world>, name: string) => w.instances().find((i) => i.tags.Name === name);
const cpuKey = (id: string): SimMetricKey => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: id } });

describe('createWorld', () => {
  it('knows its scenarios, oom first and default', () => {
    expect(DEFAULT_SCENARIO).toBe('oom');
    expect(SCENARIO_NAMES).toEqual([
      'oom', 'healthy', 'ssh-blocked', 'no-public-ip', 'system-check-failed', 'instance-check-failed', 'disk-full', 'cpu-credits', 'wont-start', 'all',
    ]);
  });

  it('rejects an unknown scenario with a one-line message naming the valid ones', () => {
    expect(() => world({ scenario: 'nope' })).toThrow(/^Unknown scenario 'nope'\. Valid scenarios: oom, healthy, ssh-blocked, .*, wont-start, all$/);
  });

  it('has the PetTracker fleet of the story', () => {
    const w = world();
    expect(w.region).toBe('us-east-1');
    expect(w.accountId).toBe('123456789012');
    const ml = w.instance(ML_SERVER_ID);
    expect(ml).toMatchObject({
      type: 'c5.large', state: 'running', monitoring: 'disabled', keyName: 'pettracker-key', publicIp: '54.123.45.67',
      privateIp: '172.31.45.67', platformDetails: 'Linux/UNIX', architecture: 'x86_64',
    });
    expect(ml?.tags).toMatchObject({ Name: 'pettracker-ml-server', Environment: 'production', App: 'pettracker' });
    for (const name of ['pettracker-web-1', 'pettracker-web-2', 'pettracker-api-1', 'pettracker-api-2', 'pettracker-worker-1', 'pettracker-worker-2', 'pettracker-bastion']) {
      const i = byName(w, name);
      expect(i?.state, name).toBe('running');
      expect(i?.id).toMatch(/^i-[0-9a-f]{17}$/);
      expect(i?.securityGroups[0]?.id).toMatch(/^sg-[0-9a-f]{17}$/);
      expect(i?.subnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
      expect(i?.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
      expect(i?.tags.Environment).toBeDefined();
    }
    expect(w.instances().some((i) => i.monitoring === 'enabled')).toBe(true);
    expect(byName(w, 'pettracker-bastion')?.type).toBe('t3.micro');
    const ids = w.instances().map((i) => i.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('has one stopped instance stopped by its user', () => {
    const stopped = world().instances().filter((i) => i.state === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]?.stateReason?.code).toBe('Client.UserInitiatedShutdown');
    expect(stopped[0]?.stateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(stopped[0]?.publicIp).toBeUndefined();
    expect(world().status(stopped[0]?.id ?? '')?.instance.status).toBe('not-applicable');
  });

  it('is deterministic: same seed → same fleet and same numbers; another seed → another fleet', () => {
    const a = world({ seed: 1 });
    const b = world({ seed: 1 });
    const c = world({ seed: 2 });
    expect(b.instances()).toEqual(a.instances());
    expect(c.instances().map((i) => i.id)).not.toEqual(a.instances().map((i) => i.id));
    const web = byName(a, 'pettracker-web-1')?.id ?? '';
    const series = (w: typeof a, id: string) => w.datapoints(cpuKey(id), T0 - 3_600_000, T0, 60, 'Average').values;
    expect(series(b, web)).toEqual(series(a, web));
    expect(series(c, byName(c, 'pettracker-web-1')?.id ?? '')).not.toEqual(series(a, web));
    expect(b.logEvents('/pettracker/ml-server', T0 - 86_400_000, T0)).toEqual(a.logEvents('/pettracker/ml-server', T0 - 86_400_000, T0));
    expect(b.consoleOutput(ML_SERVER_ID)).toEqual(a.consoleOutput(ML_SERVER_ID));
  });

  it('lists CWAgent metrics only for instances running the agent, with the agent dimensions', () => {
    const w = world();
    const agent = w.listMetrics().filter((k) => k.namespace === 'CWAgent');
    const mlKeys = agent.filter((k) => k.dimensions.InstanceId === ML_SERVER_ID);
    expect(mlKeys.map((k) => k.metricName).sort()).toEqual(['disk_used_percent', 'mem_used_percent']);
    expect(mlKeys.find((k) => k.metricName === 'disk_used_percent')?.dimensions).toEqual({
      InstanceId: ML_SERVER_ID, path: '/', device: 'nvme0n1p1', fstype: 'xfs',
    });
    const withAgent = new Set(agent.map((k) => k.dimensions.InstanceId));
    const without = w.instances().filter((i) => i.state === 'running' && !withAgent.has(i.id));
    expect(without.length).toBeGreaterThan(0);
    const noAgent = without[0]?.id ?? '';
    expect(w.datapoints({ namespace: 'CWAgent', metricName: 'mem_used_percent', dimensions: { InstanceId: noAgent } }, T0 - 3_600_000, T0, 300, 'Average').values).toEqual([]);
  });

  it('publishes credit metrics only for burstable types and EBS metrics on Nitro', () => {
    const w = world();
    const names = (id: string) => w.listMetrics().filter((k) => k.dimensions.InstanceId === id).map((k) => k.metricName);
    expect(names(byName(w, 'pettracker-bastion')?.id ?? '')).toContain('CPUCreditBalance');
    expect(names(ML_SERVER_ID)).not.toContain('CPUCreditBalance');
    expect(names(ML_SERVER_ID)).toEqual(expect.arrayContaining(['EBSReadBytes', 'EBSWriteOps', 'DiskReadBytes', 'StatusCheckFailed_System', 'NetworkPacketsIn']));
  });

  it('matches dimensions exactly, like CloudWatch', () => {
    const w = world();
    const partial = { namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: { InstanceId: ML_SERVER_ID } };
    expect(w.datapoints(partial, T0 - 3_600_000, T0, 300, 'Average').values).toEqual([]);
  });

  it('returns 1-minute data for detailed monitoring and 5-minute data for basic', () => {
    const w = world();
    const detailed = byName(w, 'pettracker-web-1')?.id ?? '';
    const minute = Math.floor(T0 / 60_000) * 60_000;
    expect(w.datapoints(cpuKey(detailed), minute - 3_600_000, minute, 60, 'Average').timestamps).toHaveLength(60);
    // An unaligned start is rounded down to the period, so the bucket it falls in is included.
    expect(w.datapoints(cpuKey(detailed), T0 - 3_600_000, T0, 60, 'Average').timestamps[0]).toBe(minute - 3_600_000);
    const basic = w.datapoints(cpuKey(ML_SERVER_ID), T0 - 3_600_000, T0 + 1, 60, 'Average');
    for (const ts of basic.timestamps) expect(ts % 300_000).toBe(0);
  });

  it('has no data in the future or for a stopped instance after it stopped', () => {
    const w = world();
    expect(w.datapoints(cpuKey(ML_SERVER_ID), T0 + 60_000, T0 + 3_600_000, 60, 'Average').values).toEqual([]);
    const stopped = w.instances().find((i) => i.state === 'stopped');
    const d = w.datapoints(cpuKey(stopped?.id ?? ''), T0 - 3 * 86_400_000, T0, 3600, 'Average');
    const stoppedAt = Date.parse(`${/\((.*) GMT\)/.exec(stopped?.stateTransitionReason ?? '')?.[1]?.replace(' ', 'T')}Z`);
    expect(d.timestamps.length).toBeGreaterThan(0);
    for (const ts of d.timestamps) expect(ts).toBeLessThan(stoppedAt);
  });

  it('shows one scheduled maintenance event and healthy checks elsewhere', () => {
    const w = world();
    const statuses = w.instances().map((i) => w.status(i.id));
    const withEvents = statuses.filter((s) => (s?.events.length ?? 0) > 0);
    expect(withEvents).toHaveLength(1);
    const event = withEvents[0]?.events[0];
    expect(event?.code).toBe('system-maintenance');
    expect(event?.notBefore).toBeGreaterThan(T0 + 2 * 86_400_000);
    expect(event?.id).toMatch(/^instance-event-[0-9a-f]{17}$/);
    expect(w.status('i-00000000000000000')).toBeUndefined();
  });

  it('writes a boot log with kernel timestamps to every console', () => {
    const w = world();
    for (const i of w.instances()) {
      const out = w.consoleOutput(i.id);
      expect(out?.text).toContain('[    0.000000] Linux version');
      expect(out?.text).toContain('Cloud-init v. 22.2.2 finished');
      expect(out?.timestamp).toBeLessThanOrEqual(T0);
    }
    expect(w.consoleOutput('i-00000000000000000')).toBeUndefined();
  });

  it('lists the two log groups of the ML server with a day of routine history', () => {
    const w = world({ scenario: 'healthy' });
    expect(w.logGroups().map((g) => g.name)).toEqual(['/pettracker/ec2/system', '/pettracker/ml-server']);
    expect(w.logStreams('/pettracker/ml-server').map((s) => s.name)).toEqual([ML_SERVER_ID]);
    const day = w.logEvents('/pettracker/ml-server', T0 - 86_400_000, T0 + 3_600_000);
    expect(day.length).toBeGreaterThan(288);
    expect(day[0]?.timestamp).toBeLessThan(T0 - 86_000_000);
    expect(day.every((e, i) => i === 0 || e.timestamp >= (day[i - 1]?.timestamp ?? 0))).toBe(true);
    expect(day.every((e) => e.timestamp <= T0 && e.logStream === ML_SERVER_ID)).toBe(true);
    expect(new Set(day.map((e) => e.eventId)).size).toBe(day.length);
    const sys = w.logEvents('/pettracker/ec2/system', T0 - 86_400_000, T0);
    expect(sys[0]?.message).toMatch(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d ip-172-31-45-67 /);
    expect(w.logEvents('/nope', 0, T0)).toEqual([]);
  });

  it('scales to 10,000 generated instances', () => {
    const started = performance.now();
    const w = world({ fleetSize: 10_000 });
    const all = w.instances();
    console.log(`createWorld + instances() for ${all.length} instances: ${(performance.now() - started).toFixed(0)} ms`);
    expect(all).toHaveLength(10_009);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(new Set(all.map((i) => i.privateIp)).size).toBe(all.length);
    const gen = all.filter((i) => i.tags.Name?.startsWith('gen-'));
    expect(gen.every((i) => /^gen-[a-z]+-\d{5}$/.test(i.tags.Name ?? ''))).toBe(true);
    const stoppedShare = gen.filter((i) => i.state === 'stopped').length / gen.length;
    expect(stoppedShare).toBeGreaterThan(0.03);
    expect(stoppedShare).toBeLessThan(0.07);
    expect(new Set(gen.map((i) => i.az)).size).toBe(6);
    expect(byName(w, 'pettracker-web-1')).toEqual(byName(world(), 'pettracker-web-1'));
  });
});
