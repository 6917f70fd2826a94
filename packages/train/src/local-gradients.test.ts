import { createAutoencoder, readParameters } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { LocalGradients, lossAndGradients } from './gradients';

const tiny = (seed: number) => createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed });

describe('LocalGradients', () => {
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
    expect(new LocalGradients(m).compute(params, x, 3, half, undefined, 0.5)).toBeCloseTo(loss * 0.5, 7);
    half.forEach((v, i) => {
      expect(v).toBeCloseTo(grads[i]! * 0.5, 7);
    });
    tf.dispose([xt, ref.loss, ...ref.grads]);
    m.dispose();
  });
});
