// The runbook scenarios as an engineer would see them in the world: each befalls pettracker-ml-server.
import { describe, expect, it } from 'vitest';
import type { SimMetricKey, SimStatistic } from '../../source/sim/types.js';
import { createWorld, LOG_GROUPS, ML_SERVER_ID, SCENARIO_NAMES } from '../../source/sim/world.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const MIN = 60_000;
const HOUR = 60 * MIN;

function setup(scenario: string, fleetSize = 0) {
  const clock = { t: T0, now(): number { return this.t; } };
  const world = createWorld({ scenario, seed: 42, fleetSize, clock });
  const at = (t: number) => { clock.t = t; };
  const series = (metricName: string, from: number, to: number, period: number, stat: SimStatistic, namespace = 'AWS/EC2', id = ML_SERVER_ID) => {
    const extra: Record<string, string> = metricName === 'disk_used_percent' ? { path: '/', device: 'nvme0n1p1', fstype: 'xfs' } : {};
    const key: SimMetricKey = { namespace, metricName, dimensions: { InstanceId: id, ...extra } };
    return world.datapoints(key, from, to, period, stat);
  };
  const messages = (group: string, from = T0 - 24 * HOUR, to = T0 + 24 * HOUR) => world.logEvents(group, from, to).map((e) => e.message);
  const mlGroup = () => {
    const ref = world.instance(ML_SERVER_ID)?.securityGroups[0];
    return world.network().securityGroups.find((g) => g.id === ref?.id);
  };
  return { world, at, series, messages, mlGroup };
}
const has22 = (ports: readonly { protocol: string; fromPort?: number; toPort?: number }[]) =>
  ports.some((p) => p.protocol === '-1' || ((p.fromPort ?? 0) <= 22 && 22 <= (p.toPort ?? 0)));

describe('scenario ssh-blocked', () => {
  it('leaves the ML server group without port 22 (8080 stays), checks ok, logins stop', () => {
    const { world, mlGroup, messages } = setup('ssh-blocked');
    expect(has22(mlGroup()?.ingress ?? [])).toBe(false);
    expect(mlGroup()?.ingress.map((p) => p.fromPort)).toEqual([8080]);
    expect(has22(setup('healthy').mlGroup()?.ingress ?? [])).toBe(true);
    expect(world.status(ML_SERVER_ID)?.system.status).toBe('ok');
    expect(world.status(ML_SERVER_ID)?.instance.status).toBe('ok');
    const logins = world.logEvents(LOG_GROUPS.system, T0 - 24 * HOUR, T0).filter((e) => e.message.includes('Accepted publickey'));
    expect(logins.at(-1)?.timestamp).toBeLessThan(T0 - 35 * MIN);
    expect(messages(LOG_GROUPS.system).join('\n')).toContain('Received disconnect from 203.0.113.24');
  });
});

describe('scenario no-public-ip', () => {
  it('puts the ML server in a private subnet with no public IP and no internet gateway route', () => {
    const { world } = setup('no-public-ip');
    const ml = world.instance(ML_SERVER_ID);
    expect(ml?.publicIp).toBeUndefined();
    expect(ml?.privateIp).toMatch(/^172\.31\.(9[6-9]|10\d|11[01])\.\d+$/);
    const net = world.network();
    const subnet = net.subnets.find((s) => s.id === ml?.subnetId);
    expect(subnet).toMatchObject({ mapPublicIpOnLaunch: false, cidrBlock: '172.31.96.0/20', az: ml?.az });
    const table = net.routeTables.find((t) => t.associations.some((a) => a.subnetId === ml?.subnetId));
    expect(table?.routes.find((r) => r.destinationCidrBlock === '0.0.0.0/0')?.natGatewayId).toMatch(/^nat-/);
    expect(table?.routes.some((r) => r.gatewayId?.startsWith('igw-'))).toBe(false);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toContain(`ip-${ml?.privateIp.replaceAll('.', '-')} login:`);
    expect(world.status(ML_SERVER_ID)?.system.status).toBe('ok');
  });
});

describe('scenario system-check-failed', () => {
  it('impairs the system check 10 minutes before T0 and flat-lines the instance', () => {
    const { world, series, messages } = setup('system-check-failed');
    const status = world.status(ML_SERVER_ID);
    expect(status?.system).toEqual({ status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: T0 - 10 * MIN }] });
    expect(status?.instance.status).toBe('insufficient-data');
    expect(status?.events.map((e) => e.code)).toEqual(['instance-retirement']);
    const failed = series('StatusCheckFailed_System', T0 - 30 * MIN, T0, 60, 'Maximum');
    expect(failed.values.slice(-9).every((v) => v === 1)).toBe(true);
    expect(failed.values.slice(0, 15).every((v) => v === 0)).toBe(true);
    expect(series('StatusCheckFailed', T0 - 5 * MIN, T0, 60, 'Maximum').values.every((v) => v === 1)).toBe(true);
    const cpu = series('CPUUtilization', T0 - 3 * HOUR, T0 + 1, 300, 'Maximum');
    expect(cpu.values.at(-1)).toBe(0);
    expect(cpu.values[0]).toBeGreaterThan(5);
    expect(series('mem_used_percent', T0 - 8 * MIN, T0, 60, 'Average', 'CWAgent').values).toEqual([]);
    expect(messages(LOG_GROUPS.system, T0 - 10 * MIN)).toEqual([]);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toContain('Keep alive watchdog timeout');
  });
});

describe('scenario instance-check-failed', () => {
  it('ends the console with a kernel panic, impairs the instance check only, and silences the logs', () => {
    const { world, series, messages } = setup('instance-check-failed');
    const text = world.consoleOutput(ML_SERVER_ID)?.text ?? '';
    expect(text).toContain('Kernel panic - not syncing: Fatal exception');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^\[\s*\d+\.\d{6}\] ---\[ end Kernel panic - not syncing: Fatal exception \]---$/);
    const status = world.status(ML_SERVER_ID);
    expect(status?.system.status).toBe('ok');
    expect(status?.instance.status).toBe('impaired');
    expect(status?.instance.details[0]).toMatchObject({ name: 'reachability', status: 'failed' });
    expect(series('StatusCheckFailed_Instance', T0 - 5 * MIN, T0, 60, 'Maximum').values.every((v) => v === 1)).toBe(true);
    expect(series('StatusCheckFailed_System', T0 - 5 * MIN, T0, 60, 'Maximum').values.every((v) => v === 0)).toBe(true);
    expect(messages(LOG_GROUPS.app, T0 - 12 * MIN)).toEqual([]);
    expect(messages(LOG_GROUPS.app, T0 - 2 * HOUR, T0 - 12 * MIN).length).toBeGreaterThan(10);
  });
});

describe('scenario disk-full', () => {
  it('fills / to 100% and logs No space left on device; checks ok', () => {
    const { world, series, messages } = setup('disk-full');
    const disk = series('disk_used_percent', T0 - 7 * HOUR, T0 + 1, 300, 'Maximum', 'CWAgent').values;
    expect(Math.max(...disk)).toBeGreaterThanOrEqual(99);
    expect(disk[0]).toBeLessThan(60);
    expect(disk.at(-1)).toBe(100);
    const app = messages(LOG_GROUPS.app).join('\n');
    expect(app).toContain('OSError: [Errno 28] No space left on device');
    expect(messages(LOG_GROUPS.system).join('\n')).toMatch(/rsyslogd\[\d+\]: .*No space left on device/);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toContain('No space left on device');
    expect(world.status(ML_SERVER_ID)?.instance.status).toBe('ok');
  });
});

describe('scenario cpu-credits', () => {
  it('makes the ML server a t3.large out of credits, throttled at its 30% baseline', () => {
    const { world, series } = setup('cpu-credits');
    expect(world.instance(ML_SERVER_ID)?.type).toMatch(/^t3\./);
    const balance = series('CPUCreditBalance', T0 - 24 * HOUR, T0 + 1, 300, 'Average').values;
    expect(balance[0]).toBeGreaterThan(800);
    expect(balance.at(-1)).toBeCloseTo(0, 5);
    expect(balance[Math.floor(balance.length / 2)]).toBeLessThan(600);
    const cpu = series('CPUUtilization', T0 - 30 * MIN, T0, 300, 'Maximum').values;
    for (const v of cpu) expect(v).toBeLessThanOrEqual(30);
    for (const v of cpu) expect(v).toBeGreaterThan(29);
    expect(Math.min(...series('CPUUtilization', T0 - 3 * HOUR, T0 - HOUR, 300, 'Average').values)).toBeGreaterThan(50);
    expect(series('CPUSurplusCreditBalance', T0 - HOUR, T0, 300, 'Maximum').values.every((v) => v === 0)).toBe(true);
    expect(world.listMetrics().filter((k) => k.dimensions.InstanceId === ML_SERVER_ID).map((k) => k.metricName)).toContain('CPUCreditBalance');
  });
});

describe('scenario wont-start', () => {
  it('leaves the ML server stopped with Server.InsufficientInstanceCapacity and no recent metrics', () => {
    const { world, series } = setup('wont-start');
    const ml = world.instance(ML_SERVER_ID);
    expect(ml?.state).toBe('stopped');
    expect(ml?.stateReason).toEqual({ code: 'Server.InsufficientInstanceCapacity', message: 'Server.InsufficientInstanceCapacity: Insufficient capacity.' });
    expect(ml?.stateTransitionReason).toMatch(/^User initiated \(2024-01-15 02:19:52 GMT\)$/);
    expect(ml?.publicIp).toBeUndefined();
    expect(world.status(ML_SERVER_ID)?.instance.status).toBe('not-applicable');
    expect(series('CPUUtilization', T0 - 20 * MIN, T0, 60, 'Average').values).toEqual([]);
    expect(series('CPUUtilization', T0 - 2 * HOUR, T0 - 30 * MIN, 300, 'Average').values.length).toBeGreaterThan(10);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toContain('reboot: Power down');
  });
});

describe('scenario all', () => {
  it('runs every scenario at once, each on an instance of its own, with the ML server as in oom', () => {
    const { world, at, series } = setup('all', 50);
    const names = SCENARIO_NAMES.filter((n) => n !== 'all');
    const twin = (name: string) => world.instances().find((i) => i.tags.Name === `scenario-${name}`);
    for (const name of names) expect(twin(name)?.tags.Scenario, name).toBe(name);
    expect(world.instances()).toHaveLength(9 + 50 + names.length);
    expect(world.instance(ML_SERVER_ID)?.tags.Name).toBe('pettracker-ml-server');
    at(T0 + MIN);
    expect(world.consoleOutput(ML_SERVER_ID)?.text).toContain('Out of memory: Kill process');
    expect(world.status(twin('system-check-failed')?.id ?? '')?.system.status).toBe('impaired');
    expect(world.consoleOutput(twin('instance-check-failed')?.id ?? '')?.text).toContain('Kernel panic');
    expect(twin('wont-start')?.state).toBe('stopped');
    expect(twin('cpu-credits')?.type).toBe('t3.large');
    expect(twin('no-public-ip')?.publicIp).toBeUndefined();
    const groups = world.network().securityGroups;
    const groupOf = (name: string) => groups.find((g) => g.id === twin(name)?.securityGroups[0]?.id);
    expect(groupOf('ssh-blocked')?.name).toBe('scenario-ssh-blocked-sg');
    expect(has22(groupOf('ssh-blocked')?.ingress ?? [])).toBe(false);
    expect(has22(groupOf('healthy')?.ingress ?? [])).toBe(true);
    const ml = groups.find((g) => g.id === world.instance(ML_SERVER_ID)?.securityGroups[0]?.id);
    expect(has22(ml?.ingress ?? [])).toBe(true);
    expect(Math.max(...series('disk_used_percent', T0 - HOUR, T0, 300, 'Maximum', 'CWAgent', twin('disk-full')?.id).values)).toBe(100);
    const streams = world.logStreams(LOG_GROUPS.app).map((s) => s.name);
    expect(streams).toHaveLength(1 + names.length);
    const panicked = twin('instance-check-failed')?.id ?? '';
    const appLines = world.logEvents(LOG_GROUPS.app, T0 - HOUR, T0 + MIN);
    expect(appLines.some((e) => e.logStream === panicked)).toBe(true);
    expect(appLines.some((e) => e.logStream === panicked && e.timestamp >= T0 - 12 * MIN)).toBe(false);
    expect(appLines.every((e, i) => i === 0 || e.timestamp >= (appLines[i - 1]?.timestamp ?? 0))).toBe(true);
  });

  it('leaves the rest of the fleet as in oom', () => {
    const all = setup('all', 20).world.instances().filter((i) => i.tags.Scenario === undefined);
    expect(all).toEqual(setup('oom', 20).world.instances());
  });
});
