import type { AdamConstants, ModelSpec } from '@bottleneck/graph';

/** What a gradient worker is started with: the model's sizes and its views of shared memory. */
export interface GradientWorkerInit {
  model: ModelSpec;
  params: SharedArrayBuffer;
  batch: SharedArrayBuffer;
  /** This worker's own gradient slot. */
  grads: SharedArrayBuffer;
  /** Clean targets of the batch's rows, for denoising training (else the batch is its own target). */
  targets?: SharedArrayBuffer;
  /** The rows' ε `[rows, latent]`, for a variational model. */
  eps?: SharedArrayBuffer;
  /** Adam, when the pool updates the parameters too: this worker updates its `updateShare`. */
  optimizer?: SharedOptimizer;
}

/** What a worker needs to run its share of Adam's update on the shared state. */
export interface SharedOptimizer {
  adam: AdamConstants;
  /** Adam's moments, flat in `parameterLayout` order as the parameters. */
  m: SharedArrayBuffer;
  v: SharedArrayBuffer;
  /** Every worker's gradient slot, in worker order: the share's gradient is their sum. */
  slots: SharedArrayBuffer[];
  /** This worker's index among `slots`. */
  index: number;
}

/**
 * What a worker computes on its share of a batch: the gradient, the squared errors, or the
 * model's objective without a step (`lossGraph`).
 */
export type RowsKind = 'gradients' | 'squaredError' | 'loss';

export type GradientRequest =
  | {
      kind: RowsKind;
      /** Rows `start..end` of the shared batch are this worker's share of `total` rows. */
      start: number;
      end: number;
      total: number;
    }
  | {
      /** Adam's step on this worker's share of the parameters, from the slots' summed gradients. */
      kind: 'update';
      stepSize: number;
      bc2Sqrt: number;
    };

export type GradientReply = { value: number } | { error: string } | { ready: true };
