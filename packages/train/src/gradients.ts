import { type Autoencoder, writeParameters } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { rowSquaredErrors, sumFloat64 } from './evaluate';

export interface LossAndGradients {
  /** Mean squared error of the reconstruction over every element of the batch. */
  loss: tf.Scalar;
  /** d loss / d parameter, in the order of `model.parameters` (kernel, bias per layer). */
  grads: tf.Tensor[];
}

/**
 * The output layer's share of the backward pass, in one JS pass over the batch: the loss, dL/dz4
 * and the bias gradient Σ_rows dz4. On the wasm backend this replaces nine elementwise kernels
 * over [batch, 784], each a full pass with its own allocation, by one loop.
 */
function outputLayerGradient(y: Float32Array, target: Float32Array, cols: number, scale: number) {
  const dz = new Float32Array(y.length);
  const db = new Float64Array(cols);
  let sse = 0;
  for (let o = 0; o < y.length; o += cols) {
    for (let j = 0; j < cols; j++) {
      const yi = y[o + j]!;
      const d = yi - target[o + j]!;
      sse += d * d;
      const g = scale * d * yi * (1 - yi);
      dz[o + j] = g;
      db[j] = db[j]! + g;
    }
  }
  return { sse, dz, db: Float32Array.from(db) };
}

/** The forward pass, keeping each layer's input (`inputs[0]` is `x`) for the backward pass. */
export function forwardKeepingInputs(
  model: Autoencoder,
  x: tf.Tensor2D,
): { inputs: tf.Tensor2D[]; output: tf.Tensor2D } {
  const inputs: tf.Tensor2D[] = [];
  let h = x;
  for (const l of model.layers) {
    inputs.push(h);
    h = tf.fused.matMul({ a: h, b: l.kernel, bias: l.bias, activation: l.activation }) as tf.Tensor2D;
  }
  return { inputs, output: h };
}

/**
 * MSE loss and its gradients for one batch, by a hand-derived backward pass.
 *
 * tfjs-core registers no gradients of its own, and autograd's matMul gradient uses transposed
 * operands, which the wasm backend runs on a naive loop instead of XNNPACK. Here every product is a
 * plain matMul of explicitly transposed tensors, so all of them take the fast path.
 *
 * With y = σ(z4), L = Σ(y − x)² / N:  dz4 = 2/N · (y − x) · y · (1 − y); for each layer
 * dW = hᵀ·dz, db = Σ_rows dz, dh_prev = dz·Wᵀ, and through ReLU dz_prev = dh_prev · [h_prev > 0].
 * `lossScale` multiplies the loss and every gradient (for combining partial batches). The target
 * is `x` itself, or the clean rows `target` when `x` is their corrupted copy (denoising).
 */
export function lossAndGradients(
  model: Autoencoder,
  x: tf.Tensor2D,
  lossScale = 1,
  target?: Float32Array,
): LossAndGradients {
  const { layers } = model;
  const last = layers.length - 1;
  const { inputs, output: h } = forwardKeepingInputs(model, x);
  const n = x.size;
  const cols = x.shape[1];
  const out = outputLayerGradient(
    h.dataSync() as Float32Array,
    target ?? (x.dataSync() as Float32Array),
    cols,
    (2 / n) * lossScale,
  );
  h.dispose();
  return tf.tidy(() => {
    const loss = tf.scalar((out.sse / n) * lossScale);
    let dz = tf.tensor2d(out.dz, x.shape);
    const grads: tf.Tensor[] = new Array(2 * layers.length);
    for (let i = last; i >= 0; i--) {
      const input = inputs[i]!;
      grads[2 * i] = tf.matMul(tf.transpose(input), dz);
      grads[2 * i + 1] = i === last ? tf.tensor1d(out.db) : tf.sum(dz, 0);
      if (i > 0) {
        const dh = tf.matMul(dz, tf.transpose(layers[i]!.kernel));
        // input = relu(previous pre-activation), so input > 0 exactly where relu passed gradient
        dz = tf.mul(dh, tf.step(input));
      }
      // the forward activations are no longer needed once their layer's gradients exist
      if (i > 0) input.dispose();
    }
    return { loss, grads };
  });
}

/**
 * Computes the gradient of the mean batch loss for given parameters: on this thread's backend
 * (`LocalGradients`), or split over workers that each hold a copy of the model.
 */
export interface GradientComputer {
  /**
   * Writes d loss / d params for the first `rows` rows of `batch` into `grads` (flat, in
   * `model.parameters` order) and returns the batch loss. `params` and `batch` are read before
   * this returns (the caller may then reuse them); `grads` is written by the time the result is.
   * With `target` (denoising), the loss compares the reconstruction of `batch` with it.
   */
  compute(
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    grads: Float32Array,
    target?: Float32Array,
  ): number | Promise<number>;
  /**
   * The sum of squared reconstruction errors over the first `rows` rows of `batch` (no
   * gradients), added up per row in float64, so that test MSE is measured where training runs.
   */
  sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): number | Promise<number>;
  dispose?(): void | Promise<void>;
}

/** Gradients on the current backend of this thread, with the hand-written backward pass. */
export class LocalGradients implements GradientComputer {
  constructor(private readonly model: Autoencoder) {}

  compute(
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    grads: Float32Array,
    target?: Float32Array,
    lossScale = 1,
  ): number {
    const { model } = this;
    writeParameters(model, params);
    const f = model.config.inputSize;
    const x = tf.tensor2d(batch.subarray(0, rows * f), [rows, f]);
    const { loss, grads: g } = lossAndGradients(model, x, lossScale, target?.subarray(0, rows * f));
    let o = 0;
    for (const t of g) {
      grads.set(t.dataSync() as Float32Array, o);
      o += t.size;
    }
    const value = loss.dataSync()[0]!;
    tf.dispose([x, loss, ...g]);
    return value;
  }

  sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): number {
    writeParameters(this.model, params);
    const f = this.model.config.inputSize;
    const x = tf.tensor2d(batch.subarray(0, rows * f), [rows, f]);
    const rowErrors = rowSquaredErrors(this.model, x);
    const value = sumFloat64(rowErrors.dataSync());
    tf.dispose([x, rowErrors]);
    return value;
  }
}
