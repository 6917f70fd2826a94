/** A dense layer's nonlinearity; `linear` is none. */
export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'leaky-relu' | 'linear';

/** A fully connected layer, `y = activation(x·W + b)`: PyTorch's `nn.Linear` and an activation. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation: Activation;
}

/** One layer of a model. Open to more kinds: each kind has its own file under `layers/`. */
export type LayerSpec = DenseSpec;

/**
 * A model as plain data: the size of one flattened input and its layers in order. The first
 * `encoderLayers` layers map an input to its code; the rest decode the code.
 */
export interface ModelSpec {
  inputSize: number;
  layers: readonly LayerSpec[];
  encoderLayers: number;
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
  return [spec.inputSize, ...spec.layers.map((l) => l.units)];
}

/** The code's width: the output of the last encoder layer. */
export function codeSize(spec: ModelSpec): number {
  return layerWidths(spec)[spec.encoderLayers]!;
}

/** The lab's sizes when `spec` is exactly `mlpSpec` of some sizes; otherwise null. */
export function mlpSizesOf(spec: ModelSpec): MlpSizes | null {
  if (spec.layers.length !== 4) return null;
  const sizes = { inputSize: spec.inputSize, hiddenSize: spec.layers[0]!.units, bottleneckSize: spec.layers[1]!.units };
  return JSON.stringify(mlpSpec(sizes)) === JSON.stringify(spec) ? sizes : null;
}
