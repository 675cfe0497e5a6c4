// The driver's channels (one per store): the latest value of each, encoded once as a wire frame that every follower
// shares, and coalesced so a store that changes 100 times a second costs at most one frame per channel per window.

import { encodeLine } from './protocol.js';

export interface Channels {
  /** Records a channel's new value; the frame follows at once or when this channel's window ends. */
  publish(channel: string, value: unknown): void;
  /** The latest frame of every channel (a late joiner's full state); a pending value is encoded first. */
  frames(): ReadonlyMap<string, Buffer>;
  /** The latest frame of one channel. */
  frame(channel: string): Buffer | undefined;
  /** Cancels pending timers. */
  stop(): void;
}

interface Slot {
  frame?: Buffer;
  pending?: { readonly value: unknown };
  sentAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Channels that call `send(channel, frame)` with each new frame, at most one per channel per `coalesceMs`. */
export function createChannels(
  coalesceMs: number,
  send: (channel: string, frame: Buffer) => void,
  onError: (message: string) => void,
  now: () => number = Date.now,
): Channels {
  const slots = new Map<string, Slot>();

  function flush(channel: string, slot: Slot): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.pending === undefined) return;
    const { value } = slot.pending;
    slot.pending = undefined;
    try {
      slot.frame = Buffer.from(encodeLine({ type: 'state', channel, value }), 'utf8');
    } catch (error) {
      // A value JSON cannot hold (a cycle, a BigInt): followers keep the previous one; it must not crash a timer.
      onError(`share: channel ${channel} could not be encoded (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    slot.sentAt = now();
    send(channel, slot.frame);
  }

  return {
    publish(channel, value) {
      let slot = slots.get(channel);
      if (slot === undefined) {
        slot = { sentAt: Number.NEGATIVE_INFINITY };
        slots.set(channel, slot);
      }
      slot.pending = { value };
      if (slot.timer !== undefined) return;
      const wait = slot.sentAt + coalesceMs - now();
      if (wait <= 0) {
        flush(channel, slot);
        return;
      }
      const waiting = slot;
      waiting.timer = setTimeout(() => flush(channel, waiting), wait);
      waiting.timer.unref?.();
    },
    frames() {
      const frames = new Map<string, Buffer>();
      for (const [channel, slot] of slots) {
        if (slot.pending !== undefined) flush(channel, slot);
        if (slot.frame !== undefined) frames.set(channel, slot.frame);
      }
      return frames;
    },
    frame(channel) {
      return slots.get(channel)?.frame;
    },
    stop() {
      for (const slot of slots.values()) if (slot.timer !== undefined) clearTimeout(slot.timer);
    },
  };
}
