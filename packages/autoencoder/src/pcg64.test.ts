import { describe, expect, it } from 'vitest';
import { Pcg64 } from './pcg64';

// Expected values printed by NumPy 2.4 (np.random.default_rng), an independent implementation.
const join = (w: number[]) => w.reduce((acc, v, i) => acc | (BigInt(v) << BigInt(32 * i)), 0n);

describe('Pcg64 (np.random.default_rng)', () => {
  it('seeds through SeedSequence like numpy, for small and multi-word seeds', () => {
    const s0 = new Pcg64(0).getState();
    expect(join(s0.slice(0, 4))).toBe(35399562948360463058890781895381311971n);
    expect(join(s0.slice(4, 8))).toBe(87136372517582989555478159403783844777n);
    const big = new Pcg64(2 ** 40 + 5).getState();
    expect(join(big.slice(0, 4))).toBe(289036690534530382777399946608278691974n);
    expect(join(big.slice(4, 8))).toBe(98755121493911270050649344586142809511n);
  });

  it('gives the same raw 64-bit outputs and doubles', () => {
    const r = new Pcg64(0);
    expect([r.next64(), r.next64(), r.next64()]).toEqual([
      11749869230777074271n,
      4976686463289251617n,
      755828109848996024n,
    ]);
    const q = new Pcg64(42);
    expect([q.random(), q.random(), q.random()]).toEqual([0.7739560485559633, 0.4388784397520523, 0.8585979199113825]);
  });

  it('gives the same uniform draws, rounded to float32 as numpy assigns them', () => {
    const r = new Pcg64(7);
    const w = r.uniform(-1 / Math.sqrt(784), 1 / Math.sqrt(784), new Float32Array(5));
    expect([...new Uint32Array(w.buffer)]).toEqual([1007838654, 1021865284, 1017204933, 3164654341, 3161054416]);
  });

  it('gives the same permutations and leaves the same half-used 32-bit buffer', () => {
    const r = new Pcg64(0);
    r.uniform(-1, 1, new Float64Array(3));
    expect([...r.permutation(10)]).toEqual([3, 2, 0, 5, 4, 7, 1, 9, 8, 6]);
    expect(r.getState().slice(8)).toEqual([0, 11761768]);
    const q = new Pcg64(42);
    q.random();
    q.random();
    q.random();
    expect([...q.permutation(20)]).toEqual([7, 15, 4, 2, 17, 5, 18, 8, 10, 9, 6, 16, 3, 0, 1, 19, 12, 11, 14, 13]);
    expect(q.getState().slice(8)).toEqual([0, 975982878]);
  });

  it('restores a saved state exactly, including a buffered 32-bit half', () => {
    const r = new Pcg64(3);
    r.next32(); // leaves the upper half buffered
    const saved = r.getState();
    expect(saved[8]).toBe(1);
    const expected = [...r.permutation(50)];
    const copy = new Pcg64(99);
    copy.setState(saved);
    expect([...copy.permutation(50)]).toEqual(expected);
    expect(() => copy.setState([1, 2, 3, 4])).toThrow(/10 uint32 words/);
  });

  it('rejects seeds numpy would not take', () => {
    expect(() => new Pcg64(-1)).toThrow(/non-negative integer/);
    expect(() => new Pcg64(1.5)).toThrow(/non-negative integer/);
  });
});
