import { mlpSpec, presetSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { lossWords } from './loss-words';

describe('lossWords', () => {
  it("names the lab's MSE, which the held-out MSE shares an axis with", () => {
    const words = lossWords(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }));
    expect(words).toEqual({ trainingLoss: 'training loss (MSE)', axis: 'MSE', decimals: 4, isTestMse: true });
  });

  it("names the conv model's binary cross-entropy, a mean in units of its own", () => {
    expect(lossWords(presetSpec('conv'))).toEqual({
      trainingLoss: 'training loss (binary cross-entropy)',
      axis: 'binary cross-entropy',
      decimals: 4,
      isTestMse: false,
    });
  });

  it("names the VAE's BCE summed over pixels plus KL, reported per image", () => {
    expect(lossWords(presetSpec('vae', { code: 2 }))).toEqual({
      trainingLoss: 'training loss per image (BCE summed over pixels + KL)',
      axis: 'loss per image',
      decimals: 1,
      isTestMse: false,
    });
  });

  it('follows the spec, not a preset: a sparse code adds its L1 penalty, even to an MSE', () => {
    expect(lossWords(presetSpec('sparse')).trainingLoss).toBe('training loss (binary cross-entropy + L1 on the code)');
    const sparseMse = { ...presetSpec('sparse'), loss: 'mse' as const };
    expect(lossWords(sparseMse)).toMatchObject({ axis: 'loss', isTestMse: false });
    expect(lossWords({ ...presetSpec('vae'), loss: 'mse' }).trainingLoss).toBe('training loss (MSE + KL)');
  });
});
