import type { ActivationOp } from './activation-op';

/** PyTorch's `nn.LeakyReLU()` default slope. */
export const LEAKY_RELU_SLOPE = 0.01;

/** y = z for z > 0, else 0.01·z. y has z's sign, so y > 0 tells which slope applies. */
export const leakyRelu: ActivationOp = {
  forward: (g, z) => g.op('LeakyRelu', [z], { alpha: LEAKY_RELU_SLOPE }),
  vjp: (g, y, dy) =>
    g.op('Where', [g.op('Greater', [y, g.scalar(0)]), dy, g.op('Mul', [dy, g.scalar(LEAKY_RELU_SLOPE)])]),
};
