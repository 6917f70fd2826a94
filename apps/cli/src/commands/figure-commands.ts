import type { InputNoiseKind } from '@bottleneck/image';
import type { MnistSplit } from '@bottleneck/mnist';
import { type BackendName, useBackend } from '../backend';
import { loadData } from '../data';
import { datasetInfo } from '../dataset-info';
import { InputError } from '../errors';
import { readHistory } from '../history-file';
import { denoisingFigure, interpolationFigure, lossFigure, reconstructionFigure } from '../figures';
import { openModel, writeFigure } from '../output';
import { say } from '../terminal-text';

export interface ModelFlags {
  model: string;
  data?: string;
  classNames?: string[];
  backend: BackendName;
  out: string;
}

export interface SelectionFlags {
  index?: number;
  indices?: number[];
  count: number;
}

function checkIndex(split: MnistSplit, i: number, flag: string): number {
  if (i >= split.count) {
    throw new InputError(`${flag} ${i}: out of range, the test set has ${split.count} images (0-${split.count - 1})`);
  }
  return i;
}

export function selectIndices(split: MnistSplit, s: SelectionFlags): number[] {
  if (s.indices) return s.indices.map((i) => checkIndex(split, i, '--indices'));
  if (s.index !== undefined) return [checkIndex(split, s.index, '--index')];
  return Array.from({ length: Math.min(s.count, split.count) }, (_, i) => i);
}

export function firstOfDigit(split: MnistSplit, digit: number, flag: string): number {
  const i = split.indexOfLabel(digit);
  if (i < 0) throw new InputError(`${flag} ${digit}: no test image has that label`);
  return i;
}

async function setup(flags: ModelFlags) {
  await useBackend(flags.backend);
  const model = await openModel(flags.model);
  const mnist = await loadData(flags.data);
  const { test } = mnist;
  if (test.featureSize !== model.config.inputSize) {
    throw new InputError(
      `--model ${flags.model}: takes ${model.config.inputSize} values, the data has ${test.featureSize}`,
    );
  }
  return { model, test, names: datasetInfo(mnist, flags).classNames };
}

export async function reconstructCommand(flags: ModelFlags & SelectionFlags): Promise<void> {
  const { model, test, names } = await setup(flags);
  const indices = selectIndices(test, flags);
  const fig = reconstructionFigure(model, test, indices, names);
  const path = await writeFigure(flags.out, 'reconstruction.png', fig.svg);
  say(
    `wrote ${path}: ${indices.length} images, mean PSNR ${(fig.psnr.reduce((a, b) => a + b, 0) / fig.psnr.length).toFixed(2)} dB`,
  );
  model.dispose();
}

export interface DenoiseFlags extends ModelFlags, SelectionFlags {
  noise: InputNoiseKind;
  level: number;
  seed: number;
}

export async function denoiseCommand(flags: DenoiseFlags): Promise<void> {
  const { model, test } = await setup(flags);
  const indices = selectIndices(test, flags);
  const fig = denoisingFigure(model, test, indices, { kind: flags.noise, level: flags.level, seed: flags.seed });
  const path = await writeFigure(flags.out, 'denoising.png', fig.svg);
  const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
  say(
    `PSNR noisy ${avg(fig.psnrNoisy)} dB, denoised ${avg(fig.psnrDenoised)} dB (${flags.noise} noise, level ${flags.level})`,
  );
  say(`wrote ${path}`);
  model.dispose();
}

export interface InterpolateFlags extends ModelFlags {
  from?: number;
  to?: number;
  fromDigit?: number;
  toDigit?: number;
  steps: number;
}

export async function interpolateCommand(flags: InterpolateFlags): Promise<void> {
  const { model, test, names } = await setup(flags);
  const from =
    flags.from !== undefined
      ? checkIndex(test, flags.from, '--from')
      : firstOfDigit(test, flags.fromDigit ?? 7, '--from-digit');
  const to =
    flags.to !== undefined ? checkIndex(test, flags.to, '--to') : firstOfDigit(test, flags.toDigit ?? 0, '--to-digit');
  const fig = interpolationFigure(model, test, from, to, flags.steps, names);
  const path = await writeFigure(flags.out, 'interpolation.png', fig.svg);
  say(
    `wrote ${path}: test #${from} (${names[test.labels[from]!]}) → #${to} (${names[test.labels[to]!]}), ${flags.steps} steps`,
  );
  model.dispose();
}

export async function plotCommand(flags: { history: string; out: string }): Promise<void> {
  const history = await readHistory(flags.history);
  const path = await writeFigure(flags.out, 'loss.png', lossFigure(history).svg);
  say(`wrote ${path}: ${history.length} epochs`);
}
