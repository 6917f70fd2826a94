import { createAutoencoder } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { LocalGradients, lossAndGradients } from './gradients';
import { readParameters, writeParameters } from './parameters';

const tiny = (seed: number) => createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed });

describe('flat parameters', () => {
  it('read and write in model.parameters order, without aliasing the vector', () => {
    const a = tiny(1);
    const flat = readParameters(a);
    expect(flat.length).toBe(a.parameterCount());
    expect(flat.subarray(0, 24)).toEqual(a.layers[0].kernel.dataSync());
    expect(flat.subarray(24, 28)).toEqual(a.layers[0].bias.dataSync());
    const b = tiny(2);
    writeParameters(b, flat);
    expect(readParameters(b)).toEqual(flat);
    flat[0] = 123;
    expect(b.layers[0].kernel.dataSync()[0]).not.toBe(123);
    expect(() => writeParameters(b, new Float32Array(3))).toThrow(/3 values, the model has 80/);
    a.dispose();
    b.dispose();
  });

  it('LocalGradients writes the flattened lossAndGradients result', () => {
    const m = tiny(3);
    const x = Float32Array.from({ length: 18 }, (_, i) => (i * 0.13) % 1);
    const params = readParameters(m);
    const grads = new Float32Array(params.length);
    const loss = new LocalGradients(m).compute(params, x, 3, grads);
    const xt = tf.tensor2d(x, [3, 6]);
    const ref = lossAndGradients(m, xt);
    expect(loss).toBeCloseTo(ref.loss.dataSync()[0]!, 7);
    let o = 0;
    for (const g of ref.grads) {
      expect(grads.subarray(o, o + g.size)).toEqual(g.dataSync());
      o += g.size;
    }
    // a share of a batch: loss and gradients both scaled by the share
    const half = new Float32Array(params.length);
    expect(new LocalGradients(m).compute(params, x, 3, half, 0.5)).toBeCloseTo(loss * 0.5, 7);
    half.forEach((v, i) => {
      expect(v).toBeCloseTo(grads[i]! * 0.5, 7);
    });
    tf.dispose([xt, ref.loss, ...ref.grads]);
    m.dispose();
  });
});
