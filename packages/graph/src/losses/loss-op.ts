import type { GraphBuilder } from '../graph-builder';

/** A reconstruction loss: the per-row loss in the graph, its gradient, and its scaling in JS. */
export interface LossOp {
  /** Emits the loss of each row `[rows]` under `name`; returns the difference the vjp needs. */
  forward(g: GraphBuilder, y: string, target: string, name: string): string;
  /**
   * Emits d loss / d y up to the factor `scale(rows, features)`, which is fed as a scalar and
   * multiplies the parameter gradients instead (every gradient is linear in it, and the
   * parameters are fewer than the batch's values: one pass over the batch saved).
   */
  vjp(g: GraphBuilder, y: string, difference: string): string;
  /** The factor that turns `vjp`'s output into the gradient of the batch loss. */
  scale(rows: number, features: number): number;
  /** The batch loss from the sum of the row losses. */
  mean(sum: number, rows: number, features: number): number;
}
