// The UI thread's side of the training fleet's worker (sim/worker-main.ts): an InProcessHandler that posts each
// request with an id and resolves the worker's answer. Bounded: a call unanswered within the call timeout rejects;
// a crashed worker rejects every pending call with one line (the panes show it like any failed call) and the next
// call starts a fresh worker on the same spec and clock. The first worker starts with the handler.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InProcessHandler, InProcessRequest, InProcessResponse } from '../domain/in-process-http.js';
import type { FleetAnswer, FleetCall, FleetSpec, FleetStartFailure } from '../sim/fleet-host.js';

/** The training fleet answered from another thread. */
export interface FleetWorker {
  readonly handler: InProcessHandler;
  /** Stops the worker; pending and later calls reject. */
  close(): Promise<void>;
}

export interface FleetWorkerOptions {
  /** Starts a worker (again after a crash). */
  readonly spawn: () => Worker;
  /** How long a call waits for its answer. */
  readonly timeoutMs: number;
}

interface Pending {
  readonly resolve: (response: InProcessResponse) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';

/** The handler over a worker that speaks FleetCall / FleetAnswer. */
export function createFleetWorker(options: FleetWorkerOptions): FleetWorker {
  let worker: Worker | undefined;
  let nextId = 1;
  let isClosed = false;
  const pending = new Map<number, Pending>();

  const settle = (id: number): Pending | undefined => {
    const call = pending.get(id);
    if (call === undefined) return undefined;
    pending.delete(id);
    clearTimeout(call.timer);
    return call;
  };
  const failAll = (message: string): void => {
    for (const id of [...pending.keys()]) settle(id)?.reject(new Error(message));
  };

  const start = (): Worker => {
    const started = options.spawn();
    let crash: string | undefined;
    let startFailure: string | undefined;
    started.on('message', (message: FleetAnswer | FleetStartFailure) => {
      if ('startError' in message) {
        startFailure = `training fleet: ${message.startError}`;
        failAll(startFailure);
        return;
      }
      const call = settle(message.id);
      if (call === undefined) return;
      if ('error' in message) call.reject(new Error(message.error));
      else call.resolve(message.response);
    });
    started.on('error', (error) => {
      crash = oneLine(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      if (isClosed) return;
      // A fleet that could not be built says why to the calls that reached it after its answer.
      if (startFailure !== undefined) failAll(startFailure);
      else failAll(`training fleet worker stopped (${crash ?? `exit code ${code}`}); it restarts on the next refresh`);
    });
    // The app's own handles decide when the process ends, never the fleet's thread (after the listeners: adding a
    // 'message' listener refs the port again).
    started.unref();
    return started;
  };

  const handler: InProcessHandler = (request: InProcessRequest) => {
    if (isClosed) return Promise.reject(new Error('training fleet worker closed'));
    const id = nextId;
    nextId += 1;
    return new Promise<InProcessResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(id)?.reject(new Error(`training fleet did not answer within ${Math.round(options.timeoutMs / 1000)} s`));
      }, options.timeoutMs);
      timer.unref();
      pending.set(id, { resolve, reject, timer });
      try {
        worker ??= start();
        worker.postMessage({ id, request } satisfies FleetCall);
      } catch (error) {
        settle(id)?.reject(new Error(`training fleet worker: ${oneLine(error)}`));
      }
    });
  };

  // Started before the first call, after the current task (the first frame is drawn synchronously at mount): the
  // thread boots and builds the world while the UI thread loads the SDK.
  setImmediate(() => {
    if (worker === undefined && !isClosed) worker = start();
  }).unref();
  return {
    handler,
    async close() {
      isClosed = true;
      failAll('training fleet worker closed');
      const running = worker;
      worker = undefined;
      if (running !== undefined) await running.terminate();
    },
  };
}

/** Spawns sim/worker-main.ts's bundle at `url` with the fleet's spec. */
export function fleetWorkerSpawner(url: URL, spec: FleetSpec): () => Worker {
  // The spec is plain data (structured clone); the deny list is copied to a plain array.
  const data: FleetSpec = { ...spec, deny: [...spec.deny], anchor: { ...spec.anchor } };
  return () => new Worker(url, { workerData: data });
}

/**
 * Where the bundled worker is: dist/fleet-worker.js beside the CLI's entry (this module may sit in dist/ or in
 * dist/chunks/). Undefined when there is no bundle (TypeScript sources under vitest): the fleet then runs in-thread.
 */
export function bundledFleetWorker(here: string = import.meta.url): URL | undefined {
  if (!here.startsWith('file:')) return undefined;
  for (const relative of ['./fleet-worker.js', '../fleet-worker.js']) {
    const url = new URL(relative, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
