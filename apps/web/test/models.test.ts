import { readFileSync } from 'node:fs';
import { createAutoencoder, parseModelJson, toSafetensors } from '@bottleneck/autoencoder';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpSizesOf } from '@bottleneck/graph';
import { browserMissing, demoPageForFile, openTrainBackend, pageErrors, shippedModel, shots, value } from './browser';

const demo = demoPageForFile();
let page: Page;
let pretrainedMse = 0;

beforeAll(async () => {
  if (browserMissing) return;
  page = demo.page;
  pretrainedMse = await value(page, 'gallery-mse');
});

const bytes = async (d: Download) => readFileSync((await d.path())!);

/** Picks model files; waits for the page to take them or to say why not. */
async function load(files: { name: string; buffer: Buffer }[]): Promise<void> {
  const handled = Number((await page.getAttribute('#model-files', 'data-handled')) ?? 0);
  await page.setInputFiles(
    '#model-files',
    files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })),
  );
  await expect.poll(async () => Number(await page.getAttribute('#model-files', 'data-handled'))).toBe(handled + 1);
}

/** The shipped model with its decoder's output bias lowered: another valid model, scoring worse. */
function otherModel(): { json: Buffer; weights: Buffer } {
  const { json, weights } = shippedModel();
  const parsed = JSON.parse(json.toString()) as { weightsCrc32?: number; metadata?: Record<string, unknown> };
  delete parsed.weightsCrc32;
  parsed.metadata = { note: 'test model' };
  const floats = new Float32Array(weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength));
  // the last 784 floats are dense4/bias
  for (let i = floats.length - 784; i < floats.length; i++) floats[i] = floats[i]! - 4;
  return { json: Buffer.from(JSON.stringify(parsed)), weights: Buffer.from(floats.buffer) };
}

describe.skipIf(browserMissing)('model management', () => {
  it('downloads the model as the CLI writes it (model.json + weights.bin) and as .safetensors', async () => {
    const both: Download[] = [];
    const got = new Promise<void>((resolve) => {
      page.on('download', (d) => {
        both.push(d);
        if (both.length === 2) resolve();
      });
    });
    await page.click('#model-download');
    await got;
    page.removeAllListeners('download');
    const byName = Object.fromEntries(both.map((d) => [d.suggestedFilename(), d]));
    expect(Object.keys(byName).sort()).toEqual(['model.json', 'weights.bin']);
    const json = parseModelJson(JSON.parse((await bytes(byName['model.json']!)).toString()));
    expect(mlpSizesOf(json.spec)).toEqual({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 });
    // the same weights, bit for bit, as the shipped (CLI-written) file
    expect(Buffer.compare(await bytes(byName['weights.bin']!), shippedModel().weights)).toBe(0);

    const [st] = await Promise.all([page.waitForEvent('download'), page.click('#model-download-safetensors')]);
    expect(st.suggestedFilename()).toBe('model.safetensors');
    const safetensors = await bytes(st);
    await load([{ name: 'model.safetensors', buffer: safetensors }]);
    expect(await page.textContent('#model-info')).toMatch(/loaded from model\.safetensors/);
    await expect.poll(() => value(page, 'gallery-mse')).toBeCloseTo(pretrainedMse, 6);
  });

  it("loads the CLI's out/model pair, and restores the pretrained model", async () => {
    const other = otherModel();
    await load([
      { name: 'model.json', buffer: other.json },
      { name: 'weights.bin', buffer: other.weights },
    ]);
    expect(await page.isHidden('#model-error')).toBe(true);
    expect(await page.textContent('#model-info')).toMatch(/loaded from model\.json \+ weights\.bin/);
    expect(await page.textContent('#model-ok')).toMatch(
      /^Loaded model\.json \+ weights\.bin: a 784 → 392 → 8 → 392 → 784 model/,
    );
    await expect.poll(() => value(page, 'gallery-mse')).toBeGreaterThan(pretrainedMse * 1.5);
    await page.click('#model-restore');
    await expect.poll(() => page.textContent('#model-info')).toMatch(/^pretrained/);
    await expect.poll(() => value(page, 'gallery-mse')).toBeCloseTo(pretrainedMse, 6);
    // the restore finishes once every section has redrawn, after the gallery
    await expect.poll(() => page.isDisabled('#model-restore')).toBe(true);
    expect(await page.textContent('#model-ok')).toBe('Back to the shipped model.');
  });

  it('loads a model of another size (784→64→2→64→784) and every section follows it', async () => {
    await tf.setBackend('cpu');
    const small = createAutoencoder({ hiddenSize: 64, bottleneckSize: 2, seed: 3 });
    const buffer = Buffer.from(toSafetensors(small));
    small.dispose();
    await load([{ name: 'small-2d.safetensors', buffer }]);
    expect(await page.isHidden('#model-error')).toBe(true);
    expect(await page.textContent('#model-info')).toMatch(
      /loaded from small-2d\.safetensors \(784 → 64 → 2 → 64 → 784\)/,
    );
    // one slider per code number, and an untrained model reconstructs worse
    await expect.poll(() => page.locator('#latent-sliders input[type=range]').count()).toBe(2);
    await expect.poll(() => value(page, 'gallery-mse')).toBeGreaterThan(pretrainedMse * 1.5);
    expect(pageErrors).toEqual([]);
    await page.click('#model-restore');
    await expect.poll(() => page.locator('#latent-sliders input[type=range]').count()).toBe(8);
  });

  it('refuses bad model files with a one-line error that names the file, changing nothing', async () => {
    const { json, weights } = shippedModel();
    // distinct names: playwright reuses an earlier upload's bytes for a file of the same name
    const bad: [string, { name: string; buffer: Buffer }[], RegExp][] = [
      [
        'truncated weights',
        [
          { name: 'model.json', buffer: json },
          { name: 'short.bin', buffer: weights.subarray(0, 1000) },
        ],
        /short\.bin: 1000 bytes, expected 2490016/,
      ],
      [
        'NaN weights',
        [
          { name: 'model2.json', buffer: json },
          { name: 'corrupt.bin', buffer: Buffer.from(weights).fill(0xff, 400, 404) },
        ],
        /corrupt\.bin: weight 100 is NaN/,
      ],
      [
        'not a model',
        [
          { name: 'keras.json', buffer: Buffer.from('{"format":"keras"}') },
          { name: 'weights3.bin', buffer: weights },
        ],
        /keras\.json: not a bottleneck model/,
      ],
      [
        'not JSON',
        [
          { name: 'binary.json', buffer: Buffer.from('\u0000\u0001') },
          { name: 'weights4.bin', buffer: weights },
        ],
        /binary\.json: not valid JSON/,
      ],
      [
        'garbage safetensors',
        [{ name: 'x.safetensors', buffer: Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 123]) }],
        /x\.safetensors: header is not valid JSON/,
      ],
      [
        'a PNG renamed',
        [
          {
            name: 'picture.safetensors',
            buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
          },
        ],
        /^picture\.safetensors: not a safetensors file \(it looks like a PNG image\)/,
      ],
      ['one file', [{ name: 'weights5.bin', buffer: weights }], /choose model\.json and its weights\.bin/],
    ];
    const info = await page.textContent('#model-info');
    for (const [what, files, message] of bad) {
      await load(files);
      expect(await page.isVisible('#model-error'), what).toBe(true);
      const error = (await page.textContent('#model-error')) ?? '';
      expect(error, what).toMatch(message);
      expect(error, what).not.toContain('\n');
      expect(await page.textContent('#model-info'), what).toBe(info);
      expect(await value(page, 'gallery-mse'), what).toBeCloseTo(pretrainedMse, 6);
    }
    await page.locator('#model').screenshot({ path: `${shots}model-error.png` });
    expect(pageErrors).toEqual([]);
  });

  it('asks before training from scratch replaces the model; declining changes nothing', async () => {
    await page.selectOption('#train-mode', 'scratch');
    await page.selectOption('#train-count', '1000');
    await page.fill('#train-epochs', '1');
    await page.fill('#train-batch', '100');
    await openTrainBackend(page);
    await page.selectOption('#train-backend', 'wasm');
    const asked = page.waitForEvent('dialog');
    const click = page.click('#train-start');
    const dialog = await asked;
    expect(dialog.message()).toMatch(/replaces the model/);
    await dialog.dismiss();
    await click;
    expect(await page.getAttribute('#train-status', 'data-state')).toBe('idle');
    expect(await page.textContent('#model-info')).toMatch(/^pretrained/);

    page.once('dialog', (d) => void d.accept());
    await page.click('#train-start');
    await expect.poll(() => page.getAttribute('#train-status', 'data-state'), { timeout: 120_000 }).toBe('done');
    expect(await page.textContent('#model-info')).toMatch(/trained here/);
    await page.click('#model-restore');
    await expect.poll(() => page.textContent('#model-info')).toMatch(/^pretrained/);
    await expect.poll(() => value(page, 'gallery-mse')).toBeCloseTo(pretrainedMse, 6);
  });
});
