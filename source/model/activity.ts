// Calls in flight and the last successful call, for the footer's spinner and "updated 12 s ago", and the calls by
// service and the throttles for the budget. Counting happens in decorators around AwsApi so every caller (stores,
// triage) is counted without knowing about it.
import type { AwsApi } from '../aws/api.js';
import { SERVICE_OF, type Budget } from './budget.js';
import { asAwsError } from './errors.js';
import { createStore } from './store.js';
import type { ActivitySnapshot, Store } from './types.js';

export interface ActivityTracker extends Store<ActivitySnapshot> {
  /** A call started. */
  begin(): void;
  /** A call ended; successful calls move lastRefreshAt. */
  end(isSuccess: boolean): void;
}

/** A tracker stamping successes with `now()`. */
export function createActivityTracker(now: () => number): ActivityTracker {
  const store = createStore<ActivitySnapshot>({ inFlight: 0, lastRefreshAt: undefined });
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    begin: () => store.update((s) => ({ ...s, inFlight: s.inFlight + 1 })),
    end: (isSuccess) =>
      store.update((s) => ({ inFlight: Math.max(0, s.inFlight - 1), lastRefreshAt: isSuccess ? now() : s.lastRefreshAt })),
  };
}

/** An AwsApi that reports every call's start and end to the tracker. */
export function withActivity(api: AwsApi, tracker: ActivityTracker): AwsApi {
  const track = async <T>(call: () => Promise<T>): Promise<T> => {
    tracker.begin();
    let isSuccess = false;
    try {
      const result = await call();
      isSuccess = true;
      return result;
    } finally {
      tracker.end(isSuccess);
    }
  };
  return {
    region: api.region,
    listInstances: (options) => track(() => api.listInstances(options)),
    describeStatuses: (ids, options) => track(() => api.describeStatuses(ids, options)),
    describeInstanceTypes: (types, options) => track(() => api.describeInstanceTypes(types, options)),
    getConsoleOutput: (id, options) => track(() => api.getConsoleOutput(id, options)),
    getMetricData: (queries, start, end, options) => track(() => api.getMetricData(queries, start, end, options)),
    alarmingInstances: (options) => track(() => api.alarmingInstances(options)),
    listLogGroups: (prefix, options) => track(() => api.listLogGroups(prefix, options)),
    filterLogEvents: (group, start, end, options) => track(() => api.filterLogEvents(group, start, end, options)),
    describeSecurityGroups: (ids, options) => track(() => api.describeSecurityGroups(ids, options)),
    describeSubnet: (id, options) => track(() => api.describeSubnet(id, options)),
    describeRouteTableForSubnet: (subnetId, vpcId, options) =>
      track(() => api.describeRouteTableForSubnet(subnetId, vpcId, options)),
    describeNetworkAclForSubnet: (subnetId, options) => track(() => api.describeNetworkAclForSubnet(subnetId, options)),
    describeKeyPair: (name, options) => track(() => api.describeKeyPair(name, options)),
    describeInternetGatewayForVpc: (vpcId, options) => track(() => api.describeInternetGatewayForVpc(vpcId, options)),
    describeInstanceInformation: (ids, options) => track(() => api.describeInstanceInformation(ids, options)),
    sendHostCheck: (id, check, options) => track(() => api.sendHostCheck(id, check, options)),
    getCommandInvocation: (commandId, id, options) => track(() => api.getCommandInvocation(commandId, id, options)),
    renewCredentials: () => api.renewCredentials?.(),
    ...optionalReads(api, track),
    ...(api.countRequests === undefined ? {} : { countRequests: (listener) => api.countRequests?.(listener) }),
    ...(api.scopeTo === undefined ? {} : { scopeTo: (id: string) => withActivity(api.scopeTo?.(id) ?? api, tracker) }),
  };
}

/** The describe view's optional reads, counted like the rest, present only where the wrapped API has them. */
function optionalReads(api: AwsApi, track: <T>(call: () => Promise<T>) => Promise<T>): Partial<AwsApi> {
  const { describeInstanceRaw, describeVolumes, describeAddresses, describeImage } = api;
  return {
    ...(describeInstanceRaw === undefined ? {} : { describeInstanceRaw: (id, options) => track(() => describeInstanceRaw(id, options)) }),
    ...(describeVolumes === undefined ? {} : { describeVolumes: (ids, options) => track(() => describeVolumes(ids, options)) }),
    ...(describeAddresses === undefined ? {} : { describeAddresses: (id, options) => track(() => describeAddresses(id, options)) }),
    ...(describeImage === undefined ? {} : { describeImage: (id, options) => track(() => describeImage(id, options)) }),
  };
}

/** Pages of a listing at the APIs' largest page (1,000): the fewest calls that answer could have taken. */
const PAGE = 1000;

/**
 * The calls one AwsApi read made when its api does not count them (the in-thread api of tests and unbundled runs):
 * GetMetricData says so; a full listing took at least one per 1,000 rows. The data worker counts every request.
 */
export function callsOf(method: string, result: unknown): number {
  if (method === 'getMetricData') return Math.max(1, (result as { calls?: number } | undefined)?.calls ?? 1);
  if ((method === 'listInstances' || method === 'describeStatuses') && Array.isArray(result)) return Math.max(1, Math.ceil(result.length / PAGE));
  return 1;
}

/** An AwsApi that records every call (and every throttled answer) in the budget, by service. */
export function withBudget(api: AwsApi, budget: Budget): AwsApi {
  const wrapped: Record<string, unknown> = { ...api };
  // An api that counts its requests (the data worker's) says each call's exact number as it settles, failures too;
  // otherwise one is taken when a call starts and the answer adds the pages it must have taken.
  const doesCount = api.countRequests !== undefined;
  api.countRequests?.((method, requests) => {
    const service = SERVICE_OF[method];
    if (service !== undefined) budget.recordCalls(service, requests);
  });
  for (const [method, service] of Object.entries(SERVICE_OF)) {
    const original = (api as unknown as Record<string, unknown>)[method];
    if (typeof original !== 'function') continue;
    const call = original as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args: unknown[]): Promise<unknown> => {
      if (!doesCount) budget.recordCalls(service, 1);
      try {
        const result = await call.apply(api, args);
        if (!doesCount) budget.recordCalls(service, callsOf(method, result) - 1);
        return result;
      } catch (error) {
        if (asAwsError(error).kind === 'throttled') budget.recordThrottle();
        throw error;
      }
    };
  }
  return wrapped as unknown as AwsApi;
}
