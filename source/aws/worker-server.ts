// The AWS worker's side of worker-protocol.ts: builds one AwsApi per config (the SDK clients live here, never in the
// UI thread), runs each call with its own AbortController, and posts rows back, long lists in chunks. Errors go
// back as the AwsError a pane renders (never an SDK object, never a stack).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsActions, WaiterDelays } from './actions.js';
import type { AwsApi } from './api.js';
import { toAwsError } from './errors.js';
import { splitForWire, withSignal, type ApiReply, type ApiRequest, type WorkerAwsConfig } from './worker-protocol.js';

export interface ApiServer {
  /** Handles one request from the UI thread. */
  receive(request: ApiRequest): void;
}

/** What the server needs from its thread: how to build an api for a config, the account id, and how to answer. */
export interface ApiServerDeps {
  /** Builds the api for a config; its clients call `onCommand` once per request sent (each page counts). */
  readonly build: (config: WorkerAwsConfig, onCommand: () => void) => AwsApi;
  /** Builds the write path for a config (absent: the worker serves reads only). */
  readonly buildActions?: (config: WorkerAwsConfig, waiterDelays: WaiterDelays | undefined) => AwsActions;
  readonly callerAccount: (config: WorkerAwsConfig, signal: AbortSignal) => Promise<string>;
  readonly post: (reply: ApiReply) => void;
}

/** Serves ApiRequests over the given deps. */
export function createApiServer(deps: ApiServerDeps): ApiServer {
  const apis = new Map<number, AwsApi>();
  // Which call a request belongs to, across the SDK's awaits: its count goes back with the answer (the budget's).
  const requests = new AsyncLocalStorage<{ n: number }>();
  const onCommand = (): void => {
    const count = requests.getStore();
    if (count !== undefined) count.n += 1;
  };
  const inFlight = new Map<number, AbortController>();
  // Calls whose next chunk waits for the UI thread's 'api-more' (or their abort).
  const waiting = new Map<number, () => void>();
  const more = (id: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const go = (): void => {
        waiting.delete(id);
        signal.removeEventListener('abort', go);
        resolve();
      };
      waiting.set(id, go);
      signal.addEventListener('abort', go, { once: true });
    });

  const actions = new Map<number, AwsActions>();
  const actionsOf = (key: number, config: WorkerAwsConfig, delays: WaiterDelays | undefined): AwsActions => {
    let built = actions.get(key);
    if (built === undefined) {
      if (deps.buildActions === undefined) throw new Error('this worker has no write path');
      built = deps.buildActions(config, delays);
      actions.set(key, built);
    }
    return built;
  };

  const apiOf = (key: number, config: WorkerAwsConfig): AwsApi => {
    let api = apis.get(key);
    if (api === undefined) {
      api = deps.build(config, onCommand);
      apis.set(key, api);
    }
    return api;
  };

  const run = async (request: Extract<ApiRequest, { kind: 'api-call' }>): Promise<void> => {
    const controller = new AbortController();
    inFlight.set(request.id, controller);
    const count = { n: 0 };
    try {
      let value: unknown;
      let api: AwsApi | undefined;
      if (request.method === 'callerAccount') {
        value = await deps.callerAccount(request.config, controller.signal);
      } else {
        const target = (request.target === 'actions' ? actionsOf(request.api, request.config, request.waiterDelays) : (api = apiOf(request.api, request.config))) as unknown as Record<string, unknown>;
        const method = target[request.method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
        if (typeof method !== 'function') throw new Error(`${request.method} is not available on this endpoint`);
        // A call made without a signal is never aborted: its arguments go as they came.
        const args = request.signalAt === undefined ? [...request.args] : withSignal(request.args, request.signalAt, controller.signal);
        value = await requests.run(count, () => method.apply(target, args));
      }
      const { head, chunks } = splitForWire(value);
      for (const [i, items] of chunks.entries()) {
        if (i > 0) await more(request.id, controller.signal);
        if (controller.signal.aborted) throw new DOMException('the call was cancelled', 'AbortError');
        deps.post({ kind: 'api-chunk', id: request.id, items });
      }
      if (chunks.length > 0) await more(request.id, controller.signal);
      if (controller.signal.aborted) throw new DOMException('the call was cancelled', 'AbortError');
      const now = api?.serverNow?.();
      deps.post({
        kind: 'api-done', id: request.id, value: head,
        ...(now === undefined ? {} : { clockOffsetMs: now - Date.now() }),
        requests: count.n,
      });
    } catch (error) {
      // An AwsFailure crosses as its AwsError; anything else as the AwsError it maps to.
      deps.post({ kind: 'api-fail', id: request.id, error: toAwsError(error), requests: count.n });
    } finally {
      inFlight.delete(request.id);
    }
  };

  return {
    receive(request) {
      switch (request.kind) {
        case 'api-call':
          void run(request);
          return;
        case 'api-abort':
          inFlight.get(request.id)?.abort();
          return;
        case 'api-more':
          waiting.get(request.id)?.();
          return;
        case 'api-renew':
          apis.get(request.api)?.renewCredentials?.();
          return;
      }
    },
  };
}
