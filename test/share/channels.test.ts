import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannels } from '../../source/share/channels.js';
import { helloName, retryDelay } from '../../source/share/client.js';
import { parseDriverLine } from '../../source/share/protocol.js';

const value = (frame: Buffer): unknown => {
  const parsed = parseDriverLine(frame.toString('utf8').trimEnd());
  return parsed.ok && parsed.message.type === 'state' ? parsed.message.value : undefined;
};

describe('channels coalesce and encode once', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('the first value goes at once; a burst within the window becomes its last value', () => {
    const sent: [string, unknown][] = [];
    const channels = createChannels({ coalesceMs: 50, send: (channel, frame) => sent.push([channel, value(frame)]), onError: () => undefined });
    for (let i = 0; i < 100; i += 1) channels.publish('fleet', i);
    channels.publish('metrics', 'm');
    expect(sent).toEqual([['fleet', 0], ['metrics', 'm']]);
    vi.advanceTimersByTime(49);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['fleet', 0], ['metrics', 'm'], ['fleet', 99]]);
  });

  it('frames() gives every channel its latest frame, flushing a pending one (a late joiner)', () => {
    const sent: unknown[] = [];
    const channels = createChannels({ coalesceMs: 50, send: (_c, frame) => sent.push(value(frame)), onError: () => undefined });
    channels.publish('a', 1);
    channels.publish('a', 2);
    channels.publish('b', new Map([['k', new Date(3)]]));
    const frames = channels.frames();
    expect([...frames.keys()]).toEqual(['a', 'b']);
    expect(value(frames.get('a') ?? Buffer.alloc(0))).toBe(2);
    expect(value(frames.get('b') ?? Buffer.alloc(0))).toEqual(new Map([['k', new Date(3)]]));
    expect(channels.frame('a')).toBe(frames.get('a'));
    expect(sent).toEqual([1, new Map([['k', new Date(3)]]), 2]);
  });

  it('nothing is encoded while nobody follows; the latest value is, when someone joins', () => {
    let wanted = false;
    const sent: unknown[] = [];
    const channels = createChannels({ coalesceMs: 50, send: (_c, frame) => sent.push(value(frame)), onError: () => undefined, isWanted: () => wanted });
    for (let i = 0; i < 10; i += 1) channels.publish('fleet', i);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
    expect(channels.frame('fleet')).toBeUndefined();
    wanted = true;
    expect(value(channels.frames().get('fleet') ?? Buffer.alloc(0))).toBe(9);
    channels.publish('fleet', 10);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([9, 10]);
  });

  it('a value slow to encode waits longer before the next frame', () => {
    const frames: Buffer[] = [];
    const channels = createChannels({ coalesceMs: 1, send: (_c, frame) => frames.push(frame), onError: () => undefined });
    const big = Array.from({ length: 200_000 }, (_, i) => ({ id: `i-${i}`, state: 'running' }));
    const started = performance.now();
    channels.publish('fleet', big);
    const cost = performance.now() - started;
    channels.publish('fleet', 'next');
    vi.advanceTimersByTime(Math.floor(2 * cost));
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(Math.ceil(3 * cost) + 2);
    expect(frames.map(value).at(-1)).toBe('next');
  });

  it('a value JSON cannot hold is reported, not thrown, and the previous frame stays', () => {
    const errors: string[] = [];
    const channels = createChannels({ coalesceMs: 0, send: () => undefined, onError: (message) => errors.push(message) });
    channels.publish('a', 1);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => channels.publish('a', cyclic)).not.toThrow();
    vi.advanceTimersByTime(100);
    expect(errors).toEqual([expect.stringMatching(/^share: channel a could not be encoded/)]);
    expect(value(channels.frame('a') ?? Buffer.alloc(0))).toBe(1);
  });
});

describe('reconnect backoff', () => {
  it('1 s, 2 s, 4 s, then 5 s', () => {
    expect([0, 1, 2, 3, 10, 1_000].map((n) => retryDelay(n, { first: 1_000, max: 5_000 }))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });
});

describe('the name a follower says hello with', () => {
  it.each([
    ['sre@laptop', 'sre@laptop'],
    ['  ', 'follower'],
    ['evil\u001b[2Jname\n', 'evil[2Jname'],
    ['x'.repeat(80), 'x'.repeat(64)],
  ])('%j → %j', (raw, name) => {
    expect(helloName(raw)).toBe(name);
  });
});
