// Which CloudWatch Logs groups belong to an instance. Stream names (the agent's default is the instance id) would
// tell, but only with a DescribeLogStreams call per group; instead a simple, documented rule picks groups by name,
// and events are then filtered by stream name.
import type { Instance, LogEvent, LogGroup } from '../domain/types.js';

/** Tag listing an instance's log groups explicitly, comma-separated: `ec2-triage:log-groups=/app/a,/app/b`. */
export const LOG_GROUPS_TAG = 'ec2-triage:log-groups';
/** More groups than this are not searched (one FilterLogEvents call each). */
export const MAX_LOG_GROUPS = 10;

/** The Name tag's first word ('pettracker' of 'pettracker-ml-server'); undefined when shorter than 3 letters. */
export function nameStem(name: string): string | undefined {
  const stem = name.trim().toLowerCase().split(/[-_.\s/]/)[0] ?? '';
  return stem.length >= 3 ? stem : undefined;
}

/** A group that belongs to an instance and why: the rule that picked it, in words for the log view's source list. */
export interface PickedLogGroup {
  readonly group: LogGroup;
  readonly how: string;
}

/**
 * The rule: the groups named in the instance's `ec2-triage:log-groups` tag when it has one; otherwise every group
 * whose name contains the Name tag's stem (case-insensitive). At most MAX_LOG_GROUPS, in the listing's order.
 */
export function pickLogGroupsWithReason(instance: Instance, groups: readonly LogGroup[]): PickedLogGroup[] {
  const tagged = instance.tags[LOG_GROUPS_TAG];
  if (tagged !== undefined && tagged.trim() !== '') {
    const wanted = new Set(tagged.split(',').map((g) => g.trim()).filter((g) => g !== ''));
    return groups.filter((g) => wanted.has(g.name)).slice(0, MAX_LOG_GROUPS).map((group) => ({ group, how: `tag ${LOG_GROUPS_TAG}` }));
  }
  const stem = nameStem(instance.name);
  if (stem === undefined) return [];
  const how = `Name tag "${stem}" in the group name; streams named after ${instance.id}`;
  return groups.filter((g) => g.name.toLowerCase().includes(stem)).slice(0, MAX_LOG_GROUPS).map((group) => ({ group, how }));
}

/** The groups of pickLogGroupsWithReason, without the why. */
export function pickLogGroups(instance: Instance, groups: readonly LogGroup[]): LogGroup[] {
  return pickLogGroupsWithReason(instance, groups).map((p) => p.group);
}

const INSTANCE_ID = /\bi-[0-9a-f]{8,17}\b/g;

/** Drops events whose stream is named after a different instance (a shared group holds every host's streams). */
export function eventsOfInstance(instanceId: string, events: readonly LogEvent[]): LogEvent[] {
  return events.filter((e) => {
    const ids = e.logStream.match(INSTANCE_ID);
    return ids === null || ids.includes(instanceId);
  });
}
