// The messages between the UI thread and the AWS worker (the thread that owns the SDK clients, parses the answers
// and maps them to domain rows): plain, structured-clone data only. The UI thread sends a method name and its
// arguments (AbortSignals stay behind: an abort is its own message); the worker answers with rows, long lists in
// chunks so no single message costs the UI thread more than a few milliseconds to receive. A port delivers every
// queued message in one task, so the worker sends a list's next chunk only when the UI thread asks for it ('api-more',
// sent after its own pending tasks such as a keypress): a key waits for one chunk at most, never for a whole list.
import type { AwsError } from '../domain/types.js';
import type { AwsActions, WaiterDelays } from './actions.js';
import type { AwsApi } from './api.js';
import type { AwsConfig } from './clients.js';

/** The AwsApi reads that cross the thread boundary (every method that calls AWS). */
export const WORKER_METHODS = [
  'listInstances', 'describeStatuses', 'describeInstanceTypes', 'getConsoleOutput', 'getMetricData', 'alarmingInstances',
  'listLogGroups', 'filterLogEvents', 'describeSecurityGroups', 'describeSubnet', 'describeRouteTableForSubnet',
  'describeNetworkAclForSubnet', 'describeKeyPair', 'describeInternetGatewayForVpc', 'describeInstanceRaw',
  'describeVolumes', 'describeAddresses', 'describeImage', 'describeCreditMode', 'describeInstanceInformation',
  'sendHostCheck', 'getCommandInvocation',
] as const satisfies readonly (keyof AwsApi)[];

export type WorkerMethod = (typeof WORKER_METHODS)[number];

/** The write path's calls (aws/actions.ts), through the same worker: the UI thread never loads the SDK for them. */
export const WORKER_ACTIONS = [
  'checkPermission', 'stopInstance', 'startInstance', 'rebootInstance', 'setInstanceType', 'waitFor',
  'alarmsForInstance', 'putMetricAlarm', 'alarmHistory', 'resizeCatalogue', 'agentMetrics',
] as const satisfies readonly (keyof AwsActions)[];

export type WorkerAction = (typeof WORKER_ACTIONS)[number];

/**
 * How the worker builds an api: an AwsConfig without its functions. `fleet`: the training fleet built in the worker
 * answers (its FleetSpec is the worker's workerData), so the requests never leave that thread.
 */
export type WorkerAwsConfig = Omit<AwsConfig, 'simHandler' | 'onCommand'> & { readonly fleet?: boolean };

/** UI thread → worker. `api` names the config (one api per (profile, region)); the config travels with each call. */
export type ApiRequest =
  | {
      readonly kind: 'api-call';
      readonly id: number;
      readonly api: number;
      readonly config: WorkerAwsConfig;
      readonly method: WorkerMethod | WorkerAction | 'callerAccount';
      /** 'actions': the write path built from the config (and its waiter delays); else the reads. */
      readonly target?: 'actions';
      readonly waiterDelays?: WaiterDelays;
      readonly args: readonly unknown[];
      /** The argument index of the options object that carried an AbortSignal (the worker puts its own there). */
      readonly signalAt?: number;
    }
  | { readonly kind: 'api-abort'; readonly id: number }
  /** The UI thread took a chunk in and let its own tasks run: the worker may send the next one. */
  | { readonly kind: 'api-more'; readonly id: number }
  | { readonly kind: 'api-renew'; readonly api: number };

/**
 * Worker → UI thread: part of a long answer, then the answer (with the endpoint's clock offset), or its error; both
 * say how many requests the call sent (each page counts).
 */
export type ApiReply =
  | { readonly kind: 'api-chunk'; readonly id: number; readonly items: readonly unknown[] }
  | { readonly kind: 'api-done'; readonly id: number; readonly value: WireValue; readonly clockOffsetMs?: number; readonly requests: number }
  | { readonly kind: 'api-fail'; readonly id: number; readonly error: AwsError; readonly requests: number };

export const isApiReply = (message: unknown): message is ApiReply =>
  typeof message === 'object' && message !== null && typeof (message as { kind?: unknown }).kind === 'string' &&
  String((message as { kind: string }).kind).startsWith('api-') && typeof (message as { id?: unknown }).id === 'number';

/**
 * Rows per chunk. 200 instances are ~150 KB cloned and ~0.5 ms to receive (v8.deserialize, measured): with the pacing,
 * a key waits at most for one such message, never for a whole 10,000-row list.
 */
export const CHUNK_ITEMS = 200;

/**
 * An answer as it travels: the value with its one long list taken out (`listKey`: the field that held it, or
 * undefined when the value was the list itself); the list follows in chunks before the 'api-done'.
 */
export interface WireValue {
  readonly value: unknown;
  readonly listKey?: string;
  readonly isList: boolean;
}

/** Splits `value` for the wire: a long array (or an object's one long array field, e.g. a MetricBatch's series). */
export function splitForWire(value: unknown, chunk = CHUNK_ITEMS): { head: WireValue; chunks: unknown[][] } {
  const chunksOf = (items: readonly unknown[]): unknown[][] => {
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
    return out;
  };
  if (Array.isArray(value)) {
    if (value.length <= chunk) return { head: { value, isList: false }, chunks: [] };
    return { head: { value: undefined, isList: true }, chunks: chunksOf(value) };
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const listKey = Object.keys(record).find((k) => Array.isArray(record[k]) && (record[k] as unknown[]).length > chunk);
    if (listKey !== undefined) {
      return { head: { value: { ...record, [listKey]: [] }, listKey, isList: true }, chunks: chunksOf(record[listKey] as unknown[]) };
    }
  }
  return { head: { value, isList: false }, chunks: [] };
}

/** The value `splitForWire` split, from its head and the items of its chunks in order. */
export function joinFromWire(head: WireValue, items: readonly unknown[]): unknown {
  if (!head.isList) return head.value;
  if (head.listKey === undefined) return items;
  return { ...(head.value as Record<string, unknown>), [head.listKey]: items };
}

/** Arguments without their AbortSignal (it cannot be cloned): the options object copied without it, and where. */
export function withoutSignal(args: readonly unknown[]): { args: unknown[]; signal?: AbortSignal; signalAt?: number } {
  let signal: AbortSignal | undefined;
  let signalAt: number | undefined;
  const out = args.map((arg, i) => {
    if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || arg instanceof Date || !('signal' in arg)) return arg;
    const { signal: own, ...rest } = arg as { signal?: AbortSignal };
    if (own !== undefined) {
      signal = own;
      signalAt = i;
    }
    return rest;
  });
  return { args: out, ...(signal === undefined ? {} : { signal, signalAt }) };
}

/** The arguments with `signal` put back into the options object at `signalAt`. */
export function withSignal(args: readonly unknown[], signalAt: number | undefined, signal: AbortSignal): unknown[] {
  if (signalAt === undefined) return [...args];
  const out = [...args];
  while (out.length <= signalAt) out.push(undefined);
  out[signalAt] = { ...((out[signalAt] as object | undefined) ?? {}), signal };
  return out;
}
