import { afterEach, describe, expect, test } from 'vitest';
import type { LogEvent } from '../../source/domain/types.js';
import { createLogsStore, rangeCovering, type LogsModel } from '../../source/model/logs-store.js';
import { createFakeAws, makeInstance, type FakeAws } from '../helpers/fake-aws.js';
import { createFakeClock, flushPromises, type FakeClock } from '../helpers/fake-clock.js';

const START = Date.UTC(2024, 0, 15, 3, 0, 0);
const ml = makeInstance({ id: 'i-0abc12345def67890', name: 'pettracker-ml-server', launchTime: new Date(START - 86_400_000) });
const ev = (t: number, message: string, stream = ml.id): LogEvent => ({ timestamp: new Date(t), message, logStream: stream, eventId: `${t}-${message}` });

let logs: LogsModel | undefined;
afterEach(() => logs?.close());

function setup(): { aws: FakeAws; clock: FakeClock; model: LogsModel } {
  const aws = createFakeAws({
    instances: [ml],
    console: { [ml.id]: '[    0.000000] Linux version 6.1\n[ 1000.000000] Out of memory: Killed process 1234 (python3)\n' },
    logGroups: [{ name: '/pettracker/ml-server' }, { name: '/pettracker/ec2/system' }, { name: '/other/app' }].map((g) => ({ ...g, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined })),
    logEvents: {
      '/pettracker/ml-server': [ev(START - 600_000, 'INFO started'), ev(START - 60_000, 'ERROR boom'), ev(START - 30_000, 'other host', 'i-0fff00000000000ff')],
    },
  });
  const clock = createFakeClock(START);
  const model = createLogsStore({ api: aws, clock, followMs: 1_000 });
  logs = model;
  return { aws, clock, model };
}

describe('logs store', () => {
  test('opens on the console output, and lists the groups the triage rule finds with how', async () => {
    const { model } = setup();
    model.open(ml);
    await flushPromises();
    const s = model.getSnapshot();
    expect(s.sources.data?.map((x) => x.name)).toEqual(['console output', '/pettracker/ml-server', '/pettracker/ec2/system']);
    expect(s.sources.data?.[1]?.how).toMatch(/Name tag "pettracker"/);
    expect(s.lines.data?.map((l) => l.text)).toContain('[ 1000.000000] Out of memory: Killed process 1234 (python3)');
    // The kernel stamp counts from the launch time.
    expect(s.lines.data?.[1]?.at?.getTime()).toBe(ml.launchTime!.getTime() + 1_000_000);
  });

  test("a group shows only this instance's streams, and follow appends new events once, until closed", async () => {
    const { aws, clock, model } = setup();
    model.open(ml);
    await flushPromises();
    model.selectSource(1);
    await flushPromises();
    expect(model.getSnapshot().lines.data?.map((l) => l.text)).toEqual(['INFO started', 'ERROR boom']);
    model.toggleFollow();
    expect(clock.pendingTimers()).toBe(1);
    aws.data.logEvents!['/pettracker/ml-server']!.push(ev(START + 500, 'WARN new line'));
    await clock.advance(1_000);
    await clock.advance(1_000);
    expect(model.getSnapshot().lines.data?.map((l) => l.text)).toEqual(['INFO started', 'ERROR boom', 'WARN new line']);
    const before = aws.calls.filterLogEvents;
    model.close();
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(10_000);
    expect(aws.calls.filterLogEvents).toBe(before);
  });

  test('follow off stops polling; the console source is never polled', async () => {
    const { aws, clock, model } = setup();
    model.open(ml);
    await flushPromises();
    model.toggleFollow();
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(5_000);
    expect(aws.calls.filterLogEvents).toBe(0);
    model.selectSource(1);
    await flushPromises();
    expect(clock.pendingTimers()).toBe(1);
    model.toggleFollow();
    expect(clock.pendingTimers()).toBe(0);
  });

  test('opened from a finding, it picks that group, a range reaching the line, and lands on it', async () => {
    const old = ev(START - 2 * 3_600_000, 'CRITICAL Out of memory');
    const { aws, model } = setup();
    aws.data.logEvents!['/pettracker/ml-server']!.unshift(old);
    model.open(ml, { kind: 'group', group: '/pettracker/ml-server', stream: ml.id, timestamp: old.timestamp, eventId: old.eventId, line: old.message });
    await flushPromises();
    const s = model.getSnapshot();
    expect(s.sourceIndex).toBe(1);
    expect(s.range).toBe('3h');
    expect(s.focusLine).toBe(0);
    expect(s.lines.data?.[s.focusLine ?? -1]?.text).toBe('CRITICAL Out of memory');
  });

  test('a denied listing still shows the console, and says why the groups are missing', async () => {
    const { aws, model } = setup();
    aws.fail('listLogGroups', { kind: 'denied', action: 'logs:DescribeLogGroups', message: 'not authorized' } as never);
    model.open(ml);
    await flushPromises();
    const s = model.getSnapshot();
    expect(s.sources.error?.kind).toBe('denied');
    expect(s.sources.data?.map((x) => x.name)).toEqual(['console output']);
    expect(s.lines.data?.length).toBeGreaterThan(0);
  });

  test('rangeCovering picks the shortest range that reaches back to a time', () => {
    expect(rangeCovering(START, START - 60_000)).toBe('15m');
    expect(rangeCovering(START, START - 2 * 3_600_000)).toBe('3h');
    expect(rangeCovering(START, START - 48 * 3_600_000)).toBe('24h');
  });

  test("a shared group's page full of other hosts' events does not stall follow: this instance's next event still comes", async () => {
    const { aws, clock, model } = setup();
    const other = 'i-0fff00000000000ff';
    const group = aws.data.logEvents!['/pettracker/ml-server']!;
    model.open(ml);
    await flushPromises();
    model.selectSource(1);
    await flushPromises();
    model.toggleFollow();
    // More events of another host than one call returns (the store reads 2,000 a call), then one of ours.
    for (let i = 0; i < 2_500; i += 1) group.push(ev(START + 1 + i, `noise ${i}`, other));
    group.push(ev(START + 2_600, 'ours after the noise'));
    for (let i = 0; i < 4; i += 1) await clock.advance(1_000);
    expect(model.getSnapshot().lines.data?.map((l) => l.text)).toEqual(['INFO started', 'ERROR boom', 'ours after the noise']);
  });
});
