// Splits a byte stream into lines, holding at most `maxBytes` of an unfinished line: a peer that never sends a
// newline (or sends a huge line) is reported at once instead of being buffered. No sockets: fed chunk by chunk.

const NEWLINE = 0x0a;

export interface LineReader {
  /** The complete lines in this chunk (UTF-8, without the newline); `overflow` once a line passes maxBytes. */
  feed(chunk: Buffer): { readonly lines: readonly string[]; readonly overflow: boolean };
}

/** A line reader whose lines are at most maxBytes long (newline excluded). */
export function createLineReader(maxBytes: number): LineReader {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflowed = false;
  return {
    feed(chunk) {
      if (overflowed) return { lines: [], overflow: true };
      const lines: string[] = [];
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        if (pendingBytes + end - start > maxBytes) return overflow();
        const piece = chunk.subarray(start, end);
        lines.push((pendingBytes === 0 ? piece : Buffer.concat([...pending, piece])).toString('utf8'));
        pending = [];
        pendingBytes = 0;
        start = end + 1;
      }
      const rest = chunk.length - start;
      if (pendingBytes + rest > maxBytes) return overflow();
      // Copy: a socket's chunk may be a slice of a larger pooled buffer that would otherwise stay alive.
      if (rest > 0) {
        pending.push(Buffer.from(chunk.subarray(start)));
        pendingBytes += rest;
      }
      return { lines, overflow: false };
    },
  };

  function overflow(): { lines: readonly string[]; overflow: true } {
    overflowed = true;
    pending = [];
    pendingBytes = 0;
    return { lines: [], overflow: true };
  }
}
