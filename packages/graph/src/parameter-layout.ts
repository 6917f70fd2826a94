import { transpose } from './transpose';
import { layerKind } from './layers';
import { layerWidths } from './model-shape';
import type { KernelLayout, ModelSpec } from './model-spec';

/** The formats that name parameters, each its own way. */
export type ParameterFormat = 'model-json' | 'safetensors' | 'layers-model' | 'onnx';

/** One parameter tensor of a model. */
export interface ParameterInfo {
  /** Index of its layer in `spec.layers`. */
  layer: number;
  role: 'kernel' | 'bias';
  /** Its shape in the layout asked for. */
  dims: number[];
  size: number;
  /** Its offset in the flat parameter vector (kernel then bias of each layer, in order). */
  offset: number;
  /** Its name in the graphs (`w1`, `b1`, …). */
  name: string;
}

/**
 * Every parameter's name, shape and place in the flat vector, kernel then bias per layer: the
 * one function of the spec that every format and runtime takes its shapes from.
 */
export function parameterLayout(spec: ModelSpec, kernels: KernelLayout = 'in-out'): ParameterInfo[] {
  const widths = layerWidths(spec);
  let offset = 0;
  return spec.layers.flatMap((layer, i) =>
    layerKind(layer)
      .parameterShapes(layer, widths[i]!, kernels)
      .map(({ role, dims }) => {
        const size = dims.reduce((a, b) => a * b, 1);
        const p: ParameterInfo = {
          layer: i,
          role,
          dims,
          size,
          offset,
          name: `${role === 'kernel' ? 'w' : 'b'}${i + 1}`,
        };
        offset += size;
        return p;
      }),
  );
}

/** The number of parameters (weights and biases). */
export function countParameters(spec: ModelSpec): number {
  return parameterLayout(spec).reduce((n, p) => n + p.size, 0);
}

/**
 * A parameter's name in a format: `dense1/kernel` in model.json, `fc1.weight` in the lab's
 * PyTorch `state_dict` (safetensors), `fc1/kernel` in a tfjs LayersModel, `w1` in ONNX graphs.
 */
export function parameterName(p: ParameterInfo, format: ParameterFormat): string {
  const n = p.layer + 1;
  switch (format) {
    case 'model-json':
      return `dense${n}/${p.role}`;
    case 'safetensors':
      return `fc${n}.${p.role === 'kernel' ? 'weight' : 'bias'}`;
    case 'layers-model':
      return `fc${n}/${p.role}`;
    case 'onnx':
      return p.name;
  }
}

/** The layout a format stores kernels in. */
export function formatKernels(format: ParameterFormat): KernelLayout {
  return format === 'safetensors' ? 'out-in' : 'in-out';
}

/**
 * A flat parameter vector laid out as `from` says, in the layout `to`: every kernel transposed
 * when the two differ, biases copied.
 */
export function relayout(spec: ModelSpec, flat: Float32Array, from: KernelLayout, to: KernelLayout): Float32Array {
  const out = new Float32Array(flat.length);
  if (from === to) {
    out.set(flat);
    return out;
  }
  for (const p of parameterLayout(spec, from)) {
    const part = flat.subarray(p.offset, p.offset + p.size);
    const dst = out.subarray(p.offset, p.offset + p.size);
    if (p.role === 'kernel') transpose(part, p.dims[0]!, p.dims[1]!, dst);
    else dst.set(part);
  }
  return out;
}
