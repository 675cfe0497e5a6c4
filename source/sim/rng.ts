// Seeded randomness for the training fleet. Two kinds: a sequential PRNG for building the fleet once, and a
// stateless hash so any metric sample at any timestamp can be computed on demand without storing a series.

/** A sequential pseudo-random source; the same seed always yields the same sequence. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
}

/** A mulberry32 generator: tiny, fast, and good enough for shuffling a simulated fleet. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty array');
      return item;
    },
    hex(length: number): string {
      let out = '';
      for (let i = 0; i < length; i++) out += int(16).toString(16);
      return out;
    },
  };
}

// Finaliser of murmur3: spreads every input bit over the whole word.
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a seed and integers; integers beyond 32 bits (epoch ms) are mixed in both halves. */
export function hash32(seed: number, ...ints: readonly number[]): number {
  let h = fmix((seed >>> 0) ^ 0x9e3779b9);
  for (const n of ints) {
    const lo = n >>> 0;
    const hi = Math.floor(n / 4294967296) >>> 0;
    h = fmix(Math.imul(h ^ lo, 0x27d4eb2d) + hi);
  }
  return h;
}

/** Stateless noise in [0, 1): the same (seed, ints) always gives the same value. */
export function noise(seed: number, ...ints: readonly number[]): number {
  return hash32(seed, ...ints) / 4294967296;
}

/** Smooth noise in [0, 1): `x` is continuous; values at integers are hash noise, eased in between. */
export function smoothNoise(seed: number, key: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const ease = f * f * (3 - 2 * f);
  const a = noise(seed, key, i);
  const b = noise(seed, key, i + 1);
  return a + (b - a) * ease;
}

/** A 32-bit hash of a string (FNV-1a), to turn names into noise keys. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
