import {
  type Activation,
  countParameters as countSpecParameters,
  inferenceGraph,
  codeSize,
  layerShapes,
  type ModelPart,
  type ModelSpec,
  mlpSizesOf,
  mlpSpec,
  parseModelSpec,
  parameterLayout,
  parameterName,
} from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { type AutoencoderConfig, DEFAULT_CONFIG, validateConfig } from './config';
import { Pcg64 } from './pcg64';

export type { AutoencoderConfig } from './config';
export { CONFIG_LIMITS, countParameters, DEFAULT_CONFIG, validateConfig } from './config';

export type { Activation };

/** torchsummary's names of the layers with an activation. */
const TORCH_MODULE_NAMES = { dense: 'Linear', conv2d: 'Conv2d', 'conv-transpose2d': 'ConvTranspose2d' } as const;

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
  /** The dense layers (the lab's whole model); every kind's tensors are in `parameters`. */
  readonly layers: readonly DenseLayer[];
  private readonly variables: readonly tf.Variable[];
  private readonly interpreters = new Map<ModelPart, GraphInterpreter>();

  /** `variables`: one per tensor of `parameterLayout(spec)` (`[in, out]` dense kernels), in its order. */
  constructor(spec: ModelSpec, variables: readonly tf.Variable[]) {
    this.spec = spec;
    this.variables = variables;
    const layout = parameterLayout(spec);
    this.layers = spec.layers.flatMap((layer, i): DenseLayer[] => {
      if (layer.kind !== 'dense') return [];
      const k = layout.findIndex((p) => p.layer === i);
      const [inputSize, outputSize] = layout[k]!.dims as [number, number];
      const name = parameterName(layout[k]!, 'model-json').split('/')[0]!;
      const kernel = variables[k] as tf.Variable<tf.Rank.R2>;
      const bias = variables[k + 1] as tf.Variable<tf.Rank.R1>;
      return [{ name, inputSize, outputSize, activation: layer.activation, kernel, bias }];
    });
    // the lab's sizes; for another spec, its input, first dense width (or code size) and code size
    this.config = mlpSizesOf(spec) ?? {
      inputSize: spec.inputSize,
      hiddenSize: this.layers[0]?.outputSize ?? codeSize(spec),
      bottleneckSize: codeSize(spec),
    };
  }

  /** All variables in `parameterLayout` order: each layer's kernel then bias (a VAE's μ then log σ² head). */
  get parameters(): tf.Variable[] {
    return [...this.variables];
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

  /**
   * The layer table in the format of `torchsummary.summary(model, (inputSize,))`: one row per
   * PyTorch module (a reshape is no module; a variational layer is its two Linear heads).
   */
  summary(): string {
    const row = (a: string, b: string, c: string) => `${a.padStart(20)}  ${b.padStart(25)} ${c.padStart(15)}`;
    const fmt = (n: number) => n.toLocaleString('en-US');
    const lines = ['-'.repeat(64), row('Layer (type)', 'Output Shape', 'Param #'), '='.repeat(64)];
    const shapes = layerShapes(this.spec);
    const layout = parameterLayout(this.spec);
    let outputs = 0;
    let k = 1;
    const module = (type: string, shape: readonly number[], params: number) => {
      lines.push(row(`${type}-${k++}`, `[-1, ${shape.join(', ')}]`, fmt(params)));
      outputs += shape.reduce((a, b) => a * b, 1);
    };
    this.spec.layers.forEach((layer, i) => {
      const shape = shapes[i + 1]!;
      const own = layout.filter((p) => p.layer === i);
      const params = (head?: string) => own.filter((p) => p.head === head).reduce((n, p) => n + p.size, 0);
      if (layer.kind === 'reshape' || layer.kind === 'l1-activity') return;
      if (layer.kind === 'variational') {
        module('Linear', shape, params('mu'));
        module('Linear', shape, params('logvar'));
        return;
      }
      module(TORCH_MODULE_NAMES[layer.kind], shape, params());
      if (layer.activation !== 'linear') module(TORCH_ACTIVATION_NAMES[layer.activation], shape, 0);
    });
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

  /** Copies of the parameters, keyed by their model.json names (`dense{n}/kernel`, `conv{n}/bias`, …). */
  getWeights(): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    parameterLayout(this.spec).forEach((p, i) => {
      out[parameterName(p, 'model-json')] = this.variables[i]!.clone();
    });
    return out;
  }

  /** Assigns parameters from a map shaped like `getWeights()`; shapes must match. */
  setWeights(weights: tf.NamedTensorMap): void {
    parameterLayout(this.spec).forEach((p, i) => {
      const key = parameterName(p, 'model-json');
      const v = this.variables[i]!;
      const w = weights[key];
      if (!w) throw new Error(`weights: missing ${key}`);
      if (!tf.util.arraysEqual(w.shape, v.shape)) {
        throw new Error(`weights: ${key} has shape [${w.shape}], expected [${v.shape}]`);
      }
      v.assign(w);
    });
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
 * A new autoencoder with PyTorch's default initialisation of every layer (`nn.Linear`,
 * `nn.Conv2d`, `nn.ConvTranspose2d`): each tensor ~ U(−1/√fan_in, 1/√fan_in) with fan_in its
 * layer's weight's (in features; in channels·k² for Conv2d; PyTorch's weight.size(1)·k² = out
 * channels·k² for ConvTranspose2d), drawn exactly as a NumPy reference draws them:
 *
 *     rng = np.random.default_rng(seed)
 *     for p in parameterLayout(spec, 'in-out'):   # layer order; kernel, then bias;
 *         # a variational layer: μ kernel, μ bias, log σ² kernel, log σ² bias
 *         bound = 1 / sqrt(p.fanIn)
 *         values = rng.uniform(-bound, bound, size=prod(p.dims)).astype(np.float32)
 *         # row-major in p.dims: dense kernels [in, out] (PyTorch's weight is its transpose),
 *         # conv weights [out, in, k, k] and conv-transpose weights [in, out, k, k] as PyTorch's
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
  const variables = parameterLayout(spec).map((p) => uniformVariable(p.dims, 1 / Math.sqrt(p.fanIn), random));
  return new Autoencoder(spec, variables);
}
