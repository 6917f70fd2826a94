import { transpose } from './transpose';
import { layerKind } from './layers';
import { layerShapes } from './model-shape';
import type { KernelLayout, LayerSpec, ModelSpec } from './model-spec';

/** The formats that name parameters, each its own way. */
export type ParameterFormat = 'model-json' | 'safetensors' | 'layers-model' | 'onnx';

/** One parameter tensor of a model. */
export interface ParameterInfo {
  /** Index of its layer in `spec.layers`. */
  layer: number;
  /** Its layer's kind. */
  kind: LayerSpec['kind'];
  role: 'kernel' | 'bias';
  /** A variational layer's head: μ or log σ². */
  head?: 'mu' | 'logvar';
  /** Its shape in the layout asked for. */
  dims: number[];
  size: number;
  /** Its offset in the flat parameter vector (each layer's tensors in order). */
  offset: number;
  /** Its name in the graphs (`w1`, `b1`, …; `w2_mu`, `b2_logvar` for a variational layer's heads). */
  name: string;
  /** PyTorch's fan-in of its layer's weight: it is initialised U(±1/√fanIn). */
  fanIn: number;
}

/**
 * Every parameter's name, shape and place in the flat vector, in layer order (kernel then bias;
 * a variational layer's μ kernel, μ bias, log σ² kernel, log σ² bias): the one function of the
 * spec that every format and runtime takes its shapes from.
 */
export function parameterLayout(spec: ModelSpec, kernels: KernelLayout = 'in-out'): ParameterInfo[] {
  const shapes = layerShapes(spec);
  let offset = 0;
  return spec.layers.flatMap((layer, i) =>
    layerKind(layer)
      .parameterShapes(layer, shapes[i]!, kernels)
      .map(({ role, dims, head, fanIn }) => {
        const size = dims.reduce((a, b) => a * b, 1);
        const name = `${role === 'kernel' ? 'w' : 'b'}${i + 1}${head ? `_${head}` : ''}`;
        const p: ParameterInfo = { layer: i, kind: layer.kind, role, dims, size, offset, name, fanIn };
        if (head) p.head = head;
        offset += size;
        return p;
      }),
  );
}

/** The number of parameters (weights and biases). */
export function countParameters(spec: ModelSpec): number {
  return parameterLayout(spec).reduce((n, p) => n + p.size, 0);
}

/** A layer's module name in model.json and in PyTorch (`state_dict`), by its kind. */
const MODULE_NAMES: Record<LayerSpec['kind'], [json: string, torch: string]> = {
  dense: ['dense', 'fc'],
  variational: ['variational', 'fc'],
  conv2d: ['conv', 'conv'],
  'conv-transpose2d': ['deconv', 'deconv'],
  reshape: ['reshape', 'reshape'],
  'l1-activity': ['l1', 'l1'],
};

/**
 * A parameter's name in a format, n being its layer's 1-based index in the spec:
 * - model-json: `dense{n}/kernel`, `conv{n}/bias`, `deconv{n}/kernel`, `variational{n}/mu_kernel`;
 * - safetensors (a PyTorch `state_dict`): `fc{n}.weight`, `conv{n}.bias`, `deconv{n}.weight`, and
 *   a variational layer's heads `fc{n}1.*` (μ) and `fc{n}2.*` (log σ²), as pytorch/examples' VAE
 *   names them (fc21, fc22);
 * - layers-model (tfjs): `fc{n}/kernel`; onnx: the graphs' names.
 */
export function parameterName(p: ParameterInfo, format: ParameterFormat): string {
  const n = p.layer + 1;
  const [json, torch] = MODULE_NAMES[p.kind];
  switch (format) {
    case 'model-json':
      return `${json}${n}/${p.head ? `${p.head}_` : ''}${p.role}`;
    case 'safetensors': {
      const head = p.head === 'mu' ? '1' : p.head === 'logvar' ? '2' : '';
      return `${torch}${n}${head}.${p.role === 'kernel' ? 'weight' : 'bias'}`;
    }
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
 * A flat parameter vector laid out as `from` says, in the layout `to`: every dense kernel (2-d)
 * transposed when the two differ; biases and convolution weights (one layout) copied.
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
    if (p.role === 'kernel' && p.dims.length === 2) transpose(part, p.dims[0]!, p.dims[1]!, dst);
    else dst.set(part);
  }
  return out;
}
