import type { GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import { hasPenalty } from '../losses/batch-loss';
import type { ModelSpec } from '../model-spec';
import type { GraphProto } from '../onnx-proto';
import type { ParameterInfo } from '../parameter-layout';
import { type AdamConstants, emitAdamUpdate } from '../optimizers/adam';
import { emitBackward, emitForwardAndLoss, type ModelGraph, modelGraph } from './forward';
import type { GraphOptions } from './graph-options';

function emitLossAndGradients(mg: ModelGraph, spec: ModelSpec, options: GraphOptions) {
  const { tapes, dy } = emitForwardAndLoss(mg, spec, options);
  return emitBackward(mg, spec, tapes, dy);
}

function declareStepScalars(g: GraphBuilder): void {
  g.input(io.stepSize, []);
  g.input(io.bc2Sqrt, []);
}

/** One whole training step: forward, loss, every gradient, Adam on every parameter. */
export function trainingStepGraph(spec: ModelSpec, adam: AdamConstants, options: GraphOptions = {}): GraphProto {
  const mg = modelGraph(spec, options, undefined, true);
  const grads = emitLossAndGradients(mg, spec, options);
  declareStepScalars(mg.g);
  mg.params.forEach((p, i) => {
    emitAdamUpdate(mg.g, p.name, p.dims, grads[i]!, adam);
  });
  return mg.g.graph('bottleneck_train_step');
}

/**
 * The gradient of a batch's loss (`grad_<p>`) and its row losses, no update: data-parallel
 * workers each run it on their shard with the whole batch's `scale`, and the sum of the shards'
 * gradients is the batch's.
 */
export function gradientGraph(spec: ModelSpec, options: GraphOptions = {}): GraphProto {
  const mg = modelGraph(spec, options, undefined, true);
  const grads = emitLossAndGradients(mg, spec, options);
  mg.params.forEach((p, i) => {
    mg.g.op('Identity', [grads[i]!], {}, io.grad(p.name));
    mg.g.output(io.grad(p.name), p.dims);
  });
  return mg.g.graph('bottleneck_gradients');
}

/**
 * Adam's update of every parameter (or of those `keep` selects, e.g. one worker's share) from
 * given gradients `grad_<p>`.
 */
export function updateGraph(
  spec: ModelSpec,
  adam: AdamConstants,
  options: GraphOptions = {},
  keep = (_p: ParameterInfo) => true,
): GraphProto {
  const mg = modelGraph(spec, options, keep);
  declareStepScalars(mg.g);
  for (const p of mg.params.filter(keep)) {
    emitAdamUpdate(mg.g, p.name, p.dims, mg.g.input(io.grad(p.name), p.dims), adam);
  }
  return mg.g.graph('bottleneck_update');
}

/**
 * Each row's squared reconstruction error as `row_loss`, whatever loss the model trains on: the
 * evaluation graph, for test MSE (a variational layer's z = μ: no noise).
 */
export function evaluationGraph(spec: ModelSpec, options: GraphOptions = {}): GraphProto {
  const mg = modelGraph(spec, options);
  emitForwardAndLoss(mg, spec, options, 'mse');
  return mg.g.graph('bottleneck_evaluate');
}

/**
 * The model's own objective on a batch, forward only: `row_loss` under the spec's loss and, when
 * layers add penalties, `row_penalty`, with a variational layer sampling the fed ε as in
 * training (pytorch/examples' VAE samples z in its test loss too). `batchLoss` of their sums is the
 * test-set loss in the reference's units.
 */
export function lossGraph(spec: ModelSpec, options: GraphOptions = {}): GraphProto {
  const mg = modelGraph(spec, options, undefined, true);
  emitForwardAndLoss(mg, spec, options);
  return mg.g.graph('bottleneck_loss');
}

/**
 * Whether the model's test loss is its test MSE: a mean squared error, no penalties, no
 * sampling (then `lossGraph` and `evaluationGraph` compute the same thing, and engines skip it).
 */
export function lossIsMse(spec: ModelSpec): boolean {
  if ((spec.loss ?? 'mse') !== 'mse') return false;
  const graph = lossGraph(spec);
  return !hasPenalty(graph) && !graph.input.some((i) => i.name === io.eps);
}
