import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph-builder';
import { DataType } from '../onnx-proto';
import { runOnOrt } from '../ort.test-helper';
import { GraphInterpreter } from '../tfjs/interpreter';
import { type ConvGeometry, conv, convOutput, convTranspose, convTransposeOutput } from './conv-ops';

/** A deterministic stream in (−1, 1). */
function uniform(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

interface Case {
  name: string;
  transpose: boolean;
  /** x `[N, C, H, W]`, w's first two dims. */
  x: [number, number, number, number];
  w: [number, number];
  geometry: ConvGeometry;
}

const cases: Case[] = [
  { name: 'Conv k3 s2 p1', transpose: false, x: [2, 3, 7, 6], w: [4, 3], geometry: g(7, 6, 3, 2, 1) },
  { name: 'Conv k4 s3 p2', transpose: false, x: [3, 2, 8, 8], w: [2, 2], geometry: g(8, 8, 4, 3, 2) },
  {
    name: 'Conv k3×2 dilation 2 (a weight gradient)',
    transpose: false,
    x: [2, 3, 7, 6],
    w: [2, 3],
    geometry: { ...g(7, 6, 3, 1, 1), kernel: [3, 2], dilation: 2 },
  },
  { name: 'ConvTranspose k3 s2 p1', transpose: true, x: [2, 3, 4, 5], w: [3, 2], geometry: g(4, 5, 3, 2, 1) },
  {
    name: 'ConvTranspose k3 s2 p1 op [1, 0]',
    transpose: true,
    x: [2, 2, 4, 4],
    w: [2, 3],
    geometry: { ...g(4, 4, 3, 2, 1), outputPadding: [1, 0] },
  },
  {
    name: 'ConvTranspose k4 s3 p2 op 2',
    transpose: true,
    x: [1, 2, 3, 3],
    w: [2, 1],
    geometry: { ...g(3, 3, 4, 3, 2), outputPadding: [2, 2] },
  },
];

function g(h: number, w: number, k: number, stride: number, pad: number): ConvGeometry {
  return { input: [h, w], kernel: [k, k], stride, pad };
}

function outputDims({ transpose, x, w, geometry }: Case): number[] {
  const { input, kernel, stride, pad, dilation = 1, outputPadding = [0, 0] } = geometry;
  const side = (i: 0 | 1) =>
    transpose
      ? convTransposeOutput(input[i], kernel[i], stride, pad, outputPadding[i])
      : convOutput(input[i], kernel[i], stride, pad, dilation);
  return [x[0], transpose ? w[1] : w[0], side(0), side(1)];
}

function graphOf(c: Case, float: number) {
  const b = new GraphBuilder(float);
  const x = b.input('x', c.x);
  const w = b.input('w', [...c.w, ...c.geometry.kernel]);
  const bias = b.input('b', [c.transpose ? c.w[1] : c.w[0]]);
  const y = (c.transpose ? convTranspose : conv)(b, x, w, bias, c.geometry);
  b.op('Identity', [y], {}, 'y');
  b.output('y', outputDims(c));
  return b.graph(c.name);
}

/**
 * The float64 decomposition that the finite-difference tests differentiate must be the op ONNX
 * Runtime and the tfjs interpreter run in float32.
 */
describe('Conv and ConvTranspose', () => {
  it.each(cases)('$name: the float64 decomposition, ORT’s op and the interpreter’s agree', async (c) => {
    const next = uniform(5);
    const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
    const wDims = [...c.w, ...c.geometry.kernel];
    const bDims = [c.transpose ? c.w[1] : c.w[0]];
    const x = Float64Array.from({ length: size(c.x) }, next);
    const w = Float64Array.from({ length: size(wDims) }, next);
    const b = Float64Array.from({ length: size(bDims) }, next);
    const f32 = (a: Float64Array) => Float32Array.from(a);
    const native = await runOnOrt(
      graphOf(c, DataType.FLOAT),
      { x: [f32(x), c.x], w: [f32(w), wDims], b: [f32(b), bDims] },
      ['y'],
    );
    const written = await runOnOrt(graphOf(c, DataType.DOUBLE), { x: [x, c.x], w: [w, wDims], b: [b, bDims] }, ['y']);
    const interpreter = new GraphInterpreter(graphOf(c, DataType.FLOAT));
    const feeds = { x: tf.tensor(f32(x), c.x), w: tf.tensor(f32(w), wDims), b: tf.tensor(f32(b), bDims) };
    const { y } = interpreter.run(feeds, ['y']);
    expect(y!.shape).toEqual(outputDims(c));
    const tfjs = y!.dataSync();
    expect(written.y!.length).toBe(size(outputDims(c)));
    expect(native.y!.length).toBe(written.y!.length);
    let worst = 0;
    written.y!.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - native.y![i]!), Math.abs(v - tfjs[i]!));
    });
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([y!, ...Object.values(feeds)]);
    interpreter.dispose();
  });
});
