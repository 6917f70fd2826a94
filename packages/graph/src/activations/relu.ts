import type { ActivationOp } from './activation-op';

/** y = max(z, 0). The gradient passes exactly where y > 0. */
export const relu: ActivationOp = {
  forward: (g, z) => g.op('Relu', [z]),
  vjp: (g, y, dy) => g.op('Where', [g.op('Greater', [y, g.scalar(0)]), dy, g.scalar(0)]),
};
