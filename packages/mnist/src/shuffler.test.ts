import { describe, expect, it } from 'vitest';
import { Shuffler } from './shuffler';

describe('Shuffler', () => {
  it('yields permutations', () => {
    const p = new Shuffler(1).permutation(1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...p.subarray(0, 20)]).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('is reproducible from the seed and differs across seeds', () => {
    expect(new Shuffler(7).permutation(50)).toEqual(new Shuffler(7).permutation(50));
    expect(new Shuffler(7).permutation(50)).not.toEqual(new Shuffler(8).permutation(50));
  });

  it('resumes from a saved state', () => {
    const a = new Shuffler(3);
    a.permutation(100);
    const b = Shuffler.fromState(a.getState());
    expect(b.permutation(100)).toEqual(a.permutation(100));
  });

  it('is roughly uniform: each value lands in each slot about equally often', () => {
    const s = new Shuffler(5);
    const counts = new Array(16).fill(0);
    const trials = 16000;
    for (let t = 0; t < trials; t++) counts[s.permutation(4)[0]! * 4 + s.permutation(4)[1]!]++;
    // position 0/1 of two independent permutations: 16 equally likely cells of ~1000
    for (const c of counts) expect(Math.abs(c - trials / 16)).toBeLessThan(150);
  });
});
