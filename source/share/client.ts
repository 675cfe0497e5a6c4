// The follower's end of the share stream: connects, says hello with the token, hands each channel's value to the
// caller, and reconnects with backoff when the connection is lost (never after refused or bye). It imports no AWS
// code: a follower has no clients and no credentials, only this socket.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { ShareAddress } from './address.js';
import { formatAddress, parseFollowAddress } from './address.js';
import { createLineReader } from './line-reader.js';
import type { FollowerNote } from './protocol.js';
import { DRIVER_LINE_MAX_BYTES, encodeLine, FOLLOWER_LINE_MAX_BYTES, NAME_MAX_CHARS, parseDriverLine, parseFollowerLine } from './protocol.js';

export type ShareStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly driver: string }
  | { readonly kind: 'lost'; readonly reason: string; readonly retryInMs: number }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'ended' };

export interface ShareClientOptions {
  /** A parsed address, or the text the follower typed (parsed here; throws ShareAddressError). */
  readonly address: ShareAddress | string;
  readonly token: string;
  readonly name: string;
  readonly onState: (channel: string, value: unknown) => void;
  readonly onStatus: (status: ShareStatus) => void;
  /** Reconnect delays: the first, doubling up to the last. */
  readonly retryMs?: { readonly first: number; readonly max: number };
}

export interface ShareClient {
  /** Sends a note or pointer; false when not connected or the driver would refuse it (too long, not one line). */
  send(message: FollowerNote): boolean;
  /** Disconnects for good. */
  close(): void;
}

/** The delay before reconnect attempt `attempt` (0-based): first, doubled each time, at most max. */
export function retryDelay(attempt: number, retry: { readonly first: number; readonly max: number }): number {
  return Math.min(retry.max, retry.first * 2 ** Math.min(attempt, 30));
}

/** Connects to a driver's share and keeps the connection until closed, refused or ended. */
export function connectShare(options: ShareClientOptions): ShareClient {
  const address = typeof options.address === 'string' ? parseFollowAddress(options.address) : options.address;
  const retry = options.retryMs ?? { first: 1_000, max: 5_000 };
  const name = helloName(options.name);
  let socket: Socket | undefined;
  let welcomed = false;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function status(next: ShareStatus): void {
    if (!stopped) options.onStatus(next);
  }

  function stop(final: ShareStatus): void {
    if (stopped) return;
    status(final);
    stopped = true;
    socket?.destroy();
  }

  function open(): void {
    timer = undefined;
    welcomed = false;
    status({ kind: 'connecting' });
    const reader = createLineReader(DRIVER_LINE_MAX_BYTES);
    let failure: string | undefined;
    const current = address.kind === 'unix' ? connect(address.path) : connect(address.port, address.host);
    socket = current;
    current.setNoDelay?.(true);
    current.on('connect', () => current.write(encodeLine({ type: 'hello', token: options.token, name })));
    current.on('data', (chunk: Buffer) => {
      if (stopped || socket !== current) return;
      const { lines, overflow } = reader.feed(chunk);
      if (overflow) {
        failure = `the driver sent a line over ${DRIVER_LINE_MAX_BYTES} bytes`;
        current.destroy();
        return;
      }
      for (const line of lines) {
        if (stopped) return;
        receive(line);
      }
    });
    current.on('error', (error: NodeJS.ErrnoException) => {
      failure = error.code !== undefined ? `${error.code} on ${formatAddress(address)}` : error.message;
    });
    current.on('close', () => {
      if (stopped || socket !== current) return;
      const retryInMs = retryDelay(attempt, retry);
      attempt += 1;
      welcomed = false;
      status({ kind: 'lost', reason: failure ?? 'the driver closed the connection', retryInMs });
      timer = setTimeout(open, retryInMs);
    });
  }

  function receive(line: string): void {
    const parsed = parseDriverLine(line);
    if (!parsed.ok) return; // a newer driver's message, or garbage: the follower keeps what it has
    const message = parsed.message;
    switch (message.type) {
      case 'welcome':
        welcomed = true;
        attempt = 0;
        status({ kind: 'connected', driver: message.driver });
        return;
      case 'state':
        if (welcomed) options.onState(message.channel, message.value);
        return;
      case 'refused':
        return stop({ kind: 'refused', reason: message.reason });
      case 'bye':
        return stop({ kind: 'ended' });
    }
  }

  open();
  return {
    send(message) {
      if (!welcomed || stopped || socket === undefined || !socket.writable) return false;
      const line = encodeLine(message);
      if (Buffer.byteLength(line) - 1 > FOLLOWER_LINE_MAX_BYTES || !parseFollowerLine(line.slice(0, -1)).ok) return false;
      socket.write(line);
      return true;
    },
    close() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      socket?.destroy();
    },
  };
}

/** The name a hello can carry: one line, control characters dropped, at most NAME_MAX_CHARS (else 'follower'). */
export function helloName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = [...raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim()].slice(0, NAME_MAX_CHARS).join('').trim();
  return clean === '' ? 'follower' : clean;
}
