import { join } from 'node:path';
import { writeFileAtomic } from '@bottleneck/node-io';
import { denoisingFigure, interpolationFigure, lossFigure, meanPsnr, reconstructionFigure } from '../figures';
import { writeFigure } from '../output';
import { firstOfDigit } from './figures';
import { CHECKPOINT_FILE, HISTORY_FILE, MODEL_DIR, type TrainFlags, train } from './train';

const FIGURES = {
  loss: 'loss.png',
  reconstruction: 'reconstruction.png',
  denoising: 'denoising.png',
  interpolation: 'interpolation.png',
};

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The main job: train, then write every figure and a report into `--out`. */
export async function lab(flags: TrainFlags): Promise<void> {
  const started = performance.now();
  const run = await train(flags);
  // what the run used (after --resume, the checkpoint's recipe), not the flags
  const { model, mnist, history, out, config } = run;
  const { test } = mnist;
  const first8 = [0, 1, 2, 3, 4, 5, 6, 7];
  // ±0.5: strong enough that the reconstruction beats the noisy input on PSNR, not only by eye
  const noise = { kind: 'uniform' as const, level: 0.5, seed: flags.seed };
  const from = firstOfDigit(test, 7, 'interpolation');
  const to = firstOfDigit(test, 0, 'interpolation');
  const recon = reconstructionFigure(model, test, first8);
  const denoise = denoisingFigure(model, test, first8, noise);
  const interp = interpolationFigure(model, test, from, to, 10);
  await writeFigure(out, FIGURES.loss, lossFigure(history).svg);
  await writeFigure(out, FIGURES.reconstruction, recon.svg);
  await writeFigure(out, FIGURES.denoising, denoise.svg);
  await writeFigure(out, FIGURES.interpolation, interp.svg);
  const psnr = meanPsnr(model, test);
  const last = history.at(-1)!;
  const drops = history.filter((r) => r.lrReduced).map((r) => r.epoch);
  const total = (performance.now() - started) / 1000;
  const report = `# bottleneck lab report

MNIST (28×28 grayscale in [0,1], flattened) through a 784→392→**8**→392→784 MLP autoencoder
(ReLU, ReLU, ReLU, sigmoid), trained with MSE, Adam (lr ${config.lr}, L2 weight decay
${config.weightDecay} on the gradient) and ReduceLROnPlateau on the epoch loss (factor ${config.factor}, patience
${config.patience}, threshold ${config.threshold} rel), batch ${config.batchSize}, shuffled with seed ${flags.seed}.

| | |
|---|---|
| parameters | ${model.parameterCount().toLocaleString('en-US')} |
| epochs | ${history.length} |
| final train loss | ${last.trainLoss.toFixed(5)} |
| test MSE | ${last.testMse?.toFixed(5)} |
| test PSNR (mean over ${test.count.toLocaleString('en-US')} images) | ${psnr.toFixed(2)} dB |
| lr reduced after epochs | ${drops.length ? drops.join(', ') : 'none'} |
| final lr | ${run.finalLr.toExponential(0)} |
| denoising (uniform noise ±0.5, 8 images) | ${avg(denoise.psnrNoisy).toFixed(2)} dB noisy → ${avg(denoise.psnrDenoised).toFixed(2)} dB denoised |
| training time | ${run.seconds.toFixed(1)} s (${(run.seconds / history.length).toFixed(2)} s/epoch) |
| wall time (with data and figures) | ${total.toFixed(1)} s |
| engine | ${run.engine} |

## Loss
![loss](${FIGURES.loss})

## Reconstruction
The first eight test digits (top) and their reconstructions from 8 numbers (bottom).

![reconstruction](${FIGURES.reconstruction})

## Denoising
Uniform noise of ±0.5 (clipped to [0,1]) added to the clean digits; the autoencoder maps the noisy input back towards a digit.

![denoising](${FIGURES.denoising})

## Bottleneck interpolation
The codes of the first 7 (test #${from}) and the first 0 (test #${to}), mixed as z = z1 + (i/10)(z2 − z1) and decoded.

![interpolation](${FIGURES.interpolation})

## Model
\`\`\`
${model.summary()}
\`\`\`

Files: \`${MODEL_DIR}/\` (model.json + weights.bin), \`${HISTORY_FILE}\`, \`${CHECKPOINT_FILE}\`.
`;
  await writeFileAtomic(join(out, 'report.md'), report);
  console.log(
    `test PSNR ${psnr.toFixed(2)} dB; wrote ${Object.values(FIGURES).join(', ')} and report.md to ${out} (${total.toFixed(1)} s)`,
  );
  model.dispose();
}
