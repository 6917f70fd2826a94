import { type Autoencoder, writeParameters } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';

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
    const [z, y] = tf.tidy(() => {
      const code = this.model.encode(tf.tensor2d(x.subarray(0, rows * this.inputSize), [rows, this.inputSize]));
      return [code, this.model.decode(code)];
    });
    try {
      const [codes, outputs] = await Promise.all([z.data(), y.data()]);
      return { codes: codes as Float32Array, outputs: outputs as Float32Array };
    } finally {
      tf.dispose([z, y]);
    }
  }

  async decode(codes: Float32Array, rows = codes.length / this.codeSize): Promise<Float32Array> {
    const y = tf.tidy(() => this.model.decode(tf.tensor2d(codes, [rows, this.codeSize])));
    try {
      return (await y.data()) as Float32Array;
    } finally {
      y.dispose();
    }
  }

  setParameters(params: Float32Array): void {
    writeParameters(this.model, params);
  }
}
