// The UI thread's side of the training fleet's worker: answers by id, bounded calls, a crash rejects the pending
// calls in one line and the next call gets a fresh worker. Small eval workers stand in for the fleet here; the
// bundled fleet itself is driven in test/e2e/fleet-worker.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledFleetWorker, createFleetWorker, type FleetWorker } from '../../source/cli/fleet-thread.js';
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

let fleet: FleetWorker | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

function fakeFleet(timeoutMs = 2_000, workerData: unknown = undefined): { fleet: FleetWorker; spawned: () => number } {
  let spawned = 0;
  fleet = createFleetWorker({
    spawn: () => {
      spawned += 1;
      return new Worker(FAKE_FLEET, { eval: true, workerData });
    },
    timeoutMs,
  });
  return { fleet, spawned: () => spawned };
}

describe('createFleetWorker', () => {
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
      expect(error?.message).toBe('training fleet worker stopped (boom in the fleet); it restarts on the next refresh');
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
    expect((await pending)?.message).toBe('training fleet worker closed');
    await expect(f.handler(request('x'))).rejects.toThrow('training fleet worker closed');
  });
});

describe('bundledFleetWorker', () => {
  it('is undefined when running from sources (no bundle beside this module)', () => {
    expect(bundledFleetWorker(pathToFileURL(join(process.cwd(), 'source', 'cli', 'fleet-thread.ts')).href)).toBeUndefined();
  });

  it('finds dist/fleet-worker.js from the entry or from a chunk', () => {
    const dist = mkdtempSync(join(tmpdir(), 'ec2-triage-dist-'));
    mkdirSync(join(dist, 'chunks'));
    writeFileSync(join(dist, 'fleet-worker.js'), '');
    const expected = pathToFileURL(join(dist, 'fleet-worker.js')).href;
    expect(bundledFleetWorker(pathToFileURL(join(dist, 'cli.js')).href)?.href).toBe(expected);
    expect(bundledFleetWorker(pathToFileURL(join(dist, 'chunks', 'chunk-X.js')).href)?.href).toBe(expected);
  });
});
