// JSON that keeps what the stores hold: Maps, Sets and Dates survive a round trip (the share stream and the session
// file carry the same snapshots the UI renders). Pure; a value that is not JSON-able (a function) is dropped as
// JSON.stringify drops it.

const MAP = '$map';
const SET = '$set';
const DATE = '$date';

/** Encodes a snapshot: Map → {"$map": [[k, v], …]}, Set → {"$set": […]}, Date → {"$date": ms}. */
export function encodeTagged(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, current: unknown) {
      // JSON.stringify hands the replacer a Date already turned into a string: the holder still has the Date.
      const raw = this[key];
      if (raw instanceof Date) return { [DATE]: raw.getTime() };
      if (current instanceof Map) return { [MAP]: [...current.entries()] };
      if (current instanceof Set) return { [SET]: [...current.values()] };
      return current;
    },
    space,
  );
}

/** Decodes what encodeTagged wrote; throws SyntaxError on text that is not JSON. */
export function decodeTagged(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const record = value as Record<string, unknown>;
    if (keys[0] === DATE && typeof record[DATE] === 'number') return new Date(record[DATE]);
    if (keys[0] === MAP && Array.isArray(record[MAP])) return new Map(record[MAP] as [unknown, unknown][]);
    if (keys[0] === SET && Array.isArray(record[SET])) return new Set(record[SET] as unknown[]);
    return value;
  });
}
