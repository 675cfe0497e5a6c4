// A raw share follower for tests: connects to a driver's share (optionally saying hello with a token), records
// every byte it receives, and parses the lines. The secret scan reads the raw bytes, not the parsed messages,
// so a secret hidden in any field, escaped or encoded, is still found.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { parseFollowAddress } from '../../source/share/address.js';
import type { DriverMessage } from '../../source/share/protocol.js';
import { encodeLine, parseDriverLine } from '../../source/share/protocol.js';

export interface ShareTap {
  readonly socket: Socket;
  /** Every byte received so far. */
  bytes(): Buffer;
  /** The complete lines received so far, parsed (a line that does not parse is kept as a refused-like marker). */
  messages(): DriverMessage[];
  /** The `state` values received for a channel, in order. */
  states(channel: string): unknown[];
  /** Resolves once `test` holds over the messages (rejects after timeoutMs). */
  waitFor(test: (messages: DriverMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the driver closed the connection. */
  readonly closed: Promise<void>;
  /** Writes raw text (a test may send anything). */
  write(text: string | Buffer): void;
  close(): void;
}

/** Connects to `address` (as a follower types it); says hello with `token` unless it is undefined. */
export async function tapShare(address: string, token: string | undefined, name = 'tap'): Promise<ShareTap> {
  const parsed = parseFollowAddress(address);
  const socket = parsed.kind === 'unix' ? connect(parsed.path) : connect(parsed.port, parsed.host);
  const chunks: Buffer[] = [];
  let isClosed = false;
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  void closed.then(() => (isClosed = true));
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('error', fail);
  });
  if (token !== undefined) socket.write(encodeLine({ type: 'hello', token, name }));

  const bytes = (): Buffer => Buffer.concat(chunks);
  const messages = (): DriverMessage[] => {
    const text = bytes().toString('utf8');
    const lines = text.split('\n').slice(0, -1);
    return lines.map((line) => {
      const result = parseDriverLine(line);
      return result.ok ? result.message : { type: 'refused', reason: `unparsable line: ${line.slice(0, 80)}` };
    });
  };
  return {
    socket,
    bytes,
    messages,
    states: (channel) => messages().flatMap((m) => (m.type === 'state' && m.channel === channel ? [m.value] : [])),
    async waitFor(test, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test(messages())) {
        if (Date.now() > deadline) throw new Error(`share tap: condition not met in ${timeoutMs} ms; got ${JSON.stringify(messages().map((m) => m.type))}${isClosed ? ' (closed)' : ''}`);
        await new Promise((done) => setTimeout(done, 10));
      }
    },
    closed,
    write: (text) => {
      socket.write(text);
    },
    close: () => {
      socket.destroy();
    },
  };
}

/** Which of `secrets` appear in `bytes`: as is, JSON-escaped, base64 or URL-encoded. */
export function secretsIn(bytes: Buffer, secrets: readonly string[]): string[] {
  const text = bytes.toString('utf8');
  return secrets.filter((secret) => {
    const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
    return forms.some((form) => text.includes(form));
  });
}

/** Polls until `test` holds (rejects after timeoutMs). */
export async function until(test: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 10));
  }
}
