import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/**
 * Seeded source of epoch orderings. Its state is four 32-bit integers, so a checkpoint can
 * store it and a resumed run shuffles exactly as the uninterrupted one would have.
 */
export class Shuffler {
  private rng: Generator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  static fromState(state: readonly number[]): Shuffler {
    const shuffler = new Shuffler(0);
    shuffler.setState(state);
    return shuffler;
  }

  getState(): number[] {
    return [...this.rng.getState()];
  }

  setState(state: readonly number[]): void {
    this.rng = xoroshiro128plusFromState(state);
  }

  /** A uniform random permutation of 0..n-1 (Fisher-Yates), written into `out` when given. */
  permutation(n: number, out: Uint32Array = new Uint32Array(n)): Uint32Array {
    if (out.length < n) throw new RangeError(`permutation: out has ${out.length} slots, need ${n}`);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(this.rng, 0, i);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}
