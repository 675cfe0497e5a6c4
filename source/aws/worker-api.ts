// The UI thread's AwsApi when the AWS worker owns the SDK (worker-protocol.ts): each method posts its name and
// arguments and resolves to the rows the worker sends back. Nothing here imports the SDK, so the UI thread never
// loads it, parses XML or holds a raw page; an abort is proxied and settles the caller at once; a worker that stops
// fails the calls it held with one line the panes show, and the next call starts a fresh worker (the link's job).
import type { AwsActions, WaiterDelays } from './actions.js';
import type { AwsApi } from './api.js';
import { AwsFailure } from './errors.js';
import {
  joinFromWire,
  withoutSignal,
  WORKER_ACTIONS,
  WORKER_METHODS,
  type ApiReply,
  type ApiRequest,
  type WorkerAction,
  type WorkerAwsConfig,
  type WorkerMethod,
} from './worker-protocol.js';

/** A call's replies, routed by the link until one settles it. */
export interface ReplyHandlers {
  /** Returns true when the reply settled the call (its id is then forgotten). */
  onReply(reply: ApiReply): boolean;
  /** The worker stopped before answering: the one line to show. */
  onLost(message: string): void;
}

/** The thread the worker runs in, as the api sees it (cli/data-thread.ts implements it over a Worker). */
export interface ApiLink {
  /** Posts a call under a fresh id (returned) and routes its replies to `handlers`. */
  open(call: Omit<Extract<ApiRequest, { kind: 'api-call' }>, 'id'>, handlers: ReplyHandlers): number;
  /** Posts an abort or a credentials renewal (never started a worker for it). */
  post(request: Exclude<ApiRequest, { kind: 'api-call' }>): void;
}

/** An AwsApi answered by the worker, plus the account id of its credentials (STS GetCallerIdentity, there too). */
export interface WorkerApi extends AwsApi {
  callerAccount(signal?: AbortSignal): Promise<string>;
}

const aborted = (): AwsFailure => new AwsFailure({ kind: 'aborted', message: 'the call was cancelled' });

/** Who a call is addressed to in the worker: the reads or the write path of one config. */
type Addressee = Pick<Extract<ApiRequest, { kind: 'api-call' }>, 'api' | 'config' | 'target' | 'waiterDelays'>;

/** What a settled call said besides its value: the worker's request count and the endpoint's clock. */
type OnSettled = (method: string, requests: number, clockOffsetMs: number | undefined) => void;

/** Calls `method` in the worker with `raw` arguments; resolves to its rows (chunks joined), rejects with an AwsFailure. */
function callVia(link: ApiLink, to: Addressee, onSettled: OnSettled, method: WorkerMethod | WorkerAction | 'callerAccount', raw: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const { args, signal, signalAt } = withoutSignal(raw);
    if (signal?.aborted === true) {
      reject(aborted());
      return;
    }
    let isSettled = false;
    const items: unknown[] = [];
    const settle = (): boolean => {
      if (isSettled) return false;
      isSettled = true;
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const id = link.open(
      { kind: 'api-call', ...to, method, args, ...(signalAt === undefined ? {} : { signalAt }) },
      {
        onReply(reply) {
          switch (reply.kind) {
            case 'api-chunk':
              if (!isSettled) for (const item of reply.items) items.push(item);
              // Asked for after this thread's pending work (a keypress, a frame): one chunk per task.
              setImmediate(() => link.post({ kind: 'api-more', id }));
              return false;
            case 'api-done':
              onSettled(method, reply.requests, reply.clockOffsetMs);
              if (settle()) resolve(joinFromWire(reply.value, items));
              return true;
            case 'api-fail':
              onSettled(method, reply.requests, undefined);
              if (settle()) reject(new AwsFailure(reply.error));
              return true;
          }
        },
        onLost(message) {
          if (settle()) reject(new AwsFailure({ kind: 'unknown', code: undefined, message }));
        },
      },
    );
    // The caller no longer wants the answer: it is told now; the worker is told to stop the call.
    function onAbort(): void {
      if (!settle()) return;
      link.post({ kind: 'api-abort', id });
      reject(aborted());
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The api for `config` over `link`; `key` names this config's clients in the worker (one per (profile, region)). */
export function createWorkerApi(link: ApiLink, config: WorkerAwsConfig, key: number): WorkerApi {
  // The endpoint's clock as the worker last read it (its answers' Date headers), as an offset from ours.
  let clockOffsetMs: number | undefined;
  // Told how many requests each call sent (the worker counts them): the budget's exact figures.
  let onRequests: ((method: keyof AwsApi, requests: number) => void) | undefined;
  const onSettled: OnSettled = (method, requests, offset) => {
    if (offset !== undefined) clockOffsetMs = offset;
    if (method !== 'callerAccount') onRequests?.(method as keyof AwsApi, requests);
  };
  const call = (method: WorkerMethod | 'callerAccount', raw: readonly unknown[]): Promise<unknown> => callVia(link, { api: key, config }, onSettled, method, raw);

  const methods = Object.fromEntries(WORKER_METHODS.map((name) => [name, (...args: unknown[]) => call(name, args)]));
  return {
    ...(methods as unknown as Pick<AwsApi, WorkerMethod>),
    region: config.region,
    renewCredentials: () => link.post({ kind: 'api-renew', api: key }),
    serverNow: () => Date.now() + (clockOffsetMs ?? 0),
    countRequests: (listener) => {
      onRequests = listener;
    },
    callerAccount: (signal) => call('callerAccount', [{ signal }]) as Promise<string>,
  };
}

/**
 * The write path for `config` over `link` (aws/actions.ts, built in the worker with the same read-only guard): the
 * UI thread loads no SDK for an action either. A waiter's signal is proxied like any other.
 */
export function createWorkerActions(link: ApiLink, config: WorkerAwsConfig, key: number, waiterDelays?: WaiterDelays): AwsActions {
  const to: Addressee = { api: key, config, target: 'actions', ...(waiterDelays === undefined ? {} : { waiterDelays }) };
  const methods = Object.fromEntries(WORKER_ACTIONS.map((name) => [name, (...args: unknown[]) => callVia(link, to, () => undefined, name, args)]));
  return methods as unknown as AwsActions;
}
