import type { KernelLayout } from '../model-spec';

/** How images reach a graph: float32 values, or bytes k that the graph turns into k/255. */
export type InputFormat = 'float32' | 'uint8';

export interface GraphOptions {
  /** How kernels are stored (default `in-out`). */
  kernels?: KernelLayout;
  /** The format of `x` (and of `target` when denoising); default float32. */
  input?: InputFormat;
  /** Denoising training: `x` is float32 corrupted rows and the loss compares with `target`. */
  denoising?: boolean;
  /** The element type of real tensors (`DataType`), float32 unless a test asks for float64. */
  float?: number;
}
