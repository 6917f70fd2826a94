import type { ActivationOp } from './activation-op';

/** y = 1 / (1 + e^−z); dy/dz = y · (1 − y). */
export const sigmoid: ActivationOp = {
  forward: (g, z) => g.op('Sigmoid', [z]),
  vjp: (g, y, dy) => g.op('Mul', [dy, g.op('Mul', [y, g.op('Sub', [g.scalar(1), y])])]),
};
