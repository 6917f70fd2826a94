import { LAB_RECIPE } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import type { TrainResult } from './commands/train';
import { labReport } from './report';

describe('labReport', () => {
  it('states the recipe the run used (after --resume, the checkpoint’s), and the results', () => {
    const run = {
      model: {
        config: { inputSize: 784, hiddenSize: 392, bottleneckSize: 8 },
        parameterCount: () => 622_504,
        summary: () => 'Total params: 622,504',
      },
      history: [
        { epoch: 1, trainLoss: 0.2, testMse: 0.19, lr: 3e-4, lrReduced: true, seconds: 1 },
        { epoch: 2, trainLoss: 0.1, testMse: 0.09, lr: 1.5e-4, lrReduced: false, seconds: 1 },
      ],
      config: { ...LAB_RECIPE, lr: 3e-4, factor: 0.5, batchSize: 256, patience: 2 },
      finalLr: 1.5e-4,
      seconds: 2,
      engine: 'ONNX Runtime cpu, 2 threads',
    } as unknown as TrainResult;
    const md = labReport({
      run,
      seed: 3,
      testCount: 10_000,
      psnr: 16.5,
      denoise: { noisy: 13.6, denoised: 14.8 },
      interpolation: { from: 0, to: 3 },
      wallSeconds: 5,
      figures: { loss: 'loss.png', reconstruction: 'r.png', denoising: 'd.png', interpolation: 'i.png' },
      files: { model: 'model', history: 'history.json', checkpoint: 'checkpoint.ckpt' },
    });
    expect(md).toContain('Adam (lr 0.0003');
    expect(md).toContain('factor 0.5, patience\n2');
    expect(md).toContain('batch 256, shuffled with seed 3');
    expect(md).toContain('| test MSE | 0.09000 |');
    expect(md).toContain('| lr reduced after epochs | 1 |');
    expect(md).toContain('| engine | ONNX Runtime cpu, 2 threads |');
    expect(md).toContain('![denoising](d.png)');
  });
});
