import type { Autoencoder } from '@bottleneck/autoencoder';
import {
  addNoise,
  figureSvg,
  interpolateLatents,
  type LossPoint,
  lossPlotSvg,
  type NoiseKind,
  psnrPerImage,
  toGrayImages,
} from '@bottleneck/image';
import type { MnistSplit } from '@bottleneck/mnist';
import * as tf from '@tensorflow/tfjs-core';

/** An SVG figure with the numbers it shows. */
export interface Figure {
  svg: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function rowsOf(split: MnistSplit, indices: readonly number[]): Float32Array {
  const x = new Float32Array(indices.length * split.featureSize);
  split.fillBatch(indices, x);
  return x;
}

/**
 * Values of a tensor computed in a tidy scope. (Returning the typed array from the tidy itself
 * would make tfjs walk every element looking for tensors.)
 */
function valuesOf(f: () => tf.Tensor): Float32Array {
  const t = tf.tidy(f);
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

function reconstruct(model: Autoencoder, x: Float32Array, n: number): Float32Array {
  return valuesOf(() => model.forward(tf.tensor2d(x, [n, model.config.inputSize])));
}

export interface ReconstructionFigure extends Figure {
  psnr: number[];
}

/** Test digits (top) above their reconstructions (bottom), PSNR under each. */
export function reconstructionFigure(
  model: Autoencoder,
  split: MnistSplit,
  indices: readonly number[],
): ReconstructionFigure {
  const x = rowsOf(split, indices);
  const y = reconstruct(model, x, indices.length);
  const psnr = psnrPerImage(x, y, split.featureSize);
  const svg = figureSvg(
    [
      { label: 'input', images: toGrayImages(x), captions: indices.map((i) => `#${i}: ${split.labels[i]}`) },
      { label: 'output', images: toGrayImages(y), captions: psnr.map((p) => `${p.toFixed(1)} dB`) },
    ],
    {
      title: 'Reconstruction',
      subtitle: `test images through the ${model.config.bottleneckSize}-value bottleneck; mean PSNR ${mean(psnr).toFixed(2)} dB`,
    },
  );
  return { svg, psnr };
}

export interface DenoisingFigure extends Figure {
  psnrNoisy: number[];
  psnrDenoised: number[];
}

/** Clean, noisy and denoised rows; PSNR against the clean image under the last two. */
export function denoisingFigure(
  model: Autoencoder,
  split: MnistSplit,
  indices: readonly number[],
  noise: { kind: NoiseKind; level: number; seed: number },
): DenoisingFigure {
  const clean = rowsOf(split, indices);
  const noisy = valuesOf(() => addNoise(tf.tensor2d(clean, [indices.length, split.featureSize]), noise));
  const denoised = reconstruct(model, noisy, indices.length);
  const psnrNoisy = psnrPerImage(clean, noisy, split.featureSize);
  const psnrDenoised = psnrPerImage(clean, denoised, split.featureSize);
  const dB = (p: number) => `${p.toFixed(1)} dB`;
  const svg = figureSvg(
    [
      { label: 'clean', images: toGrayImages(clean) },
      { label: 'noisy', images: toGrayImages(noisy), captions: psnrNoisy.map(dB) },
      { label: 'denoised', images: toGrayImages(denoised), captions: psnrDenoised.map(dB) },
    ],
    {
      title: 'Denoising',
      subtitle:
        `${noise.kind} noise, level ${noise.level}: PSNR ${mean(psnrNoisy).toFixed(2)} dB noisy → ` +
        `${mean(psnrDenoised).toFixed(2)} dB denoised`,
    },
  );
  return { svg, psnrNoisy, psnrDenoised };
}

export interface InterpolationFigure extends Figure {
  codes: number[][];
}

/**
 * Decodes z = z1 + (i/n)(z2 − z1) for i = 0..n between the codes of two test images; the two
 * originals are shown beside the strip.
 */
export function interpolationFigure(
  model: Autoencoder,
  split: MnistSplit,
  from: number,
  to: number,
  steps: number,
): InterpolationFigure {
  const x = rowsOf(split, [from, to]);
  const [z1, z2] = tf.tidy(() => model.encode(tf.tensor2d(x, [2, split.featureSize])).arraySync());
  const codes = interpolateLatents(z1!, z2!, steps);
  const decoded = valuesOf(() => model.decode(tf.tensor2d(codes)));
  const images = toGrayImages(decoded);
  const [a, b] = toGrayImages(x);
  const svg = figureSvg(
    [
      {
        label: 'originals',
        images: [a!, b!],
        captions: [`#${from}: ${split.labels[from]}`, `#${to}: ${split.labels[to]}`],
      },
      { label: 'decoded z', images, captions: codes.map((_, i) => `${i}/${steps}`) },
    ],
    {
      title: `Bottleneck interpolation ${split.labels[from]} → ${split.labels[to]}`,
      subtitle: 'z = z1 + (i/n)(z2 − z1), decoded; the ends are the two reconstructions',
    },
  );
  return { svg, codes };
}

export function lossFigure(history: readonly LossPoint[]): Figure {
  return { svg: lossPlotSvg(history, { title: 'Training loss (MSE) and test MSE per epoch' }) };
}

/** Mean PSNR of the reconstructions of a whole split. */
export function meanPsnr(model: Autoencoder, split: MnistSplit, batch = 2000): number {
  let sum = 0;
  for (let start = 0; start < split.count; start += batch) {
    const n = Math.min(batch, split.count - start);
    const x = split.toFloat32(start, n);
    for (const p of psnrPerImage(x, reconstruct(model, x, n), split.featureSize)) sum += p;
  }
  return sum / split.count;
}
