import { layerKind } from './layers';
import { type MlpSizes, type ModelSpec, mlpSpec } from './model-spec';

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
