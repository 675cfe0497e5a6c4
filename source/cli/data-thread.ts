// The UI thread's side of the data worker (cli/data-worker-main.ts), the thread that owns the SDK clients and, in
// the demo, the training fleet: so SDK parsing, mapping, GC of raw pages and the fleet's XML rendering never compete
// with the keys. Two kinds of calls share it, each under its own id: the fleet's raw HTTP requests (an
// InProcessHandler, for --port and the API the lesson serves) and the AwsApi's calls (aws/worker-api.ts's ApiLink).
// A crashed worker fails every pending call with one line (the panes show it like any failed call) and the next call
// starts a fresh worker on the same spec and clock. The first worker starts right after the first frame.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { oneLine } from '../domain/aws-error.js';
import type { InProcessHandler, InProcessRequest, InProcessResponse } from '../domain/in-process-http.js';
import type { ApiLink, ReplyHandlers } from '../aws/worker-api.js';
import { isApiReply, type ApiReply } from '../aws/worker-protocol.js';
import type { FleetAnswer, FleetCall, FleetSpec, FleetStartFailure } from '../sim/fleet-host.js';

/** The data worker, as the UI thread holds it. */
export interface DataThread {
  /** The training fleet's raw HTTP requests (a worker started without a fleet answers each with an error). */
  readonly handler: InProcessHandler;
  /** The AwsApi's calls (aws/worker-api.ts). */
  readonly link: ApiLink;
  /** Stops the worker; pending and later calls reject. */
  close(): Promise<void>;
}

export interface DataThreadOptions {
  /** Starts a worker (again after a crash). */
  readonly spawn: () => Worker;
  /** How long a fleet request waits for its answer (an AwsApi call is bounded by the SDK's own timeouts there). */
  readonly timeoutMs: number;
}

interface Pending {
  /** Returns true when settled. */
  readonly onReply: (message: unknown) => boolean;
  readonly onLost: (message: string) => void;
  readonly timer?: NodeJS.Timeout;
}

/** The first line of what was thrown (a worker's stack never reaches a pane). */
export const errorLine = (error: unknown): string => oneLine(error instanceof Error ? error.message : String(error)) || 'unknown error';

/** The thread over a worker that speaks FleetCall / FleetAnswer and ApiRequest / ApiReply. */
export function createDataThread(options: DataThreadOptions): DataThread {
  let worker: Worker | undefined;
  let nextId = 1;
  let isClosed = false;
  const pending = new Map<number, Pending>();

  const forget = (id: number): Pending | undefined => {
    const call = pending.get(id);
    if (call === undefined) return undefined;
    pending.delete(id);
    if (call.timer !== undefined) clearTimeout(call.timer);
    return call;
  };
  const failAll = (message: string): void => {
    for (const id of [...pending.keys()]) forget(id)?.onLost(message);
  };

  const start = (): Worker => {
    const started = options.spawn();
    let crash: string | undefined;
    let startFailure: string | undefined;
    started.on('message', (message: FleetAnswer | FleetStartFailure | ApiReply) => {
      if ('startError' in message) {
        startFailure = `training fleet: ${message.startError}`;
        failAll(startFailure);
        return;
      }
      const call = pending.get(message.id);
      if (call !== undefined && call.onReply(message)) forget(message.id);
    });
    started.on('error', (error) => {
      crash = errorLine(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      if (isClosed) return;
      // A fleet that could not be built says why to the calls that reached it after its answer.
      if (startFailure !== undefined) failAll(startFailure);
      else failAll(`AWS thread stopped (${crash ?? `exit code ${code}`}); it restarts on the next refresh`);
    });
    // The app's own handles decide when the process ends, never the worker's thread (after the listeners: adding a
    // 'message' listener refs the port again).
    started.unref();
    return started;
  };

  /** Registers `call` under a fresh id and posts what `message` makes of that id (starting a worker if none runs). */
  const send = (message: (id: number) => unknown, call: (id: number) => Pending): number => {
    const id = nextId;
    nextId += 1;
    if (isClosed) {
      call(id).onLost('data worker closed');
      return id;
    }
    pending.set(id, call(id));
    try {
      worker ??= start();
      worker.postMessage(message(id));
    } catch (error) {
      forget(id)?.onLost(`data worker: ${errorLine(error)}`);
    }
    return id;
  };

  const handler: InProcessHandler = (request: InProcessRequest) =>
    new Promise<InProcessResponse>((resolve, reject) => {
      send(
        (id) => ({ id, request }) satisfies FleetCall,
        (id) => {
          const timer = setTimeout(() => {
            forget(id)?.onLost(`training fleet did not answer within ${Math.round(options.timeoutMs / 1000)} s`);
          }, options.timeoutMs);
          timer.unref();
          return {
            timer,
            onReply: (message) => {
              const answer = message as FleetAnswer;
              if ('error' in answer) reject(new Error(answer.error));
              else resolve(answer.response);
              return true;
            },
            onLost: (line) => reject(new Error(line)),
          };
        },
      );
    });

  const link: ApiLink = {
    open(call, handlers: ReplyHandlers) {
      return send(
        (id) => ({ ...call, id }),
        () => ({ onReply: (message) => (isApiReply(message) ? handlers.onReply(message) : false), onLost: (line) => handlers.onLost(line) }),
      );
    },
    post(request) {
      // An abort or a renewal concerns the running worker only: a fresh one has neither the call nor the clients.
      if (worker === undefined || isClosed) return;
      try {
        worker.postMessage(request);
      } catch {
        // The worker is going; its exit fails what it held.
      }
    },
  };

  // Started before the first call, after the current task (the first frame is drawn synchronously at mount): the
  // thread boots (loads the SDK, builds the fleet) while the UI thread draws.
  setImmediate(() => {
    if (worker === undefined && !isClosed) worker = start();
  }).unref();
  return {
    handler,
    link,
    async close() {
      isClosed = true;
      failAll('data worker closed');
      const running = worker;
      worker = undefined;
      if (running !== undefined) await running.terminate();
    },
  };
}

/** What the data worker is started with: the training fleet to build in it, if any. */
export interface DataWorkerData {
  readonly fleet?: FleetSpec;
}

/**
 * The worker's young generation: 8 MB instead of V8's default (up to 32 MB of semi-spaces). Its garbage is short-lived
 * (XML strings, parse trees, pages), so smaller semi-spaces only mean more scavenges on its own thread: bench
 * rss_remote_mb 274 → 244 MB peak at 10k. The old generation is not capped: a cap ends the worker when a big fleet
 * outgrows it.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 } as const;

/** Spawns cli/data-worker-main.ts's bundle at `url`, with the fleet's spec when there is one. */
export function dataWorkerSpawner(url: URL, fleet?: FleetSpec): () => Worker {
  // The spec is plain data (structured clone); the deny list is copied to a plain array.
  const data: DataWorkerData = fleet === undefined ? {} : { fleet: { ...fleet, deny: [...fleet.deny], anchor: { ...fleet.anchor } } };
  return () => {
    // The UI owns the terminal: nothing the worker's libraries might print (a warning, a stray log) may reach it and
    // tear the frame. Its failures arrive as 'error' and 'exit' events, not as text.
    const worker = new Worker(url, { workerData: data, resourceLimits: WORKER_LIMITS, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    return worker;
  };
}

/**
 * Where the bundled worker is: dist/data-worker.js beside the CLI's entry (this module may sit in dist/ or in
 * dist/chunks/). Undefined when there is no bundle (TypeScript sources under vitest): everything then runs in-thread.
 */
export function bundledDataWorker(here: string = import.meta.url): URL | undefined {
  if (!here.startsWith('file:')) return undefined;
  for (const relative of ['./data-worker.js', '../data-worker.js']) {
    const url = new URL(relative, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
