import { latentNoiseWidth, layerWidths, lossIsMse, lossLabel, type ModelSpec, mlpSizesOf } from '@bottleneck/graph';
import { MANIFOLD_PROBABILITIES, MANIFOLD_SIDE, PRIOR_SAMPLES } from '@bottleneck/image';
import type { TrainResult } from './commands/train';
import type { DatasetInfo } from './dataset-info';
import type { FigureNoise } from './figures';
import { escapeForTerminal } from './terminal-text';

export interface LabReportInput {
  run: TrainResult;
  dataset: DatasetInfo;
  seed: number;
  testCount: number;
  /** Mean test PSNR, dB. */
  psnr: number;
  denoise: {
    /** The noise of the denoising figure and numbers (a denoising run's own). */
    noise: FigureNoise;
    /** Mean PSNR of the figure's noisy inputs and of their reconstructions, dB. */
    sample: { noisy: number; denoised: number };
    /** The same over the whole test set. */
    test: { noisy: number; denoised: number };
    /** A model compared on the same noisy test set. */
    baseline?: { model: string; denoised: number };
  };
  /** Share of the codes' variance in the latent figure's plane. */
  latentExplained: number;
  /** Test indices of the interpolation's two ends. */
  interpolation: { from: number; to: number };
  wallSeconds: number;
  figures: {
    loss: string;
    reconstruction: string;
    denoising: string;
    interpolation: string;
    latent: string;
    /** A VAE's decoded draws from its prior; a 2-d VAE's manifold. */
    samples?: string;
    manifold?: string;
  };
  files: { model: string; history: string; checkpoint: string };
}

/**
 * A row for the model's own test loss where it is not the MSE: the figure pytorch/examples prints
 * as its "Test set loss" for the VAE (z sampled), BCE for Chollet's models.
 */
function testLossRow(spec: ModelSpec, last: TrainResult['history'][number]): string {
  if (lossIsMse(spec) || last.testLoss == null) return '';
  return `\n| test loss (${lossLabel(spec)}${latentNote(spec)}) | ${last.testLoss.toFixed(5)} |`;
}

const latentNote = (spec: ModelSpec) => (latentNoiseWidth(spec) > 0 ? ', z sampled as in training' : '');

/** The VAE's sections: its prior's samples and, with a 2-d latent, the manifold. */
function vaeFigures({ samples, manifold }: LabReportInput['figures']): string {
  let text = '';
  if (samples) {
    text += `\n## Samples from the prior\n${PRIOR_SAMPLES.count} codes drawn from N(0, I) and decoded, as pytorch/examples' VAE saves them.\n\n![samples](${samples})\n`;
  }
  if (manifold) {
    const { from, to } = MANIFOLD_PROBABILITIES;
    const percent = (p: number) => `${Math.round(p * 100)}%`;
    text += `\n## The latent manifold\nThe decoder over a ${MANIFOLD_SIDE}×${MANIFOLD_SIDE} grid of the prior's quantiles (${percent(from)} to ${percent(to)} on each axis), as in Chollet's figure.\n\n![manifold](${manifold})\n`;
  }
  return text;
}

/**
 * Text from a folder's name or a flag as literal Markdown: no HTML (`<`, `&`), no markup, no table
 * cell break (`|`), no second line (control characters are made visible).
 */
export function markdownText(text: string): string {
  return escapeForTerminal(text)
    .replace(/[\\`*_[\]#!~|()]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const describeNoise = (n: FigureNoise) =>
  n.kind === 'uniform' ? `uniform noise of ±${n.level}` : `Gaussian noise of standard deviation ${n.level}`;

/**
 * `report.md` of a lab run, from what the run used (after `--resume`, the checkpoint's recipe),
 * never from the flags.
 */
export function labReport(input: LabReportInput): string {
  const { run, dataset, seed, testCount, psnr, denoise, interpolation, wallSeconds, figures, files } = input;
  const { history, config: c } = run;
  const n = run.model.config;
  const side = Math.round(Math.sqrt(n.inputSize));
  const last = history.at(-1)!;
  const drops = history.filter((r) => r.lrReduced).map((r) => r.epoch);
  const dB = (v: number) => `${v.toFixed(2)} dB`;
  const nameAt = (i: number) => markdownText(dataset.classNames[run.mnist.test.labels[i]!] ?? '?');
  const dataName = markdownText(dataset.name);
  const [fromName, toName] = [nameAt(interpolation.from), nameAt(interpolation.to)];
  const noise = describeNoise(denoise.noise);
  const training = c.noise
    ? `a **denoising** autoencoder: inputs corrupted by ${describeNoise(c.noise)} (clipped to [0,1], fresh each epoch, seed ${c.noise.seed}), loss against the clean images`
    : 'a plain autoencoder: the loss compares each input with its own reconstruction';
  const baselineRow = denoise.baseline
    ? `\n| denoising, baseline ${markdownText(denoise.baseline.model)} on the same noisy test images | ${dB(denoise.baseline.denoised)} |`
    : '';
  return `# bottleneck lab report

${dataName} (${side}×${side} grayscale in [0,1], flattened) through ${describeArchitecture(run.model.spec)}, trained with ${lossLabel(run.model.spec)}, Adam (lr ${c.lr}, L2 weight decay
${c.weightDecay} on the gradient) and ReduceLROnPlateau on the epoch loss (factor ${c.factor}, patience
${c.patience}, threshold ${c.threshold} rel), batch ${c.batchSize}, shuffled with seed ${seed}; ${training}.

| | |
|---|---|
| parameters | ${run.model.parameterCount().toLocaleString('en-US')} |
| epochs | ${history.length} |
| final train loss (${lossLabel(run.model.spec)}${c.noise ? ', noisy inputs' : ''}) | ${last.trainLoss.toFixed(5)} |
| test MSE (clean inputs) | ${last.testMse?.toFixed(5)} |${testLossRow(run.model.spec, last)}
| test PSNR (mean over ${testCount.toLocaleString('en-US')} images) | ${dB(psnr)} |
| lr reduced after epochs | ${drops.length ? drops.join(', ') : 'none'} |
| final lr | ${run.finalLr.toExponential(0)} |
| denoising, ${noise}, all ${testCount.toLocaleString('en-US')} test images | ${dB(denoise.test.noisy)} noisy → ${dB(denoise.test.denoised)} denoised |${baselineRow}
| latent plane (figure below) | ${(100 * input.latentExplained).toFixed(1)}% of the codes' variance |
| training time | ${run.seconds.toFixed(1)} s (${(run.seconds / history.length).toFixed(2)} s/epoch) |
| wall time (with data and figures) | ${wallSeconds.toFixed(1)} s |
| engine | ${run.engine} |

## Loss
![loss](${figures.loss})

## Reconstruction
The first eight test images (top) and their reconstructions from ${n.bottleneckSize} numbers (bottom).

![reconstruction](${figures.reconstruction})

## Denoising
${noise[0]!.toUpperCase()}${noise.slice(1)} (clipped to [0,1]) added to the clean images; the autoencoder maps the noisy input back towards a clean one (these eight: ${dB(denoise.sample.noisy)} → ${dB(denoise.sample.denoised)}).${denoise.baseline ? ' The last row is the baseline model on the same noisy inputs.' : ''}

![denoising](${figures.denoising})

## Bottleneck interpolation
The codes of the first ${toLabel(fromName)} (test #${interpolation.from}) and the first ${toLabel(toName)} (test #${interpolation.to}), mixed as z = z1 + (i/10)(z2 − z1) and decoded.

![interpolation](${figures.interpolation})

## The latent space
Every test image's ${n.bottleneckSize}-value code, coloured by its class, on ${n.bottleneckSize <= 2 ? 'the code itself' : "the plane of the codes' first two principal components"}; on the right, what the decoder makes of points on a grid over the dashed rectangle.

![latent](${figures.latent})
${vaeFigures(figures)}
## Model
\`\`\`
${run.model.summary()}
\`\`\`

Files: \`${files.model}/\` (model.json + weights.bin), \`${files.history}\`, \`${files.checkpoint}\`.
`;
}

/**
 * The model in words: the lab's MLP as it always read, any other spec by its widths with the code
 * in bold and its layer kinds.
 */
export function describeArchitecture(spec: ModelSpec): string {
  const widths = layerWidths(spec);
  const sizes = mlpSizesOf(spec);
  if (sizes) {
    const { inputSize: i, hiddenSize: h, bottleneckSize: b } = sizes;
    return `a ${i}→${h}→**${b}**→${h}→${i} MLP autoencoder\n(ReLU, ReLU, ReLU, sigmoid)`;
  }
  const shown = widths.map((w, i) => (i === spec.encoderLayers ? `**${w}**` : String(w)));
  // a layer that keeps its width (an activity penalty) adds no step to the chain
  const chain = shown.filter((_, i) => i === 0 || i === spec.encoderLayers || widths[i] !== widths[i + 1]);
  const kinds = spec.layers.map((l) => (l.kind === 'dense' ? l.activation : l.kind)).join(', ');
  return `a ${chain.join('→')} autoencoder\n(${kinds})`;
}

/** A class name as it reads in a sentence: digits stay digits. */
const toLabel = (name: string) => (/^\d+$/.test(name) ? name : `"${name}"`);
