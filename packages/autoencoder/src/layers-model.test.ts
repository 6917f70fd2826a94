// The export read by plain tfjs-layers, as any tfjs app would load it.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { toLayersModel } from './layers-model';
import { createAutoencoder } from './model';

describe('toLayersModel', () => {
  it('loads with tf.loadLayersModel and predicts what the model predicts', async () => {
    const model = createAutoencoder({ inputSize: 16, hiddenSize: 6, bottleneckSize: 2, seed: 8 });
    const { modelJson, weights } = await toLayersModel(model);
    // through JSON, as a served model.json would arrive
    const json = JSON.parse(JSON.stringify(modelJson));
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: weights.slice().buffer,
      }),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense', 'Dense', 'Dense']);
    const x = tf.tensor2d(
      Float32Array.from({ length: 3 * 16 }, (_, i) => (i % 7) / 7),
      [3, 16],
    );
    const ours = model.forward(x);
    const theirs = loaded.predict(x) as tf.Tensor;
    const diff = tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
    // not trivially equal: the outputs vary
    expect(tf.moments(ours).variance.dataSync()[0]!).toBeGreaterThan(1e-6);
    tf.dispose([x, ours, theirs]);
    loaded.dispose();
    model.dispose();
  });
});
