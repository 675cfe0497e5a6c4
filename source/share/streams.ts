// What a shared session streams: the driver's stores, one channel each, and the meta line a follower needs to draw
// them (where the driver points, read-only or not, its clock). State, not screen bytes: the follower lays it out at
// its own terminal size. Pure.
import type { CommandTarget } from '../domain/target.js';
import type { Target } from '../model/types.js';

export const CHANNELS = ['meta', 'fleet', 'metrics', 'triage', 'activity', 'actions', 'session'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The driver's fixed facts, and its clock reading when sent (followers run the clock on from it). */
export interface DriverMeta {
  readonly target: Target;
  /** What the driver's printed commands name (its environment resolved). */
  readonly commandTarget: CommandTarget;
  readonly isReadOnly: boolean;
  readonly hasDiagnostics: boolean;
  readonly alarmTopic?: string;
  /** The driver's clock ms at sending, and how many clock ms pass per real ms (the training fleet's speed). */
  readonly now: number;
  readonly speed: number;
}

export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLoadable = (v: unknown): boolean => isRecord(v) && 'isLoading' in v;

/**
 * The schema check of a channel's value as the follower receives it: the top-level shape each store's snapshot
 * has (a value that fails is dropped, the last good one stays). Deeper fields are the driver's own snapshots.
 */
export function isChannelValue(channel: Channel, value: unknown): boolean {
  switch (channel) {
    case 'meta':
      return isRecord(value) && isRecord(value.target) && isRecord(value.commandTarget) && typeof value.isReadOnly === 'boolean' && typeof value.now === 'number' && typeof value.speed === 'number' && value.speed > 0;
    case 'fleet':
      return isRecord(value) && ['instances', 'statuses', 'cpu', 'alarms'].every((k) => isLoadable(value[k]));
    case 'metrics':
      return isRecord(value) && typeof value.range === 'string' && value.byInstance instanceof Map;
    case 'triage':
      return value === undefined || value === null || (isRecord(value) && typeof value.instanceId === 'string' && Array.isArray(value.steps));
    case 'activity':
      return isRecord(value) && typeof value.inFlight === 'number';
    case 'actions':
      return isRecord(value) && Array.isArray(value.journal);
    case 'session':
      return isRecord(value) && typeof value.who === 'string' && Array.isArray(value.notes);
  }
}
