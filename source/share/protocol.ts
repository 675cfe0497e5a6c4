// The share stream's messages: one JSON value per line (tagged JSON, so the stores' Maps, Sets and Dates survive),
// schema-checked on both ends. Pure: the sockets live in server.ts and client.ts. A follower may only say hello and
// then send notes and pointers; everything else it sends is refused, so a follower cannot drive anything.
import { decodeTagged, encodeTagged } from '../domain/tagged-json.js';
import { NOTE_MAX_CHARS } from '../model/session-types.js';

/** The longest line a follower may send (bytes, newline excluded); a longer one closes its connection. */
export const FOLLOWER_LINE_MAX_BYTES = 4 * 1024;
/** The longest line the driver may send (a full fleet snapshot); a broken driver cannot exhaust a follower. */
export const DRIVER_LINE_MAX_BYTES = 64 * 1024 * 1024;
export const NAME_MAX_CHARS = 64;
const TOKEN_MAX_CHARS = 256;
const REASON_MAX_CHARS = 200;

export interface Hello {
  readonly type: 'hello';
  readonly token: string;
  readonly name: string;
}

/** A note or a pointer ("check NetworkIn at 02:30"), on the follower's selected instance if any. */
export interface FollowerNote {
  readonly type: 'note' | 'point';
  readonly text: string;
  readonly instanceId?: string;
}

export type FollowerMessage = Hello | FollowerNote;

export type DriverMessage =
  | { readonly type: 'welcome'; readonly driver: string }
  | { readonly type: 'refused'; readonly reason: string }
  | { readonly type: 'state'; readonly channel: string; readonly value: unknown }
  | { readonly type: 'bye' };

export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

/** One message as a wire line (newline included). */
export function encodeLine(message: FollowerMessage | DriverMessage): string {
  return `${encodeTagged(message)}\n`;
}

/** Parses and checks one line a follower sent (no newline). */
export function parseFollowerLine(line: string): Parsed<FollowerMessage> {
  const record = decodeRecord(line);
  if (typeof record === 'string') return refuse(record);
  const keys = Object.keys(record);
  if (record.type === 'hello') {
    if (!onlyKeys(keys, ['type', 'token', 'name'])) return refuse('hello has unknown fields');
    const { token, name } = record;
    if (typeof token !== 'string' || token.length === 0 || token.length > TOKEN_MAX_CHARS) return refuse('hello needs a token');
    if (!isOneLine(name, NAME_MAX_CHARS)) return refuse(`hello needs a name of one line, at most ${NAME_MAX_CHARS} characters`);
    return { ok: true, message: { type: 'hello', token, name } };
  }
  if (record.type === 'note' || record.type === 'point') {
    if (!onlyKeys(keys, ['type', 'text', 'instanceId'])) return refuse(`${record.type} has unknown fields`);
    const { text, instanceId } = record;
    if (!isOneLine(text, NOTE_MAX_CHARS)) return refuse(`${record.type} text must be one line, 1 to ${NOTE_MAX_CHARS} characters`);
    if (instanceId !== undefined && !isInstanceId(instanceId)) return refuse('instanceId is not an instance id');
    const message: FollowerNote = instanceId === undefined ? { type: record.type, text } : { type: record.type, text, instanceId };
    return { ok: true, message };
  }
  return refuse('unknown message type');
}

/** Parses and checks one line the driver sent (no newline). */
export function parseDriverLine(line: string): Parsed<DriverMessage> {
  const record = decodeRecord(line);
  if (typeof record === 'string') return refuse(record);
  switch (record.type) {
    case 'welcome':
      return typeof record.driver === 'string' ? { ok: true, message: { type: 'welcome', driver: record.driver } } : refuse('welcome needs driver');
    case 'refused':
      return typeof record.reason === 'string'
        ? { ok: true, message: { type: 'refused', reason: record.reason.slice(0, REASON_MAX_CHARS) } }
        : refuse('refused needs a reason');
    case 'state':
      return typeof record.channel === 'string' && 'value' in record
        ? { ok: true, message: { type: 'state', channel: record.channel, value: record.value } }
        : refuse('state needs channel and value');
    case 'bye':
      return { ok: true, message: { type: 'bye' } };
    default:
      return refuse('unknown message type');
  }
}

function decodeRecord(line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = decodeTagged(line);
  } catch {
    return 'not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Map || value instanceof Set || value instanceof Date) {
    return 'not an object';
  }
  return value as Record<string, unknown>;
}

function refuse(reason: string): Parsed<never> {
  return { ok: false, reason };
}

function onlyKeys(keys: readonly string[], allowed: readonly string[]): boolean {
  return keys.every((key) => allowed.includes(key));
}

/** Non-blank, no control characters (no newline, no escape sequence that could repaint the driver's screen). */
function isOneLine(value: unknown, max: number): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.trim().length > 0 && [...value].length <= max && !/[\u0000-\u001f\u007f-\u009f]/.test(value);
}

function isInstanceId(value: unknown): value is string {
  return typeof value === 'string' && /^i-[0-9a-z]{1,32}$/i.test(value);
}
