// Many (profile, region) origins as one AwsApi: list calls fan out with a bounded concurrency and merge, each
// instance tagged with its origin; a call about one instance (or one of its subnets, groups, volumes…) goes to
// the api of the origin that listed it. A failing origin only loses its own rows: the listing records it in
// failures() and the others' instances are returned. With one origin every call is that origin's, as before.
import type { AwsApi, CallOptions } from './api.js';
import { originKey, type Origin, type OriginFailure } from '../domain/origin.js';
import { AWS_ERROR_KINDS, type AwsError, type Instance, type InstanceStatus, type MetricQuery, type MetricSeries } from '../domain/types.js';
import { toAwsError } from './errors.js';

/** How many origins are asked at once. */
export const ORIGIN_CONCURRENCY = 4;

/** The composite: an AwsApi plus the origin set it can switch without being rebuilt. */
export interface MultiApi extends AwsApi {
  /** The origins now asked, in order. */
  origins(): readonly Origin[];
  /** The origins whose last full listing failed (empty when all answered). */
  failures(): readonly OriginFailure[];
  /** Switches to another origin set: kept origins keep their clients, new ones are built, dropped ones forgotten. */
  setOrigins(origins: readonly Origin[]): void;
  /** The origin that listed this instance, if any listing has. */
  originOf(instanceId: string): Origin | undefined;
}

/** Runs `task` over `items` with at most `limit` at once; the results in the items' order. */
export async function settleLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      try {
        results[at] = { status: 'fulfilled', value: await task(items[at] as T) };
      } catch (reason) {
        results[at] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const KINDS = new Set<string>(AWS_ERROR_KINDS);

/** The AwsError a wrapped api threw (an AwsFailure or any error carrying one in `error`), else mapped. */
function awsErrorOf(thrown: unknown): AwsError {
  const inner = (thrown as { error?: unknown } | undefined)?.error as AwsError | undefined;
  return inner !== undefined && KINDS.has(String(inner.kind)) ? inner : toAwsError(thrown);
}

interface Entry {
  readonly origin: Origin;
  readonly api: AwsApi;
}

const tag = (instance: Instance, origin: Origin): Instance => ({
  ...instance,
  region: origin.region,
  ...(origin.profile === undefined ? {} : { profile: origin.profile }),
});

/** The ids an instance's calls name besides its own (subnet, VPC, groups, volumes, image): they route with it. */
function resourceIds(instance: Instance): string[] {
  return [
    instance.subnetId,
    instance.vpcId,
    instance.imageId,
    ...instance.securityGroups.map((g) => g.id),
    ...(instance.blockDevices ?? []).map((d) => d.volumeId),
  ].filter((id): id is string => id !== undefined && id !== '');
}

/** Builds the composite over `build(origin)` for each origin (at least one). */
export function createMultiApi(initial: readonly Origin[], build: (origin: Origin) => AwsApi, concurrency = ORIGIN_CONCURRENCY): MultiApi {
  if (initial.length === 0) throw new Error('createMultiApi needs at least one origin');
  // Each origin's api counts its own requests (when it can): the listener hears every one, however they were merged.
  let onRequests: ((method: keyof AwsApi, requests: number) => void) | undefined;
  const counted = (api: AwsApi): AwsApi => {
    if (onRequests !== undefined) api.countRequests?.(onRequests);
    return api;
  };
  let entries: Entry[] = initial.map((origin) => ({ origin, api: build(origin) }));
  // Origins are built alike: all count, or none does (then the budget estimates).
  const doesCount = entries[0]?.api.countRequests !== undefined;
  let failed: readonly OriginFailure[] = [];
  // instance id (and resource id) → origin key; a listing replaces its origin's entries.
  const owner = new Map<string, string>();
  const byKey = (): Map<string, Entry> => new Map(entries.map((e) => [originKey(e.origin), e]));
  const primary = (): Entry => entries[0] as Entry;
  const entryOf = (id: string | undefined): Entry => {
    const key = id === undefined ? undefined : owner.get(id);
    return (key === undefined ? undefined : byKey().get(key)) ?? primary();
  };
  const apiOf = (id: string | undefined): AwsApi => entryOf(id).api;

  /** Every origin's answer; throws the first error only when no origin answered. */
  const fanOut = async <R>(task: (entry: Entry) => Promise<R>): Promise<{ ok: { entry: Entry; value: R }[]; errors: { entry: Entry; error: unknown }[] }> => {
    const current = entries;
    const settled = await settleLimited(current, concurrency, task);
    const ok: { entry: Entry; value: R }[] = [];
    const errors: { entry: Entry; error: unknown }[] = [];
    settled.forEach((r, i) => {
      const entry = current[i] as Entry;
      if (r.status === 'fulfilled') ok.push({ entry, value: r.value });
      else errors.push({ entry, error: r.reason });
    });
    if (ok.length === 0 && errors.length > 0) throw errors[0]?.error;
    return { ok, errors };
  };

  /** Ids grouped by the origin that listed them; unknown ids go to every origin. */
  const groupIds = (ids: readonly string[]): { known: Map<Entry, string[]>; unknown: string[] } => {
    const keyed = byKey();
    const known = new Map<Entry, string[]>();
    const unknown: string[] = [];
    for (const id of ids) {
      const key = owner.get(id);
      const entry = key === undefined ? undefined : keyed.get(key);
      if (entry === undefined) unknown.push(id);
      else known.set(entry, [...(known.get(entry) ?? []), id]);
    }
    return { known, unknown };
  };

  /** A call over ids: each origin with its own ids, unknown ids asked of every origin; merged. */
  const byIds = async <R>(ids: readonly string[], call: (api: AwsApi, ids: readonly string[]) => Promise<R[]>): Promise<R[]> => {
    if (entries.length === 1) return call(primary().api, ids);
    const { known, unknown } = groupIds(ids);
    const parts = [...known].map(([entry, own]) => call(entry.api, own));
    if (unknown.length > 0) parts.push(fanOut((entry) => call(entry.api, unknown)).then((r) => r.ok.flatMap((o) => o.value)));
    return (await settledParts(parts)).flat();
  };

  const remember = (origin: Origin, instances: readonly Instance[]): void => {
    const key = originKey(origin);
    for (const instance of instances) {
      owner.set(instance.id, key);
      for (const id of resourceIds(instance)) owner.set(id, key);
    }
  };

  const listAll = async (options?: CallOptions): Promise<Instance[]> => {
    const current = entries;
    const settled = await settleLimited(current, concurrency, async (entry) => (await entry.api.listInstances(options)).map((i) => tag(i, entry.origin)));
    const lists: Instance[][] = [];
    const errors: OriginFailure[] = [];
    let first: unknown;
    settled.forEach((r, i) => {
      const origin = (current[i] as Entry).origin;
      if (r.status === 'fulfilled') {
        remember(origin, r.value);
        lists.push(r.value);
      } else {
        first ??= r.reason;
        errors.push({ origin, error: awsErrorOf(r.reason) });
      }
    });
    // An answer from before a switch says nothing about the new set.
    if (current === entries) failed = errors;
    if (lists.length === 0 && first !== undefined) throw first;
    if (lists.length === 1) return lists[0] ?? [];
    // Two profiles of one account see the same instances: an id is listed once, from the first origin.
    const seen = new Set<string>();
    return lists.flat().filter((i) => !seen.has(i.id) && seen.add(i.id) !== undefined);
  };

  const multi: MultiApi = {
    get region() {
      return primary().origin.region;
    },
    origins: () => entries.map((e) => e.origin),
    failures: () => failed,
    originOf: (id) => {
      const key = owner.get(id);
      return key === undefined ? undefined : byKey().get(key)?.origin;
    },
    setOrigins(origins) {
      if (origins.length === 0) throw new Error('at least one origin');
      const keyed = byKey();
      entries = origins.map((origin) => keyed.get(originKey(origin)) ?? { origin, api: counted(build(origin)) });
      const kept = new Set(entries.map((e) => originKey(e.origin)));
      for (const [id, key] of owner) if (!kept.has(key)) owner.delete(id);
      failed = failed.filter((f) => kept.has(originKey(f.origin)));
    },
    scopeTo: (instanceId) => apiOf(instanceId),
    ...(doesCount
      ? {
          countRequests(listener: (method: keyof AwsApi, requests: number) => void) {
            onRequests = listener;
            for (const e of entries) e.api.countRequests?.(listener);
          },
        }
      : {}),
    async listInstances(options) {
      const ids = options?.instanceIds;
      if (ids === undefined) return listAll(options);
      return byIds(ids, async (api, own) => {
        const entry = entries.find((e) => e.api === api) ?? primary();
        return (await api.listInstances({ ...options, instanceIds: own })).map((i) => tag(i, entry.origin));
      });
    },
    async describeStatuses(ids, options) {
      if (ids !== undefined) return byIds(ids, (api, own) => api.describeStatuses(own, options));
      const { ok } = await fanOut((entry) => entry.api.describeStatuses(undefined, options));
      return ok.flatMap((o): InstanceStatus[] => o.value);
    },
    describeInstanceTypes: (types, options) => primary().api.describeInstanceTypes(types, options),
    getConsoleOutput: (id, options) => apiOf(id).getConsoleOutput(id, options),
    async getMetricData(queries, start, end, options) {
      if (entries.length === 1) return primary().api.getMetricData(queries, start, end, options);
      const groups = new Map<AwsApi, MetricQuery[]>();
      for (const q of queries) {
        const api = apiOf(q.dimensions.InstanceId);
        groups.set(api, [...(groups.get(api) ?? []), q]);
      }
      const batches = await settledParts([...groups].map(([api, own]) => api.getMetricData(own, start, end, options)));
      return { series: batches.flatMap((b): MetricSeries[] => [...b.series]), calls: batches.reduce((n, b) => n + b.calls, 0) };
    },
    async alarmingInstances(options) {
      const { ok } = await fanOut((entry) => entry.api.alarmingInstances(options));
      const merged = new Map<string, number>();
      for (const { value } of ok) for (const [id, n] of value) merged.set(id, (merged.get(id) ?? 0) + n);
      return merged;
    },
    listLogGroups: (prefix, options) => primary().api.listLogGroups(prefix, options),
    filterLogEvents: (group, start, end, options) => primary().api.filterLogEvents(group, start, end, options),
    describeSecurityGroups: (ids, options) => apiOf(ids[0]).describeSecurityGroups(ids, options),
    describeSubnet: (id, options) => apiOf(id).describeSubnet(id, options),
    describeRouteTableForSubnet: (subnetId, vpcId, options) => apiOf(subnetId).describeRouteTableForSubnet(subnetId, vpcId, options),
    describeNetworkAclForSubnet: (subnetId, options) => apiOf(subnetId).describeNetworkAclForSubnet(subnetId, options),
    describeKeyPair: (name, options) => primary().api.describeKeyPair(name, options),
    describeInternetGatewayForVpc: (vpcId, options) => apiOf(vpcId).describeInternetGatewayForVpc(vpcId, options),
    describeInstanceRaw: (id, options) => optional(apiOf(id), 'describeInstanceRaw')(id, options),
    describeVolumes: (ids, options) => optional(apiOf(ids[0]), 'describeVolumes')(ids, options),
    describeAddresses: (id, options) => optional(apiOf(id), 'describeAddresses')(id, options),
    describeImage: (id, options) => optional(apiOf(id), 'describeImage')(id, options),
    renewCredentials: () => entries.forEach((e) => e.api.renewCredentials?.()),
    describeInstanceInformation: (ids, options) => byIds(ids, (api, own) => api.describeInstanceInformation(own, options)),
    sendHostCheck: (id, check, options) => apiOf(id).sendHostCheck(id, check, options),
    getCommandInvocation: (commandId, id, options) => apiOf(id).getCommandInvocation(commandId, id, options),
  };
  return multi;
}

/** The parts that answered; one origin failing costs only its part, all failing throws the first error. */
async function settledParts<R>(parts: readonly Promise<R>[]): Promise<R[]> {
  const settled = await Promise.allSettled(parts);
  const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (ok.length === 0 && failed !== undefined) throw failed.reason;
  return ok;
}

type OptionalRead = 'describeInstanceRaw' | 'describeVolumes' | 'describeAddresses' | 'describeImage' | 'describeCreditMode';

/** An origin's optional read, or a one-line error when its api has none. */
function optional<K extends OptionalRead>(api: AwsApi, name: K): NonNullable<AwsApi[K]> {
  const method = api[name];
  if (method === undefined) {
    return (() => Promise.reject(new Error(`${name} is not available on this endpoint`))) as unknown as NonNullable<AwsApi[K]>;
  }
  return method.bind(api) as NonNullable<AwsApi[K]>;
}
