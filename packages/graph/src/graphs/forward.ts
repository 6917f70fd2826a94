import { type Dim, GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import { layerKind } from '../layers';
import type { LayerTape } from '../layers/layer-kind';
import type { LossOp } from '../losses/loss-op';
import type { ModelSpec } from '../model-spec';
import { DataType } from '../onnx-proto';
import { type ParameterInfo, parameterLayout } from '../parameter-layout';
import type { GraphOptions, InputFormat } from './graph-options';

export const ROWS: Dim = 'rows';

/** A `[rows, features]` image input, as floats, or as bytes k turned into k/255. */
function imageInput(g: GraphBuilder, name: string, features: number, format: InputFormat): string {
  // float32 division rounds exactly as the JS table of k/255 does
  if (format === 'float32') return g.input(name, [ROWS, features]);
  const bytes = g.input(name, [ROWS, features], DataType.UINT8);
  return g.op('Div', [g.op('Cast', [bytes], { to: g.float }), g.scalar(255)]);
}

/** A new graph with the model's parameters declared as inputs. */
export function graphWithParameters(spec: ModelSpec, options: GraphOptions) {
  const g = new GraphBuilder(options.float);
  const params = parameterLayout(spec, options.kernels);
  for (const p of params) g.input(p.name, p.dims);
  return { g, params };
}

/** The names of layer `i`'s parameters. */
export function layerParams(params: ParameterInfo[], layer: number): string[] {
  return params.filter((p) => p.layer === layer).map((p) => p.name);
}

/** Runs layers `from..to` of the spec on `x`, recording each layer's tape for a backward pass. */
export function emitLayers(
  g: GraphBuilder,
  spec: ModelSpec,
  params: ParameterInfo[],
  x: string,
  options: GraphOptions,
  from = 0,
  to = spec.layers.length,
): { y: string; tapes: LayerTape[] } {
  const tapes: LayerTape[] = [];
  let h = x;
  for (let i = from; i < to; i++) {
    const layer = spec.layers[i]!;
    const p = layerParams(params, i);
    const y = layerKind(layer).forward(g, layer, h, p, options.kernels ?? 'in-out');
    tapes.push({ x: h, y, params: p });
    h = y;
  }
  return { y: h, tapes };
}

/**
 * The model's forward pass and the per-row loss `row_loss` (declared an output) against `x`, or,
 * when denoising, against the input `target`.
 */
export function emitForwardAndLoss(
  g: GraphBuilder,
  spec: ModelSpec,
  params: ParameterInfo[],
  loss: LossOp,
  options: GraphOptions,
) {
  const input = options.input ?? 'float32';
  const x = imageInput(g, io.x, spec.inputSize, options.denoising ? 'float32' : input);
  const target = options.denoising ? imageInput(g, io.target, spec.inputSize, input) : x;
  const { y, tapes } = emitLayers(g, spec, params, x, options);
  const difference = loss.forward(g, y, target, io.rowLoss);
  g.output(io.rowLoss, [ROWS]);
  return { y, tapes, difference };
}

/**
 * The backward pass: from the loss's cotangent through every layer's vjp, newest first. Returns
 * each parameter's gradient (in layout order) times the fed `scale`.
 */
export function emitBackward(
  g: GraphBuilder,
  spec: ModelSpec,
  params: ParameterInfo[],
  tapes: LayerTape[],
  dy: string,
  options: GraphOptions,
): string[] {
  g.input(io.scale, []);
  const grads: string[] = new Array(params.length);
  let d = dy;
  for (let i = spec.layers.length - 1; i >= 0; i--) {
    const layer = spec.layers[i]!;
    const { dx, dParams } = layerKind(layer).vjp(g, layer, tapes[i]!, d, options.kernels ?? 'in-out', i > 0);
    const first = params.findIndex((p) => p.layer === i);
    dParams.forEach((grad, k) => {
      grads[first + k] = g.op('Mul', [grad, io.scale]);
    });
    if (dx) d = dx;
  }
  return grads;
}
