import { layerKind } from './layers';

/** A dense layer's nonlinearity; `linear` is none. */
export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'leaky-relu' | 'linear';

/** A fully connected layer, `y = activation(x·W + b)`: PyTorch's `nn.Linear` and an activation. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation: Activation;
}

/**
 * An L1 penalty on the activity passing through (Keras `ActivityRegularization(l1=…)`, a sparse
 * autoencoder's code): y = x, and the loss gains weight · Σ|x| per row, averaged over rows.
 */
export interface L1ActivitySpec {
  kind: 'l1-activity';
  weight: number;
}

/** One layer of a model. Open to more kinds: each kind has its own file under `layers/`. */
export type LayerSpec = DenseSpec | L1ActivitySpec;

/** The reconstruction losses: `nn.MSELoss()`, `nn.BCELoss()`, BCE summed per image (the VAE's). */
export type LossName = 'mse' | 'bce' | 'bce-sum';

/**
 * A model as plain data: the size of one flattened input and its layers in order. The first
 * `encoderLayers` layers map an input to its code; the rest decode the code.
 */
export interface ModelSpec {
  inputSize: number;
  layers: readonly LayerSpec[];
  encoderLayers: number;
  /** The reconstruction loss (default `mse`, the lab's). */
  loss?: LossName;
}

/** The lab's sizes: input, hidden and bottleneck widths. */
export interface MlpSizes {
  inputSize: number;
  hiddenSize: number;
  bottleneckSize: number;
}

/** The lab's MLP: input → hidden (ReLU) → bottleneck (ReLU) → hidden (ReLU) → input (sigmoid). */
export function mlpSpec({ inputSize, hiddenSize, bottleneckSize }: MlpSizes): ModelSpec {
  const dense = (units: number, activation: Activation): DenseSpec => ({ kind: 'dense', units, activation });
  return {
    inputSize,
    layers: [
      dense(hiddenSize, 'relu'),
      dense(bottleneckSize, 'relu'),
      dense(hiddenSize, 'relu'),
      dense(inputSize, 'sigmoid'),
    ],
    encoderLayers: 2,
  };
}

/** The width of each layer's input, then the model's output: `[784, 392, 8, 392, 784]` for the lab. */
export function layerWidths(spec: ModelSpec): number[] {
  const widths = [spec.inputSize];
  for (const layer of spec.layers) widths.push(layerKind(layer).outputWidth(layer, widths.at(-1)!));
  return widths;
}

/** The code's width: the output of the last encoder layer. */
export function codeSize(spec: ModelSpec): number {
  return layerWidths(spec)[spec.encoderLayers]!;
}

/** The lab's sizes when `spec` is exactly `mlpSpec` of some sizes; otherwise null. */
export function mlpSizesOf(spec: ModelSpec): MlpSizes | null {
  const [hidden, code] = spec.layers;
  if (hidden?.kind !== 'dense' || code?.kind !== 'dense') return null;
  const sizes = { inputSize: spec.inputSize, hiddenSize: hidden.units, bottleneckSize: code.units };
  const { loss = 'mse', ...rest } = spec;
  return loss === 'mse' && JSON.stringify(mlpSpec(sizes)) === JSON.stringify(rest) ? sizes : null;
}
