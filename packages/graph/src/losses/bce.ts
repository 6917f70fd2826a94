import type { GraphBuilder } from '../graph-builder';
import type { LossOp } from './loss-op';

/** PyTorch clamps each log term of `nn.BCELoss` at −100, so a saturated output stays finite. */
const LOG_FLOOR = -100;
/** …and divides its gradient by max(y(1 − y), 1e−12). */
const GRAD_EPS = 1e-12;

function emitRowBce(g: GraphBuilder, y: string, target: string, name: string): void {
  const floor = g.scalar(LOG_FLOOR);
  const logY = g.op('Max', [g.op('Log', [y]), floor]);
  const one = g.scalar(1);
  const log1mY = g.op('Max', [g.op('Log', [g.op('Sub', [one, y])]), floor]);
  const perPixel = g.op('Add', [g.op('Mul', [target, logY]), g.op('Mul', [g.op('Sub', [one, target]), log1mY])]);
  g.op('Neg', [g.op('ReduceSum', [perPixel, g.int64s([1])], { keepdims: 0 })], {}, name);
}

/**
 * Binary cross-entropy as PyTorch computes it: row loss −Σ[t·log y + (1 − t)·log(1 − y)] with
 * each log clamped at −100; dL/dy = (y − t) / max(y(1 − y), 1e−12), times 1/N for the mean.
 * Summed (the VAE's objective), the batch's sum is what trains and the report is per image.
 */
function bceLoss(reduction: 'mean' | 'sum'): LossOp {
  return {
    forward(g, y, target, name) {
      emitRowBce(g, y, target, name);
      return g.op('Sub', [y, target]);
    },
    vjp: (g, y, difference) =>
      g.op('Div', [difference, g.op('Max', [g.op('Mul', [y, g.op('Sub', [g.scalar(1), y])]), g.scalar(GRAD_EPS)])]),
    weight: (rows, features) => (reduction === 'mean' ? 1 / (rows * features) : 1),
    scale: (rows, features) => (reduction === 'mean' ? 1 / (rows * features) : 1),
    // the VAE's KL term is summed over the batch as its BCE is; a mean loss averages penalties
    penaltyWeight: (rows) => (reduction === 'mean' ? 1 / rows : 1),
    reportDivisor: (rows) => (reduction === 'mean' ? 1 : rows),
  };
}

/** `nn.BCELoss()`: the mean over every element (Chollet's convolutional autoencoder). */
export const bce = bceLoss('mean');

/**
 * `F.binary_cross_entropy(…, reduction='sum')` as pytorch/examples' VAE trains on; its reported
 * loss is that sum per image.
 */
export const bceSum = bceLoss('sum');
