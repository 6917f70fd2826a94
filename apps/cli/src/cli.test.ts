import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '@bottleneck/image';
import { decodeCheckpoint, encodeCheckpoint } from '@bottleneck/train';
import { beforeAll, describe, expect, it } from 'vitest';
import { idx } from './idx-data.test-helper';
import { cli, expectInputError } from './run-cli.test-helper';
import { loadOnnxRuntimeNode } from '@bottleneck/engine-onnx/node';
import { mlpSpec } from '@bottleneck/graph';

function png(path: string) {
  const img = decodePng(readFileSync(path));
  const dark = img.data.filter((v) => v < 100).length;
  return { ...img, dark };
}

const root = mkdtempSync(join(tmpdir(), 'bottleneck-cli-'));
const out = join(root, 'run');

describe('bottleneck train', () => {
  beforeAll(async () => {
    const run = await cli('train', '--epochs', '2', '--limit', '1024', '--batch-size', '256', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // the default engine, and why
    expect(run.stdout).toMatch(/^engine: ONNX Runtime cpu, \d threads \(auto: the fastest engine that loads here\)$/m);
  });

  it('writes the model, history and checkpoint', () => {
    expect(readdirSync(out).sort()).toEqual(['checkpoint.ckpt', 'history.json', 'model']);
    expect(readdirSync(join(out, 'model')).sort()).toEqual(['model.json', 'weights.bin']);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    expect(history.map((r: { epoch: number }) => r.epoch)).toEqual([1, 2]);
    expect(history[1].trainLoss).toBeLessThan(history[0].trainLoss);
  });

  it('resumes from the checkpoint', async () => {
    const copy = join(root, 'resume');
    await cli('train', '--epochs', '1', '--limit', '1024', '--batch-size', '256', '--out', copy);
    const run = await cli(
      'train',
      '--epochs',
      '2',
      '--limit',
      '1024',
      '--batch-size',
      '256',
      '--out',
      copy,
      '--resume',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('resuming from');
    const resumed = JSON.parse(readFileSync(join(copy, 'history.json'), 'utf8'));
    const straight = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    // same seed, same data: the resumed run retraces the uninterrupted one
    expect(resumed.map((r: { trainLoss: number }) => r.trainLoss)).toEqual(
      straight.map((r: { trainLoss: number }) => r.trainLoss),
    );

    expectInputError(
      await cli('train', '--epochs', '2', '--limit', '1024', '--batch-size', '256', '--out', copy, '--resume'),
      /--resume: .*checkpoint.ckpt already has 2 epochs; pass a larger --epochs/,
    );

    // a checkpoint whose shuffle state is not the NumPy generator's (as 0.1 wrote them)
    const path = join(copy, 'checkpoint.ckpt');
    const ckpt = decodeCheckpoint(readFileSync(path));
    writeFileSync(
      path,
      encodeCheckpoint({ ...ckpt, epoch: 1, history: ckpt.history.slice(0, 1), shuffler: [1, 2, 3, 4] }),
    );
    expectInputError(
      await cli('train', '--epochs', '2', '--limit', '1024', '--batch-size', '256', '--out', copy, '--resume'),
      /--resume .*checkpoint.ckpt: Pcg64 state must be 10 uint32 words/,
    );
  });

  it('rejects bad flags with one line and exit 2', async () => {
    expectInputError(
      await cli('train', '--epochs', '0'),
      /--epochs <n>' argument '0' is invalid. expected a positive integer up to 100000/,
    );
    expectInputError(await cli('train', '--lr', 'fast'), /--lr <rate>' argument 'fast' is invalid/);
    expectInputError(await cli('train', '--bogus'), /unknown option '--bogus'/);
    expectInputError(
      await cli('train', '--backend', 'tpu'),
      /Allowed choices are auto, onnx-cpu, onnx-webgpu, onnx-cuda, wasm, cpu, node, node-gpu/,
    );
    expectInputError(await cli('train', '--data', join(root, 'nothing')), /--data .*nothing: data folder not found/);
    expectInputError(
      await cli('train', '--out', join(root, 'fresh'), '--resume'),
      /--resume: .*checkpoint.ckpt: not found \(expected a checkpoint\)/,
    );
  });

  it('explains how to get a native backend that is not installed', async () => {
    const run = await cli('train', '--backend', 'node-gpu', '--out', join(root, 'gpu'));
    expectInputError(
      run,
      /@tensorflow\/tfjs-node-gpu is not installed; install it with `npm install @tensorflow\/tfjs-node-gpu`.*CUDA/,
    );
  });
});

describe('figure commands on the saved model', () => {
  const model = () => join(out, 'model');

  it('reconstruct: 8 digits over their reconstructions', async () => {
    const file = join(root, 'r.png');
    const run = await cli('reconstruct', '--model', model(), '--out', file);
    expect(run.code).toBe(0);
    // label 20+9·6 = 74, strip 8·84 + 9·4 = 708, margin 8 → 790 wide;
    // title and subtitle 52, two rows of 84+8 strip and 16 caption, 8 below → 276 high
    const img = png(file);
    expect([img.width, img.height]).toEqual([790, 276]);
    expect(img.dark).toBeGreaterThan(8 * 84 * 84 * 0.5);
  });

  it('denoise prints PSNR and draws three rows', async () => {
    const run = await cli(
      'denoise',
      '--model',
      model(),
      '--count',
      '4',
      '--noise',
      'gaussian',
      '--level',
      '0.5',
      '--out',
      root,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PSNR noisy \d+\.\d\d dB, denoised \d+\.\d\d dB \(gaussian noise, level 0.5\)/);
    const img = png(join(root, 'denoising.png'));
    expect(img.height).toBe(52 + 3 * 108 + 8);
    expect(img.dark).toBeGreaterThan(0);
  });

  it('interpolate from a 7 to a 0 and between indices', async () => {
    const a = await cli('interpolate', '--model', model(), '--out', join(root, 'i.png'));
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('test #0 (7) → #3 (0), 10 steps');
    const img = png(join(root, 'i.png'));
    // label 'decoded z' 20+9·9 = 101, 11 decoded digits 11·84 + 12·4, margin 8
    expect(img.width).toBe(101 + 11 * 84 + 12 * 4 + 8);
    const b = await cli(
      'interpolate',
      '--model',
      model(),
      '--from',
      '1',
      '--to',
      '2',
      '--steps',
      '3',
      '--out',
      join(root, 'j.png'),
    );
    expect(b.stdout).toContain('test #1 (2) → #2 (1), 3 steps');
  });

  it('plot draws history.json', async () => {
    const run = await cli('plot', '--history', join(out, 'history.json'), '--out', join(root, 'loss.png'));
    expect(run.code).toBe(0);
    const img = png(join(root, 'loss.png'));
    expect([img.width, img.height]).toEqual([760, 440]);
    expect(img.dark).toBeGreaterThan(1000);
  });

  it('bad models, indices, steps and outputs give one line, exit 2, and no file', async () => {
    expectInputError(
      await cli('reconstruct', '--model', join(root, 'none')),
      /--model .*none: .*model.json: not found/,
    );
    const broken = join(root, 'broken');
    await cli('train', '--epochs', '1', '--limit', '256', '--out', broken);
    writeFileSync(join(broken, 'model', 'weights.bin'), 'oops');
    expectInputError(
      await cli('reconstruct', '--model', join(broken, 'model')),
      /weights.bin: 4 bytes, expected 2490016/,
    );
    expectInputError(
      await cli('reconstruct', '--model', model(), '--index', '10000'),
      /--index 10000: out of range, the test set has 10000 images \(0-9999\)/,
    );
    expectInputError(
      await cli('interpolate', '--model', model(), '--steps', '0'),
      /--steps <n>' argument '0' is invalid/,
    );
    expectInputError(await cli('interpolate', '--model', model(), '--from-digit', '12'), /expected a digit 0-9/);
    const file = join(root, 'plain-file');
    writeFileSync(file, 'x');
    const target = join(file, 'r.png');
    expectInputError(
      await cli('reconstruct', '--model', model(), '--out', target),
      /--out .*plain-file\/r.png: .*plain-file is a file, expected a folder/,
    );
    expect(existsSync(target)).toBe(false);
    expectInputError(
      await cli('plot', '--history', join(out, 'model', 'model.json')),
      /--history .*: expected an array of 1 to 100000/,
    );
  });
});

describe('bottleneck lab', () => {
  it('writes every figure and a report', async () => {
    const dir = join(root, 'lab');
    const run = await cli(
      'lab',
      '--epochs',
      '2',
      '--limit',
      '1024',
      '--batch-size',
      '256',
      '--patience',
      '0',
      '--out',
      dir,
    );
    expect(run.code).toBe(0);
    for (const f of ['loss.png', 'reconstruction.png', 'denoising.png', 'interpolation.png', 'latent.png']) {
      const img = png(join(dir, f));
      expect(img.width * img.height).toBeGreaterThan(100_000);
      expect(img.dark).toBeGreaterThan(500);
    }
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('| parameters | 622,504 |');
    expect(report).toMatch(/\| test MSE \(clean inputs\) \| 0\.\d{5} \|/);
    expect(report).toMatch(/\| latent plane \(figure below\) \| \d+\.\d% of the codes' variance \|/);
    expect(report).toContain('![latent](latent.png)');
    expect(report).toMatch(/\| test PSNR \(mean over 10,000 images\) \| \d+\.\d\d dB \|/);
    expect(report).toContain('![interpolation](interpolation.png)');
    expect(readdirSync(dir)).toContain('history.json');
  });

  it('trains a denoising autoencoder and compares it with a baseline on the same noise', async () => {
    const dir = join(root, 'lab-denoising');
    const flags = ['--limit', '1024', '--batch-size', '256', '--noise', 'uniform', '--noise-level', '0.4'];
    const run = await cli('lab', '--epochs', '2', ...flags, '--baseline', join(root, 'lab', 'model'), '--out', dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('denoising (uniform noise, level 0.4)');
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('a **denoising** autoencoder: inputs corrupted by uniform noise of ±0.4');
    expect(report).toMatch(
      /\| denoising, uniform noise of ±0\.4, all 10,000 test images \| \d+\.\d\d dB noisy → \d+\.\d\d dB denoised \|/,
    );
    expect(report).toMatch(/\| denoising, baseline .*lab\/model on the same noisy test images \| \d+\.\d\d dB \|/);
    // a resume must train on the same noise
    expectInputError(
      await cli('lab', '--epochs', '3', ...flags.slice(0, -1), '0.3', '--out', dir, '--resume'),
      /--resume: .* was trained with --noise uniform --noise-level 0\.4 --seed 0; pass the same/,
    );
    expectInputError(await cli('train', '--noise', 'salt', '--out', dir), /--noise.*salt.*uniform, gaussian/);
    expectInputError(await cli('train', '--noise', 'gaussian', '--noise-level', '0', '--out', dir), /--noise-level/);
    expectInputError(
      await cli('lab', '--baseline', join(root, 'nothing'), '--out', join(root, 'lab-nobaseline')),
      /--baseline .*nothing.*not found/,
    );
  });

  it('takes any same-format IDX set, with its name and class names in the report and figures', async () => {
    // ten classes, each a bright band at its own height, with a little texture
    const n = 600;
    const band = (image: number, pixel: number) => {
      const row = Math.floor(pixel / 28);
      const c = image % 10;
      return row >= 2 * c + 3 && row < 2 * c + 7 ? 200 + ((image * 7 + pixel) % 50) : (image + pixel) % 9;
    };
    const data = join(root, 'fashion-like');
    mkdirSync(data);
    const files = {
      'train-images-idx3-ubyte': idx([n, 28, 28], (i) => band(Math.floor(i / 784), i % 784)),
      'train-labels-idx1-ubyte': idx([n], (i) => i % 10),
      't10k-images-idx3-ubyte': idx([200, 28, 28], (i) => band(Math.floor(i / 784) + 3, i % 784)),
      't10k-labels-idx1-ubyte': idx([200], (i) => (i + 3) % 10),
    };
    for (const [f, bytes] of Object.entries(files)) writeFileSync(join(data, f), bytes);
    const names = 'T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot';
    const dir = join(root, 'lab-fashion');
    const run = await cli(
      'lab',
      '--data',
      data,
      '--data-name',
      'Fashion-MNIST',
      '--class-names',
      names,
      '--hidden',
      '32',
      '--bottleneck',
      '2',
      '--epochs',
      '2',
      '--batch-size',
      '100',
      '--out',
      dir,
    );
    expect(run.code).toBe(0);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('Fashion-MNIST (28×28 grayscale');
    expect(report).toContain('the first "Sneaker" (test #4) and the first "T-shirt/top" (test #7)');
    expect(report).toContain('on the code itself');
    expect(report).toContain("| latent plane (figure below) | 100.0% of the codes' variance |");
    expect(png(join(dir, 'latent.png')).width).toBeGreaterThan(600);
    const interp = await cli(
      'interpolate',
      '--model',
      join(dir, 'model'),
      '--data',
      data,
      '--class-names',
      names,
      '--out',
      root,
    );
    expect(interp.stdout).toContain('test #4 (Sneaker) → #7 (T-shirt/top)');
    // without names, the folder's name and the label values
    const plain = await cli(
      'lab',
      '--data',
      data,
      '--epochs',
      '1',
      '--hidden',
      '16',
      '--out',
      join(root, 'lab-unnamed'),
    );
    expect(plain.code).toBe(0);
    expect(readFileSync(join(root, 'lab-unnamed', 'report.md'), 'utf8')).toContain('fashion-like (28×28 grayscale');
    expectInputError(
      await cli('lab', '--data', data, '--class-names', 'a,b', '--out', join(root, 'lab-fewnames')),
      /--class-names: 2 names, but the data has labels up to 9; give one per label from 0/,
    );
    expectInputError(
      await cli('lab', '--class-names', '<script>,b', '--out', join(root, 'lab-badnames')),
      /--class-names.*expected names of 1-40 letters/,
    );
  });
});

describe('bottleneck backends', () => {
  it('lists every backend and says why the native ones are missing', async () => {
    const run = await cli('backends');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wasm +usable +SIMD on/m);
    expect(run.stdout).toMatch(/^cpu +usable/m);
    expect(run.stdout).toMatch(
      /^node +not usable +@tensorflow\/tfjs-node is not installed; install it with `npm install @tensorflow\/tfjs-node`/m,
    );
    expect(run.stdout).toMatch(/^node-gpu +not usable .*CUDA 11.2 and cuDNN 8.1/m);
    expect(run.stdout).toMatch(/^onnx-cpu +usable/m);
    // no NVIDIA GPU, and the CUDA provider was never downloaded: it says what to install
    expect(run.stdout).toMatch(/^onnx-cuda +not usable .*CUDA 12 and cuDNN 9/m);
  });
});

describe('bottleneck summary and help', () => {
  it('prints the layer table', async () => {
    const run = await cli('summary');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Total params: 622,504');
  });

  it('follows --hidden and --bottleneck, and trains such a model', async () => {
    const run = await cli('summary', '--hidden', '64', '--bottleneck', '32');
    expect(run.code).toBe(0);
    // 784·64+64 + 64·32+32 + 32·64+64 + 64·784+784
    expect(run.stdout).toContain('Total params: 105,392');
    const small = join(root, 'small');
    const trained = await cli(
      'train',
      '--hidden',
      '32',
      '--bottleneck',
      '2',
      '--epochs',
      '1',
      '--limit',
      '256',
      '--out',
      small,
    );
    expect(trained.code).toBe(0);
    const json = JSON.parse(readFileSync(join(small, 'model', 'model.json'), 'utf8'));
    expect(json.spec).toEqual(mlpSpec({ inputSize: 784, hiddenSize: 32, bottleneckSize: 2 }));
    const png = join(root, 'small.png');
    expect((await cli('reconstruct', '--model', join(small, 'model'), '--out', png)).code).toBe(0);
    expectInputError(
      await cli('train', '--epochs', '2', '--limit', '256', '--out', small, '--resume'),
      /--resume: .*holds a model with --hidden 32 --bottleneck 2; pass those/,
    );
  });

  it('lists the commands', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    for (const c of ['train', 'lab', 'reconstruct', 'denoise', 'interpolate', 'plot', 'bench', 'backends', 'summary']) {
      expect(run.stdout).toContain(c);
    }
  });
});

describe('bottleneck export', () => {
  it('writes safetensors that --model reads back to the same reconstructions', async () => {
    const file = join(root, 'lab.safetensors');
    const run = await cli('export', '--model', join(out, 'model'), '--out', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('load_state_dict');
    const a = await cli('denoise', '--model', join(out, 'model'), '--count', '3', '--out', join(root, 'a.png'));
    const b = await cli('denoise', '--model', file, '--count', '3', '--out', join(root, 'b.png'));
    expect(b.code).toBe(0);
    // the same weights: the same PSNRs, to the printed digit
    expect(b.stdout.replace(/b\.png/g, '')).toBe(a.stdout.replace(/a\.png/g, ''));
    const layers = join(root, 'layers');
    const exported = await cli('export', '--model', join(out, 'model'), '--format', 'tfjs-layers', '--out', layers);
    expect(exported.code).toBe(0);
    expect(readdirSync(layers).sort()).toEqual(['model.json', 'weights.bin']);
    expect(JSON.parse(readFileSync(join(layers, 'model.json'), 'utf8')).format).toBe('layers-model');
    const onnx = join(root, 'encoder.onnx');
    const asOnnx = await cli(
      'export',
      '--model',
      join(out, 'model'),
      '--format',
      'onnx',
      '--part',
      'encoder',
      '--out',
      onnx,
    );
    expect(asOnnx.code).toBe(0);
    const ort = await loadOnnxRuntimeNode();
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(onnx)));
    const codes = await session.run({ x: new ort.Tensor('float32', new Float32Array(2 * 784).fill(0.5), [2, 784]) });
    expect(codes.y!.dims).toEqual([2, 8]);
    await session.release();
    writeFileSync(join(root, 'bad.safetensors'), new Uint8Array(7));
    expectInputError(
      await cli('reconstruct', '--model', join(root, 'bad.safetensors')),
      /--model .*bad.safetensors: truncated/,
    );
  });
});
