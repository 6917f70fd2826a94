import { layerKind } from './layers';
import { type MlpSizes, type ModelSpec, mlpSpec } from './model-spec';

/** A layer whose input does not fit it; `layer` is its index in `spec.layers`. */
export class LayerShapeError extends RangeError {
  override name = 'LayerShapeError';
  constructor(
    readonly layer: number,
    message: string,
  ) {
    super(`layers.${layer}: ${message}`);
  }
}

/**
 * The per-row shape of each layer's input, then the model's output: `[[784], [392], [8], [392],
 * [784]]` for the lab, `[1, 28, 28]` after a reshape, `[16, 14, 14]` after a stride-2 convolution.
 * Throws a LayerShapeError for a layer its input does not fit.
 */
export function layerShapes(spec: ModelSpec): number[][] {
  const shapes = [[spec.inputSize]];
  spec.layers.forEach((layer, i) => {
    try {
      shapes.push(layerKind(layer).outputShape(layer, shapes.at(-1)!));
    } catch (error) {
      throw new LayerShapeError(i, (error as Error).message);
    }
  });
  return shapes;
}

/** The number of values in each layer's input, then the model's output: `[784, 392, 8, 392, 784]` for the lab. */
export function layerWidths(spec: ModelSpec): number[] {
  return layerShapes(spec).map((shape) => shape.reduce((a, b) => a * b, 1));
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

/** The width of the noise ε a training step takes: the variational layer's latent size, or 0. */
export function latentNoiseWidth(spec: ModelSpec): number {
  const layer = spec.layers.find((l) => l.kind === 'variational');
  return layer?.kind === 'variational' ? layer.latent : 0;
}
