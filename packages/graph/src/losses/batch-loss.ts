import { io } from '../io-names';
import type { ModelSpec } from '../model-spec';
import type { GraphProto } from '../onnx-proto';
import { LOSSES } from '.';

const lossOf = (spec: ModelSpec) => LOSSES[spec.loss ?? 'mse'];

/**
 * The scalars a training graph is fed for a batch of `rows`: the loss's gradient `scale`, and
 * `penaltyScale` q/scale for layers' penalties (see `LossOp`).
 */
export function lossScalars(spec: ModelSpec, rows: number): { scale: number; penaltyScale: number } {
  const loss = lossOf(spec);
  const scale = loss.scale(rows, spec.inputSize);
  return { scale, penaltyScale: loss.penaltyWeight(rows) / scale };
}

/** The training objective J = s·Σ row_loss + q·Σ row_penalty that the gradients differentiate. */
export function batchObjective(spec: ModelSpec, rowLossSum: number, rowPenaltySum: number, rows: number): number {
  const loss = lossOf(spec);
  return loss.weight(rows, spec.inputSize) * rowLossSum + loss.penaltyWeight(rows) * rowPenaltySum;
}

/** The batch's loss as reported (the lab's MSE; the VAE's loss per image). */
export function batchLoss(spec: ModelSpec, rowLossSum: number, rowPenaltySum: number, rows: number): number {
  return batchObjective(spec, rowLossSum, rowPenaltySum, rows) / lossOf(spec).reportDivisor(rows);
}

/** Whether a graph's layers add penalties: it then takes `penalty_scale` and outputs `row_penalty`. */
export function hasPenalty(graph: GraphProto): boolean {
  return graph.output.some((o) => o.name === io.rowPenalty);
}
