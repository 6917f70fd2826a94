import { type Dim, GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import { layerKind } from '../layers';
import type { EmitContext, LayerTape } from '../layers/layer-kind';
import { LOSSES } from '../losses';
import { layerShapes } from '../model-shape';
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

/** A graph being built for a model: the builder, its parameters and the layers' shared context. */
export interface ModelGraph {
  g: GraphBuilder;
  params: ParameterInfo[];
  ctx: EmitContext;
  penalties: string[];
  /** Each layer's per-row input shape, then the output's (`layerShapes`). */
  shapes: number[][];
}

/**
 * A new graph with the model's parameters declared as inputs (or only those `keep` allows).
 * `sampling`: a training graph, whose variational layer samples with the fed noise `eps`.
 */
export function modelGraph(
  spec: ModelSpec,
  options: GraphOptions,
  keep = (_p: ParameterInfo) => true,
  sampling = false,
): ModelGraph {
  const g = new GraphBuilder(options.float);
  const params = parameterLayout(spec, options.kernels);
  for (const p of params) if (keep(p)) g.input(p.name, p.dims);
  const penalties: string[] = [];
  let penaltyScale: string | undefined;
  let eps: string | undefined;
  const ctx: EmitContext = {
    kernels: options.kernels ?? 'in-out',
    addPenalty: (rowPenalty) => penalties.push(rowPenalty),
    penaltyScale: () => {
      penaltyScale ??= g.input(io.penaltyScale, []);
      return penaltyScale;
    },
    latentNoise: (width) => {
      if (!sampling) return undefined;
      eps ??= g.input(io.eps, [ROWS, width]);
      return eps;
    },
  };
  return { g, params, ctx, penalties, shapes: layerShapes(spec) };
}

/** Runs layers `from..to` of the spec on `x`, recording each layer's tape for a backward pass. */
export function emitLayers(mg: ModelGraph, spec: ModelSpec, x: string, from = 0, to = spec.layers.length) {
  const tapes: LayerTape[] = [];
  let h = x;
  for (let i = from; i < to; i++) {
    const layer = spec.layers[i]!;
    const p = mg.params.filter((q) => q.layer === i).map((q) => q.name);
    const out = layerKind(layer).forward(mg.g, layer, h, p, mg.ctx, mg.shapes[i]!);
    const { y, saved } = typeof out === 'string' ? { y: out, saved: [] } : out;
    tapes.push({ x: h, y, params: p, xShape: mg.shapes[i]!, yShape: mg.shapes[i + 1]!, saved });
    h = y;
  }
  return { y: h, tapes };
}

/**
 * The model's forward pass, the per-row loss `row_loss` against `x` (or, when denoising, the
 * input `target`) and, when layers add penalties, their per-row sum `row_penalty`; both outputs.
 */
export function emitForwardAndLoss(
  mg: ModelGraph,
  spec: ModelSpec,
  options: GraphOptions,
  lossName = spec.loss ?? 'mse',
) {
  const { g } = mg;
  const input = options.input ?? 'float32';
  const x = imageInput(g, io.x, spec.inputSize, options.denoising ? 'float32' : input);
  const target = options.denoising ? imageInput(g, io.target, spec.inputSize, input) : x;
  const { y, tapes } = emitLayers(mg, spec, x);
  const loss = LOSSES[lossName];
  const difference = loss.forward(g, y, target, io.rowLoss);
  g.output(io.rowLoss, [ROWS]);
  if (mg.penalties.length > 0) {
    const sum = mg.penalties.reduce((a, b) => g.op('Add', [a, b]));
    g.op('Identity', [sum], {}, io.rowPenalty);
    g.output(io.rowPenalty, [ROWS]);
  }
  return { y, tapes, dy: loss.vjp(g, y, difference) };
}

/**
 * The backward pass: from the loss's cotangent through every layer's vjp, newest first. Returns
 * each parameter's gradient (in layout order) times the fed `scale`.
 */
export function emitBackward(mg: ModelGraph, spec: ModelSpec, tapes: LayerTape[], dy: string): string[] {
  const { g, params } = mg;
  g.input(io.scale, []);
  const grads: string[] = new Array(params.length);
  let d = dy;
  for (let i = spec.layers.length - 1; i >= 0; i--) {
    const layer = spec.layers[i]!;
    const { dx, dParams } = layerKind(layer).vjp(g, layer, tapes[i]!, d, mg.ctx, i > 0);
    const first = params.findIndex((p) => p.layer === i);
    dParams.forEach((grad, k) => {
      grads[first + k] = g.op('Mul', [grad, io.scale]);
    });
    if (dx) d = dx;
  }
  return grads;
}
