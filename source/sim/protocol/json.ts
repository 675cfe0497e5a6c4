// AWS JSON 1.0 / 1.1: one JSON object in, one out. Timestamps travel as epoch seconds (CloudWatch); Logs
// uses plain epoch-millisecond numbers, which need no conversion.
import { SimError } from './errors.js';

/** A value the JSON writer can render; Dates become epoch seconds as the awsJson protocols require. */
export type JsonValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** Parses a request body that must be a JSON object; an empty body means `{}` (operations without input). */
export function parseJsonObject(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SimError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SimError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed as Record<string, unknown>;
}

/** Serializes a result object, turning Dates into epoch seconds and dropping undefined members. */
export function renderJson(value: JsonValue): string {
  return JSON.stringify(toWire(value));
}

function toWire(value: JsonValue): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map((entry: JsonValue) => toWire(entry));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as { readonly [key: string]: JsonValue })) {
      if (child !== undefined) out[key] = toWire(child);
    }
    return out;
  }
  return value;
}

/** Renders a JSON error body: `__type` names the error shape, `message` explains it. */
export function renderJsonError(type: string, message: string): string {
  return JSON.stringify({ __type: type, message });
}
