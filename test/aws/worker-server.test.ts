// The AWS worker's side (aws/worker-server.ts) and the wire format (aws/worker-protocol.ts), in one thread: a long
// list goes one chunk per 'api-more' (a port delivers every queued message in one task, so pacing is what keeps a
// key from waiting for a whole list), the signal is the worker's own, and every failure is an AwsError.
import { describe, expect, it } from 'vitest';
import type { AwsApi } from '../../source/aws/api.js';
import { AwsFailure } from '../../source/aws/errors.js';
import { createApiServer } from '../../source/aws/worker-server.js';
import { CHUNK_ITEMS, joinFromWire, splitForWire, withoutSignal, withSignal, type ApiReply } from '../../source/aws/worker-protocol.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function serverOver(api: Partial<AwsApi> | ((onCommand: () => void) => Partial<AwsApi>)): { replies: ApiReply[]; send: ReturnType<typeof createApiServer>['receive']; built: () => number } {
  const replies: ApiReply[] = [];
  let built = 0;
  const server = createApiServer({
    build: (_config, onCommand) => {
      built += 1;
      return (typeof api === 'function' ? api(onCommand) : api) as AwsApi;
    },
    callerAccount: () => Promise.resolve('123456789012'),
    post: (reply) => replies.push(reply),
  });
  return { replies, send: (r) => server.receive(r), built: () => built };
}

const config = { region: 'us-east-1' };

describe('the wire format', () => {
  it('splits a long list, or an object\'s one long list, into chunks and joins it back', () => {
    const list = Array.from({ length: 1_201 }, (_, i) => ({ id: i }));
    const a = splitForWire(list, 500);
    expect(a.chunks.map((c) => c.length)).toEqual([500, 500, 201]);
    expect(joinFromWire(a.head, a.chunks.flat())).toEqual(list);
    const batch = { series: list, calls: 3 };
    const b = splitForWire(batch, 500);
    expect(b.head.value).toEqual({ series: [], calls: 3 });
    expect(joinFromWire(b.head, b.chunks.flat())).toEqual(batch);
    const small = { series: [1, 2], calls: 1 };
    expect(splitForWire(small, 500)).toEqual({ head: { value: small, isList: false }, chunks: [] });
    const map = new Map([['i-1', 2]]);
    expect(joinFromWire(splitForWire(map).head, [])).toBe(map);
  });

  it('takes the AbortSignal out of the options and puts the worker\'s own back at the same place', () => {
    const controller = new AbortController();
    const start = new Date(0);
    const out = withoutSignal(['group', start, { signal: controller.signal, limit: 5 }]);
    expect(out).toEqual({ args: ['group', start, { limit: 5 }], signal: controller.signal, signalAt: 2 });
    const own = new AbortController().signal;
    expect(withSignal(out.args, out.signalAt, own)).toEqual(['group', start, { limit: 5, signal: own }]);
    expect(withoutSignal(['i-1'])).toEqual({ args: ['i-1'] });
  });
});

describe('createApiServer', () => {
  it('sends a long answer one chunk per api-more, then done; one api per key', async () => {
    // Three chunks.
    const rows = Array.from({ length: 2 * CHUNK_ITEMS + 100 }, (_, i) => ({ id: `i-${i}` }));
    const { replies, send, built } = serverOver({ listInstances: () => Promise.resolve(rows as never) });
    send({ kind: 'api-call', id: 1, api: 0, config, method: 'listInstances', args: [] });
    await tick();
    expect(replies.map((r) => r.kind)).toEqual(['api-chunk']);
    send({ kind: 'api-more', id: 1 });
    await tick();
    send({ kind: 'api-more', id: 1 });
    await tick();
    expect(replies.map((r) => r.kind)).toEqual(['api-chunk', 'api-chunk', 'api-chunk']);
    send({ kind: 'api-more', id: 1 });
    await tick();
    const done = replies[3];
    expect(done?.kind).toBe('api-done');
    const items = replies.flatMap((r) => (r.kind === 'api-chunk' ? r.items : []));
    expect(done?.kind === 'api-done' ? joinFromWire(done.value, items) : undefined).toEqual(rows);
    send({ kind: 'api-call', id: 2, api: 0, config, method: 'listInstances', args: [{ instanceIds: ['i-1'] }] });
    await tick();
    expect(built()).toBe(1);
  });

  it('an abort stops a call between chunks and answers aborted', async () => {
    const rows = Array.from({ length: 2 * CHUNK_ITEMS + 100 }, (_, i) => i);
    const { replies, send } = serverOver({ listInstances: () => Promise.resolve(rows as never) });
    send({ kind: 'api-call', id: 7, api: 0, config, method: 'listInstances', args: [{}], signalAt: 0 });
    await tick();
    send({ kind: 'api-abort', id: 7 });
    await tick();
    expect(replies.map((r) => r.kind)).toEqual(['api-chunk', 'api-fail']);
    expect(replies[1]).toMatchObject({ error: { kind: 'aborted' } });
  });

  it('hands the method its own signal where the caller had one, and aborts it', async () => {
    let seen: AbortSignal | undefined;
    const { replies, send } = serverOver({
      getConsoleOutput: (_id, options) =>
        new Promise((_resolve, reject) => {
          seen = options?.signal;
          seen?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        }),
    });
    send({ kind: 'api-call', id: 3, api: 0, config, method: 'getConsoleOutput', args: ['i-1', { latest: true }], signalAt: 1 });
    await tick();
    expect(seen?.aborted).toBe(false);
    send({ kind: 'api-abort', id: 3 });
    await tick();
    expect(seen?.aborted).toBe(true);
    expect(replies).toEqual([{ kind: 'api-fail', id: 3, error: expect.objectContaining({ kind: 'aborted' }), requests: 0 }]);
  });

  it('an AwsFailure crosses as its AwsError; anything else as the AwsError it maps to; a missing method says so', async () => {
    const { replies, send } = serverOver({
      describeKeyPair: () => Promise.reject(new AwsFailure({ kind: 'denied', action: 'ec2:DescribeKeyPairs', message: 'denied' })),
      describeSubnet: () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })),
    });
    send({ kind: 'api-call', id: 1, api: 0, config, method: 'describeKeyPair', args: ['k'] });
    send({ kind: 'api-call', id: 2, api: 0, config, method: 'describeSubnet', args: ['s'] });
    send({ kind: 'api-call', id: 3, api: 0, config, method: 'describeImage', args: ['ami-1'] });
    await tick();
    expect([...replies].sort((a, b) => a.id - b.id)).toEqual([
      { kind: 'api-fail', id: 1, error: { kind: 'denied', action: 'ec2:DescribeKeyPairs', message: 'denied' }, requests: 0 },
      { kind: 'api-fail', id: 2, error: expect.objectContaining({ kind: 'throttled' }), requests: 0 },
      { kind: 'api-fail', id: 3, error: expect.objectContaining({ message: expect.stringContaining('describeImage is not available') }), requests: 0 },
    ]);
  });

  it('counts the requests each call sent (every page), concurrent calls apart, failures too', async () => {
    const { replies, send } = serverOver((onCommand) => ({
      listInstances: async () => {
        for (let page = 0; page < 3; page += 1) {
          onCommand();
          await tick();
        }
        return [];
      },
      describeStatuses: async () => {
        onCommand();
        await tick();
        onCommand();
        throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      },
    }));
    send({ kind: 'api-call', id: 1, api: 0, config, method: 'listInstances', args: [] });
    send({ kind: 'api-call', id: 2, api: 0, config, method: 'describeStatuses', args: [undefined] });
    for (let i = 0; i < 6; i += 1) await tick();
    expect(replies.find((r) => r.id === 1)).toMatchObject({ kind: 'api-done', requests: 3 });
    expect(replies.find((r) => r.id === 2)).toMatchObject({ kind: 'api-fail', requests: 2, error: { kind: 'throttled' } });
  });
});
