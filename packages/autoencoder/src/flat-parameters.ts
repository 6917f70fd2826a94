import type { Autoencoder } from './model';
import * as tf from '@tensorflow/tfjs-core';

/** Copies every parameter of the model, in `model.parameters` order, into one flat vector. */
export function readParameters(model: Autoencoder, out = new Float32Array(model.parameterCount())): Float32Array {
  let o = 0;
  for (const p of model.parameters) {
    out.set(p.dataSync() as Float32Array, o);
    o += p.size;
  }
  return out;
}

/** Assigns the model's parameters from a flat vector laid out as `readParameters` writes it. */
export function writeParameters(model: Autoencoder, flat: Float32Array): void {
  if (flat.length !== model.parameterCount()) {
    throw new RangeError(`writeParameters: ${flat.length} values, the model has ${model.parameterCount()}`);
  }
  let o = 0;
  for (const p of model.parameters) {
    const part = flat.subarray(o, o + p.size);
    // a copy: some backends (cpu) keep the array they are given, and `flat` changes every step
    tf.tidy(() => p.assign(tf.tensor(part.slice(), p.shape, 'float32')));
    o += p.size;
  }
}
