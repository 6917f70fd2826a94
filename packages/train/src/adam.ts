import * as tf from '@tensorflow/tfjs-core';

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
  m: Float32Array[];
  v: Float32Array[];
}

/**
 * Adam with the exact update of `torch.optim.Adam` (amsgrad off):
 *   g ← g + wd·p;  m ← m + (1−β1)(g − m);  v ← β2·v + (1−β2)·g²
 *   p ← p − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + eps)
 */
export class Adam {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly params: readonly tf.Variable[],
    { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 }: AdamOptions = {},
  ) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = params.map((p) => tf.variable(tf.zerosLike(p), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p), false));
  }

  get step(): number {
    return this.t;
  }

  /** Applies one update with `grads` in the order of the parameters. Does not dispose `grads`. */
  update(grads: readonly tf.Tensor[]): void {
    if (grads.length !== this.params.length) {
      throw new Error(`Adam.update: ${grads.length} gradients for ${this.params.length} parameters`);
    }
    this.t += 1;
    const stepSize = this.lr / (1 - this.beta1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - this.beta2 ** this.t);
    tf.tidy(() => {
      for (let i = 0; i < this.params.length; i++) {
        const p = this.params[i]!;
        const m = this.m[i]!;
        const v = this.v[i]!;
        let g = grads[i]!;
        if (this.weightDecay !== 0) g = tf.add(g, tf.mul(p, this.weightDecay));
        const m1 = tf.add(m, tf.mul(tf.sub(g, m), 1 - this.beta1));
        const v1 = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const denom = tf.add(tf.div(tf.sqrt(v1), bc2Sqrt), this.eps);
        p.assign(tf.sub(p, tf.mul(tf.div(m1, denom), stepSize)));
        m.assign(m1);
        v.assign(v1);
      }
    });
  }

  getState(): AdamState {
    return {
      step: this.t,
      lr: this.lr,
      m: this.m.map((t) => t.dataSync() as Float32Array),
      v: this.v.map((t) => t.dataSync() as Float32Array),
    };
  }

  setState(state: AdamState): void {
    if (state.m.length !== this.m.length || state.v.length !== this.v.length) {
      throw new Error(`Adam state holds ${state.m.length} moments, expected ${this.m.length}`);
    }
    this.t = state.step;
    this.lr = state.lr;
    const load = (vars: tf.Variable[], data: Float32Array[]) =>
      vars.forEach((variable, i) => {
        const d = data[i]!;
        if (d.length !== variable.size) {
          throw new Error(`Adam state: moment ${i} has ${d.length} values, expected ${variable.size}`);
        }
        tf.tidy(() => variable.assign(tf.tensor(d, variable.shape)));
      });
    load(this.m, state.m);
    load(this.v, state.v);
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
