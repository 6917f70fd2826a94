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
  /** The weight s of the row losses in the training objective J = s·Σ row_loss + q·Σ row_penalty. */
  weight(rows: number, features: number): number;
  /** The factor that turns `vjp`'s output into dJ/dy (fed as `scale`). */
  scale(rows: number, features: number): number;
  /** The weight q of the layers' penalties in J (1/rows: averaged over rows, as Keras does). */
  penaltyWeight(rows: number): number;
  /** What J is divided by to report the batch loss (1 for a mean, rows for a per-image figure). */
  reportDivisor(rows: number): number;
}
