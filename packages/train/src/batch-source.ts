/**
 * How a batch reaches an engine: float32 values, or the bytes k of 8-bit images whose values are
 * k/255 (a quarter of the memory traffic; the engine divides, which gives the same float32).
 */
export type BatchFormat = 'float32' | 'uint8';

/** A batch buffer of either format. */
export type BatchBuffer = Float32Array | Uint8Array;

/** Rows of features that can be copied into a batch buffer (e.g. `MnistSplit`). */
export interface BatchSource {
  readonly count: number;
  readonly featureSize: number;
  fillBatch(indices: ArrayLike<number>, out: Float32Array): void;
  /** For 8-bit data: copies the rows' bytes k (values k/255), so an engine can take them as they are. */
  fillBatchBytes?(indices: ArrayLike<number>, out: Uint8Array): void;
}

/** Copies the rows at `indices` into `out` in its format (bytes only from a source that has them). */
export function fillBatchBuffer(source: BatchSource, indices: ArrayLike<number>, out: BatchBuffer): void {
  if (out instanceof Float32Array) source.fillBatch(indices, out);
  else if (source.fillBatchBytes) source.fillBatchBytes(indices, out);
  else throw new TypeError('fillBatchBuffer: this source has no bytes to give');
}

/** Seeded epoch orderings with a savable state: `Pcg64` from `@bottleneck/autoencoder` (NumPy's `default_rng`). */
export interface EpochShuffler {
  permutation(n: number, out?: Uint32Array): Uint32Array;
  getState(): number[];
  setState(state: readonly number[]): void;
}
