import type { ActivationOp } from './activation-op';

/** No activation: y = z, dz = dy. Emits no nodes. */
export const linear: ActivationOp = {
  forward: (_g, z) => z,
  vjp: (_g, _y, dy) => dy,
};
