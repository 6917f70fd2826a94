import { type Autoencoder, writeParameters } from '@bottleneck/autoencoder';
import { modelSse } from './evaluate';
import { forwardKeepingInputs, type GradientComputer } from './gradients';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The lab's loss and gradients with every step on the device and one asynchronous read at the
 * end: for GPU backends (WebGPU, WebGL), where `LocalGradients`' synchronous reads stall.
 * `LocalGradients` reads the output layer back synchronously (its JS pass is what makes wasm
 * fast), which on WebGPU goes through canvases, stalls the queue and, in a worker, ran out of
 * mappable memory within a few steps; on WebGL it blocks the worker on every batch.
 * Same math: with y = σ(z4), L = Σ(y − t)²/N, dz4 = 2/N · (y − t) · y · (1 − y), then per layer
 * dW = hᵀ·dz, db = Σ_rows dz, dz_prev = (dz·Wᵀ) · [h_prev > 0].
 */
export class DeviceGradients implements GradientComputer {
  constructor(private readonly model: Autoencoder) {}

  async compute(
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    grads: Float32Array,
    target?: Float32Array,
  ): Promise<number> {
    const { model } = this;
    writeParameters(model, params);
    const f = model.config.inputSize;
    const [flat, loss] = tf.tidy(() => {
      const x = tf.tensor2d(batch.subarray(0, rows * f), [rows, f]);
      const t = target ? tf.tensor2d(target.subarray(0, rows * f), [rows, f]) : x;
      const { inputs, output: h } = forwardKeepingInputs(model, x);
      const diff = tf.sub(h, t);
      const n = rows * f;
      let dz: tf.Tensor2D = tf.mul(tf.mul(diff, 2 / n), tf.mul(h, tf.sub(1, h)));
      const g: tf.Tensor[] = new Array(2 * model.layers.length);
      for (let i = model.layers.length - 1; i >= 0; i--) {
        const input = inputs[i]!;
        g[2 * i] = tf.matMul(input, dz, true, false);
        g[2 * i + 1] = tf.sum(dz, 0);
        if (i > 0) dz = tf.mul(tf.matMul(dz, model.layers[i]!.kernel, false, true), tf.step(input));
      }
      // one tensor, one read: every readback is a round trip to the device
      return [tf.concat(g.map((t) => tf.reshape(t, [-1]))), tf.mean(tf.square(diff))];
    });
    try {
      const [values, l] = await Promise.all([flat.data(), loss.data()]);
      grads.set(values as Float32Array);
      return l[0]!;
    } finally {
      tf.dispose([flat, loss]);
    }
  }

  async sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): Promise<number> {
    writeParameters(this.model, params);
    return await modelSse(this.model, this.model.config.inputSize)(batch, rows);
  }
}
