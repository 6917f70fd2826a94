import { join } from 'node:path';
import { writeFileAtomic } from '@bottleneck/node-io';
import { denoisingFigure, interpolationFigure, lossFigure, meanPsnr, reconstructionFigure } from '../figures';
import { writeFigure } from '../output';
import { firstOfDigit } from './figure-commands';
import { HISTORY_FILE } from '../history-file';
import { labReport } from '../report';
import { CHECKPOINT_FILE, MODEL_DIR, type TrainFlags, train } from './train';

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
  const { model, mnist, history, out } = run;
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
  const total = (performance.now() - started) / 1000;
  const report = labReport({
    run,
    seed: flags.seed,
    testCount: test.count,
    psnr,
    denoise: { noisy: avg(denoise.psnrNoisy), denoised: avg(denoise.psnrDenoised) },
    interpolation: { from, to },
    wallSeconds: total,
    figures: FIGURES,
    files: { model: MODEL_DIR, history: HISTORY_FILE, checkpoint: CHECKPOINT_FILE },
  });
  await writeFileAtomic(join(out, 'report.md'), report);
  console.log(
    `test PSNR ${psnr.toFixed(2)} dB; wrote ${Object.values(FIGURES).join(', ')} and report.md to ${out} (${total.toFixed(1)} s)`,
  );
  model.dispose();
}
