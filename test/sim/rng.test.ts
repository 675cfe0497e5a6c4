import { describe, expect, it } from 'vitest';
import { createRng, hash32, hashString, noise, smoothNoise } from '../../source/sim/rng.js';

describe('createRng', () => {
  it('yields the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const v = rng.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      expect(rng.int(7)).toBeLessThan(7);
    }
    expect(rng.hex(17)).toMatch(/^[0-9a-f]{17}$/);
    expect(['x', 'y']).toContain(rng.pick(['x', 'y']));
  });
});

describe('noise', () => {
  it('is a pure function of its inputs', () => {
    expect(noise(7, 1, 2, 3)).toBe(noise(7, 1, 2, 3));
    expect(noise(7, 1, 2, 3)).not.toBe(noise(8, 1, 2, 3));
    expect(noise(7, 1, 2, 3)).not.toBe(noise(7, 1, 2, 4));
  });

  it('tells apart integers that differ only above 32 bits (epoch ms)', () => {
    expect(hash32(1, 1_705_286_700_000)).not.toBe(hash32(1, 1_705_286_700_000 + 2 ** 32));
  });

  it('is roughly uniform in [0, 1)', () => {
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = noise(3, i);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it('smoothNoise matches hash noise at integers and moves gradually in between', () => {
    expect(smoothNoise(5, 1, 10)).toBe(noise(5, 1, 10));
    expect(Math.abs(smoothNoise(5, 1, 10.01) - smoothNoise(5, 1, 10))).toBeLessThan(0.01);
  });

  it('hashString is stable', () => {
    expect(hashString('cpu')).toBe(hashString('cpu'));
    expect(hashString('cpu')).not.toBe(hashString('mem'));
  });
});
