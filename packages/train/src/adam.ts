export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** L2 penalty added to the gradient (PyTorch `Adam(weight_decay=…)`, not AdamW). */
  weightDecay?: number;
}

/** Optimizer state as plain data, for checkpoints. */
export interface AdamState {
  step: number;
  lr: number;
  m: Float32Array;
  v: Float32Array;
}

/**
 * Adam with the exact update of `torch.optim.Adam` (amsgrad off), over one flat float32 vector
 * holding every parameter:
 *   g ← g + wd·p;  m ← m + (1−β1)(g − m);  v ← β2·v + (1−β2)·g²
 *   p ← p − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + eps)
 * Plain JS on typed arrays: one pass over memory, no tensors, and the same code wherever the
 * gradients were computed (one backend, several workers, a GPU).
 */
export class Adam {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private m: Float32Array;
  private v: Float32Array;

  constructor(
    readonly size: number,
    { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 }: AdamOptions = {},
  ) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  get step(): number {
    return this.t;
  }

  /** Updates `params` in place from `grads` (same length; `grads` is not modified). */
  update(params: Float32Array, grads: Float32Array): void {
    if (params.length !== this.size || grads.length !== this.size) {
      throw new RangeError(`Adam.update: ${params.length} params and ${grads.length} grads, expected ${this.size}`);
    }
    this.t += 1;
    const { beta1, beta2, eps, weightDecay, m, v } = this;
    const stepSize = this.lr / (1 - beta1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    const fr = Math.fround;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      // fround keeps the intermediate in float32, as torch's kernels do
      const g = weightDecay === 0 ? grads[i]! : fr(grads[i]! + weightDecay * p);
      const mi = fr(m[i]! + (1 - beta1) * (g - m[i]!));
      const vi = fr(beta2 * v[i]! + (1 - beta2) * g * g);
      m[i] = mi;
      v[i] = vi;
      params[i] = p - (stepSize * mi) / (fr(Math.sqrt(vi) / bc2Sqrt) + eps);
    }
  }

  getState(): AdamState {
    return { step: this.t, lr: this.lr, m: this.m.slice(), v: this.v.slice() };
  }

  setState(state: AdamState): void {
    if (state.m.length !== this.size || state.v.length !== this.size) {
      throw new RangeError(`Adam state holds ${state.m.length} moments, expected ${this.size}`);
    }
    this.t = state.step;
    this.lr = state.lr;
    this.m = state.m.slice();
    this.v = state.v.slice();
  }
}
