import type { GraphBuilder } from '../graph-builder';
import { io } from '../io-names';

/** Adam's constants (PyTorch `Adam(lr, betas, eps, weight_decay)`; lr is fed per step). */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  eps: number;
  /** L2 penalty added to the gradient, as `torch.optim.Adam` (not AdamW). */
  weightDecay: number;
}

/** Optimizer state as plain data, for checkpoints: step count, lr and both moments (flat). */
export interface AdamState {
  step: number;
  lr: number;
  m: Float32Array;
  v: Float32Array;
}

/** The per-step scalars the update graph is fed: lr / (1 − β1ᵗ) and √(1 − β2ᵗ), for step t ≥ 1. */
export function adamStepScalars(lr: number, adam: Pick<AdamConstants, 'beta1' | 'beta2'>, t: number) {
  return { stepSize: lr / (1 - adam.beta1 ** t), bc2Sqrt: Math.sqrt(1 - adam.beta2 ** t) };
}

/**
 * Emits Adam's update of one parameter tensor with the exact arithmetic of `torch.optim.Adam`
 * (amsgrad off), each operation in the graph's float type as torch's kernels round:
 *   g ← g + wd·p;  m ← m + (1−β1)(g − m) (torch's lerp);  v ← β2·v + (1−β2)·g²
 *   p ← p − stepSize · m / (√v / √(1−β2ᵗ) + eps)
 * Inputs `m_p`, `v_p`; outputs `p_next`, `m_p_next`, `v_p_next`.
 */
export function emitAdamUpdate(g: GraphBuilder, p: string, dims: readonly number[], grad: string, adam: AdamConstants) {
  const m = g.input(io.m(p), dims);
  const v = g.input(io.v(p), dims);
  const gd = adam.weightDecay === 0 ? grad : g.op('Add', [grad, g.op('Mul', [p, g.scalar(adam.weightDecay)])]);
  const mNext = g.op('Add', [m, g.op('Mul', [g.op('Sub', [gd, m]), g.scalar(1 - adam.beta1)])], {}, io.next(m));
  const g2 = g.op('Mul', [gd, gd]);
  const vNext = g.op(
    'Add',
    [g.op('Mul', [v, g.scalar(adam.beta2)]), g.op('Mul', [g2, g.scalar(1 - adam.beta2)])],
    {},
    io.next(v),
  );
  const denom = g.op('Add', [g.op('Div', [g.op('Sqrt', [vNext]), io.bc2Sqrt]), g.scalar(adam.eps)]);
  g.op('Sub', [p, g.op('Div', [g.op('Mul', [mNext, io.stepSize]), denom])], {}, io.next(p));
  for (const name of [p, m, v]) g.output(io.next(name), dims);
}
