import type { LossOp } from './loss-op';

/**
 * Mean squared error over every element of the batch (PyTorch's `nn.MSELoss()`): row loss
 * Σ(y − t)², and with N = rows · features, dL/dy = 2/N · (y − t).
 */
export const mse: LossOp = {
  forward(g, y, target, name) {
    const diff = g.op('Sub', [y, target]);
    g.op('ReduceSumSquare', [diff], { axes: [1], keepdims: 0 }, name);
    return diff;
  },
  vjp: (_g, _y, difference) => difference,
  weight: (rows, features) => 1 / (rows * features),
  // d Σ(y − t)² / dy = 2(y − t): the 2 rides on the scale, not on a pass over the batch
  scale: (rows, features) => 2 / (rows * features),
  penaltyWeight: (rows) => 1 / rows,
  reportDivisor: () => 1,
};
