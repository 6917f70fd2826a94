/** Rows of features that can be copied into a batch buffer (e.g. `MnistSplit`). */
export interface BatchSource {
  readonly count: number;
  readonly featureSize: number;
  fillBatch(indices: ArrayLike<number>, out: Float32Array): void;
}

/** Seeded epoch orderings with a savable state: `Pcg64` from `@bottleneck/autoencoder` (NumPy's `default_rng`). */
export interface EpochShuffler {
  permutation(n: number, out?: Uint32Array): Uint32Array;
  getState(): number[];
  setState(state: readonly number[]): void;
}
