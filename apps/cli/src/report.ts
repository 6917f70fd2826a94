import type { TrainResult } from './commands/train';

export interface LabReportInput {
  run: TrainResult;
  seed: number;
  testCount: number;
  /** Mean test PSNR, dB. */
  psnr: number;
  /** Mean PSNR of the noisy inputs and of their reconstructions, dB. */
  denoise: { noisy: number; denoised: number };
  /** Test indices of the interpolation's two ends. */
  interpolation: { from: number; to: number };
  wallSeconds: number;
  figures: { loss: string; reconstruction: string; denoising: string; interpolation: string };
  files: { model: string; history: string; checkpoint: string };
}

/**
 * `report.md` of a lab run, from what the run used (after `--resume`, the checkpoint's recipe),
 * never from the flags.
 */
export function labReport(input: LabReportInput): string {
  const { run, seed, testCount, psnr, denoise, interpolation, wallSeconds, figures, files } = input;
  const { history, config: c } = run;
  const n = run.model.config;
  const last = history.at(-1)!;
  const drops = history.filter((r) => r.lrReduced).map((r) => r.epoch);
  return `# bottleneck lab report

MNIST (28×28 grayscale in [0,1], flattened) through a ${n.inputSize}→${n.hiddenSize}→**${n.bottleneckSize}**→${n.hiddenSize}→${n.inputSize} MLP autoencoder
(ReLU, ReLU, ReLU, sigmoid), trained with MSE, Adam (lr ${c.lr}, L2 weight decay
${c.weightDecay} on the gradient) and ReduceLROnPlateau on the epoch loss (factor ${c.factor}, patience
${c.patience}, threshold ${c.threshold} rel), batch ${c.batchSize}, shuffled with seed ${seed}.

| | |
|---|---|
| parameters | ${run.model.parameterCount().toLocaleString('en-US')} |
| epochs | ${history.length} |
| final train loss | ${last.trainLoss.toFixed(5)} |
| test MSE | ${last.testMse?.toFixed(5)} |
| test PSNR (mean over ${testCount.toLocaleString('en-US')} images) | ${psnr.toFixed(2)} dB |
| lr reduced after epochs | ${drops.length ? drops.join(', ') : 'none'} |
| final lr | ${run.finalLr.toExponential(0)} |
| denoising (uniform noise ±0.5, 8 images) | ${denoise.noisy.toFixed(2)} dB noisy → ${denoise.denoised.toFixed(2)} dB denoised |
| training time | ${run.seconds.toFixed(1)} s (${(run.seconds / history.length).toFixed(2)} s/epoch) |
| wall time (with data and figures) | ${wallSeconds.toFixed(1)} s |
| engine | ${run.engine} |

## Loss
![loss](${figures.loss})

## Reconstruction
The first eight test digits (top) and their reconstructions from ${n.bottleneckSize} numbers (bottom).

![reconstruction](${figures.reconstruction})

## Denoising
Uniform noise of ±0.5 (clipped to [0,1]) added to the clean digits; the autoencoder maps the noisy input back towards a digit.

![denoising](${figures.denoising})

## Bottleneck interpolation
The codes of the first 7 (test #${interpolation.from}) and the first 0 (test #${interpolation.to}), mixed as z = z1 + (i/10)(z2 − z1) and decoded.

![interpolation](${figures.interpolation})

## Model
\`\`\`
${run.model.summary()}
\`\`\`

Files: \`${files.model}/\` (model.json + weights.bin), \`${files.history}\`, \`${files.checkpoint}\`.
`;
}
