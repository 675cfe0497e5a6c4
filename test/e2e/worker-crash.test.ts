// A crash of the data worker (the thread with the SDK clients and the training fleet) as a user sees it: the app
// over the real bundled worker (dist/data-worker.js), the worker ended under it; the list pane says what happened
// in one line, the UI keeps answering keys, and the next refresh starts a fresh worker and the rows come back.
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerApi } from '../../source/aws/worker-api.js';
import { bundledDataWorker, createDataThread, dataWorkerSpawner, type DataThread } from '../../source/cli/data-thread.js';
import { createAppModel } from '../../source/model/app-model.js';
import { systemClock } from '../../source/model/clock.js';
import type { AppModel } from '../../source/model/types.js';
import type { FleetSpec } from '../../source/sim/fleet-host.js';
import { frame, press, renderApp } from '../helpers/ui.js';

const DIST_CLI = new URL('../../dist/cli.js', import.meta.url).href;

let thread: DataThread | undefined;
let model: AppModel | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  unmount?.();
  model?.stop();
  await thread?.close();
  [thread, model, unmount] = [undefined, undefined, undefined];
});

describe('the data worker crashes under the running app', () => {
  it('the list says so in one line, keys still work, and the next refresh brings a fresh worker and the rows back', async () => {
    const realStart = Date.now();
    const spec: FleetSpec = { scenario: 'oom', seed: 7, fleetSize: 3_000, speed: 1, deny: [], anchor: { realStart, fleetStart: realStart }, t0: realStart - 600_000 };
    const spawn = dataWorkerSpawner(bundledDataWorker(DIST_CLI) as URL, spec);
    const workers: Worker[] = [];
    thread = createDataThread({ spawn: () => { const w = spawn(); workers.push(w); return w; }, timeoutMs: 15_000 });
    const api = createWorkerApi(thread.link, { region: 'us-east-1', fleet: true, isReadOnly: true }, 0);
    model = createAppModel({
      api, clock: systemClock(), isReadOnly: true, refreshSeconds: 300, who: 'test',
      actions: () => Promise.reject(new Error('no write path in this test')),
      target: { kind: 'demo', scenario: 'oom', speed: 1, region: 'us-east-1' },
    });
    model.start();
    const app = await renderApp(model, { columns: 200, rows: 40 });
    unmount = app.unmount;
    await vi.waitFor(() => expect(frame(app.lastFrame)).toContain('[Instances]  3,009'), { timeout: 20_000 });

    // Ended while a refresh is in flight (3,000 instances take the worker a while to list).
    await press(app.stdin, 'r');
    await vi.waitFor(() => expect(model?.activity.getSnapshot().inFlight).toBeGreaterThan(0), { timeout: 5_000, interval: 1 });
    await workers[0]?.terminate();
    await vi.waitFor(() => expect(frame(app.lastFrame)).toMatch(/AWS thread stopped \(exit code \d+\); it restarts on the next refresh/), { timeout: 20_000 });
    // The UI thread is alive: a key still moves the selection and redraws.
    const before = frame(app.lastFrame);
    await press(app.stdin, 'j');
    await vi.waitFor(() => expect(frame(app.lastFrame)).not.toBe(before), { timeout: 5_000 });

    await press(app.stdin, 'r');
    await vi.waitFor(() => {
      const screen = frame(app.lastFrame);
      expect(screen).toContain('[Instances]  3,009');
      expect(screen).not.toContain('AWS thread stopped');
    }, { timeout: 20_000 });
    expect(workers.length).toBe(2);
  }, 60_000);
});
