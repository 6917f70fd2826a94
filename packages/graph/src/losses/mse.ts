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
  scale: (rows, features) => 2 / (rows * features),
  mean: (sum, rows, features) => sum / (rows * features),
};
