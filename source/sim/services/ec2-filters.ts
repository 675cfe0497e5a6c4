// EC2's `Filter.N.Name` / `Filter.N.Value.M`: an item matches when, for every filter, one of the item's
// values for that name matches one of the filter's values (with * and ? wildcards), as in EC2.
import { SimError } from '../protocol/errors.js';
import { STATE_CODES } from '../types.js';
import type { SimInstance, SimInstanceStatus, SimInstanceType } from '../types.js';
import { reservationIdOf } from './ec2-render.js';
import { readList, readString, readStringList, readStruct, wildcardMatch } from './input.js';
import type { Fail } from './input.js';

export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

const invalid: Fail = (message) => new SimError('InvalidParameterValue', message);

/** EC2's limits on one request's filters (each value is matched against every item, so they bound the work). */
const MAX_FILTERS = 50;
const MAX_FILTER_VALUES = 200;

/** EC2's refusal of a request with too many filters or filter values. */
function filterLimitExceeded(): SimError {
  return new SimError('FilterLimitExceeded', `The request uses too many filters or too many filter values (at most ${MAX_FILTERS} filters of ${MAX_FILTER_VALUES} values).`);
}

/** Reads `Filter` (query) / `Filters` (any JSON caller) into name/values pairs. */
export function readFilters(input: Readonly<Record<string, unknown>>): Filter[] {
  const raws = readList(input.Filter ?? input.Filters);
  if (raws.length > MAX_FILTERS) throw filterLimitExceeded();
  return raws.map((raw, i) => {
    const entry = readStruct(raw, `Filter.${i + 1}`, invalid);
    const name = readString(entry.Name, `Filter.${i + 1}.Name`, invalid);
    if (name === undefined || name === '') throw new SimError('InvalidParameterValue', `The filter 'null' is invalid`);
    const values = readStringList(entry.Value ?? entry.Values, `Filter.${i + 1}.Value`, invalid);
    if (values.length > MAX_FILTER_VALUES) throw filterLimitExceeded();
    return { name, values };
  });
}

/** The filters an operation understands: fixed names, and optionally the tag:<key>/tag-key/tag-value family. */
export interface FilterSet<T> {
  readonly named: Readonly<Record<string, (item: T) => readonly string[]>>;
  readonly tags?: (item: T) => Readonly<Record<string, string>>;
}

function valuesOf<T>(set: FilterSet<T>, item: T, name: string): readonly string[] | undefined {
  if (Object.prototype.hasOwnProperty.call(set.named, name)) return set.named[name]?.(item);
  if (set.tags === undefined) return undefined;
  const tags = set.tags(item);
  if (name === 'tag-key') return Object.keys(tags);
  if (name === 'tag-value') return Object.values(tags);
  if (name.startsWith('tag:') && name.length > 4) {
    const value = tags[name.slice(4)];
    return value === undefined ? [] : [value];
  }
  return undefined;
}

function isKnown<T>(set: FilterSet<T>, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(set.named, name)) return true;
  return set.tags !== undefined && (name === 'tag-key' || name === 'tag-value' || (name.startsWith('tag:') && name.length > 4));
}

/** Rejects filter names the operation does not know, with EC2's message. */
export function checkFilterNames<T>(filters: readonly Filter[], set: FilterSet<T>): void {
  for (const filter of filters) {
    if (!isKnown(set, filter.name)) throw new SimError('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
  }
}

/** True when the item passes every filter. */
export function matchesFilters<T>(item: T, filters: readonly Filter[], set: FilterSet<T>): boolean {
  return filters.every((filter) => {
    const have = valuesOf(set, item, filter.name) ?? [];
    return filter.values.some((pattern) => have.some((value) => wildcardMatch(pattern, value)));
  });
}

const optional = (value: string | undefined): readonly string[] => (value === undefined ? [] : [value]);

/** DescribeInstances filters. */
export const instanceFilters: FilterSet<SimInstance> = {
  named: {
    'instance-id': (i) => [i.id],
    'instance-state-name': (i) => [i.state],
    'instance-state-code': (i) => [String(STATE_CODES[i.state])],
    'instance-type': (i) => [i.type],
    'availability-zone': (i) => [i.az],
    'image-id': (i) => [i.imageId],
    'vpc-id': (i) => [i.vpcId],
    'subnet-id': (i) => [i.subnetId],
    'private-ip-address': (i) => [i.privateIp],
    'ip-address': (i) => optional(i.publicIp),
    'key-name': (i) => optional(i.keyName),
    architecture: (i) => [i.architecture],
    'platform-details': (i) => [i.platformDetails],
    'monitoring-state': (i) => [i.monitoring],
    'instance.group-id': (i) => i.securityGroups.map((g) => g.id),
    'instance.group-name': (i) => i.securityGroups.map((g) => g.name),
    'reservation-id': (i) => [reservationIdOf(i.id)],
  },
  tags: (i) => i.tags,
};

export interface StatusItem {
  readonly instance: SimInstance;
  readonly status: SimInstanceStatus;
}

/** DescribeInstanceStatus filters (the instance rides along for state and zone). */
export const statusFilters: FilterSet<StatusItem> = {
  named: {
    'availability-zone': ({ instance }) => [instance.az],
    'instance-state-name': ({ instance }) => [instance.state],
    'instance-state-code': ({ instance }) => [String(STATE_CODES[instance.state])],
    'system-status.status': ({ status }) => [status.system.status],
    'system-status.reachability': ({ status }) => status.system.details.map((d) => d.status),
    'instance-status.status': ({ status }) => [status.instance.status],
    'instance-status.reachability': ({ status }) => status.instance.details.map((d) => d.status),
    'attached-ebs-status.status': ({ status }) => [status.ebs.status],
    'event.code': ({ status }) => status.events.map((e) => e.code),
    'event.description': ({ status }) => status.events.map((e) => e.description),
    'event.instance-event-id': ({ status }) => status.events.map((e) => e.id),
  },
};

/** DescribeInstanceTypes filters. */
export const typeFilters: FilterSet<SimInstanceType> = {
  named: {
    'instance-type': (t) => [t.type],
    'current-generation': (t) => [String(t.isCurrentGeneration)],
    'burstable-performance-supported': (t) => [String(t.isBurstable)],
    hypervisor: (t) => [t.hypervisor],
    'processor-info.supported-architecture': (t) => t.architectures,
    'supported-virtualization-type': (t) => t.virtualizationTypes,
    'vcpu-info.default-vcpus': (t) => [String(t.vcpus)],
    'memory-info.size-in-mib': (t) => [String(t.memoryMiB)],
  },
};
