import * as tf from '@tensorflow/tfjs-core';
import { Pcg64 } from './pcg64';

export type Activation = 'relu' | 'sigmoid';

export interface AutoencoderConfig {
  inputSize: number;
  hiddenSize: number;
  bottleneckSize: number;
}

export const DEFAULT_CONFIG: AutoencoderConfig = { inputSize: 784, hiddenSize: 392, bottleneckSize: 8 };

/** One fully connected layer, `y = activation(x · kernel + bias)`, kernel stored `[in, out]`. */
export interface DenseLayer {
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: Activation;
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

function layerShapes(c: AutoencoderConfig): [number, number, Activation][] {
  return [
    [c.inputSize, c.hiddenSize, 'relu'],
    [c.hiddenSize, c.bottleneckSize, 'relu'],
    [c.bottleneckSize, c.hiddenSize, 'relu'],
    [c.hiddenSize, c.inputSize, 'sigmoid'],
  ];
}

/** Number of parameters (weights and biases) of a model of these sizes. */
export function countParameters(c: AutoencoderConfig): number {
  return layerShapes(c).reduce((n, [inputSize, outputSize]) => n + inputSize * outputSize + outputSize, 0);
}

/**
 * The largest sizes a config may have: 65,536 features (256×256 images), 8,192 hidden units, and
 * at most 64M parameters (256 MB of float32), so a config read from a file cannot make anything
 * allocate more than that.
 */
export const CONFIG_LIMITS = { inputSize: 65_536, hiddenSize: 8_192, bottleneckSize: 8_192, parameters: 64 * 2 ** 20 };

/** Throws a RangeError naming the first size that is not an integer within `CONFIG_LIMITS`. */
export function validateConfig(c: AutoencoderConfig): void {
  for (const key of ['inputSize', 'hiddenSize', 'bottleneckSize'] as const) {
    const v = c[key];
    if (!Number.isInteger(v) || v < 1 || v > CONFIG_LIMITS[key]) {
      throw new RangeError(`${key} must be an integer from 1 to ${CONFIG_LIMITS[key]}, got ${v}`);
    }
  }
  const n = countParameters(c);
  if (n > CONFIG_LIMITS.parameters) {
    throw new RangeError(`${n} parameters, more than the ${CONFIG_LIMITS.parameters} allowed`);
  }
}

/**
 * The lab's MLP autoencoder: input → hidden (ReLU) → bottleneck (ReLU) → hidden (ReLU) → input (sigmoid).
 * Parameters are tfjs variables; the model holds no other tensors.
 */
export class Autoencoder {
  readonly config: AutoencoderConfig;
  readonly layers: readonly [DenseLayer, DenseLayer, DenseLayer, DenseLayer];

  constructor(config: AutoencoderConfig, layers: readonly [DenseLayer, DenseLayer, DenseLayer, DenseLayer]) {
    this.config = config;
    this.layers = layers;
  }

  /** All variables in a fixed order: kernel, bias of each layer. */
  get parameters(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias]);
  }

  /** Reconstruction of `x` `[batch, inputSize]`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.decode(this.encode(x)));
  }

  /** Bottleneck codes `[batch, bottleneckSize]`. */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.run(x, 0, 2));
  }

  /** Images `[batch, inputSize]` in (0,1) from bottleneck codes. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.run(z, 2, 4));
  }

  private run(x: tf.Tensor2D, from: number, to: number): tf.Tensor2D {
    let h = x;
    for (let i = from; i < to; i++) {
      const l = this.layers[i]!;
      h = tf.fused.matMul({ a: h, b: l.kernel, bias: l.bias, activation: l.activation }) as tf.Tensor2D;
    }
    return h;
  }

  parameterCount(): number {
    return countParameters(this.config);
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
      lines.push(row(`${l.activation === 'relu' ? 'ReLU' : 'Sigmoid'}-${k++}`, shape, '0'));
      outputs += 2 * l.outputSize;
    }
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
  }
}

export interface CreateAutoencoderOptions extends Partial<AutoencoderConfig> {
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
  const { seed = 0, random = new Pcg64(seed), ...sizes } = options;
  const config: AutoencoderConfig = { ...DEFAULT_CONFIG, ...sizes };
  validateConfig(config);
  const layers = layerShapes(config).map(([inputSize, outputSize, activation], i) => {
    const bound = 1 / Math.sqrt(inputSize);
    const name = `dense${i + 1}`;
    const kernel = uniformVariable([inputSize, outputSize], bound, random) as tf.Variable<tf.Rank.R2>;
    const bias = uniformVariable([outputSize], bound, random) as tf.Variable<tf.Rank.R1>;
    return { name, inputSize, outputSize, activation, kernel, bias };
  });
  return new Autoencoder(config, layers as [DenseLayer, DenseLayer, DenseLayer, DenseLayer]);
}
