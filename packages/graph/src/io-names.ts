/** Names of the graphs' inputs and outputs that executors bind. */
export const io = {
  x: 'x',
  /** Denoising training's clean rows; otherwise the target is `x`. */
  target: 'target',
  /** The loss's gradient scale, fed per run since the last batch can be short (`LossOp.scale`). */
  scale: 'scale',
  /** lr / (1 − β1ᵗ), fed per step. */
  stepSize: 'step_size',
  /** √(1 − β2ᵗ), fed per step. */
  bc2Sqrt: 'bc2_sqrt',
  /** The loss of each row `[rows]`, summed over its features. */
  rowLoss: 'row_loss',
  /** The sum of the layers' penalties for each row `[rows]` (when a layer adds one). */
  rowPenalty: 'row_penalty',
  /** (1/rows) / scale, fed when a layer adds a penalty (`EmitContext.penaltyScale`). */
  penaltyScale: 'penalty_scale',
  /**
   * A variational layer's standard normal noise ε `[rows, latent]`, fed to training graphs
   * (the seeded noise of the row's image and epoch); deterministic graphs use z = μ.
   */
  eps: 'eps',
  /** An inference graph's output. */
  y: 'y',
  m: (p: string) => `m_${p}`,
  v: (p: string) => `v_${p}`,
  grad: (p: string) => `grad_${p}`,
  next: (name: string) => `${name}_next`,
};
