import type { ActivationOp } from './activation-op';

/** y = tanh z; dy/dz = 1 − y². */
export const tanh: ActivationOp = {
  forward: (g, z) => g.op('Tanh', [z]),
  vjp: (g, y, dy) => g.op('Mul', [dy, g.op('Sub', [g.scalar(1), g.op('Mul', [y, y])])]),
};
