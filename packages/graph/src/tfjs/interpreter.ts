import * as tf from '@tensorflow/tfjs-core';
import { DataType, type GraphProto, type NodeProto, type TensorProto } from '../onnx-proto';

type Attrs = Record<string, number | number[]>;
type Kernel = (inputs: (tf.Tensor | undefined)[], attrs: Attrs, consts: (number[] | undefined)[]) => tf.Tensor;

function attrsOf(node: NodeProto): Attrs {
  const out: Attrs = {};
  for (const a of node.attribute ?? []) out[a.name] = a.ints ?? a.i ?? a.f ?? 0;
  return out;
}

/** tfjs's fused matMul activations for the ONNX activation that may follow a Gemm. */
const FUSABLE: Record<string, tf.fused.Activation> = { Relu: 'relu', Sigmoid: 'sigmoid', LeakyRelu: 'leakyrelu' };

function broadcastTo(t: tf.Tensor, shape: number[]): tf.Tensor {
  return t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : tf.broadcastTo(t, shape);
}

/** NCHW (ONNX) to NHWC (tfjs's convolutions) and back. */
const TO_NHWC = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];
/** ONNX's `[out, in, kh, kw]` Conv weight (and `[in, out, kh, kw]` ConvTranspose weight) as tfjs's `[kh, kw, ·, ·]`. */
const TO_HWIO = [2, 3, 1, 0];

function checkConvAttrs(op: string, { group = 1, pads = [0, 0, 0, 0], strides = [1, 1], dilations = [1, 1] }: Attrs) {
  const [t, l, b, r] = pads as number[];
  const [sh, sw] = strides as number[];
  const [dh, dw] = dilations as number[];
  if (group !== 1 || t !== b || l !== r || sh !== sw || dh !== dw) {
    throw new Error(`interpreter: ${op} with groups or unequal pads, strides or dilations is not supported`);
  }
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [t!, b!],
    [l!, r!],
    [0, 0],
  ];
  return { pad, stride: sh!, dilation: dh! };
}

/** The result in NCHW, plus a bias `[M]` when given. */
function fromNhwc(y: tf.Tensor4D, bias: tf.Tensor | undefined): tf.Tensor {
  return tf.transpose(bias ? tf.add(y, bias) : y, TO_NCHW);
}

/** Each ONNX op the graphs use, as tfjs ops. */
const KERNELS: Record<string, Kernel> = {
  Add: ([a, b]) => tf.add(a!, b!),
  Sub: ([a, b]) => tf.sub(a!, b!),
  Mul: ([a, b]) => tf.mul(a!, b!),
  Div: ([a, b]) => tf.div(a!, b!),
  Sqrt: ([a]) => tf.sqrt(a!),
  Log: ([a]) => tf.log(a!),
  Exp: ([a]) => tf.exp(a!),
  Neg: ([a]) => tf.neg(a!),
  Sign: ([a]) => tf.sign(a!),
  Max: ([a, b]) => tf.maximum(a!, b!),
  Relu: ([a]) => tf.relu(a!),
  Sigmoid: ([a]) => tf.sigmoid(a!),
  Tanh: ([a]) => tf.tanh(a!),
  LeakyRelu: ([a], { alpha }) => tf.leakyRelu(a!, alpha as number),
  Identity: ([a]) => tf.clone(a!),
  Greater: ([a, b]) => tf.greater(a!, b!),
  Cast: ([a]) => tf.cast(a!, 'float32'),
  Where: ([c, a, b], _, [, constA, constB]) => {
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(
      tf.broadcast_util.assertAndGetBroadcastShape(c!.shape, a!.shape),
      b!.shape,
    );
    // a constant scalar branch (ReLU's 0) is filled, not tiled: tfjs-wasm's Tile is a slow loop
    const branch = (t: tf.Tensor, value?: number[]) =>
      value?.length === 1 && t.size === 1 ? tf.fill(shape, value[0]!) : broadcastTo(t, shape);
    return tf.where(broadcastTo(c!, shape), branch(a!, constA), branch(b!, constB));
  },
  ReduceSum: ([a], { keepdims = 1 }, [, axes]) => tf.sum(a!, axes, keepdims === 1),
  ReduceSumSquare: ([a], { axes, keepdims = 1 }) => tf.sum(tf.square(a!), axes as number[], keepdims === 1),
  ReduceL1: ([a], { axes, keepdims = 1 }) => tf.sum(tf.abs(a!), axes as number[], keepdims === 1),
  Reshape: ([a], _, [, shape]) =>
    tf.reshape(
      a!,
      shape!.map((d, i) => (d === 0 ? a!.shape[i]! : d)),
    ),
  Transpose: ([a], { perm }) => tf.transpose(a!, perm as number[]),
  Flatten: ([a], { axis = 1 }) => {
    const size = (dims: number[]) => dims.reduce((n, d) => n * d, 1);
    return tf.reshape(a!, [size(a!.shape.slice(0, axis as number)), size(a!.shape.slice(axis as number))]);
  },
  Concat: (inputs, { axis }) => tf.concat(inputs as tf.Tensor[], axis as number),
  MatMul: ([a, b]) => tf.matMul(a!, b!),
  // ONNX lists every axis's leading pads, then every axis's trailing ones
  Pad: ([a], _, [, pads]) =>
    tf.pad(
      a!,
      a!.shape.map((_, i) => [pads![i]!, pads![i + a!.rank]!] as [number, number]),
    ),
  Slice: ([a], _, [, starts, ends, axes, steps]) => {
    const shape = a!.shape;
    const begin = shape.map(() => 0);
    const end = [...shape];
    const strides = shape.map(() => 1);
    starts!.forEach((start, i) => {
      const axis = axes ? axes[i]! : i;
      const dim = shape[axis]!;
      const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
      begin[axis] = clamp(start);
      end[axis] = clamp(ends![i]!);
      strides[axis] = steps ? steps[i]! : 1;
    });
    return tf.stridedSlice(a!, begin, end, strides);
  },
  Conv: ([x, w, b], attrs) => {
    const { pad, stride, dilation } = checkConvAttrs('Conv', attrs);
    const nhwc = tf.transpose(x!, TO_NHWC) as tf.Tensor4D;
    const filter = tf.transpose(w!, TO_HWIO) as tf.Tensor4D;
    return fromNhwc(tf.conv2d(nhwc, filter, stride, pad, 'NHWC', dilation), b);
  },
  ConvTranspose: ([x, w, b], attrs) => {
    const { pad, stride } = checkConvAttrs('ConvTranspose', attrs);
    const [op0 = 0, op1 = 0] = (attrs.output_padding as number[] | undefined) ?? [];
    const [n, , h, wd] = x!.shape as number[];
    const [, m, kh, kw] = w!.shape as number[];
    const side = (size: number, k: number, p: number, op: number) => (size - 1) * stride - 2 * p + k + op;
    const out: [number, number, number, number] = [
      n!,
      side(h!, kh!, pad[1]![0], op0),
      side(wd!, kw!, pad[2]![0], op1),
      m!,
    ];
    const nhwc = tf.transpose(x!, TO_NHWC) as tf.Tensor4D;
    const filter = tf.transpose(w!, TO_HWIO) as tf.Tensor4D;
    return fromNhwc(tf.conv2dTranspose(nhwc, filter, out, stride, pad[1]![0]), b);
  },
};

/**
 * What tfjs-wasm runs slowly, lowered to what it runs on XNNPACK: a 2-d tensor summed over its
 * rows (a bias gradient) becomes ones[1, rows] · x instead of a transpose and a reduction.
 */
const WASM_LOWERINGS: Record<string, Kernel> = {
  ReduceSum: (inputs, attrs, consts) => {
    const [a] = inputs;
    const [, axes] = consts;
    if (a!.rank !== 2 || axes?.length !== 1 || axes[0] !== 0) return KERNELS.ReduceSum!(inputs, attrs, consts);
    const sum = tf.matMul(tf.ones([1, a!.shape[0]!]), a as tf.Tensor2D);
    return (attrs.keepdims ?? 1) === 1 ? sum : tf.reshape(sum, [a!.shape[1]!]);
  },
};

export interface InterpreterOptions {
  /**
   * Lower what tfjs-wasm runs slowly to what it runs on XNNPACK: matMul of explicitly transposed
   * copies instead of transposed operands (a scalar loop there), sums over rows as products with
   * a row of ones. Default: on wasm.
   */
  wasmLowerings?: boolean;
}

interface Step {
  node: NodeProto;
  attrs: Attrs;
  /** A following activation folded into this Gemm (tfjs fused matMul). */
  fused?: { node: NodeProto; activation: tf.fused.Activation; alpha?: number };
}

function constantOf(t: TensorProto): tf.Tensor | number[] {
  const bytes = t.rawData;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (t.dataType === DataType.INT64) return Array.from(new BigInt64Array(buffer), Number);
  const values =
    t.dataType === DataType.DOUBLE ? Float32Array.from(new Float64Array(buffer)) : new Float32Array(buffer);
  return tf.tensor(values, t.dims.map(Number), 'float32');
}

/**
 * Runs an ONNX graph of this project node by node on tfjs ops, on whatever backend tfjs has
 * (cpu, wasm, webgl, webgpu, node): the second executor of the one definition, beside ONNX
 * Runtime. Intermediates are freed after their last use; a Gemm followed by its only consumer
 * Relu/Sigmoid runs as one fused matMul.
 */
export class GraphInterpreter {
  private readonly steps: Step[] = [];
  private readonly tensors = new Map<string, tf.Tensor>();
  private readonly arrays = new Map<string, number[]>();
  private readonly lastUse = new Map<string, number>();
  private readonly wasmLowerings: boolean;
  private readonly kernels: Record<string, Kernel>;

  constructor(
    readonly graph: GraphProto,
    options: InterpreterOptions = {},
  ) {
    this.wasmLowerings = options.wasmLowerings ?? tf.getBackend() === 'wasm';
    this.kernels = this.wasmLowerings ? { ...KERNELS, ...WASM_LOWERINGS } : KERNELS;
    for (const init of graph.initializer) {
      const c = constantOf(init);
      if (Array.isArray(c)) this.arrays.set(init.name, c);
      else {
        this.tensors.set(init.name, tf.keep(c));
        // a scalar's value, for kernels that can use it as a number
        if (c.size === 1) this.arrays.set(init.name, Array.from(c.dataSync()));
      }
    }
    const uses = new Map<string, number>();
    for (const n of graph.node) for (const i of n.input) uses.set(i, (uses.get(i) ?? 0) + 1);
    const outputs = new Set(graph.output.map((o) => o.name));
    const nodes = graph.node;
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (!KERNELS[node.opType] && node.opType !== 'Gemm') throw new Error(`interpreter: no kernel for ${node.opType}`);
      const next = nodes[k + 1];
      const out = node.output[0]!;
      const activation = next && FUSABLE[next.opType];
      if (node.opType === 'Gemm' && activation && next.input[0] === out && uses.get(out) === 1 && !outputs.has(out)) {
        const alpha = attrsOf(next).alpha as number | undefined;
        this.steps.push({ node, attrs: attrsOf(node), fused: { node: next, activation, alpha } });
        k += 1;
      } else {
        this.steps.push({ node, attrs: attrsOf(node) });
      }
    }
    this.steps.forEach((s, index) => {
      for (const i of s.node.input) this.lastUse.set(i, index);
    });
  }

  private gemm(step: Step, [a, b, c]: (tf.Tensor | undefined)[]): tf.Tensor {
    let transposeA = step.attrs.transA === 1;
    let transposeB = step.attrs.transB === 1;
    let x = a as tf.Tensor2D;
    let w = b as tf.Tensor2D;
    if (this.wasmLowerings && transposeA) [x, transposeA] = [tf.transpose(x), false];
    if (this.wasmLowerings && transposeB) [w, transposeB] = [tf.transpose(w), false];
    const activation = step.fused?.activation ?? 'linear';
    const leakyreluAlpha = step.fused?.alpha;
    return tf.fused.matMul({ a: x, b: w, transposeA, transposeB, bias: c, activation, leakyreluAlpha });
  }

  /**
   * Runs the graph on `feeds` (every graph input; the caller keeps ownership) and returns the
   * tensors named in `fetch`, which the caller must dispose.
   */
  run(feeds: Record<string, tf.Tensor>, fetch: readonly string[]): Record<string, tf.Tensor> {
    const env = new Map<string, tf.Tensor>(this.tensors);
    const owned = new Set<string>();
    const keep = new Set(fetch);
    for (const [name, t] of Object.entries(feeds)) env.set(name, t);
    try {
      this.steps.forEach((step, index) => {
        const { node } = step;
        const inputs = node.input.map((name) => env.get(name));
        const consts = node.input.map((name) => this.arrays.get(name));
        node.input.forEach((name, i) => {
          if (!inputs[i] && !consts[i]) throw new Error(`interpreter: ${node.opType} needs ${name}, which is not fed`);
        });
        const out = tf.tidy(() =>
          node.opType === 'Gemm' ? this.gemm(step, inputs) : this.kernels[node.opType]!(inputs, step.attrs, consts),
        );
        const name = (step.fused?.node ?? node).output[0]!;
        env.set(name, out);
        owned.add(name);
        for (const i of node.input) {
          if (this.lastUse.get(i) === index && owned.has(i) && !keep.has(i)) {
            env.get(i)!.dispose();
            owned.delete(i);
          }
        }
      });
      const result: Record<string, tf.Tensor> = {};
      for (const name of fetch) {
        const t = env.get(name);
        if (!t || !owned.has(name)) throw new Error(`interpreter: the graph computes no ${name}`);
        result[name] = t;
        owned.delete(name);
      }
      return result;
    } finally {
      for (const name of owned) env.get(name)!.dispose();
    }
  }

  /** Frees the graph's constants. */
  dispose(): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
  }
}
