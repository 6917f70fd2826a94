import { describe, expect, it } from 'vitest';
import { type ReduceLROnPlateauOptions, ReduceLROnPlateau } from './reduce-lr-on-plateau';

function run(metrics: number[], options: ReduceLROnPlateauOptions, lr = 1) {
  const opt = { lr };
  const s = new ReduceLROnPlateau(opt, options);
  return metrics.map((m) => {
    s.step(m);
    return opt.lr;
  });
}

// Expected lr after each step, traced by hand through PyTorch's rules (see the comments).
describe('ReduceLROnPlateau', () => {
  it('drops after more than `patience` bad epochs, then waits out the cooldown', () => {
    // epochs: 1 best=10 | 2 best=9 | 3,4 bad=1,2 | 5 bad=3>2 → lr·0.5, cooldown=1 |
    // 6 bad→0 (cooldown) | 7,8 bad=1,2 | 9 best=8 | 10,11 bad=1,2 | 12 bad=3 → 0.25
    const lrs = run([10, 9, 9, 9, 9, 9, 9, 9, 8, 8, 8, 8], { patience: 2, factor: 0.5, cooldown: 1 });
    expect(lrs).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25]);
  });

  it('without cooldown counts again right after a drop', () => {
    // patience 1: 2 best | 3 bad=1 | 4 bad=2 → 0.1 | 5 bad=1 | 6 bad=2 → 0.01
    const lrs = run([5, 4, 4, 4, 4, 4], { patience: 1, factor: 0.1 });
    expect(lrs.map((x) => Number(x.toPrecision(6)))).toEqual([1, 1, 1, 0.1, 0.1, 0.01]);
  });

  it('uses PyTorch defaults: patience 10, factor 0.1', () => {
    const lrs = run(Array(12).fill(1), {});
    // epoch 1 sets best; epochs 2..12 are bad 1..11; 11 > 10 at epoch 12
    expect(lrs.slice(0, 11).every((x) => x === 1)).toBe(true);
    expect(lrs[11]).toBeCloseTo(0.1, 12);
  });

  it('relative threshold: must beat best·(1 − threshold)', () => {
    // threshold 0.1: 9.5 is not < 9, so bad; 8.9 is better
    const s = new ReduceLROnPlateau({ lr: 1 }, { threshold: 0.1 });
    s.step(10);
    s.step(9.5);
    expect([s.best, s.numBadEpochs]).toEqual([10, 1]);
    s.step(8.9);
    expect([s.best, s.numBadEpochs]).toEqual([8.9, 0]);
  });

  it('absolute threshold: must beat best − threshold', () => {
    const s = new ReduceLROnPlateau({ lr: 1 }, { threshold: 0.6, thresholdMode: 'abs' });
    s.step(10);
    s.step(9.5);
    expect(s.best).toBe(10);
    s.step(9.3);
    expect(s.best).toBe(9.3);
  });

  it('max mode, relative and absolute', () => {
    const rel = new ReduceLROnPlateau({ lr: 1 }, { mode: 'max', threshold: 0.1 });
    rel.step(10);
    rel.step(10.5); // needs > 11
    expect(rel.best).toBe(10);
    rel.step(11.5);
    expect(rel.best).toBe(11.5);
    const lrs = run([1, 2, 2, 2], { mode: 'max', patience: 1, thresholdMode: 'abs', threshold: 0.5 });
    expect(lrs.map((x) => Number(x.toPrecision(6)))).toEqual([1, 1, 1, 0.1]);
  });

  it('respects min_lr and ignores changes no larger than eps', () => {
    // patience 0: every non-improving epoch triggers; 1 → max(0.1, 0.5) = 0.5 → stays 0.5
    expect(run([1, 1, 1], { patience: 0, minLr: 0.5 })).toEqual([1, 0.5, 0.5]);
    // 1e-8 → 1e-9 changes it by 9e-9 ≤ eps 1e-8: kept
    expect(run([1, 1], { patience: 0 }, 1e-8)).toEqual([1e-8, 1e-8]);
    // 1.5e-8 → 1.5e-9 changes it by 1.35e-8 > eps: applied
    expect(run([1, 1], { patience: 0 }, 1.5e-8)[1]).toBeCloseTo(1.5e-9, 20);
  });

  it('state round-trips', () => {
    const a = new ReduceLROnPlateau({ lr: 1 }, { patience: 2, cooldown: 3 });
    for (const m of [3, 2, 2, 2, 2]) a.step(m);
    const b = new ReduceLROnPlateau({ lr: 1 }, { patience: 2, cooldown: 3 });
    b.setState(a.getState());
    expect(b.getState()).toEqual({ best: 2, numBadEpochs: 0, cooldownCounter: 3, lastEpoch: 5 });
  });
});
