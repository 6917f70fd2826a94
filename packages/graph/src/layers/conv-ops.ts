import type { GraphBuilder } from '../graph-builder';
import { DataType } from '../onnx-proto';

/** Side lengths `[height, width]`. */
export type Size2 = readonly [number, number];

/** The geometry of one 2-d convolution node (square strides, pads and dilations). */
export interface ConvGeometry {
  /** The input's spatial size. */
  input: Size2;
  kernel: Size2;
  stride: number;
  pad: number;
  dilation?: number;
  /** ConvTranspose only: extra rows and columns at the end. */
  outputPadding?: Size2;
}

/** Conv's output side: ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1. */
export const convOutput = (n: number, k: number, s: number, p: number, d = 1) =>
  Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** ConvTranspose's output side: (n − 1)s − 2p + k + outputPadding. */
export const convTransposeOutput = (n: number, k: number, s: number, p: number, op = 0) => (n - 1) * s - 2 * p + k + op;

const attributes = ({ kernel, stride, pad, dilation = 1 }: ConvGeometry) => ({
  kernel_shape: [...kernel],
  strides: [stride, stride],
  pads: [pad, pad, pad, pad],
  dilations: [dilation, dilation],
});

/**
 * ONNX Conv: x `[N, C, H, W]`, w `[M, C, kh, kw]`, optional bias `[M]`. ONNX Runtime has no
 * float64 Conv, so a float64 graph (the finite-difference tests) gets the same sum written out
 * with Slice and MatMul; a test checks the two agree in float32.
 */
export function conv(g: GraphBuilder, x: string, w: string, b: string | undefined, geometry: ConvGeometry): string {
  if (g.float !== DataType.DOUBLE) return g.op('Conv', b ? [x, w, b] : [x, w], attributes(geometry));
  const { input, kernel, stride: s, pad: p, dilation: d = 1 } = geometry;
  const out = [convOutput(input[0], kernel[0], s, p, d), convOutput(input[1], kernel[1], s, p, d)];
  const padded = p > 0 ? g.op('Pad', [x, g.int64s([0, 0, p, p, 0, 0, p, p])]) : x;
  // [N, H', W', C] once, so each kernel tap is one MatMul by w[:, :, a, b]ᵀ
  const nhwc = g.op('Transpose', [padded], { perm: [0, 2, 3, 1] });
  let sum: string | undefined;
  for (let a = 0; a < kernel[0]; a++) {
    for (let c = 0; c < kernel[1]; c++) {
      const starts = [a * d, c * d];
      const ends = [a * d + (out[0]! - 1) * s + 1, c * d + (out[1]! - 1) * s + 1];
      const taps = g.op('Slice', [nhwc, g.int64s(starts), g.int64s(ends), g.int64s([1, 2]), g.int64s([s, s])]);
      const tap = g.op('Slice', [w, g.int64s([a, c]), g.int64s([a + 1, c + 1]), g.int64s([2, 3])]);
      const wT = g.op('Transpose', [g.op('Squeeze', [tap, g.int64s([2, 3])])], { perm: [1, 0] });
      const term = g.op('MatMul', [taps, wT]);
      sum = sum ? g.op('Add', [sum, term]) : term;
    }
  }
  const y = g.op('Transpose', [sum!], { perm: [0, 3, 1, 2] });
  return b ? g.op('Add', [y, g.op('Reshape', [b, g.int64s([1, -1, 1, 1])])]) : y;
}

/**
 * ONNX ConvTranspose: x `[N, C, H, W]`, w `[C, M, kh, kw]`, optional bias `[M]`; as `conv`, a
 * float64 graph gets it written out: each kernel tap's x·w[:, :, a, b] spread `stride` apart and
 * shifted by the tap, summed, then cropped by the padding.
 */
export function convTranspose(
  g: GraphBuilder,
  x: string,
  w: string,
  b: string | undefined,
  geometry: ConvGeometry,
): string {
  const { input, kernel, stride: s, pad: p, outputPadding: op = [0, 0] } = geometry;
  if (g.float !== DataType.DOUBLE) {
    const { dilations: _, ...rest } = attributes(geometry);
    return g.op('ConvTranspose', b ? [x, w, b] : [x, w], { ...rest, output_padding: [...op] });
  }
  const [h, wd] = input;
  const out = [convTransposeOutput(h, kernel[0], s, p, op[0]), convTransposeOutput(wd, kernel[1], s, p, op[1])];
  const full = [(h - 1) * s + kernel[0] + op[0], (wd - 1) * s + kernel[1] + op[1]];
  const nhwc = g.op('Transpose', [x], { perm: [0, 2, 3, 1] });
  let sum: string | undefined;
  for (let a = 0; a < kernel[0]; a++) {
    for (let c = 0; c < kernel[1]; c++) {
      const tap = g.op('Slice', [w, g.int64s([a, c]), g.int64s([a + 1, c + 1]), g.int64s([2, 3])]);
      const term = g.op('MatMul', [nhwc, g.op('Squeeze', [tap, g.int64s([2, 3])])]); // [N, H, W, M]
      // stride apart: [N, H, 1, W, 1, M] padded to [N, H, s, W, s, M], merged, the last s − 1 cut
      const spread = g.op('Reshape', [
        g.op('Pad', [
          g.op('Reshape', [term, g.int64s([0, h, 1, wd, 1, -1])]),
          g.int64s([0, 0, 0, 0, 0, 0, 0, 0, s - 1, 0, s - 1, 0]),
        ]),
        g.int64s([0, h * s, wd * s, -1]),
      ]);
      const span = [(h - 1) * s + 1, (wd - 1) * s + 1];
      const cut = g.op('Slice', [spread, g.int64s([0, 0]), g.int64s(span), g.int64s([1, 2])]);
      const pads = [0, a, c, 0, 0, full[0]! - a - span[0]!, full[1]! - c - span[1]!, 0];
      const placed = g.op('Pad', [cut, g.int64s(pads)]);
      sum = sum ? g.op('Add', [sum, placed]) : placed;
    }
  }
  const cropped = g.op('Slice', [sum!, g.int64s([p, p]), g.int64s([p + out[0]!, p + out[1]!]), g.int64s([1, 2])]);
  const y = g.op('Transpose', [cropped], { perm: [0, 3, 1, 2] });
  return b ? g.op('Add', [y, g.op('Reshape', [b, g.int64s([1, -1, 1, 1])])]) : y;
}

/**
 * The gradient of a convolution's weight as one MatMul per kernel tap:
 * dW[o, i, a, b] = Σ_{n, y, x} dOut[n, o, y, x] · inPadded[n, i, y·s + a, x·s + b], i.e.
 * dOut `[O, N·h·w]` times tap (a, b)'s strided slice of the input `[N·h·w, I]`; the kh·kw results
 * side by side `[O, kh·kw·I]`, then `[O, kh, kw, I]` turned to `[O, I, kh, kw]`. (Written as one more Conv, batch and channels
 * swapped and the gradient as a dilated kernel, ONNX Runtime ran it as 16–32 GEMMs nine columns
 * wide: 30% of the conv preset's step.) `input` `[N, I, H, W]`, `grad` `[N, O, h, w]`.
 */
export function weightGradient(
  g: GraphBuilder,
  input: string,
  grad: string,
  gradSize: Size2,
  kernel: Size2,
  stride: number,
  pad: number,
): string {
  const [h, w] = gradSize;
  const nhwc = g.op('Transpose', [input], { perm: [0, 2, 3, 1] });
  const padded = pad > 0 ? g.op('Pad', [nhwc, g.int64s([0, pad, pad, 0, 0, pad, pad, 0])]) : nhwc;
  const rowsLast = g.op('Flatten', [g.op('Transpose', [grad], { perm: [1, 0, 2, 3] })], { axis: 1 });
  const taps: string[] = [];
  for (let a = 0; a < kernel[0]; a++) {
    for (let b = 0; b < kernel[1]; b++) {
      const ends = [a + stride * (h - 1) + 1, b + stride * (w - 1) + 1];
      const tap = g.op('Slice', [
        padded,
        g.int64s([a, b]),
        g.int64s(ends),
        g.int64s([1, 2]),
        g.int64s([stride, stride]),
      ]);
      taps.push(g.op('MatMul', [rowsLast, g.op('Flatten', [tap], { axis: 3 })])); // [O, I]
    }
  }
  const dW = taps.length > 1 ? g.op('Concat', taps, { axis: 1 }) : taps[0]!; // [O, kh·kw·I]
  const shaped = g.op('Reshape', [dW, g.int64s([0, kernel[0], kernel[1], -1])]);
  return g.op('Transpose', [shaped], { perm: [0, 3, 1, 2] });
}
