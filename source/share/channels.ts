// The driver's channels (one per store): the latest value of each, encoded once as a wire frame that every follower
// shares, and coalesced so a store that changes 100 times a second costs at most one frame per channel per window.
// Nothing is encoded while nobody follows, and a channel whose value is slow to encode (a 10k-instance fleet) waits
// longer between frames, so encoding never takes more than a fifth of the driver's loop.
import { performance } from 'node:perf_hooks';
import { encodeLine } from './protocol.js';

/** The wait after a frame is at least this many times what encoding it cost. */
const ENCODE_COST_FACTOR = 4;

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

export interface ChannelOptions {
  readonly coalesceMs: number;
  /** Each new frame, to every follower. */
  readonly send: (channel: string, frame: Buffer) => void;
  readonly onError: (message: string) => void;
  /** Whether anyone follows: when not, values wait unencoded until frames() is asked. */
  readonly isWanted?: () => boolean;
  readonly now?: () => number;
}

interface Slot {
  frame?: Buffer;
  pending?: { readonly value: unknown };
  /** No frame before this time (the coalescing window, or longer after a costly encode). */
  nextAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Channels that send each new frame, at most one per channel per window. */
export function createChannels(options: ChannelOptions): Channels {
  const { coalesceMs, send, onError } = options;
  const now = options.now ?? Date.now;
  const isWanted = options.isWanted ?? (() => true);
  const slots = new Map<string, Slot>();

  function flush(channel: string, slot: Slot, broadcast: boolean): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.pending === undefined) return;
    const { value } = slot.pending;
    slot.pending = undefined;
    const started = performance.now();
    try {
      slot.frame = Buffer.from(encodeLine({ type: 'state', channel, value }), 'utf8');
    } catch (error) {
      // A value JSON cannot hold (a cycle, a BigInt): followers keep the previous one; it must not crash a timer.
      onError(`share: channel ${channel} could not be encoded (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    slot.nextAt = now() + Math.max(coalesceMs, ENCODE_COST_FACTOR * (performance.now() - started));
    if (broadcast) send(channel, slot.frame);
  }

  return {
    publish(channel, value) {
      let slot = slots.get(channel);
      if (slot === undefined) {
        slot = { nextAt: Number.NEGATIVE_INFINITY };
        slots.set(channel, slot);
      }
      slot.pending = { value };
      if (slot.timer !== undefined || !isWanted()) return;
      const wait = slot.nextAt - now();
      if (wait <= 0) {
        flush(channel, slot, true);
        return;
      }
      const waiting = slot;
      waiting.timer = setTimeout(() => flush(channel, waiting, isWanted()), wait);
      waiting.timer.unref?.();
    },
    frames() {
      const frames = new Map<string, Buffer>();
      for (const [channel, slot] of slots) {
        if (slot.pending !== undefined) flush(channel, slot, true);
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
