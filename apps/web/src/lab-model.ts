import { type Autoencoder, writeParameters } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { inPieces } from './yield-to-page';

export interface Reconstruction {
  /** `rows × bottleneckSize` codes. */
  codes: Float32Array;
  /** `rows × inputSize` outputs in [0,1]. */
  outputs: Float32Array;
}

/** The page's model: batched encode/decode that read results back asynchronously (never `dataSync`). */
export class LabModel {
  constructor(readonly model: Autoencoder) {}

  get inputSize(): number {
    return this.model.config.inputSize;
  }

  get codeSize(): number {
    return this.model.config.bottleneckSize;
  }

  async reconstruct(x: Float32Array, rows = x.length / this.inputSize): Promise<Reconstruction> {
    const [f, k] = [this.inputSize, this.codeSize];
    const codes = new Float32Array(rows * k);
    const outputs = new Float32Array(rows * f);
    await inPieces(rows, async (start, count) => {
      const [z, y] = tf.tidy(() => {
        const code = this.model.encode(tf.tensor2d(x.subarray(start * f, (start + count) * f), [count, f]));
        return [code, this.model.decode(code)];
      });
      try {
        const [zs, ys] = await Promise.all([z.data(), y.data()]);
        codes.set(zs as Float32Array, start * k);
        outputs.set(ys as Float32Array, start * f);
      } finally {
        tf.dispose([z, y]);
      }
    });
    return { codes, outputs };
  }

  /** The codes alone: half the work of `reconstruct` where the outputs are not shown. */
  async encode(x: Float32Array, rows = x.length / this.inputSize): Promise<Float32Array> {
    const [f, k] = [this.inputSize, this.codeSize];
    const codes = new Float32Array(rows * k);
    await inPieces(rows, async (start, count) => {
      const z = tf.tidy(() => this.model.encode(tf.tensor2d(x.subarray(start * f, (start + count) * f), [count, f])));
      try {
        codes.set((await z.data()) as Float32Array, start * k);
      } finally {
        z.dispose();
      }
    });
    return codes;
  }

  async decode(codes: Float32Array, rows = codes.length / this.codeSize): Promise<Float32Array> {
    const [f, k] = [this.inputSize, this.codeSize];
    const outputs = new Float32Array(rows * f);
    await inPieces(rows, async (start, count) => {
      const y = tf.tidy(() =>
        this.model.decode(tf.tensor2d(codes.subarray(start * k, (start + count) * k), [count, k])),
      );
      try {
        outputs.set((await y.data()) as Float32Array, start * f);
      } finally {
        y.dispose();
      }
    });
    return outputs;
  }

  setParameters(params: Float32Array): void {
    writeParameters(this.model, params);
  }
}
