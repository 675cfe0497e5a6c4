// The UI thread's side of the training fleet's worker: answers by id, bounded calls, a crash rejects the pending
// calls in one line and the next call gets a fresh worker. Small eval workers stand in for the fleet here; the
// bundled worker itself (the SDK and the fleet) is driven in test/e2e/data-worker.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledDataWorker, createDataThread, type DataThread } from '../../source/cli/data-thread.js';
import { createWorkerApi } from '../../source/aws/worker-api.js';
import type { InProcessRequest } from '../../source/domain/in-process-http.js';

// Echoes the body; 'crash' throws in the worker (an uncaught error ends it), 'silent' never answers,
// 'fail' answers with an error line, 'slow' answers after 50 ms.
const FAKE_FLEET = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData && workerData.startError) parentPort.postMessage({ startError: workerData.startError });
else parentPort.on('message', ({ id, request }) => {
  if (request.body === 'crash') throw new Error('boom in the fleet\\n    at somewhere (stack)');
  if (request.body === 'silent') return;
  if (request.body === 'fail') { parentPort.postMessage({ id, error: 'the handler failed' }); return; }
  const answer = () => parentPort.postMessage({ id, response: { status: 200, headers: { 'x-thread': String(require('node:worker_threads').threadId) }, body: request.body } });
  if (request.body === 'slow') setTimeout(answer, 50); else answer();
});`;

const request = (body: string): InProcessRequest => ({ method: 'POST', path: '/', query: {}, headers: {}, body });

let fleet: DataThread | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

function fakeFleet(timeoutMs = 2_000, workerData: unknown = undefined): { fleet: DataThread; spawned: () => number } {
  let spawned = 0;
  fleet = createDataThread({
    spawn: () => {
      spawned += 1;
      return new Worker(FAKE_FLEET, { eval: true, workerData });
    },
    timeoutMs,
  });
  return { fleet, spawned: () => spawned };
}

describe('createDataThread: the fleet\'s requests', () => {
  it('answers each call with its own response, from another thread, concurrently', async () => {
    const { fleet: f, spawned } = fakeFleet();
    const answers = await Promise.all([f.handler(request('slow')), f.handler(request('a')), f.handler(request('b'))]);
    expect(answers.map((a) => a.body)).toEqual(['slow', 'a', 'b']);
    expect(Number(answers[0]?.headers['x-thread'])).toBeGreaterThan(0);
    expect(spawned()).toBe(1);
  });

  it('a call unanswered within the timeout rejects in one line; the worker keeps answering others', async () => {
    const { fleet: f } = fakeFleet(200);
    await expect(f.handler(request('silent'))).rejects.toThrow(/^training fleet did not answer within 0 s$/);
    expect((await f.handler(request('after'))).body).toBe('after');
  });

  it('an error answer rejects that call only', async () => {
    const { fleet: f } = fakeFleet();
    await expect(f.handler(request('fail'))).rejects.toThrow('the handler failed');
    expect((await f.handler(request('ok'))).body).toBe('ok');
  });

  it('a crash rejects every pending call with one line, and the next call gets a fresh worker', async () => {
    const { fleet: f, spawned } = fakeFleet();
    const pending = f.handler(request('silent'));
    const crashing = f.handler(request('crash'));
    const errors = await Promise.all([pending, crashing].map((p) => p.then(() => undefined, (e: unknown) => e as Error)));
    for (const error of errors) {
      expect(error?.message).toBe('AWS thread stopped (boom in the fleet); it restarts on the next refresh');
    }
    const again = await f.handler(request('alive'));
    expect(again.body).toBe('alive');
    expect(spawned()).toBe(2);
  });

  it('a fleet that cannot be built fails its calls with the reason', async () => {
    const { fleet: f } = fakeFleet(2_000, { startError: "Unknown scenario 'nope'" });
    await expect(f.handler(request('x'))).rejects.toThrow("training fleet: Unknown scenario 'nope'");
  });

  it('close rejects pending and later calls', async () => {
    const { fleet: f } = fakeFleet();
    const pending = f.handler(request('silent')).then(() => undefined, (e: unknown) => e as Error);
    await f.close();
    expect((await pending)?.message).toBe('data worker closed');
    await expect(f.handler(request('x'))).rejects.toThrow('data worker closed');
  });
});

describe('bundledDataWorker', () => {
  it('is undefined when running from sources (no bundle beside this module)', () => {
    expect(bundledDataWorker(pathToFileURL(join(process.cwd(), 'source', 'cli', 'data-thread.ts')).href)).toBeUndefined();
  });

  it('finds dist/data-worker.js from the entry or from a chunk', () => {
    const dist = mkdtempSync(join(tmpdir(), 'ec2-triage-dist-'));
    mkdirSync(join(dist, 'chunks'));
    writeFileSync(join(dist, 'data-worker.js'), '');
    const expected = pathToFileURL(join(dist, 'data-worker.js')).href;
    expect(bundledDataWorker(pathToFileURL(join(dist, 'cli.js')).href)?.href).toBe(expected);
    expect(bundledDataWorker(pathToFileURL(join(dist, 'chunks', 'chunk-X.js')).href)?.href).toBe(expected);
  });
});

// Speaks the api side: listInstances answers [1..1200] in chunks; getConsoleOutput never answers until aborted
// (then says so, and notes the abort for 'aborts'); describeSubnet crashes the worker; 'denied' fails as AWS would.
const FAKE_AWS = `
const { parentPort } = require('node:worker_threads');
let aborts = 0;
parentPort.on('message', (m) => {
  if (m.kind === 'api-abort') { aborts += 1; parentPort.postMessage({ kind: 'api-fail', id: m.id, error: { kind: 'aborted', message: 'aborted' }, requests: 0 }); return; }
  if (m.kind !== 'api-call') return;
  if (m.method === 'listInstances') {
    parentPort.postMessage({ kind: 'api-chunk', id: m.id, items: Array.from({ length: 600 }, (_, i) => i + 1) });
    parentPort.postMessage({ kind: 'api-chunk', id: m.id, items: Array.from({ length: 600 }, (_, i) => i + 601) });
    parentPort.postMessage({ kind: 'api-done', id: m.id, value: { value: undefined, isList: true }, clockOffsetMs: 60000, requests: 2 });
  } else if (m.method === 'describeSubnet') {
    throw new Error('boom in the SDK thread');
  } else if (m.method === 'describeKeyPair') {
    parentPort.postMessage({ kind: 'api-fail', id: m.id, error: { kind: 'denied', action: 'ec2:DescribeKeyPairs', message: 'access denied (ec2:DescribeKeyPairs)' }, requests: 1 });
  } else if (m.method === 'describeImage') {
    parentPort.postMessage({ kind: 'api-done', id: m.id, value: { value: { aborts, region: m.config.region, args: m.args, signalAt: m.signalAt }, isList: false }, requests: 1 });
  }
});`;

describe('createDataThread: the AwsApi over the worker (aws/worker-api.ts)', () => {
  const fakeAws = (): { api: ReturnType<typeof createWorkerApi>; spawned: () => number } => {
    let spawned = 0;
    fleet = createDataThread({
      spawn: () => {
        spawned += 1;
        return new Worker(FAKE_AWS, { eval: true });
      },
      timeoutMs: 2_000,
    });
    return { api: createWorkerApi(fleet.link, { region: 'eu-west-1' }, 3), spawned: () => spawned };
  };

  it('a long answer arrives in chunks and resolves whole, in order; the endpoint clock comes with it', async () => {
    const { api } = fakeAws();
    const rows = (await api.listInstances()) as unknown as number[];
    expect(rows.length).toBe(1200);
    expect(rows[0]).toBe(1);
    expect(rows[1199]).toBe(1200);
    expect((api.serverNow?.() ?? 0) - Date.now()).toBeGreaterThan(59_000);
  });

  it('the signal stays in this thread: the worker gets the options without it, and where to put its own', async () => {
    const { api } = fakeAws();
    const controller = new AbortController();
    const seen = (await api.describeImage?.('ami-1', { signal: controller.signal })) as unknown as { region: string; args: unknown[]; signalAt: number };
    expect(seen).toMatchObject({ region: 'eu-west-1', args: ['ami-1', {}], signalAt: 1 });
  });

  it('an abort settles the caller at once and tells the worker to stop the call', async () => {
    const { api } = fakeAws();
    const controller = new AbortController();
    const call = api.getConsoleOutput('i-1', { signal: controller.signal }).then(() => undefined, (e: unknown) => e as { error: { kind: string } });
    controller.abort();
    expect((await call)?.error.kind).toBe('aborted');
    const seen = (await api.describeImage?.('ami-1')) as unknown as { aborts: number };
    expect(seen.aborts).toBe(1);
  });

  it("an AWS error comes back as the AwsFailure a pane renders", async () => {
    const { api } = fakeAws();
    await expect(api.describeKeyPair('k')).rejects.toMatchObject({ name: 'AwsFailure', error: { kind: 'denied', action: 'ec2:DescribeKeyPairs' } });
  });

  it('a crash fails the pending calls in one line, and the next call gets a fresh worker', async () => {
    const { api, spawned } = fakeAws();
    const hanging = api.getConsoleOutput('i-1').then(() => undefined, (e: unknown) => e as { message: string; error: { kind: string } });
    const crashing = api.describeSubnet('subnet-1').then(() => undefined, (e: unknown) => e as { message: string });
    const [a, b] = await Promise.all([hanging, crashing]);
    expect(a?.message).toBe('AWS thread stopped (boom in the SDK thread); it restarts on the next refresh');
    expect(a?.error.kind).toBe('unknown');
    expect(b?.message).toBe(a?.message);
    expect(((await api.listInstances()) as unknown as number[]).length).toBe(1200);
    expect(spawned()).toBe(2);
  });
});
