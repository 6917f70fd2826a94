import { mlpSpec, presetSpec } from '@bottleneck/graph';
import { LAB_RECIPE } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import type { TrainResult } from './commands/train';
import { type LabReportInput, labReport } from './report';

/** A run of `run` fields over a plain 8-d MNIST run's, and the report input around it. */
function reportOf(run: Record<string, unknown>, input: Partial<LabReportInput> = {}): string {
  return labReport({
    run: {
      model: {
        config: { inputSize: 784, hiddenSize: 392, bottleneckSize: 8 },
        spec: mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }),
        parameterCount: () => 622_504,
        summary: () => 'Total params: 622,504',
      },
      history: [{ epoch: 1, trainLoss: 0.2, testMse: 0.19, lr: 1e-3, lrReduced: false, seconds: 1 }],
      config: LAB_RECIPE,
      finalLr: 1e-3,
      seconds: 1,
      engine: 'ONNX Runtime cpu, 2 threads',
      mnist: { test: { labels: Uint8Array.from([7, 1, 2, 0]) } },
      ...run,
    } as unknown as TrainResult,
    dataset: { name: 'MNIST', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
    seed: 3,
    testCount: 10_000,
    psnr: 16.5,
    denoise: {
      noise: { kind: 'uniform', level: 0.5, seed: 3 },
      sample: { noisy: 13.6, denoised: 14.8 },
      test: { noisy: 13.5, denoised: 14.7 },
    },
    latentExplained: 0.42,
    interpolation: { from: 0, to: 3 },
    wallSeconds: 5,
    figures: { loss: 'loss.png', reconstruction: 'r.png', denoising: 'd.png', interpolation: 'i.png', latent: 'l.png' },
    files: { model: 'model', history: 'history.json', checkpoint: 'checkpoint.ckpt' },
    ...input,
  });
}

describe('labReport', () => {
  it('states the recipe the run used (after --resume, the checkpoint’s), and the results', () => {
    const md = reportOf({
      history: [
        { epoch: 1, trainLoss: 0.2, testMse: 0.19, lr: 3e-4, lrReduced: true, seconds: 1 },
        { epoch: 2, trainLoss: 0.1, testMse: 0.09, lr: 1.5e-4, lrReduced: false, seconds: 1 },
      ],
      config: { ...LAB_RECIPE, lr: 3e-4, factor: 0.5, batchSize: 256, patience: 2 },
      finalLr: 1.5e-4,
      seconds: 2,
    });
    expect(md).toContain('Adam (lr 0.0003');
    expect(md).toContain('factor 0.5, patience\n2');
    expect(md).toContain('batch 256, shuffled with seed 3');
    expect(md).toContain('| test MSE (clean inputs) | 0.09000 |');
    expect(md).toContain('| lr reduced after epochs | 1 |');
    expect(md).toContain('| engine | ONNX Runtime cpu, 2 threads |');
    expect(md).toContain('![denoising](d.png)');
    expect(md).toContain('![latent](l.png)');
    expect(md).toContain('MNIST (28×28 grayscale');
    expect(md).toContain('a plain autoencoder');
    expect(md).toContain(
      '| denoising, uniform noise of ±0.5, all 10,000 test images | 13.50 dB noisy → 14.70 dB denoised |',
    );
    expect(md).toContain('the first 7 (test #0) and the first 0 (test #3)');
    expect(md).not.toContain('baseline');
  });

  it('names another data set and its classes, a denoising run, and its baseline', () => {
    const md = reportOf(
      {
        model: {
          config: { inputSize: 784, hiddenSize: 64, bottleneckSize: 2 },
          spec: mlpSpec({ inputSize: 784, hiddenSize: 64, bottleneckSize: 2 }),
          parameterCount: () => 1,
          summary: () => '',
        },
        config: { ...LAB_RECIPE, noise: { kind: 'gaussian', level: 0.3, seed: 4 } },
        mnist: { test: { labels: Uint8Array.from([9, 0]) } },
      },
      {
        dataset: {
          name: 'Fashion-MNIST',
          classNames: ['T-shirt', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'Ankle boot'],
        },
        denoise: {
          noise: { kind: 'gaussian', level: 0.3, seed: 4 },
          sample: { noisy: 1, denoised: 2 },
          test: { noisy: 10, denoised: 17 },
          baseline: { model: 'plain/model', denoised: 12.25 },
        },
        interpolation: { from: 0, to: 1 },
      },
    );
    expect(md).toContain('Fashion-MNIST (28×28 grayscale');
    expect(md).toContain('a **denoising** autoencoder: inputs corrupted by Gaussian noise of standard deviation 0.3');
    expect(md).toContain('| denoising, baseline plain/model on the same noisy test images | 12.25 dB |');
    expect(md).toContain('the first "Ankle boot" (test #0) and the first "T-shirt" (test #1)');
    expect(md).toContain('on the code itself');
  });

  it("escapes a data folder's name and a baseline path: no HTML, no table break, no second line", () => {
    const md = reportOf(
      {},
      {
        dataset: {
          name: '<img src=x onerror=alert(1)>|x\n# forged',
          classNames: ['0', '1', '2', '3', '4', '5', '6', '7'],
        },
        denoise: {
          noise: { kind: 'uniform', level: 0.5, seed: 3 },
          sample: { noisy: 1, denoised: 2 },
          test: { noisy: 10, denoised: 17 },
          baseline: { model: 'a|b`c', denoised: 12.25 },
        },
      },
    );
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;\\|x\\\\n\\# forged (28×28 grayscale');
    expect(md).not.toMatch(/<img|^# forged/m);
    expect(md).toContain('| denoising, baseline a\\|b\\`c on the same noisy test images | 12.25 dB |');
  });

  it("names any other model by its widths and states its loss in the preset's units", () => {
    const model = {
      config: { inputSize: 784, hiddenSize: 32, bottleneckSize: 32 },
      spec: presetSpec('sparse'),
      parameterCount: () => 50_992,
      summary: () => 'Total params: 50,992',
    };
    const history = [
      { epoch: 1, trainLoss: 0.2, testMse: 0.19, testLoss: 0.18, lr: 1e-3, lrReduced: false, seconds: 1 },
    ];
    const md = reportOf({ model, history });
    expect(md).toContain(
      'through a 784→**32**→784 autoencoder\n(relu, l1-activity, sigmoid), trained with BCE + L1 on the code, Adam',
    );
    expect(md).toContain('| final train loss (BCE + L1 on the code) | 0.20000 |');
    // its own test loss beside the test MSE; the lab's is its MSE, stated once
    expect(md).toContain('| test loss (BCE + L1 on the code) | 0.18000 |');
    const lab = reportOf({});
    expect(lab).toContain('MLP autoencoder\n(ReLU, ReLU, ReLU, sigmoid), trained with MSE, Adam');
    expect(lab).not.toContain('| test loss');
  });
});
