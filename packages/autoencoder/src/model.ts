import {
  type Activation,
  countParameters as countSpecParameters,
  inferenceGraph,
  codeSize,
  type ModelPart,
  type ModelSpec,
  mlpSizesOf,
  mlpSpec,
  parseModelSpec,
  parameterLayout,
  type ParameterInfo,
  parameterName,
} from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { type AutoencoderConfig, DEFAULT_CONFIG, validateConfig } from './config';
import { Pcg64 } from './pcg64';

export type { AutoencoderConfig } from './config';
export { CONFIG_LIMITS, countParameters, DEFAULT_CONFIG, validateConfig } from './config';

export type { Activation };

/** torchsummary's names of the activations. */
const TORCH_ACTIVATION_NAMES: Record<Activation, string> = {
  relu: 'ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  'leaky-relu': 'LeakyReLU',
  linear: 'Identity',
};

/** One fully connected layer, `y = activation(x · kernel + bias)`, kernel stored `[in, out]`. */
export interface DenseLayer {
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: Activation;
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/**
 * The lab's MLP autoencoder (`mlpSpec`): its parameters as tfjs variables, and its forward pass,
 * encoder and decoder run from the spec's inference graphs (the one definition of its math).
 */
export class Autoencoder {
  readonly config: AutoencoderConfig;
  readonly spec: ModelSpec;
  readonly layers: readonly DenseLayer[];
  private readonly interpreters = new Map<ModelPart, GraphInterpreter>();

  constructor(spec: ModelSpec, layers: readonly DenseLayer[]) {
    this.spec = spec;
    // the lab's sizes; for another spec, its input, first hidden width and code size
    this.config = mlpSizesOf(spec) ?? {
      inputSize: spec.inputSize,
      hiddenSize: layers[0]?.outputSize ?? 0,
      bottleneckSize: codeSize(spec),
    };
    this.layers = layers;
  }

  /** All variables in a fixed order: kernel, bias of each layer (`parameterLayout` order). */
  get parameters(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias]);
  }

  /** Reconstruction of `x` `[batch, inputSize]`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return this.run('model', x);
  }

  /** Bottleneck codes `[batch, bottleneckSize]`. */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return this.run('encoder', x);
  }

  /** Images `[batch, inputSize]` in (0,1) from bottleneck codes. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return this.run('decoder', z);
  }

  private run(part: ModelPart, x: tf.Tensor2D): tf.Tensor2D {
    let interpreter = this.interpreters.get(part);
    if (!interpreter) {
      interpreter = new GraphInterpreter(inferenceGraph(this.spec, { part }));
      this.interpreters.set(part, interpreter);
    }
    // the variables by their graph names: a graph ignores the parameters of layers it does not run
    const variables = this.parameters;
    const feeds: Record<string, tf.Tensor> = { x };
    parameterLayout(this.spec).forEach((p, i) => {
      feeds[p.name] = variables[i]!;
    });
    return interpreter.run(feeds, ['y']).y as tf.Tensor2D;
  }

  parameterCount(): number {
    return countSpecParameters(this.spec);
  }

  /** The layer table in the format of `torchsummary.summary(model, (inputSize,))`. */
  summary(): string {
    const row = (a: string, b: string, c: string) => `${a.padStart(20)}  ${b.padStart(25)} ${c.padStart(15)}`;
    const fmt = (n: number) => n.toLocaleString('en-US');
    const lines = ['-'.repeat(64), row('Layer (type)', 'Output Shape', 'Param #'), '='.repeat(64)];
    let outputs = 0;
    let k = 1;
    for (const l of this.layers) {
      const shape = `[-1, ${l.outputSize}]`;
      lines.push(row(`Linear-${k++}`, shape, fmt(l.inputSize * l.outputSize + l.outputSize)));
      if (l.activation === 'linear') continue;
      lines.push(row(`${TORCH_ACTIVATION_NAMES[l.activation]}-${k++}`, shape, '0'));
      outputs += l.outputSize;
    }
    outputs += this.layers.reduce((n, l) => n + l.outputSize, 0);
    const params = this.parameterCount();
    const mb = (floats: number) => (floats * 4) / 1024 ** 2;
    const input = mb(this.config.inputSize);
    const activations = mb(2 * outputs);
    const weights = mb(params);
    lines.push(
      '='.repeat(64),
      `Total params: ${fmt(params)}`,
      `Trainable params: ${fmt(params)}`,
      'Non-trainable params: 0',
      '-'.repeat(64),
      `Input size (MB): ${input.toFixed(2)}`,
      `Forward/backward pass size (MB): ${activations.toFixed(2)}`,
      `Params size (MB): ${weights.toFixed(2)}`,
      `Estimated Total Size (MB): ${(input + activations + weights).toFixed(2)}`,
      '-'.repeat(64),
    );
    return lines.join('\n');
  }

  /** Copies of the parameters, keyed `dense{i}/kernel` and `dense{i}/bias`. */
  getWeights(): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    for (const l of this.layers) {
      out[`${l.name}/kernel`] = l.kernel.clone();
      out[`${l.name}/bias`] = l.bias.clone();
    }
    return out;
  }

  /** Assigns parameters from a map shaped like `getWeights()`; shapes must match. */
  setWeights(weights: tf.NamedTensorMap): void {
    for (const l of this.layers) {
      for (const [v, key] of [
        [l.kernel, `${l.name}/kernel`],
        [l.bias, `${l.name}/bias`],
      ] as const) {
        const w = weights[key];
        if (!w) throw new Error(`weights: missing ${key}`);
        if (!tf.util.arraysEqual(w.shape, v.shape)) {
          throw new Error(`weights: ${key} has shape [${w.shape}], expected [${v.shape}]`);
        }
        (v as tf.Variable).assign(w);
      }
    }
  }

  dispose(): void {
    for (const v of this.parameters) v.dispose();
    for (const interpreter of this.interpreters.values()) interpreter.dispose();
    this.interpreters.clear();
  }
}

export interface CreateAutoencoderOptions extends Partial<AutoencoderConfig> {
  /** The model's layers (checked against `MODEL_LIMITS`); without it, the lab's MLP of the sizes given. */
  spec?: ModelSpec;
  /**
   * Seed of the initialisation: the weights `np.random.default_rng(seed)` draws, the same on
   * every backend. Ignored when `random` is given.
   */
  seed?: number;
  /** Draw the initialisation from this generator (and leave it advanced, e.g. for shuffling next). */
  random?: Pcg64;
}

function uniformVariable(shape: number[], bound: number, random: Pcg64): tf.Variable {
  const values = random.uniform(-bound, bound, new Float32Array(shape.reduce((a, b) => a * b, 1)));
  const init = tf.tensor(values, shape, 'float32');
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/**
 * A new autoencoder with PyTorch `nn.Linear` default initialisation:
 * kernel and bias ~ U(-1/√fan_in, 1/√fan_in), drawn layer by layer (kernel `[in, out]`, then
 * bias) exactly as the lab's NumPy reference draws them.
 */
export function createAutoencoder(options: CreateAutoencoderOptions = {}): Autoencoder {
  const { seed = 0, random = new Pcg64(seed), spec: given, ...sizes } = options;
  let spec: ModelSpec;
  if (given) spec = parseModelSpec(given, 'spec');
  else {
    const config: AutoencoderConfig = { ...DEFAULT_CONFIG, ...sizes };
    validateConfig(config);
    spec = mlpSpec(config);
  }
  const layout = parameterLayout(spec);
  const layers = spec.layers.flatMap((layer, i): DenseLayer[] => {
    // a layer without parameters (an activity penalty) holds no variables
    if (layer.kind !== 'dense') return [];
    const [k, b] = layout.filter((p) => p.layer === i) as [ParameterInfo, ParameterInfo];
    const [inputSize, outputSize] = k.dims as [number, number];
    const bound = 1 / Math.sqrt(inputSize);
    const kernel = uniformVariable(k.dims, bound, random) as tf.Variable<tf.Rank.R2>;
    const bias = uniformVariable(b.dims, bound, random) as tf.Variable<tf.Rank.R1>;
    const name = parameterName(k, 'model-json').split('/')[0]!;
    return [{ name, inputSize, outputSize, activation: layer.activation, kernel, bias }];
  });
  return new Autoencoder(spec, layers);
}
