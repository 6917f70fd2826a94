import {
  batchObjective,
  evaluationGraph,
  gradientGraph,
  hasPenalty,
  io,
  latentNoiseWidth,
  lossGraph,
  lossScalars,
  type ModelSpec,
  type ParameterInfo,
  parameterLayout,
  updateGraph,
} from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type {
  GradientReply,
  GradientRequest,
  GradientWorkerInit,
  RowsKind,
  SharedOptimizer,
} from './gradient-protocol';
import { sumFloat64 } from './sum-float64';
import { updateShare } from './update-share';

/**
 * The worker's side of `ParallelGradients`: the spec's gradient graph on this thread's backend
 * (set it up first), run by the tfjs interpreter on its share of the batch with the whole batch's
 * loss scale, so the shares' gradients sum to the batch's. Returns the handler; post its result
 * back for each request.
 */
export function serveGradients(init: GradientWorkerInit): (request: GradientRequest) => GradientReply {
  const spec = init.model;
  const layout = parameterLayout(spec);
  const withTargets = { denoising: init.targets !== undefined };
  const graph = gradientGraph(spec, withTargets);
  const penalized = hasPenalty(graph);
  const gradients = new GraphInterpreter(graph);
  const evaluation = new GraphInterpreter(evaluationGraph(spec));
  // the objective without a step, made on first use (only a test loss not the MSE asks for it)
  let objective: GraphInterpreter | undefined;
  const graphFor = (kind: RowsKind) => {
    if (kind === 'gradients') return gradients;
    if (kind === 'squaredError') return evaluation;
    objective ??= new GraphInterpreter(lossGraph(spec));
    return objective;
  };
  const params = new Float32Array(init.params);
  const batch = new Float32Array(init.batch);
  const grads = new Float32Array(init.grads);
  const targets = init.targets && new Float32Array(init.targets);
  const eps = init.eps && new Float32Array(init.eps);
  const f = spec.inputSize;
  const latent = latentNoiseWidth(spec);
  const rowsOf = (from: Float32Array, start: number, rows: number, width = f) =>
    tf.tensor2d(from.subarray(start * width, (start + rows) * width), [rows, width]);
  const update = init.optimizer && shareUpdater(spec, layout, params, init.optimizer);
  return (request) => {
    try {
      if (request.kind === 'update') {
        if (!update) throw new TypeError('this worker was started without adam');
        update(request.stepSize, request.bc2Sqrt);
        return { value: 0 };
      }
      const rows = request.end - request.start;
      // more workers than rows: an empty share adds nothing (a 0-row mean would be NaN)
      if (rows === 0) {
        if (request.kind === 'gradients') grads.fill(0);
        return { value: 0 };
      }
      // the whole batch's scalars: the shares' gradients and objectives sum to the batch's
      const { scale, penaltyScale } = lossScalars(spec, request.total);
      const feeds: Record<string, tf.Tensor> = {
        [io.x]: rowsOf(batch, request.start, rows),
        [io.scale]: tf.scalar(scale),
        ...(penalized ? { [io.penaltyScale]: tf.scalar(penaltyScale) } : {}),
      };
      for (const p of layout) feeds[p.name] = tensorOf(params, p);
      const isGradients = request.kind === 'gradients';
      const isObjective = request.kind !== 'squaredError';
      if (isGradients && targets) feeds[io.target] = rowsOf(targets, request.start, rows);
      if (isObjective && eps) feeds[io.eps] = rowsOf(eps, request.start, rows, latent);
      const rowOutputs = isObjective && penalized ? [io.rowLoss, io.rowPenalty] : [io.rowLoss];
      const fetch = isGradients ? [...rowOutputs, ...layout.map((p) => io.grad(p.name))] : rowOutputs;
      const out = graphFor(request.kind).run(feeds, fetch);
      tf.dispose(Object.values(feeds));
      if (isGradients) for (const p of layout) grads.set(out[io.grad(p.name)]!.dataSync() as Float32Array, p.offset);
      const [lossSum, penaltySum = 0] = rowOutputs.map((name) => sumFloat64(out[name]!.dataSync()));
      // gradients, loss: this share's part of the batch's objective; squared errors: their sum
      const value = isObjective ? batchObjective(spec, lossSum!, penaltySum, request.total) : lossSum!;
      tf.dispose(Object.values(out));
      return { value };
    } catch (error) {
      return { error: (error as Error).stack ?? String(error) };
    }
  };
}

function tensorOf(flat: Float32Array, p: ParameterInfo): tf.Tensor {
  return tf.tensor(flat.subarray(p.offset, p.offset + p.size), p.dims);
}

/**
 * A worker's part of Adam's step: for its share of the tensors, the sum of every worker's slot
 * (in worker order, rounding to float32 after each addition, as one thread summing them would),
 * then the spec's update graph on that share, written back into the shared state.
 */
function shareUpdater(spec: ModelSpec, layout: ParameterInfo[], params: Float32Array, optimizer: SharedOptimizer) {
  const share = updateShare(layout, optimizer.slots.length, optimizer.index);
  const names = new Set(share.map((p) => p.name));
  const graph = new GraphInterpreter(updateGraph(spec, optimizer.adam, {}, (p) => names.has(p.name)));
  const slots = optimizer.slots.map((b) => new Float32Array(b));
  const state = { m: new Float32Array(optimizer.m), v: new Float32Array(optimizer.v) };
  return (stepSize: number, bc2Sqrt: number) => {
    const feeds: Record<string, tf.Tensor> = { [io.stepSize]: tf.scalar(stepSize), [io.bc2Sqrt]: tf.scalar(bc2Sqrt) };
    for (const p of share) {
      const grad = slots[0]!.slice(p.offset, p.offset + p.size);
      for (const slot of slots.slice(1)) for (let i = 0; i < p.size; i++) grad[i] = grad[i]! + slot[p.offset + i]!;
      feeds[io.grad(p.name)] = tf.tensor(grad, p.dims);
      feeds[p.name] = tensorOf(params, p);
      feeds[io.m(p.name)] = tensorOf(state.m, p);
      feeds[io.v(p.name)] = tensorOf(state.v, p);
    }
    const out = graph.run(
      feeds,
      share.flatMap((p) => [p.name, io.m(p.name), io.v(p.name)].map(io.next)),
    );
    tf.dispose(Object.values(feeds));
    for (const p of share) {
      params.set(out[io.next(p.name)]!.dataSync() as Float32Array, p.offset);
      state.m.set(out[io.next(io.m(p.name))]!.dataSync() as Float32Array, p.offset);
      state.v.set(out[io.next(io.v(p.name))]!.dataSync() as Float32Array, p.offset);
    }
    tf.dispose(Object.values(out));
  };
}
