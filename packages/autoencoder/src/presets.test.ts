import { countParameters, presetSpec } from '@bottleneck/graph';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { deserializeModel, parseModelJson, serializeModel } from './weights-format';

describe('the dense presets as models', () => {
  it.each([
    ['deep', 222_384],
    ['sparse', 50_992],
  ] as const)('%s: builds, encodes to its code, and round-trips through model.json', async (preset, params) => {
    const spec = presetSpec(preset);
    expect(countParameters(spec)).toBe(params);
    const model = createAutoencoder({ spec, seed: 1 });
    expect(model.parameterCount()).toBe(params);
    const x = tf.randomUniform([3, 784], 0, 1, 'float32', 2) as tf.Tensor2D;
    const codes = model.encode(x);
    expect(codes.shape).toEqual([3, 32]);
    const y = model.forward(x);
    const { modelJson, weights } = await serializeModel(model);
    const back = deserializeModel(parseModelJson(JSON.parse(JSON.stringify(modelJson))), weights);
    expect(back.spec).toEqual(spec);
    expect(back.forward(x).dataSync()).toEqual(y.dataSync());
    tf.dispose([x, codes, y]);
    model.dispose();
    back.dispose();
  });
});
