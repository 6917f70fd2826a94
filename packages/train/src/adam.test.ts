import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';

describe('Adam (torch.optim.Adam semantics)', () => {
  // Expected parameters after each step for loss = Σ p⁴/4 (grad p³), lr 0.1, weight_decay 0.01,
  // computed in float64 with the update written in torch.optim.Adam's documentation:
  // g += wd·p; m = β1 m + (1−β1) g; v = β2 v + (1−β2) g²; p −= lr/(1−β1ᵗ) · m/(√v/√(1−β2ᵗ) + eps)
  const expected = [
    [0.400000008, -1.4, 1.9],
    [0.306128551, -1.301057387, 1.800690987],
    [0.221686781, -1.203947869, 1.702572942],
    [0.147716671, -1.109443602, 1.606154756],
    [0.083521625, -1.018261576, 1.51193471],
  ];

  it('follows the reference trajectory with L2 weight decay and bias correction', () => {
    const p = tf.variable(tf.tensor1d([0.5, -1.5, 2.0]));
    const adam = new Adam([p], { lr: 0.1, weightDecay: 0.01 });
    for (const row of expected) {
      const g = tf.tidy(() => tf.pow(p, 3));
      adam.update([g]);
      g.dispose();
      const got = p.dataSync();
      row.forEach((e, i) => expect(got[i]).toBeCloseTo(e, 5));
    }
    expect(adam.step).toBe(5);
    adam.dispose();
    p.dispose();
  });

  it('is not AdamW: decay enters the moments, so a zero gradient still moves p by lr', () => {
    const p = tf.variable(tf.tensor1d([2]));
    const adam = new Adam([p], { lr: 0.01, weightDecay: 0.1 });
    const g = tf.zeros([1]);
    adam.update([g]);
    // g' = 0.1·2 = 0.2 → m̂/√v̂ = 1 → p = 2 − 0.01 (AdamW would give 2 − 0.01·0.1·2 = 1.998)
    expect(p.dataSync()[0]).toBeCloseTo(1.99, 6);
    tf.dispose([g, p]);
    adam.dispose();
  });

  it('saves and restores its state', () => {
    const p = tf.variable(tf.tensor1d([0.5, -1.5, 2.0]));
    const adam = new Adam([p], { lr: 0.1, weightDecay: 0.01 });
    const g = tf.tensor1d([0.3, -0.2, 0.1]);
    adam.update([g]);
    const state = adam.getState();
    const q = tf.variable(p.clone());
    const other = new Adam([q], { lr: 0.5 });
    other.setState(state);
    // other has no weight decay: compare moments only through a shared next step without it
    expect(other.lr).toBe(0.1);
    expect(other.step).toBe(1);
    expect(other.getState().m[0]).toEqual(state.m[0]);
    expect(other.getState().v[0]).toEqual(state.v[0]);
    tf.dispose([p, q, g]);
    adam.dispose();
    other.dispose();
  });
});
