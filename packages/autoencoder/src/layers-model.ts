import * as tf from '@tensorflow/tfjs-core';
import { type Activation, parameterLayout, parameterName } from '@bottleneck/graph';
import type { Autoencoder } from './model';

/** tfjs-layers' names of the activations a Dense layer can take by name. */
const LAYERS_ACTIVATIONS: Record<Activation, string> = {
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  // tfjs-layers has no 'leaky_relu' activation string (only a LeakyReLU layer)
  'leaky-relu': 'leakyReLU',
  linear: 'linear',
};

/** What `tf.loadLayersModel` reads: `model.json` (topology + manifest) and its weights file. */
export interface LayersModelFiles {
  modelJson: {
    format: 'layers-model';
    generatedBy: string;
    convertedBy: null;
    modelTopology: Record<string, unknown>;
    weightsManifest: tf.io.WeightsManifestConfig;
  };
  weights: Uint8Array;
}

/**
 * A dense model (the lab's) as a tfjs LayersModel: a Keras-style `Sequential` of four `Dense` layers (`fc1`…`fc4`,
 * kernels `[in, out]` as tfjs stores them), so any tfjs app can serve it with
 * `tf.loadLayersModel('…/model.json')` or convert it onward.
 */
export async function toLayersModel(model: Autoencoder, weightsFile = 'weights.bin'): Promise<LayersModelFiles> {
  const other = model.spec.layers.find((l) => l.kind !== 'dense');
  if (other) throw new RangeError(`a tfjs LayersModel export holds dense layers only, this model has ${other.kind}`);
  const named: tf.NamedTensorMap = {};
  const variables = model.parameters;
  parameterLayout(model.spec).forEach((p, i) => {
    named[parameterName(p, 'layers-model')] = variables[i]!;
  });
  const layers = model.layers.map((l, i) => {
    const name = parameterName(parameterLayout(model.spec)[2 * i]!, 'layers-model').split('/')[0]!;
    return {
      class_name: 'Dense',
      config: {
        name,
        trainable: true,
        dtype: 'float32',
        units: l.outputSize,
        activation: LAYERS_ACTIVATIONS[l.activation],
        use_bias: true,
        ...(i === 0 ? { batch_input_shape: [null, l.inputSize] } : {}),
      },
    };
  });
  const { data, specs } = await tf.io.encodeWeights(named);
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'bottleneck',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'bottleneck_autoencoder', layers },
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [weightsFile], weights: specs }],
    },
    weights: new Uint8Array(data),
  };
}
