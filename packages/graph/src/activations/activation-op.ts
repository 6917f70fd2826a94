import type { GraphBuilder } from '../graph-builder';

/** An elementwise activation: its forward node and its vector–Jacobian product. */
export interface ActivationOp {
  /** Emits y = f(z); returns y. */
  forward(g: GraphBuilder, z: string): string;
  /**
   * Emits dz = dy · f′(z), written in terms of the output `y` (each activation here has its
   * derivative as a function of its output, so the pre-activation need not be kept).
   */
  vjp(g: GraphBuilder, y: string, dy: string): string;
}
