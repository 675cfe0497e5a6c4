import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../source/domain/types.js';
import { createTriageRunner } from '../../source/model/triage-runner.js';
import { createFakeAws, makeInstance, makeStatus } from '../helpers/fake-aws.js';
import type { SeriesFn } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const ml = makeInstance({ id: 'i-1234567890abcdef0', name: 'pettracker-ml-server', launchTime: new Date('2024-01-06T00:00:00Z') });
const at = (hhmmss: string): Date => new Date(`2024-01-15T${hhmmss}Z`);
const ev = (hhmmss: string, message: string): LogEvent => ({ timestamp: at(hhmmss), message, logStream: ml.id, eventId: undefined });

const story: SeriesFn = (q) =>
  q.metricName === 'CPUUtilization'
    ? { timestamps: [at('02:35:00'), at('02:40:00'), at('02:45:00')], values: [70, 100, 12] }
    : q.metricName === 'mem_used_percent'
      ? { timestamps: [at('02:40:00'), at('02:44:00'), at('02:46:00')], values: [91, 98.2, 40] }
      : { timestamps: [at('02:40:00'), at('02:44:00'), at('02:46:00')], values: [0, 0, 0] };

const setup = () => {
  const clock = createFakeClock(Date.UTC(2024, 0, 15, 3, 0, 0));
  const api = createFakeAws({
    statuses: [makeStatus(ml.id)],
    series: story,
    console: { [ml.id]: '[    0.000000] Linux version 6.1.72\n[786312.000000] Out of memory: Kill process 1234 (python3) score 912 or sacrifice child\n' },
    logGroups: ['/pettracker/ec2/system', '/pettracker/ml-server', '/other/app'].map((name) => ({ name, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined })),
    logEvents: {
      '/pettracker/ec2/system': [ev('02:45:12', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child')],
      '/pettracker/ml-server': [ev('02:45:10', '2024-01-15 02:45:10 ERROR: Memory allocation failed for model inference'), ev('02:40:00', '2024-01-15 02:40:00 INFO: fine')],
    },
  });
  const runner = createTriageRunner({ api, clock });
  return { clock, api, runner };
};

describe('triage runner', () => {
  it('concludes the OOM kill with the memory peak, steps in order', async () => {
    const { clock, api, runner } = setup();
    runner.run(ml);
    expect(runner.getSnapshot()?.steps.map((s) => [s.id, s.state])).toEqual([
      ['status', 'running'], ['metrics', 'running'], ['logs', 'running'], ['diagnosis', 'running'],
    ]);
    await clock.flush();
    const run = runner.getSnapshot();
    expect(run?.steps.map((s) => [s.id, s.state])).toEqual([['status', 'ok'], ['metrics', 'warning'], ['logs', 'failed'], ['diagnosis', 'failed']]);
    expect(run?.conclusion?.text).toMatch(/OOM killer killed python3 \(pid 1234\) at 02:45:12 UTC/);
    expect(run?.steps[3]?.result).toMatch(/^Out of memory.*confidence/);
    expect(run?.engine?.result.diagnosis.cause).toBe('oom');
    expect(run?.finishedAt).toBe(clock.now());
    // Evidence gathered once each, in one round; only the instance's groups searched, with the 3-hour window.
    expect(api.calls).toMatchObject({ describeStatuses: 1, getMetricData: 1, getConsoleOutput: 1, listLogGroups: 1, filterLogEvents: 2 });
    const w = api.metricWindows[0];
    expect((w?.end.getTime() ?? 0) - (w?.start.getTime() ?? 0)).toBe(3 * 3_600_000);
  });

  it('steps stay running until the one round of calls is in, then all resolve together', async () => {
    const { clock, api, runner } = setup();
    const gate = api.hold('describeStatuses');
    runner.run(ml);
    await clock.flush();
    // Every other call has answered; the round waits for the last one.
    expect(api.calls.getMetricData).toBe(1);
    expect(runner.getSnapshot()?.steps.map((s) => s.state)).toEqual(['running', 'running', 'running', 'running']);
    gate.release();
    await clock.flush();
    expect(runner.getSnapshot()?.steps.map((s) => s.state)).toEqual(['ok', 'warning', 'failed', 'failed']);
  });

  it('a denied step fails with the error in words and the run continues', async () => {
    const { clock, api, runner } = setup();
    api.fail('describeStatuses', { kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'not authorized' });
    api.fail('getMetricData', { kind: 'throttled', message: 'Rate exceeded' });
    runner.run(ml);
    await clock.flush();
    const run = runner.getSnapshot();
    // Unread evidence is "could not check", never ✔ and never a cause.
    expect(run?.steps[0]).toMatchObject({ state: 'unknown', result: expect.stringMatching(/^Could not check status checks: access denied: you lack ec2:DescribeInstanceStatus/) });
    expect(run?.steps[1]).toMatchObject({ state: 'unknown', result: expect.stringMatching(/^Could not check CPU average: throttled by AWS \(request rate exceeded\)/) });
    expect(run?.steps[2]?.state).toBe('failed');
    expect(run?.conclusion?.text).toMatch(/OOM killer killed python3 \(pid 1234\) at 02:45:12 UTC/);
    // The memory link rests on the unread metric: it is not drawn, and the confidence says why.
    const diagnosis = run?.engine?.result.diagnosis;
    expect(diagnosis?.chain.some((l) => /Memory/.test(l))).toBe(false);
    expect(diagnosis?.confidenceWhy).toMatch(/could not be read/);
    // The report's "not checked" names the denied IAM action.
    expect(run?.engine?.result.diagnosis.notChecked.map((n) => n.action)).toContain('ec2:DescribeInstanceStatus');
  });

  it('a new run replaces the one in progress and aborts its calls', async () => {
    const { clock, api, runner } = setup();
    const gate = api.hold('getConsoleOutput');
    runner.run(ml);
    await clock.flush();
    const other = makeInstance({ id: 'i-0bbbbbbbbbbbbbbbb', name: 'web' });
    gate.release();
    runner.run(other);
    await clock.flush();
    expect(api.aborted).toBeGreaterThanOrEqual(1);
    expect(runner.getSnapshot()?.instanceId).toBe(other.id);
    expect(runner.getSnapshot()?.finishedAt).toBeDefined();
  });
});
