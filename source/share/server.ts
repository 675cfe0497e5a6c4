// The driver's share server: followers connect on 127.0.0.1 or a unix socket (0600), say hello with the token,
// and then receive the latest value of every channel and each new one. A follower can only send notes and
// pointers. Nothing a follower does can throw in the driver: bad lines are dropped and counted, a line too long
// closes its connection at once, and a slow follower gets only the newest frames.
import { chmodSync, unlinkSync } from 'node:fs';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { FollowerInfo } from '../model/session-types.js';
import type { ShareAddress } from './address.js';
import { clearStaleSocket, formatAddress, prepareSocketFolder, ShareAddressError } from './address.js';
import { createChannels } from './channels.js';
import type { FollowerLink } from './follower-link.js';
import { createFollowerLink } from './follower-link.js';
import type { FollowerNote } from './protocol.js';
import { parseFollowerLine } from './protocol.js';
import { admit, FOLLOWER_RATE } from './rate.js';
import { tokensEqual } from './token.js';

export interface ShareServerState {
  readonly followers: readonly FollowerInfo[];
  /** Hellos with a wrong token. */
  readonly refused: number;
  /** Lines dropped (not JSON, failing the schema, over the rate), lines too long, hellos that never came. */
  readonly dropped: number;
}

export interface ShareServerOptions {
  readonly address: ShareAddress;
  readonly token: string;
  /** Who drives (the welcome tells followers: "following oncall@bastion"). */
  readonly driver: string;
  readonly maxFollowers?: number;
  /** At most one frame per channel per this many ms. */
  readonly coalesceMs?: number;
  /** Bytes a follower's socket may queue before it counts as slow. */
  readonly highWaterBytes?: number;
  readonly helloTimeoutMs?: number;
  /** The app's clock (joinedAt). */
  readonly now?: () => number;
  readonly onMessage: (from: FollowerInfo, message: FollowerNote) => void;
  readonly onChange: (state: ShareServerState) => void;
  /** One-line diagnostics for the log file. */
  readonly onError?: (message: string) => void;
}

export interface ShareServer {
  /** As a follower types it (the real port when asked for :0). */
  readonly address: string;
  /** Sets a channel's latest value (a store's snapshot). */
  publish(channel: string, value: unknown): void;
  /** Bytes queued for followers right now (bounded by followers × (high-water + one frame)). */
  backlog(): number;
  /** Says bye to every follower, stops listening, removes the socket file. */
  close(): Promise<void>;
}

const CHANGE_COALESCE_MS = 50;
/** Connections that have not said hello yet, beyond the followers. */
const PENDING_CONNECTIONS = 16;

/** Starts listening; rejects with one-line ShareAddressError when the address cannot be used. */
export async function startShareServer(options: ShareServerOptions): Promise<ShareServer> {
  const maxFollowers = options.maxFollowers ?? 8;
  const helloTimeoutMs = options.helloTimeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const report = options.onError ?? (() => undefined);
  const links = new Set<FollowerLink>();
  const following = new Map<FollowerLink, FollowerInfo>();
  let refused = 0;
  let dropped = 0;
  let nextId = 1;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;
  let closing = false;

  const channels = createChannels({
    coalesceMs: options.coalesceMs ?? 50,
    send(channel, frame) {
      for (const link of following.keys()) link.sendFrame(channel, frame);
    },
    onError: report,
    isWanted: () => following.size > 0,
  });

  function changed(): void {
    if (changeTimer !== undefined || closing) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      safely('onChange', () => options.onChange({ followers: [...following.values()], refused, dropped }));
    }, CHANGE_COALESCE_MS);
  }

  function safely(what: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      report(`share: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function drop(): void {
    dropped += 1;
    changed();
  }

  function onLine(link: FollowerLink, line: string): void {
    const parsed = parseFollowerLine(line);
    const info = following.get(link);
    if (info === undefined) {
      if (!parsed.ok || parsed.message.type !== 'hello') {
        drop();
        link.end({ type: 'refused', reason: parsed.ok ? 'the first message must be hello' : `bad hello: ${parsed.reason}` });
      } else if (!tokensEqual(parsed.message.token, options.token)) {
        refused += 1;
        changed();
        link.end({ type: 'refused', reason: 'wrong token' });
      } else if (following.size >= maxFollowers) {
        link.end({ type: 'refused', reason: `${maxFollowers} follow already` });
      } else {
        welcome(link, parsed.message.name);
      }
      return;
    }
    if (!parsed.ok || parsed.message.type === 'hello') return drop();
    const rate = admit(link.sendTimes, Date.now(), FOLLOWER_RATE);
    link.sendTimes = rate.times;
    if (!rate.allowed) return drop();
    const message = parsed.message;
    safely('onMessage', () => options.onMessage(info, message));
  }

  function welcome(link: FollowerLink, name: string): void {
    const info: FollowerInfo = { id: nextId++, name, joinedAt: now() };
    link.info = info;
    link.send({ type: 'welcome', driver: options.driver });
    // Late join: the latest frame of every channel first (flushing a pending one reaches the others, not this one).
    for (const [channel, frame] of channels.frames()) link.sendFrame(channel, frame);
    following.set(link, info);
    changed();
  }

  function accept(socket: Socket): void {
    if (closing) {
      socket.destroy();
      return;
    }
    const link = createFollowerLink(socket, {
      highWaterBytes: options.highWaterBytes ?? 1024 * 1024,
      latestFrame: (channel) => channels.frame(channel),
      onLine: (from, line) => safely('a follower line', () => onLine(from, line)),
      onOversize: drop,
      onClose(closed) {
        clearTimeout(deadline);
        links.delete(closed);
        if (following.delete(closed)) changed();
      },
    });
    links.add(link);
    const deadline = setTimeout(() => {
      if (link.info === undefined && link.isOpen()) {
        drop();
        link.end({ type: 'refused', reason: 'no hello in time' });
      }
    }, helloTimeoutMs);
    deadline.unref();
  }

  const server = createServer({ noDelay: true }, accept);
  server.maxConnections = maxFollowers + PENDING_CONNECTIONS;
  server.on('error', (error) => report(`share: ${error.message}`));
  const address = await listen(server, options.address);

  return {
    address,
    publish: (channel, value) => {
      if (!closing) channels.publish(channel, value);
    },
    backlog: () => [...links].reduce((sum, link) => sum + link.queued(), 0),
    async close() {
      if (closing) return;
      closing = true;
      channels.stop();
      if (changeTimer !== undefined) clearTimeout(changeTimer);
      const stopped = new Promise<void>((done) => server.close(() => done()));
      for (const link of links) {
        if (following.has(link)) link.end({ type: 'bye' });
        else link.destroy();
      }
      await stopped;
      if (options.address.kind === 'unix') removeSocket(options.address.path);
    },
  };
}

async function listen(server: Server, address: ShareAddress): Promise<string> {
  try {
    if (address.kind === 'unix') {
      if (address.ownFolder === true) prepareSocketFolder(address.path, process.getuid?.() ?? -1);
      await clearStaleSocket(address.path);
    }
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      const ready = (): void => {
        server.off('error', fail);
        done();
      };
      if (address.kind === 'unix') server.listen(address.path, ready);
      else server.listen(address.port, address.host, ready);
    });
  } catch (error) {
    if (error instanceof ShareAddressError) throw error;
    throw new ShareAddressError(`--share cannot listen on ${formatAddress(address)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (address.kind === 'tcp') return `${address.host}:${(server.address() as AddressInfo).port}`;
  chmodSync(address.path, 0o600);
  return address.path;
}

function removeSocket(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
