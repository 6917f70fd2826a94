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
    const p = Float32Array.of(0.5, -1.5, 2.0);
    const adam = new Adam(3, { lr: 0.1, weightDecay: 0.01 });
    for (const row of expected) {
      const g = p.map((v) => v ** 3);
      adam.update(p, g);
      row.forEach((e, i) => {
        expect(p[i]).toBeCloseTo(e, 6);
      });
    }
    expect(adam.step).toBe(5);
  });

  it('is not AdamW: decay enters the moments, so a zero gradient still moves p by lr', () => {
    const p = Float32Array.of(2);
    new Adam(1, { lr: 0.01, weightDecay: 0.1 }).update(p, Float32Array.of(0));
    // g' = 0.1·2 = 0.2 → m̂/√v̂ = 1 → p = 2 − 0.01 (AdamW would give 2 − 0.01·0.1·2 = 1.998)
    expect(p[0]).toBeCloseTo(1.99, 6);
  });

  it('continues identically from a saved state', () => {
    const a = new Adam(2, { lr: 0.1, weightDecay: 0.01 });
    const pa = Float32Array.of(0.5, -1);
    a.update(pa, Float32Array.of(0.3, -0.2));
    const b = new Adam(2, { lr: 0.7, weightDecay: 0.01 });
    b.setState(a.getState());
    const pb = pa.slice();
    a.update(pa, Float32Array.of(0.1, 0.4));
    b.update(pb, Float32Array.of(0.1, 0.4));
    expect(pb).toEqual(pa);
    expect(b.step).toBe(2);
    expect(() => b.setState({ step: 1, lr: 1, m: new Float32Array(3), v: new Float32Array(3) })).toThrow(
      /3 moments, expected 2/,
    );
  });
});
