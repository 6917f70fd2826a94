import type { Autoencoder } from '@bottleneck/autoencoder';
import { latentNoiseWidth, lossIsMse, lossLabel, type ModelSpec } from '@bottleneck/graph';
import {
  addNoise,
  figureSvg,
  fitPca,
  type GrayImage,
  gridImage,
  MANIFOLD_SIDE,
  manifoldCodes,
  PRIOR_SAMPLES,
  priorDraws,
  interpolateLatents,
  latentFigureSvg,
  type LossPoint,
  lossPlotSvg,
  type NoiseOptions,
  psnrPerImage,
  projectPca,
  toGrayImages,
  unprojectPca,
} from '@bottleneck/image';
import type { MnistSplit } from '@bottleneck/mnist';
import * as tf from '@tensorflow/tfjs-core';

/** An SVG figure with the numbers it shows. */
export interface Figure {
  svg: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Calls `visit` with each run of up to `batch` rows of a whole split, in order, as float32. */
function forChunks(
  split: MnistSplit,
  visit: (x: Float32Array, start: number, rows: number) => void,
  batch = 2000,
): void {
  for (let start = 0; start < split.count; start += batch) {
    const n = Math.min(batch, split.count - start);
    visit(split.toFloat32(start, n), start, n);
  }
}

function rowsOf(split: MnistSplit, indices: readonly number[]): Float32Array {
  const x = new Float32Array(indices.length * split.featureSize);
  split.fillBatch(indices, x);
  return x;
}

/**
 * Values of a tensor computed in a tidy scope. (Returning the typed array from the tidy itself
 * would make tfjs walk every element looking for tensors.)
 */
/** The indices `start, start + 1, …` of `n` rows. */
function indexRange(start: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => start + i);
}

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

/** The name of each label value, e.g. `DatasetInfo.classNames`; default: the values themselves. */
export type ClassNames = readonly string[];

const nameOf = (names: ClassNames | undefined, label: number) => names?.[label] ?? String(label);

/** Test digits (top) above their reconstructions (bottom), PSNR under each. */
export function reconstructionFigure(
  model: Autoencoder,
  split: MnistSplit,
  indices: readonly number[],
  names?: ClassNames,
): ReconstructionFigure {
  const x = rowsOf(split, indices);
  const y = reconstruct(model, x, indices.length);
  const psnr = psnrPerImage(x, y, split.featureSize);
  const svg = figureSvg(
    [
      {
        label: 'input',
        images: toGrayImages(x),
        captions: indices.map((i) => `#${i}: ${nameOf(names, split.labels[i]!)}`),
      },
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

/** The noise of a denoising figure or measurement: `addNoise`'s options, all given. */
export type FigureNoise = Required<NoiseOptions>;

/** A model and the name of its row in a comparison. */
export interface NamedModel {
  name: string;
  model: Autoencoder;
}

/**
 * Clean, noisy and denoised rows; PSNR against the clean image under the last two. With a
 * `baseline`, a last row shows what that model makes of the same noisy inputs.
 */
export function denoisingFigure(
  model: Autoencoder,
  split: MnistSplit,
  indices: readonly number[],
  noise: FigureNoise,
  baseline?: NamedModel,
): DenoisingFigure {
  const clean = rowsOf(split, indices);
  const noisy = addNoise(clean, split.featureSize, noise, indices);
  const denoised = reconstruct(model, noisy, indices.length);
  const psnrNoisy = psnrPerImage(clean, noisy, split.featureSize);
  const psnrDenoised = psnrPerImage(clean, denoised, split.featureSize);
  const dB = (p: number) => `${p.toFixed(1)} dB`;
  const rows = [
    { label: 'clean', images: toGrayImages(clean) },
    { label: 'noisy', images: toGrayImages(noisy), captions: psnrNoisy.map(dB) },
    { label: baseline ? 'this model' : 'denoised', images: toGrayImages(denoised), captions: psnrDenoised.map(dB) },
  ];
  let versus = '';
  if (baseline) {
    const other = reconstruct(baseline.model, noisy, indices.length);
    const psnrOther = psnrPerImage(clean, other, split.featureSize);
    rows.push({ label: baseline.name, images: toGrayImages(other), captions: psnrOther.map(dB) });
    versus = ` (${baseline.name}: ${mean(psnrOther).toFixed(2)} dB)`;
  }
  const svg = figureSvg(rows, {
    title: 'Denoising',
    subtitle:
      `${noise.kind} noise, level ${noise.level}: PSNR ${mean(psnrNoisy).toFixed(2)} dB noisy → ` +
      `${mean(psnrDenoised).toFixed(2)} dB denoised${versus}`,
  });
  return { svg, psnrNoisy, psnrDenoised };
}

/** Mean PSNR over a whole split of the noisy inputs and of the model's reconstructions of them. */
export function meanDenoisingPsnr(
  model: Autoencoder,
  split: MnistSplit,
  noise: FigureNoise,
): { noisy: number; denoised: number } {
  let [noisySum, denoisedSum] = [0, 0];
  forChunks(split, (clean, start, n) => {
    // each image's own noise, keyed by its index: the same for every model compared
    const noisy = addNoise(clean, split.featureSize, noise, indexRange(start, n));
    for (const p of psnrPerImage(clean, noisy, split.featureSize)) noisySum += p;
    for (const p of psnrPerImage(clean, reconstruct(model, noisy, n), split.featureSize)) denoisedSum += p;
  });
  return { noisy: noisySum / split.count, denoised: denoisedSum / split.count };
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
  names?: ClassNames,
): InterpolationFigure {
  const [a0, b0] = [nameOf(names, split.labels[from]!), nameOf(names, split.labels[to]!)];
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
        captions: [`#${from}: ${a0}`, `#${to}: ${b0}`],
      },
      { label: 'decoded z', images, captions: codes.map((_, i) => `${i}/${steps}`) },
    ],
    {
      title: `Bottleneck interpolation ${a0} → ${b0}`,
      subtitle: 'z = z1 + (i/n)(z2 − z1), decoded; the ends are the two reconstructions',
    },
  );
  return { svg, codes };
}

/**
 * Train and test loss per epoch. A model whose loss is not its MSE (BCE, a VAE's per image) draws
 * its test loss in the same units (`EpochRecord.testLoss`), not its test MSE on the same axis.
 */
export function lossFigure(history: readonly (LossPoint & { testLoss?: number | null })[], spec?: ModelSpec): Figure {
  if (!spec || lossIsMse(spec)) {
    return { svg: lossPlotSvg(history, { title: 'Training loss (MSE) and test MSE per epoch' }) };
  }
  const loss = lossLabel(spec);
  const points = history.map((r) => ({ ...r, testMse: r.testLoss ?? null }));
  const title = `Training and test loss (${loss}) per epoch`;
  return { svg: lossPlotSvg(points, { title, yLabel: loss, testLabel: 'test loss' }) };
}

/** Mean PSNR of the reconstructions of a whole split. */
export function meanPsnr(model: Autoencoder, split: MnistSplit): number {
  let sum = 0;
  forChunks(split, (x, _, n) => {
    for (const p of psnrPerImage(x, reconstruct(model, x, n), split.featureSize)) sum += p;
  });
  return sum / split.count;
}

/** The codes of a whole split, `[count, bottleneckSize]` row-major. */
export function encodeSplit(model: Autoencoder, split: MnistSplit): Float32Array {
  const k = model.config.bottleneckSize;
  const codes = new Float32Array(split.count * k);
  forChunks(split, (x, start, n) => {
    codes.set(
      valuesOf(() => model.encode(tf.tensor2d(x, [n, split.featureSize]))),
      start * k,
    );
  });
  return codes;
}

/** The `q`-quantile of `values` (0 ≤ q ≤ 1), by sorting a copy. */
function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export interface LatentFigure extends Figure {
  /** Share of the codes' variance in the plane (1 when the code has two values or fewer). */
  explained: number;
}

/** Cells per side of the decoded grid. */
const GRID = 10;

/**
 * The split's codes on a plane, coloured by class: the code itself when it has two values, else
 * its first two principal components (with the variance they hold); beside it, the decodings of a
 * grid of points over the central 98% of the codes on that plane.
 */
export function latentFigure(model: Autoencoder, split: MnistSplit, names: ClassNames, dataName: string): LatentFigure {
  const k = model.config.bottleneckSize;
  const codes = encodeSplit(model, split);
  const n = split.count;
  const points = new Float64Array(2 * n);
  let axes: [string, string];
  let toCode: (x: number, y: number) => Float32Array;
  let explained = 1;
  let how: string;
  if (k <= 2) {
    // a 1-value code is drawn against a second axis of zeros
    for (let i = 0; i < n; i++) {
      points[2 * i] = codes[i * k]!;
      points[2 * i + 1] = k === 2 ? codes[i * k + 1]! : 0;
    }
    axes = ['z1', k === 2 ? 'z2' : '(none)'];
    toCode = (x, y) => Float32Array.from(k === 2 ? [x, y] : [x]);
    how = `the ${k}-value code itself`;
  } else {
    const pca = fitPca(codes, n, k, 2);
    for (let i = 0; i < n; i++) {
      const [x, y] = projectPca(pca, codes.subarray(i * k, (i + 1) * k));
      points[2 * i] = x!;
      points[2 * i + 1] = y!;
    }
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    axes = [`PC1 (${pct(pca.explained[0]!)} of the variance)`, `PC2 (${pct(pca.explained[1]!)})`];
    toCode = (x, y) => unprojectPca(pca, [x, y]);
    explained = pca.explained[0]! + pca.explained[1]!;
    how = `the ${k}-value codes' first two principal components, ${pct(explained)} of their variance`;
  }
  const along = (axis: 0 | 1) => {
    const values = Float64Array.from({ length: n }, (_, i) => points[2 * i + axis]!);
    return [quantile(values, 0.01), quantile(values, 0.99)] as [number, number];
  };
  const xRange = along(0);
  const yRange: [number, number] = k === 1 ? [0, 0] : along(1);
  const at = (range: [number, number], i: number, cells: number) =>
    cells === 1 ? range[0] : range[0] + ((range[1] - range[0]) * i) / (cells - 1);
  const rows = k === 1 ? 1 : GRID;
  const gridCodes = new Float32Array(rows * GRID * k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < GRID; c++) {
      // row 0 is the top of the plane: the largest y
      gridCodes.set(toCode(at(xRange, c, GRID), at(yRange, rows - 1 - r, rows)), (r * GRID + c) * k);
    }
  }
  const decoded = valuesOf(() => model.decode(tf.tensor2d(gridCodes, [rows * GRID, k])));
  const svg = latentFigureSvg({
    points,
    labels: split.labels,
    classNames: names,
    axes,
    grid: { images: toGrayImages(decoded), columns: GRID, x: xRange, y: yRange },
    title: `The ${k}-value bottleneck: ${n.toLocaleString('en-US')} ${dataName} test images`,
    subtitle: `each dot is an image's code on ${how}; right: what the decoder makes of points on the plane`,
  });
  return { svg, explained };
}

/** Decoded codes `[n, width]` as images of the model's square input. */
function decodedImages(model: Autoencoder, codes: Float32Array, width: number): GrayImage[] {
  const n = codes.length / width;
  const side = Math.round(Math.sqrt(model.config.inputSize));
  const decoded = valuesOf(() => model.decode(tf.tensor2d(codes, [n, width])));
  return toGrayImages(decoded, { width: side, height: model.config.inputSize / side });
}

/**
 * A VAE's decoded draws from its prior N(0, I) (`priorDraws`, seeded): pytorch/examples' sample.png,
 * an 8×8 grid with 2-pixel black gaps, here upscaled 2×. Undefined for a model with no variational layer.
 */
export function samplesImage(model: Autoencoder, seed: number): GrayImage | undefined {
  const latent = latentNoiseWidth(model.spec);
  if (latent === 0) return undefined;
  const images = decodedImages(model, priorDraws(PRIOR_SAMPLES.count, latent, seed), latent);
  return gridImage(images, { columns: PRIOR_SAMPLES.columns, padding: 2, background: 0, scale: 2 });
}

/**
 * A 2-d VAE's latent manifold: the decoded n×n grid over the prior's quantiles (`manifoldCodes`),
 * side by side with no gaps as in Chollet's figure. Undefined unless the latent space is 2-d.
 */
export function manifoldImage(model: Autoencoder, n = MANIFOLD_SIDE): GrayImage | undefined {
  if (latentNoiseWidth(model.spec) !== 2) return undefined;
  return gridImage(decodedImages(model, manifoldCodes(n), 2), { columns: n });
}
