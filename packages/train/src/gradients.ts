import type { Autoencoder } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { writeParameters } from './parameters';

export interface LossAndGradients {
  /** Mean squared error of the reconstruction over every element of the batch. */
  loss: tf.Scalar;
  /** d loss / d parameter, in the order of `model.parameters` (kernel, bias per layer). */
  grads: tf.Tensor[];
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
 */
export function lossAndGradients(model: Autoencoder, x: tf.Tensor2D, lossScale = 1): LossAndGradients {
  return tf.tidy(() => {
    const { layers } = model;
    // forward, keeping each layer's input
    const inputs: tf.Tensor2D[] = [];
    let h = x;
    for (const l of layers) {
      inputs.push(h);
      h = tf.fused.matMul({ a: h, b: l.kernel, bias: l.bias, activation: l.activation }) as tf.Tensor2D;
    }
    const y = h;
    const diff = tf.sub(y, x);
    const n = x.size;
    const loss = tf.mul(tf.sum(tf.square(diff)), 1 / n) as tf.Scalar;
    // dL/dz4, scaled so partial batches can be combined by a weighted sum
    let dz: tf.Tensor2D = tf.mul(tf.mul(diff, tf.mul(y, tf.sub(1, y))), (2 / n) * lossScale);
    const grads: tf.Tensor[] = new Array(2 * layers.length);
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i]!;
      const input = inputs[i]!;
      grads[2 * i] = tf.matMul(tf.transpose(input), dz);
      grads[2 * i + 1] = tf.sum(dz, 0);
      if (i > 0) {
        const dh = tf.matMul(dz, tf.transpose(l.kernel));
        // input = relu(previous pre-activation), so input > 0 exactly where relu passed gradient
        dz = tf.mul(dh, tf.step(input));
      }
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
   * `model.parameters` order) and returns the batch loss.
   */
  compute(params: Float32Array, batch: Float32Array, rows: number, grads: Float32Array): number | Promise<number>;
  dispose?(): void | Promise<void>;
}

/** Gradients on the current backend of this thread, with the hand-written backward pass. */
export class LocalGradients implements GradientComputer {
  constructor(private readonly model: Autoencoder) {}

  compute(params: Float32Array, batch: Float32Array, rows: number, grads: Float32Array, lossScale = 1): number {
    const { model } = this;
    writeParameters(model, params);
    const f = model.config.inputSize;
    const x = tf.tensor2d(batch.subarray(0, rows * f), [rows, f]);
    const { loss, grads: g } = lossAndGradients(model, x, lossScale);
    let o = 0;
    for (const t of g) {
      grads.set(t.dataSync() as Float32Array, o);
      o += t.size;
    }
    const value = loss.dataSync()[0]!;
    tf.dispose([x, loss, ...g]);
    return value * lossScale;
  }
}
