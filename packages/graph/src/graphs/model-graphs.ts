import type { GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import type { LossOp } from '../losses/loss-op';
import { mse } from '../losses/mse';
import type { ModelSpec } from '../model-spec';
import type { GraphProto } from '../onnx-proto';
import { type AdamConstants, emitAdamUpdate } from '../optimizers/adam';
import type { ParameterInfo } from '../parameter-layout';
import { emitBackward, emitForwardAndLoss, graphWithParameters } from './forward';
import type { GraphOptions } from './graph-options';

function emitLossAndGradients(
  g: GraphBuilder,
  spec: ModelSpec,
  params: ParameterInfo[],
  loss: LossOp,
  options: GraphOptions,
) {
  const { y, tapes, difference } = emitForwardAndLoss(g, spec, params, loss, options);
  return emitBackward(g, spec, params, tapes, loss.vjp(g, y, difference), options);
}

function declareStepScalars(g: GraphBuilder): void {
  g.input(io.stepSize, []);
  g.input(io.bc2Sqrt, []);
}

/** One whole training step: forward, loss, every gradient, Adam on every parameter. */
export function trainingStepGraph(
  spec: ModelSpec,
  adam: AdamConstants,
  options: GraphOptions = {},
  loss = mse,
): GraphProto {
  const { g, params } = graphWithParameters(spec, options);
  const grads = emitLossAndGradients(g, spec, params, loss, options);
  declareStepScalars(g);
  params.forEach((p, i) => {
    emitAdamUpdate(g, p.name, p.dims, grads[i]!, adam);
  });
  return g.graph('bottleneck_train_step');
}

/**
 * The gradient of a batch's loss (`grad_<p>`) and its row losses, no update: data-parallel
 * workers each run it on their shard with the whole batch's `scale`, and the sum of the shards'
 * gradients is the batch's.
 */
export function gradientGraph(spec: ModelSpec, options: GraphOptions = {}, loss = mse): GraphProto {
  const { g, params } = graphWithParameters(spec, options);
  const grads = emitLossAndGradients(g, spec, params, loss, options);
  params.forEach((p, i) => {
    g.op('Identity', [grads[i]!], {}, io.grad(p.name));
    g.output(io.grad(p.name), p.dims);
  });
  return g.graph('bottleneck_gradients');
}

/** Adam's update of every parameter from given gradients `grad_<p>`. */
export function updateGraph(spec: ModelSpec, adam: AdamConstants, options: GraphOptions = {}): GraphProto {
  const { g, params } = graphWithParameters(spec, options);
  declareStepScalars(g);
  for (const p of params) emitAdamUpdate(g, p.name, p.dims, g.input(io.grad(p.name), p.dims), adam);
  return g.graph('bottleneck_update');
}

/** The per-row loss of the reconstruction: the evaluation graph. */
export function evaluationGraph(spec: ModelSpec, options: GraphOptions = {}, loss = mse): GraphProto {
  const { g, params } = graphWithParameters(spec, options);
  emitForwardAndLoss(g, spec, params, loss, options);
  return g.graph('bottleneck_evaluate');
}
