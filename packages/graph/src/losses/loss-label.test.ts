import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { lossLabel } from './loss-label';

describe('lossLabel', () => {
  it('names each preset’s objective: its loss, its layers’ penalties, per image when summed', () => {
    expect(lossLabel(presetSpec('mlp'))).toBe('MSE');
    expect(lossLabel(presetSpec('deep'))).toBe('BCE');
    expect(lossLabel(presetSpec('sparse'))).toBe('BCE + L1 on the code');
    expect(lossLabel(presetSpec('conv'))).toBe('BCE');
    expect(lossLabel(presetSpec('vae'))).toBe('BCE summed + KL, per image');
  });
});
