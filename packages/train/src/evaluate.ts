import type { Autoencoder } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { type BatchBuffer, type BatchSource, fillBatchBuffer } from './batch-source';
import { sumFloat64 } from './sum-float64';

export { sumFloat64 };

/** Σ of squared errors over the first `rows` rows of a batch buffer. */
export type BatchSse<B extends BatchBuffer = Float32Array> = (batch: B, rows: number) => number | Promise<number>;

/** Each row's sum of squared reconstruction errors, `[rows]`. */
export function rowSquaredErrors(model: Autoencoder, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(model.forward(x), x)), 1));
}

/**
 * Σ of `perBatch` over a whole split taken in order, accumulated in float64, in batches of as
 * many rows as `buffer` holds (the buffer is reused for every batch; `indices` are the rows' places
 * in the split).
 */
export async function sumOverBatches<B extends BatchBuffer>(
  data: BatchSource,
  buffer: B,
  perBatch: (batch: B, rows: number, indices: Uint32Array) => number | Promise<number>,
): Promise<number> {
  const batchSize = buffer.length / data.featureSize;
  const indices = new Uint32Array(batchSize);
  let sum = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    for (let i = 0; i < n; i++) indices[i] = start + i;
    fillBatchBuffer(data, indices.subarray(0, n), buffer);
    sum += await perBatch(buffer, n, indices.subarray(0, n));
  }
  return sum;
}

/** Mean of `batchSse` over a whole split taken in order, accumulated in float64 (`sumOverBatches`). */
export async function meanOverBatches<B extends BatchBuffer>(
  data: BatchSource,
  buffer: B,
  batchSse: BatchSse<B>,
): Promise<number> {
  return (await sumOverBatches(data, buffer, batchSse)) / (data.count * data.featureSize);
}

/** The model's squared error over a batch, on this thread's backend, with one asynchronous read. */
export function modelSse(model: Autoencoder, featureSize: number): BatchSse {
  return async (batch, rows) => {
    const x = tf.tensor2d(batch.subarray(0, rows * featureSize), [rows, featureSize]);
    const rowErrors = rowSquaredErrors(model, x);
    try {
      return sumFloat64(await rowErrors.data());
    } finally {
      tf.dispose([x, rowErrors]);
    }
  };
}

/** MSE of the model's reconstructions over a whole split, accumulated in float64. */
export function evaluateMse(model: Autoencoder, data: BatchSource, batchSize = 2048): Promise<number> {
  const buffer = new Float32Array(Math.min(batchSize, data.count) * data.featureSize);
  return meanOverBatches(data, buffer, modelSse(model, data.featureSize));
}
