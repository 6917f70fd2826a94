import { join } from 'node:path';
import type { Autoencoder } from '@bottleneck/autoencoder';
import { type DatasetFlags, type DatasetInfo, datasetInfo } from '../dataset-info';
import { InputError } from '../errors';
import {
  denoisingFigure,
  type FigureNoise,
  interpolationFigure,
  latentFigure,
  lossFigure,
  manifoldImage,
  meanDenoisingPsnr,
  meanPsnr,
  type NamedModel,
  reconstructionFigure,
  samplesImage,
} from '../figures';
import { HISTORY_FILE } from '../history-file';
import { interpolationEnds } from '../interpolation-ends';
import { openModel, writeFigure, writeOutputFile, writeRaster } from '../output';
import { labReport } from '../report';
import { CHECKPOINT_FILE, MODEL_DIR, type TrainFlags, train } from './train';
import { say } from '../terminal-text';

const FIGURES = {
  loss: 'loss.png',
  reconstruction: 'reconstruction.png',
  denoising: 'denoising.png',
  interpolation: 'interpolation.png',
  latent: 'latent.png',
};
/** A VAE's extra figures: draws from its prior; with a 2-d latent, the manifold. */
const VAE_FIGURES = { samples: 'samples.png', manifold: 'manifold.png' } as const;

export interface LabFlags extends TrainFlags, DatasetFlags {
  /** A model to compare denoising with, e.g. a plain run's `out/model`. */
  baseline?: string;
}

/** The latent figure's plane is fitted to the test codes: at least two. */
const MIN_TEST_IMAGES = 2;

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The main job: train, then write every figure and a report into `--out`. */
export async function lab(flags: LabFlags): Promise<void> {
  const started = performance.now();
  let baselineModel: Autoencoder | undefined;
  // set by `prepare`, which runs before any training
  let info!: DatasetInfo;
  // the data's names and a baseline that cannot be used are found out before the training, not after it
  const run = await train(flags, async (mnist) => {
    info = datasetInfo(mnist, flags);
    // the latent figure's principal components need two codes: refused now, not after training
    if (mnist.test.count < MIN_TEST_IMAGES) {
      throw new InputError(
        `--data ${flags.data ?? 'MNIST'}: the test set holds ${mnist.test.count} image, the lab needs at least ${MIN_TEST_IMAGES}`,
      );
    }
    if (!flags.baseline) return;
    baselineModel = await openModel(flags.baseline, '--baseline');
    const { inputSize } = baselineModel.config;
    if (inputSize !== mnist.test.featureSize) {
      throw new InputError(
        `--baseline ${flags.baseline}: takes ${inputSize} values per image, the data has ${mnist.test.featureSize}`,
      );
    }
  });
  const { model, mnist, history, out } = run;
  const { test } = mnist;
  const baseline: NamedModel | undefined = baselineModel && { name: 'baseline', model: baselineModel };
  const first8 = [0, 1, 2, 3, 4, 5, 6, 7];
  // a denoising run is shown its own noise; otherwise ±0.5 uniform, strong enough that the
  // reconstruction beats the noisy input on PSNR, not only by eye
  const trained = run.config.noise;
  const noise: FigureNoise = trained ?? { kind: 'uniform', level: 0.5, seed: flags.seed };
  const [from, to] = interpolationEnds(test.labels);
  const recon = reconstructionFigure(model, test, first8, info.classNames);
  const denoise = denoisingFigure(model, test, first8, noise, baseline);
  const interp = interpolationFigure(model, test, from, to, 10, info.classNames);
  const latent = latentFigure(model, test, info.classNames, info.name);
  await writeFigure(out, FIGURES.loss, lossFigure(history, model.spec).svg);
  await writeFigure(out, FIGURES.reconstruction, recon.svg);
  await writeFigure(out, FIGURES.denoising, denoise.svg);
  await writeFigure(out, FIGURES.interpolation, interp.svg);
  await writeFigure(out, FIGURES.latent, latent.svg);
  const figures: Record<string, string> & typeof FIGURES = { ...FIGURES };
  const samples = samplesImage(model, flags.seed);
  if (samples) figures.samples = await writeRaster(out, VAE_FIGURES.samples, samples).then(() => VAE_FIGURES.samples);
  const manifold = manifoldImage(model);
  if (manifold)
    figures.manifold = await writeRaster(out, VAE_FIGURES.manifold, manifold).then(() => VAE_FIGURES.manifold);
  const psnr = meanPsnr(model, test);
  const denoising = meanDenoisingPsnr(model, test, noise);
  const baselineDenoising = baselineModel && meanDenoisingPsnr(baselineModel, test, noise).denoised;
  const total = (performance.now() - started) / 1000;
  const report = labReport({
    run,
    dataset: info,
    seed: flags.seed,
    testCount: test.count,
    psnr,
    denoise: {
      noise,
      sample: { noisy: avg(denoise.psnrNoisy), denoised: avg(denoise.psnrDenoised) },
      test: denoising,
      ...(baselineDenoising !== undefined ? { baseline: { model: flags.baseline!, denoised: baselineDenoising } } : {}),
    },
    latentExplained: latent.explained,
    interpolation: { from, to },
    wallSeconds: total,
    figures,
    files: { model: MODEL_DIR, history: HISTORY_FILE, checkpoint: CHECKPOINT_FILE },
  });
  await writeOutputFile(join(out, 'report.md'), report, `--out ${flags.out}`);
  say(
    `test PSNR ${psnr.toFixed(2)} dB; denoising ${denoising.noisy.toFixed(2)} → ${denoising.denoised.toFixed(2)} dB` +
      `${baselineDenoising !== undefined ? ` (baseline ${baselineDenoising.toFixed(2)} dB)` : ''}; ` +
      `wrote ${Object.values(figures).join(', ')} and report.md to ${out} (${total.toFixed(1)} s)`,
  );
  model.dispose();
  baselineModel?.dispose();
}
