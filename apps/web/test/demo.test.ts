import { readFileSync } from 'node:fs';
import { readIdx } from '@bottleneck/mnist';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserMissing,
  idx,
  launchChromium,
  openDemo,
  pageErrors,
  root,
  shots,
  value,
  demoPageForFile,
  startTraining,
} from './browser';

const demo = demoPageForFile();
let page: Page;

/** Pixels of a canvas on the page, RGBA, of the square of side `size` at (x, y) (whole canvas by default). */
const pixels = (p: Page, id: string, x = 0, y = 0, size = 0) =>
  p.evaluate(
    ([i, x0, y0, s]) => {
      const c = document.getElementById(i) as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(x0, y0, s || c.width, s || c.height).data);
    },
    [id, x, y, size] as const,
  );

beforeAll(() => {
  page = demo.page;
});

const gz = (name: string) => readIdx(readFileSync(`${root}public/data/${name}`), name);

describe.skipIf(browserMissing)('the demo in headless Chromium', () => {
  it('runs on wasm, names the software GPUs it found, and is cross-origin isolated', async () => {
    expect(await page.textContent('#backend')).toBe('wasm');
    await expect.poll(() => page.textContent('#gpu-note')).toMatch(/webgl: software \(SwiftShader\)/);
    // the page's wasm is single-threaded, and says so (the threaded build used to start 8 workers)
    expect(await page.textContent('#backend-note')).toMatch(/1 thread/);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.screenshot({ path: `${shots}page.png`, fullPage: true });
  });

  it('draws nothing from the empty pad (no ghost digit)', async () => {
    expect(await value(page, 'draw-out-mean')).toBe(0);
  });

  it('reconstructs the shipped test digits with the shipped model', async () => {
    // an untrained model scores ~0.2 here, a 2-epoch one ~0.06, the 50-epoch lab model ~0.03
    expect(await value(page, 'gallery-mse')).toBeLessThan(0.04);
    await page.locator('#gallery button').nth(13).click();
    await expect.poll(() => page.textContent('#recon-label')).toMatch(/^3 \(#\d+\)$/);
    expect(await value(page, 'recon-mse')).toBeLessThan(0.08);
    expect(await page.locator('#recon-code div').count()).toBe(8);
  });

  it("shows each gallery digit's own pixels (its image is the digit the reconstruction section reads)", async () => {
    await page.locator('#gallery button').nth(7).click();
    await expect.poll(() => page.textContent('#recon-label')).toMatch(/^7 \(#\d+\)$/);
    const pixels = await page.evaluate(() => {
      const read = (source: CanvasImageSource) => {
        const c = document.createElement('canvas');
        c.width = 28;
        c.height = 28;
        const ctx = c.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(source, 0, 0);
        return Array.from(ctx.getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0));
      };
      const image = document.querySelector<HTMLImageElement>('#gallery button[aria-pressed="true"] img')!;
      return { image: read(image), input: read(document.getElementById('recon-input') as HTMLCanvasElement) };
    });
    expect(pixels.image.filter((v) => v > 128).length).toBeGreaterThan(40);
    expect(pixels.image).toEqual(pixels.input);
  });

  it('denoises: the output is closer to the clean digit than the noisy input', async () => {
    await page.selectOption('#noise-kind', 'uniform');
    await page.locator('#noise-level').fill('0.8');
    const noisy: number[] = [];
    const denoised: number[] = [];
    for (const n of [0, 11, 22, 33, 44]) {
      await page.locator('#gallery button').nth(n).click();
      await page.waitForTimeout(300);
      noisy.push(await value(page, 'noisy-mse'));
      denoised.push(await value(page, 'denoised-mse'));
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(denoised)).toBeLessThan(mean(noisy));
  });

  it('reconstructs what is drawn, and the reconstruction follows the strokes', async () => {
    const output = () => page.getAttribute('#draw-out-mean', 'data-output');
    const before = await output();
    await page.locator('#draw-pad').scrollIntoViewIfNeeded();
    const box = (await page.locator('#draw-pad').boundingBox())!;
    const stroke = async (points: [number, number][]) => {
      await page.mouse.move(box.x + points[0]![0] * box.width, box.y + points[0]![1] * box.height);
      await page.mouse.down();
      for (const [x, y] of points.slice(1))
        await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
      await page.mouse.up();
    };
    await stroke([
      [0.5, 0.15],
      [0.5, 0.85],
    ]); // a "1"
    await expect.poll(output).not.toBe(before);
    const afterOne = await output();
    expect(Number(await page.textContent('#draw-ink'))).toBeGreaterThan(10);
    await stroke([
      [0.25, 0.2],
      [0.75, 0.2],
      [0.35, 0.85],
    ]); // turn it into a "7"
    await expect.poll(output).not.toBe(afterOne);
    const diff = (a: string, b: string) => {
      const x = a.split(',').map(Number);
      const y = b.split(',').map(Number);
      return x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
    };
    // mean absolute change of the 784 output pixels, in 0-255 units
    expect(diff(afterOne!, (await output())!)).toBeGreaterThan(5);
  });

  it('decodes latent-map points with one cursor mark that moves (marks do not pile up)', async () => {
    const map = page.locator('#latent-map');
    await map.scrollIntoViewIfNeeded();
    // the UMAP map, once the worker has it: the dots stay put from here on
    await expect.poll(() => map.getAttribute('data-mode'), { timeout: 180_000 }).toBe('umap');
    const side = Number(await map.getAttribute('width'));
    const at = (f: number) => Math.round(f * side);
    const gallery = page.locator('#gallery button').first();
    await gallery.click();
    // (the gallery's click scrolled the page: measure the map afterwards)
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // around the first click: the dots (and the selection's ring) before any click
    const clean = await pixels(page, 'latent-map', at(0.3) - 15, at(0.3) - 15, 30);
    const before = await page.locator('#latent-decoded').screenshot();
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect
      .poll(async () => Buffer.compare(await page.locator('#latent-decoded').screenshot(), before))
      .not.toBe(0);
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.7);
    // within a pixel or two: the map is scaled from 560 canvas pixels to its CSS size
    const near = (cursor: string | null) => (cursor ?? '').split(',').every((v) => Math.abs(Number(v) - at(0.7)) <= 2);
    await expect.poll(async () => near(await map.getAttribute('data-cursor'))).toBe(true);
    // a click on a dot selects that digit: the same selection as before for the comparison
    // (a click from the keyboard: the mouse would scroll the map away)
    await gallery.focus();
    await page.keyboard.press('Enter');
    // the first click's mark is gone: the map there is back to its dots
    await expect.poll(() => pixels(page, 'latent-map', at(0.3) - 15, at(0.3) - 15, 30)).toEqual(clean);
    expect(await page.textContent('#latent-info')).toMatch(/2000 digits/);
  });

  it('explores the code: a decoded grid over the plane and one live slider per code number', async () => {
    // the grid is 10×10 decoded digits: not one black canvas
    const grid = await pixels(page, 'latent-grid');
    expect(grid.filter((v, i) => i % 4 === 0 && v > 128).length).toBeGreaterThan(1000);
    const sliders = page.locator('#latent-sliders input[type=range]');
    expect(await sliders.count()).toBe(8);
    expect(await page.getByLabel('code number 1 of 8 (z1)', { exact: true }).count()).toBe(1);
    const out = page.locator('#latent-slider-output');
    const before = await out.screenshot();
    await sliders.nth(0).fill('0');
    await sliders.nth(2).fill((await sliders.nth(2).getAttribute('max')) ?? '10');
    await expect.poll(async () => Buffer.compare(await out.screenshot(), before)).not.toBe(0);
    await page.locator('#latent').screenshot({ path: `${shots}latent.png` });
  });

  it('trains in a worker on wasm without probing software GPUs, charting every batch with epoch marks', async () => {
    await startTraining(page, { epochs: 3, backend: 'auto' });
    const status = page.locator('#train-status');
    // live: the chart grows batch by batch before the first epoch is over
    await expect.poll(() => page.getAttribute('#train-chart', 'data-batches'), { timeout: 60_000 }).toMatch(/^[1-9]/);
    await expect
      .poll(() => status.getAttribute('data-state'), { timeout: 240_000, interval: 500 })
      .toMatch(/done|error/);
    expect(await status.getAttribute('data-state'), (await status.textContent()) ?? '').toBe('done');
    const losses = JSON.parse((await status.getAttribute('data-losses'))!) as { first: number; epochs: number[] };
    expect(losses.epochs).toHaveLength(3);
    expect(losses.epochs[2]!).toBeLessThan(losses.epochs[0]!);
    expect(losses.epochs[2]!).toBeLessThan(losses.first);
    expect(Number(await status.getAttribute('data-seconds-per-epoch'))).toBeGreaterThan(0);
    const probe = (await page.textContent('#train-probe')) ?? '';
    expect(probe).toMatch(/training on wasm/);
    expect(probe).toMatch(/webgl is software \(SwiftShader\), not probed/);
    // 1,000 images in batches of 100: 10 batches × 3 epochs
    await expect.poll(() => page.getAttribute('#train-chart', 'data-batches')).toBe('30');
    expect(await page.locator('#train-chart line.epoch').count()).toBe(3);
    expect(await page.textContent('#train-announce')).toMatch(/done after 3 epoch/);
    // one speed figure, beside the held-out MSE before and after on the same digits
    expect(await page.textContent('#train-speed')).toMatch(/^\d+\.\d s\/epoch$/);
    expect(await value(page, 'train-before')).toBeGreaterThan(0);
    expect(await value(page, 'train-after')).toBeGreaterThan(0);
    expect(await page.locator('#train-compare canvas').count()).toBe(24);
    await page.locator('#train').screenshot({ path: `${shots}train.png` });
  });

  it('fine-tunes from the loaded model: training starts near its loss, not from scratch', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await startTraining(page, { epochs: 1, mode: 'finetune' });
    const status = page.locator('#train-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 120_000 }).toMatch(/done|error/);
    const { first } = JSON.parse((await status.getAttribute('data-losses'))!) as { first: number };
    // the shipped model's loss is ~0.026; a fresh init starts near 0.23
    expect(first).toBeLessThan(0.05);
    // one epoch is a curve of its 10 batches, not two dots
    expect(await page.getAttribute('#train-chart', 'data-batches')).toBe('10');
  });

  it('stops training when asked, keeping the epochs done so far', async () => {
    await startTraining(page, { epochs: 200 });
    const status = page.locator('#train-status');
    await expect.poll(() => status.getAttribute('data-losses'), { timeout: 120_000 }).toBeTruthy();
    await page.click('#train-stop');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('stopped');
    const { epochs } = JSON.parse((await status.getAttribute('data-losses'))!) as { epochs: number[] };
    expect(epochs.length).toBeGreaterThan(0);
    expect(epochs.length).toBeLessThan(200);
    expect(await page.getAttribute('#train-start', 'aria-disabled')).toBe('false');
  });

  it('loads IDX files from the file picker, refreshing every view, and names the file when one is corrupt', async () => {
    const images = gz('t10k-images-idx3-ubyte.gz');
    const labels = gz('t10k-labels-idx1-ubyte.gz');
    const n = 300;
    // a hovered digit from beyond the first 300 (the latent map shows 2,000)
    await page.locator('#latent-map').focus();
    await page.keyboard.press('ArrowRight');
    await page.setInputFiles('#idx-files', [
      {
        name: 'my-labels.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(0x801, [n], labels.data.subarray(0, n)),
      },
      {
        name: 'my-images.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(0x803, [n, 28, 28], images.data.subarray(0, n * 784)),
      },
    ]);
    await expect.poll(() => page.textContent('#data-info')).toContain('300 images from my-labels.idx');
    expect(await page.isHidden('#data-error')).toBe(true);
    // previews and labels follow the new data
    await expect.poll(() => page.textContent('#latent-info')).toMatch(/^300 digits/);
    // the hovered digit follows a moment later (the map redraws in chunks, yielding to the page)
    const hovered = async () => Number(/#(\d+)/.exec((await page.textContent('#latent-hover-label')) ?? '')?.[1]);
    await expect.poll(hovered).toBeLessThan(n);
    expect(await page.textContent('#recon-label')).not.toMatch(/test/);

    // 300 images announced, 10 present
    await page.setInputFiles('#idx-files', [
      {
        name: 'broken-images.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(0x803, [n, 28, 28], images.data.subarray(0, 10 * 784)),
      },
      {
        name: 'my-labels.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(0x801, [n], labels.data.subarray(0, n)),
      },
    ]);
    await page.waitForSelector('#data-error', { state: 'visible' });
    const message = (await page.textContent('#data-error')) ?? '';
    expect(message).toMatch(/broken-images\.idx/);
    expect(message).toMatch(/truncated body/);
    expect(await page.textContent('#data-info')).toContain('300 images'); // the previous data stays
    expect(pageErrors).toEqual([]);
  });

  it('refuses valid IDX files of 20×20 images before anything changes, and keeps working', async () => {
    const m = 50;
    const info = await page.textContent('#data-info');
    const gallery = await page.locator('#gallery').innerHTML();
    await page.setInputFiles('#idx-files', [
      {
        name: 'small-images.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(0x803, [m, 20, 20], new Uint8Array(m * 400).fill(9)),
      },
      {
        name: 'small-labels.idx',
        mimeType: 'application/octet-stream',
        buffer: idx(
          0x801,
          [m],
          new Uint8Array(m).map((_, i) => i % 10),
        ),
      },
    ]);
    await page.waitForSelector('#data-error', { state: 'visible' });
    const message = (await page.textContent('#data-error')) ?? '';
    expect(message).toMatch(/small-images\.idx: 20×20 images, but the model reads 28×28/);
    expect(await page.textContent('#data-info')).toBe(info);
    expect(await page.locator('#gallery').innerHTML()).toBe(gallery);
    // the page still works: a click re-renders, training runs
    await page.locator('#gallery button').nth(3).click();
    await expect.poll(() => page.textContent('#recon-label')).toMatch(/^3 /);
    await startTraining(page, { epochs: 1, mode: 'finetune' });
    const status = page.locator('#train-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 120_000 }).toMatch(/done|error/);
    expect(await status.getAttribute('data-state'), (await status.textContent()) ?? '').toBe('done');
    await page.locator('#data').screenshot({ path: `${shots}data-error.png` });
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(browserMissing)('backend fallback', () => {
  it('uses wasm when WebGL is unavailable, and says there is none', async () => {
    const noGl = await launchChromium({ webgl: false });
    try {
      const p = await noGl.context.newPage();
      await openDemo(p);
      expect(await p.textContent('#backend')).toBe('wasm');
      await expect.poll(() => p.textContent('#gpu-note')).toMatch(/webgl: this browser has no WebGL/);
      expect(await value(p, 'gallery-mse')).toBeLessThan(0.04);
    } finally {
      await noGl.close();
    }
  });
});
