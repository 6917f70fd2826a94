import '@tensorflow/tfjs-backend-wasm';
import { createAutoencoder } from '@bottleneck/autoencoder';
import { LocalGradients, ParallelGradients, readParameters } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { spawnGradientWorker } from './worker-gradients';

describe('ParallelGradients over worker threads', () => {
  it('sums the workers’ shares to the single-thread gradient and squared error', async () => {
    await tf.setBackend('wasm');
    const model = createAutoencoder({ seed: 1 });
    const rows = 301; // not divisible by the worker count
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const params = readParameters(model);
    const local = new Float32Array(params.length);
    const lossLocal = new LocalGradients(model).compute(params, x, rows, local);
    const pool = await ParallelGradients.create({
      threads: 3,
      modelConfig: model.config,
      parameterCount: params.length,
      maxRows: 512,
      spawn: spawnGradientWorker('wasm', new URL('../dist/gradient-worker.js', import.meta.url)),
    });
    const parallel = new Float32Array(params.length);
    const lossParallel = await pool.compute(params, x, rows, parallel);
    // test-set evaluation (float32 sums in another order again): the workers' squared errors sum
    // to the batch's, and the training path's MSE loss is that sum over rows × 784
    const sseLocal = new LocalGradients(model).sumSquaredError(params, x, rows);
    const sseParallel = await pool.sumSquaredError(params, x, rows);
    await pool.dispose();
    expect(Math.abs(sseParallel - sseLocal)).toBeLessThan(1e-4 * sseLocal);
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
});
