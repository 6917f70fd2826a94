import '@tensorflow/tfjs-backend-wasm';
import { createAutoencoder, readParameters } from '@bottleneck/autoencoder';
import { evaluateMse } from '@bottleneck/train';
import { ParallelGradients } from '@bottleneck/train/internal';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { spawnGradientWorker } from './engines';

describe('ParallelGradients over worker threads', () => {
  it('sums the workers’ shares to the one-worker gradient and squared error', async () => {
    await tf.setBackend('wasm');
    const model = createAutoencoder({ seed: 1 });
    const rows = 301; // not divisible by the worker count
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const params = readParameters(model);
    const poolOf = (threads: number) =>
      ParallelGradients.create({
        threads,
        model: model.spec,
        parameterCount: params.length,
        maxRows: 512,
        spawn: spawnGradientWorker('wasm', new URL('../dist/gradient-worker.js', import.meta.url)),
      });
    const single = await poolOf(1);
    const local = new Float32Array(params.length);
    // the pool resolves to the batch's objective: for the lab's MSE, the mean
    const lossLocal = await single.compute(params, x, rows, local);
    const sseLocal = await single.sumSquaredError(params, x, rows);
    await single.dispose();
    const pool = await poolOf(3);
    const parallel = new Float32Array(params.length);
    const lossParallel = await pool.compute(params, x, rows, parallel);
    // test-set evaluation: the workers' squared errors (row sums added in float64) sum to the
    // batch's, and the training path's MSE loss (a float32 sum) is that sum over rows × 784
    const sseParallel = await pool.sumSquaredError(params, x, rows);
    await pool.dispose();
    expect(Math.abs(sseParallel - sseLocal)).toBeLessThan(1e-6 * sseLocal);
    expect(Math.abs(sseLocal / (rows * 784) - lossLocal)).toBeLessThan(1e-4 * lossLocal);
    // float32 sums taken in another order
    expect(Math.abs(lossParallel - lossLocal)).toBeLessThan(1e-4 * lossLocal);
    let maxErr = 0;
    let maxAbs = 0;
    for (let i = 0; i < local.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(parallel[i]! - local[i]!));
      maxAbs = Math.max(maxAbs, Math.abs(local[i]!));
    }
    expect(maxAbs).toBeGreaterThan(1e-4);
    expect(maxErr).toBeLessThan(1e-5 * maxAbs + 1e-9);
    model.dispose();
  });

  it('evaluates MSE on wasm to float64 accuracy, not float32 batch sums', async () => {
    await tf.setBackend('wasm');
    const model = createAutoencoder({ seed: 2 });
    const count = 5000;
    const x = Float32Array.from({ length: count * 784 }, (_, i) => ((i * 104729) % 1009) / 1009);
    const source = {
      count,
      featureSize: 784,
      fillBatch: (indices: ArrayLike<number>, out: Float32Array) => {
        for (let r = 0; r < indices.length; r++)
          out.set(x.subarray(indices[r]! * 784, (indices[r]! + 1) * 784), r * 784);
      },
    };
    // the reference: the same float32 reconstructions, squared errors summed in float64 in JS
    const y = tf.tidy(() => model.forward(tf.tensor2d(x, [count, 784])));
    const out = await y.data();
    y.dispose();
    let sse = 0;
    for (let i = 0; i < out.length; i++) sse += (out[i]! - x[i]!) ** 2;
    const reference = sse / (count * 784);
    expect(Math.abs((await evaluateMse(model, source, 2048)) - reference)).toBeLessThan(1e-6 * reference);
    model.dispose();
  });
});
