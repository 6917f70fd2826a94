import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Autoencoder } from '@bottleneck/autoencoder';
import { parseModelJson } from '@bottleneck/autoencoder';
import { loadModel } from '@bottleneck/autoencoder/node';
import { codeSize, countParameters, lossIsMse, lossLabel } from '@bottleneck/graph';
import { type FigureRow, figureSvg, psnrPerImage, toGrayImages } from '@bottleneck/image';
import { readRegularTextFile } from '@bottleneck/node-io';
import { LAB_RECIPE } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend';
import { loadData } from '../data';
import type { EngineChoice } from '../engines';
import { asInput, InputError } from '../errors';
import { encodeSplit, type FigureNoise, meanDenoisingPsnr, meanPsnr } from '../figures';
import { archSpec } from '../model-choice';
import { ensureWritableDir, writeFigure, writeOutputFile } from '../output';
import { say } from '../terminal-text';
import { MODEL_DIR } from './train';
import { HISTORY_FILE, readHistoryRecords } from '../history-file';

/**
 * Each reference's own recipe (batch size and epochs; Adam lr 1e-3 with weight decay 1e-5 for
 * all, the project's): the lab's for mlp, Chollet's for deep and sparse (batch 256, 100 epochs)
 * and conv (128, 50), pytorch/examples' VAE (128, 10). A preset not listed trains with the lab's.
 */
export const REFERENCE_RECIPES: Readonly<Record<string, { batchSize: number; epochs: number }>> = {
  mlp: { batchSize: LAB_RECIPE.batchSize, epochs: LAB_RECIPE.epochs },
  deep: { batchSize: 256, epochs: 100 },
  sparse: { batchSize: 256, epochs: 100 },
  conv: { batchSize: 128, epochs: 50 },
  vae: { batchSize: 128, epochs: 10 },
};

export interface ZooFlags {
  /** The presets to train, in order (default: every one). */
  archs: string[];
  /** Every preset's epochs instead of its recipe's (quick runs, tests). */
  epochs?: number;
  /** Train on the first N training images only. */
  limit?: number;
  seed: number;
  data?: string;
  backend: EngineChoice;
  threads?: number;
  out: string;
  /** Measure the presets already trained in `out` (each one's model and history) instead of training. */
  measureOnly?: boolean;
}

/** One preset's row of the comparison. */
export interface ZooRow {
  arch: string;
  parameters: number;
  code: number;
  epochs: number;
  batchSize: number;
  /** The final training loss in the reference's units, and their name. */
  trainLoss: number;
  loss: string;
  testMse: number;
  /** The model's own loss on the test set, in `loss`'s units (the VAE's per image, z sampled). */
  testLoss: number;
  /** The share of the test set's code values that are exactly 0 (a sparse code's measure). */
  zeroCodes: number;
  psnr: number;
  denoisedPsnr: number;
  secondsPerEpoch: number;
  peakRssBytes: number;
}

const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
/** The digits every model reconstructs in the figure: the first eight of the test set. */
const FIGURE_DIGITS = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * Trains one preset in its own process (`bottleneck train`), so that its peak memory is its own
 * and a failure is one line; its output passes through.
 */
function trainPreset(arch: string, dir: string, flags: ZooFlags): Promise<void> {
  const recipe = REFERENCE_RECIPES[arch] ?? { batchSize: LAB_RECIPE.batchSize, epochs: LAB_RECIPE.epochs };
  const args = [
    BIN,
    'train',
    '--arch',
    arch,
    '--epochs',
    String(flags.epochs ?? recipe.epochs),
    '--batch-size',
    String(recipe.batchSize),
    '--seed',
    String(flags.seed),
    '--backend',
    flags.backend,
    '--out',
    dir,
    ...(flags.limit !== undefined ? ['--limit', String(flags.limit)] : []),
    ...(flags.data !== undefined ? ['--data', flags.data] : []),
    ...(flags.threads !== undefined ? ['--threads', String(flags.threads)] : []),
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) return done();
      const last =
        stderr
          .trim()
          .split('\n')
          .at(-1)
          ?.replace(/^bottleneck: /, '') ?? `exit ${code}`;
      const error = code === 2 ? new InputError(`--arch ${arch}: ${last}`) : new Error(`zoo: --arch ${arch}: ${last}`);
      fail(error);
    });
  });
}

/** What `train` recorded in the model's metadata. */
async function trainedMetadata(dir: string): Promise<Record<string, unknown>> {
  const path = join(dir, MODEL_DIR, 'model.json');
  return asInput(path, async () => {
    const text = await readRegularTextFile(path, { maxBytes: 1 << 20, what: 'a model.json' });
    return parseModelJson(JSON.parse(text), path).metadata ?? {};
  });
}

/** A figure to `digits` decimals, or "n/a" where it was not recorded (a model trained by an older version). */
const fixed = (v: number, digits: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/** The share of `values` that are exactly 0. */
const zeroShare = (values: Float32Array) => values.reduce((n, v) => n + (v === 0 ? 1 : 0), 0) / values.length;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/** The comparison in Markdown: the table, then the figure. */
export function zooReport(
  rows: readonly ZooRow[],
  info: { figure: string; noise: FigureNoise; images: number },
): string {
  const MiB = 2 ** 20;
  const lines = rows.map(
    (r) =>
      `| \`${r.arch}\` | ${r.parameters.toLocaleString('en-US')} | ${r.code} | ${r.epochs} × ${r.batchSize} | ` +
      `${r.trainLoss.toFixed(5)} (${r.loss}) | ${fixed(r.testLoss, 5)} | ${r.testMse.toFixed(5)} | ${(100 * r.zeroCodes).toFixed(1)}% | ` +
      `${r.psnr.toFixed(2)} dB | ${r.denoisedPsnr.toFixed(2)} dB | ` +
      `${r.secondsPerEpoch.toFixed(2)} | ${Math.round(r.peakRssBytes / MiB)} MiB |`,
  );
  return `# bottleneck zoo

Every preset trained with its reference's recipe (Adam lr 1e-3, L2 weight decay 1e-5, ReduceLROnPlateau;
the batch size and epochs below) on ${info.images.toLocaleString('en-US')} training images, then measured on the whole
test set: the test loss in the training loss's units (a VAE's z sampled, as pytorch/examples does), test
MSE, the share of code values that are exactly 0, mean PSNR of the reconstructions, and mean PSNR of the
reconstructions of inputs with ${info.noise.kind} noise of level ${info.noise.level} (seed ${info.noise.seed}). s/epoch is the median
epoch's training time; peak RSS is the training process's.

| preset | parameters | code | epochs × batch | final train loss | test loss | test MSE | zero code values | PSNR | denoising PSNR | s/epoch | peak RSS |
|---|---|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}

## The same test digits through each

![the zoo's reconstructions](${info.figure})
`;
}

/** Trains every preset with its reference's recipe and writes one comparison: report.md and zoo.png. */
export async function zoo(flags: ZooFlags): Promise<void> {
  const out = resolve(flags.out);
  await ensureWritableDir(out, `--out ${flags.out}`);
  // every spec checked before the first training starts
  for (const arch of flags.archs) archSpec(arch, { hidden: 392, bottleneck: 8 });
  if (!flags.measureOnly) {
    for (const arch of flags.archs) {
      say(`zoo: --arch ${arch}`);
      await trainPreset(arch, join(out, arch), flags);
    }
  }
  await useBackend('wasm');
  const { test, train } = await loadData(flags.data);
  const noise: FigureNoise = { kind: 'uniform', level: 0.5, seed: flags.seed };
  const clean = new Float32Array(FIGURE_DIGITS.length * test.featureSize);
  test.fillBatch(FIGURE_DIGITS, clean);
  const figureRows: FigureRow[] = [
    { label: 'input', images: toGrayImages(clean), captions: FIGURE_DIGITS.map((i) => `#${i}`) },
  ];
  const rows: ZooRow[] = [];
  for (const arch of flags.archs) {
    const dir = join(out, arch);
    const metadata = await trainedMetadata(dir);
    const historyFile = join(dir, HISTORY_FILE);
    const last = (await readHistoryRecords(historyFile, historyFile)).at(-1)!;
    const model: Autoencoder = await asInput(`--out ${flags.out}`, () => loadModel(join(dir, MODEL_DIR)));
    try {
      const trainConfig = (metadata.trainConfig ?? {}) as { batchSize?: number };
      rows.push({
        arch,
        parameters: countParameters(model.spec),
        code: codeSize(model.spec),
        epochs: num(metadata.epochs),
        batchSize: num(trainConfig.batchSize),
        trainLoss: num(metadata.trainLoss),
        loss: lossLabel(model.spec),
        testMse: num(metadata.testMse),
        // a history from before the test loss was recorded: a model whose loss is its MSE
        testLoss: num(last.testLoss ?? (lossIsMse(model.spec) ? last.testMse : undefined)),
        zeroCodes: zeroShare(encodeSplit(model, test)),
        psnr: meanPsnr(model, test),
        denoisedPsnr: meanDenoisingPsnr(model, test, noise).denoised,
        secondsPerEpoch: num(metadata.secondsPerEpoch),
        peakRssBytes: num(metadata.peakRssBytes),
      });
      const y = tf.tidy(() => model.forward(tf.tensor2d(clean, [FIGURE_DIGITS.length, test.featureSize])));
      const values = y.dataSync() as Float32Array;
      y.dispose();
      const psnr = psnrPerImage(clean, values, test.featureSize);
      figureRows.push({ label: arch, images: toGrayImages(values), captions: psnr.map((p) => `${p.toFixed(1)} dB`) });
    } finally {
      model.dispose();
    }
  }
  const figure = 'zoo.png';
  await writeFigure(
    out,
    figure,
    figureSvg(figureRows, {
      title: 'The zoo: the same test digits through every preset',
      subtitle: `PSNR under each reconstruction; ${flags.archs.join(', ')}`,
    }),
  );
  const images = flags.limit === undefined ? train.count : Math.min(flags.limit, train.count);
  await writeOutputFile(join(out, 'report.md'), zooReport(rows, { figure, noise, images }), `--out ${flags.out}`);
  for (const r of rows) {
    say(
      `${r.arch.padEnd(7)} ${r.parameters.toLocaleString('en-US').padStart(9)} parameters, code ${r.code}: ` +
        `test MSE ${r.testMse.toFixed(5)}, PSNR ${r.psnr.toFixed(2)} dB, denoising ${r.denoisedPsnr.toFixed(2)} dB`,
    );
  }
  say(`wrote ${join(out, 'report.md')} and ${figure}`);
}
