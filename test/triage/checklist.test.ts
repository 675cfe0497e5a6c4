import { describe, expect, it } from 'vitest';
import type { ConsoleOutput, InstanceStatus, LogEvent, MetricBatch } from '../../source/aws/types.js';
import { conclude, evaluateLogs, evaluateMetrics, evaluateStatus, peakOf } from '../../source/triage/checklist.js';
import type { Evidence } from '../../source/triage/checklist.js';
import { eventsOfInstance, nameStem, pickLogGroups } from '../../source/triage/log-sources.js';
import { makeInstance, makeStatus } from '../helpers/fake-aws.js';

const ok = <T>(value: T): Evidence<T> => ({ ok: true, value });
const denied = { ok: false as const, error: { kind: 'denied' as const, action: 'ec2:DescribeInstanceStatus', message: 'not authorized' } };
const at = (hhmmss: string): Date => new Date(`2024-01-15T${hhmmss}Z`);
const ml = makeInstance({ id: 'i-1234567890abcdef0', name: 'pettracker-ml-server', launchTime: new Date('2024-01-06T00:00:00Z') });

const batch = (cpu: [string, number][], mem: [string, number][]): MetricBatch => ({
  calls: 1,
  series: [
    { id: 'cpu', label: 'cpu', timestamps: cpu.map(([t]) => at(t)), values: cpu.map(([, v]) => v), statusCode: 'Complete', messages: [] },
    { id: 'mem', label: 'mem', timestamps: mem.map(([t]) => at(t)), values: mem.map(([, v]) => v), statusCode: 'Complete', messages: [] },
  ],
});

describe('evaluateStatus', () => {
  it.each([
    ['ok', 'ok', 'ok', /passed/],
    ['impaired', 'ok', 'failed', /stop and start/],
    ['ok', 'impaired', 'failed', /reboot the instance and check the OS logs/],
    ['impaired', 'impaired', 'failed', /stop and start.*reboot/],
    ['initializing', 'initializing', 'warning', /not conclusive/],
  ] as const)('system %s, instance %s → %s', (system, instance, state, result) => {
    const outcome = evaluateStatus(ok<InstanceStatus | undefined>(makeStatus('i-1', system, instance)));
    expect(outcome.state).toBe(state);
    expect(outcome.result).toMatch(result);
    expect(outcome.findings.some((f) => f.severity === 'critical')).toBe(state === 'failed');
  });

  it('a denied call fails the step with the error in words', () => {
    const outcome = evaluateStatus(denied);
    expect(outcome.state).toBe('failed');
    expect(outcome.result).toBe('Could not read status checks: access denied: you lack ec2:DescribeInstanceStatus');
  });
});

describe('evaluateMetrics', () => {
  it('reports peaks with times and warns at 90%', () => {
    const outcome = evaluateMetrics(ok(batch([['02:35:00', 60], ['02:40:00', 100], ['02:45:00', 100]], [['02:40:00', 90.4], ['02:44:00', 98.2], ['02:46:00', 40]])));
    expect(outcome.state).toBe('warning');
    expect(outcome.result).toBe('CPU max 100% at 02:40 UTC · memory max 98% at 02:44 UTC');
    expect(outcome.memPeak).toEqual({ value: 98.2, at: at('02:44:00') });
    expect(outcome.findings.map((f) => f.text)).toEqual(['CPU peaked at 100% at 02:40 UTC', 'Memory peaked at 98% at 02:44 UTC']);
  });

  it('says the agent is not reporting when there is no memory data', () => {
    const outcome = evaluateMetrics(ok(batch([['02:40:00', 20]], [])));
    expect(outcome.result).toBe('CPU max 20% at 02:40 UTC · CloudWatch Agent not reporting (no memory data)');
    expect(outcome.findings).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('peakOf takes the first time the maximum is reached', () => {
    expect(peakOf([at('01:00:00'), at('02:00:00'), at('03:00:00')], [5, 9, 9])).toEqual({ value: 9, at: at('02:00:00') });
    expect(peakOf([], [])).toBeUndefined();
  });
});

const event = (hhmmss: string, message: string, logStream = ml.id): LogEvent => ({ timestamp: at(hhmmss), message, logStream, eventId: undefined });
const consoleOut = (text: string): Evidence<ConsoleOutput> => ok({ instanceId: ml.id, timestamp: undefined, text });
const window = { instance: ml, since: at('00:00:00'), now: at('03:00:00') };

describe('evaluateLogs', () => {
  const syslog = [
    event('02:45:05', 'Jan 15 02:45:05 ip-172-31-45-67 kernel: python3 invoked oom-killer: gfp_mask=0x140cca'),
    event('02:45:12', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child'),
    event('02:45:12', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Killed process 1234 (python3) total-vm:6100000kB'),
  ];
  const app = [event('02:45:10', '2024-01-15 02:45:10 ERROR: Memory allocation failed for model inference'), event('02:45:12', '2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer')];

  it('finds the OOM kill in syslog events', () => {
    const outcome = evaluateLogs({ ...window, console: consoleOut(''), logs: ok({ groups: ['/pettracker/ec2/system', '/pettracker/ml-server'], events: [...syslog, ...app] }) });
    expect(outcome.state).toBe('failed');
    expect(outcome.result).toBe('OOM killer killed python3 (pid 1234) at 02:45:12 UTC');
    expect(outcome.kills).toHaveLength(1);
    expect(outcome.findings.map((f) => f.severity)).toEqual(['critical', 'warning']);
  });

  it('finds it in the console output alone (kernel stamps from the launch time) when logs are denied', () => {
    // launch 2024-01-06T00:00:00Z + 786312 s = 2024-01-15T02:25:12Z
    const text = '[786312.000000] Out of memory: Kill process 1234 (python3) score 912 or sacrifice child\n';
    const outcome = evaluateLogs({ ...window, console: consoleOut(text), logs: denied });
    expect(outcome.result).toBe('OOM killer killed python3 (pid 1234) at 02:25:12 UTC');
    expect(outcome.details).toContain('logs: access denied: you lack ec2:DescribeInstanceStatus');
  });

  it('reports the latest of several kills and how many', () => {
    const events = [syslog[1], event('03:01:00', 'Jan 15 02:59:40 host kernel: Out of memory: Kill process 2421 (python3) score 900')].filter((e) => e !== undefined);
    const outcome = evaluateLogs({ ...window, console: consoleOut(''), logs: ok({ groups: ['g'], events }) });
    expect(outcome.result).toBe('OOM killer killed python3 (pid 2421) at 02:59:40 UTC (2 OOM kills since 02:45:12 UTC)');
  });

  it('ignores kills before the window', () => {
    const outcome = evaluateLogs({ ...window, since: at('02:50:00'), console: consoleOut(''), logs: ok({ groups: ['g'], events: syslog }) });
    expect(outcome.kills).toEqual([]);
    expect(outcome.details[0]).toBe('1 earlier OOM kill(s) before 02:50 UTC');
  });

  it('is ok with clean logs, failed when both sources fail', () => {
    expect(evaluateLogs({ ...window, console: consoleOut('[ 1.0] Linux version 6.1\n'), logs: ok({ groups: ['g'], events: [] }) }).state).toBe('ok');
    expect(evaluateLogs({ ...window, console: denied, logs: denied }).state).toBe('failed');
  });
});

describe('conclude', () => {
  it('tells the OOM kill with the memory peak before it', () => {
    const status = evaluateStatus(ok<InstanceStatus | undefined>(makeStatus(ml.id)));
    const metrics = evaluateMetrics(ok(batch([['02:40:00', 100]], [['02:44:00', 98.2]])));
    const logs = evaluateLogs({ ...window, console: consoleOut('[786312.0] Out of memory: Kill process 1234 (python3)\n'), logs: ok({ groups: [], events: [] }) });
    const { conclusion, findings } = conclude({ status, metrics, logs });
    expect(conclusion).toEqual({ severity: 'critical', text: 'OOM killer killed python3 (pid 1234) at 02:25:12 UTC — memory peaked at 98% at 02:44 UTC', at: at('02:25:12') });
    expect(findings[0]?.severity).toBe('critical');
  });

  it('a failed status check leads when there is no OOM', () => {
    const status = evaluateStatus(ok<InstanceStatus | undefined>(makeStatus(ml.id, 'impaired')));
    expect(conclude({ status }).conclusion.text).toMatch(/System status check failed/);
  });

  it('says no problem found, noting steps that could not run', () => {
    const status = evaluateStatus(ok<InstanceStatus | undefined>(makeStatus(ml.id)));
    const metrics = evaluateMetrics(ok(batch([['02:40:00', 20]], [['02:40:00', 50]])));
    const logs = evaluateLogs({ ...window, console: consoleOut(''), logs: ok({ groups: ['g'], events: [] }) });
    expect(conclude({ status, metrics, logs }).conclusion).toMatchObject({ severity: 'info', text: expect.stringMatching(/^No problem found:/) });
    expect(conclude({ status: evaluateStatus(denied), metrics, logs }).conclusion.text).toBe('No problem found in the evidence gathered (1 step(s) could not run)');
  });
});

describe('log sources', () => {
  const groups = ['/pettracker/ec2/system', '/pettracker/ml-server', '/aws/lambda/other', '/PetTracker/Upper'].map((name) => ({ name, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined }));

  it('picks groups containing the Name stem, or the tagged groups', () => {
    expect(nameStem('pettracker-ml-server')).toBe('pettracker');
    expect(nameStem('db')).toBeUndefined();
    expect(pickLogGroups(ml, groups).map((g) => g.name)).toEqual(['/pettracker/ec2/system', '/pettracker/ml-server', '/PetTracker/Upper']);
    const tagged = makeInstance({ id: 'i-2', name: 'x', tags: { Name: 'x', 'ec2-triage:log-groups': '/aws/lambda/other, /missing' } });
    expect(pickLogGroups(tagged, groups).map((g) => g.name)).toEqual(['/aws/lambda/other']);
  });

  it('drops events of streams named after other instances', () => {
    const events = [event('01:00:00', 'a', 'i-1234567890abcdef0'), event('01:00:00', 'b', 'i-0aaaaaaaaaaaaaaaa'), event('01:00:00', 'c', 'ip-10-0-0-1')];
    expect(eventsOfInstance(ml.id, events).map((e) => e.message)).toEqual(['a', 'c']);
  });
});
