// One follower's socket as the driver holds it: a bounded line reader in, and frames out without ever queueing
// more than a high-water mark. Past it the follower is "slow": the channels it missed are marked dirty and only the
// latest frame of each is sent when its socket drains (intermediate frames are dropped, memory stays bounded).
import type { Socket } from 'node:net';
import type { FollowerInfo } from '../model/session-types.js';
import { createLineReader } from './line-reader.js';
import type { DriverMessage } from './protocol.js';
import { encodeLine, FOLLOWER_LINE_MAX_BYTES } from './protocol.js';

/** How long a refused follower gets to read why before its socket is destroyed. */
const LINGER_MS = 1_000;

export interface FollowerLink {
  /** Set once its hello carried the right token. */
  info?: FollowerInfo;
  /** Accepted send times of notes and pointers (the rate window). */
  sendTimes: readonly number[];
  readonly isOpen: () => boolean;
  /** Bytes queued in this socket (the driver's memory this follower holds). */
  readonly queued: () => number;
  /** A small control message (welcome, refused, bye): always written. */
  send(message: DriverMessage): void;
  /** A channel's frame, or — when the follower is slow — a mark that the channel must be resent when it drains. */
  sendFrame(channel: string, frame: Buffer): void;
  /** Sends a last message, lets it leave, then closes. */
  end(last?: DriverMessage): void;
  /** Closes at once (a line too long, the driver quitting). */
  destroy(): void;
}

export interface LinkEvents {
  readonly highWaterBytes: number;
  /** The latest frame of a channel, read when a slow follower drains. */
  readonly latestFrame: (channel: string) => Buffer | undefined;
  readonly onLine: (link: FollowerLink, line: string) => void;
  readonly onOversize: (link: FollowerLink) => void;
  readonly onClose: (link: FollowerLink) => void;
}

/** Wraps an accepted socket; every socket error is contained here (it only closes this follower). */
export function createFollowerLink(socket: Socket, events: LinkEvents): FollowerLink {
  const reader = createLineReader(FOLLOWER_LINE_MAX_BYTES);
  const dirty = new Set<string>();
  let open = true;

  const canWrite = (): boolean => open && !socket.destroyed && socket.writable;
  const write = (data: string | Buffer): void => {
    if (canWrite()) socket.write(data);
  };

  const link: FollowerLink = {
    sendTimes: [],
    isOpen: () => open,
    queued: () => (socket.destroyed ? 0 : socket.writableLength),
    send: (message) => write(encodeLine(message)),
    sendFrame(channel, frame) {
      if (socket.writableLength < events.highWaterBytes) {
        dirty.delete(channel);
        write(frame);
      } else {
        dirty.add(channel);
      }
    },
    end(last) {
      if (!open) return;
      if (last !== undefined) write(encodeLine(last));
      open = false;
      if (!socket.destroyed) socket.end();
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    },
    destroy() {
      open = false;
      socket.destroy();
    },
  };

  socket.on('drain', () => {
    for (const channel of dirty) {
      if (socket.writableLength >= events.highWaterBytes) return;
      dirty.delete(channel);
      const frame = events.latestFrame(channel);
      if (frame !== undefined) write(frame);
    }
  });
  socket.on('data', (chunk: Buffer) => {
    if (!open) return;
    const { lines, overflow } = reader.feed(chunk);
    if (overflow) {
      link.destroy();
      events.onOversize(link);
      return;
    }
    for (const line of lines) {
      if (!open) return;
      events.onLine(link, line);
    }
  });
  socket.on('error', () => undefined); // 'close' follows; a follower's broken pipe is not the driver's error
  socket.on('close', () => {
    open = false;
    dirty.clear();
    events.onClose(link);
  });
  return link;
}
