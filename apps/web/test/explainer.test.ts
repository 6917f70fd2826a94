import { readFileSync } from 'node:fs';
import { readIdx } from '@bottleneck/mnist';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, demoPageForFile, idx, pageErrors, root, shots } from './browser';

const demo = demoPageForFile();
let page: Page;

beforeAll(() => {
  page = demo.page;
});

const selected = () => page.getAttribute('body', 'data-selected');
const galleryIndex = (n: number) => page.locator('#gallery button').nth(n).getAttribute('data-index');

/** Draws one stroke through the points (fractions of the pad), with the mouse. */
async function stroke(points: [number, number][]): Promise<void> {
  const box = (await page.locator('#draw-pad').boundingBox())!;
  await page.mouse.move(box.x + points[0]![0] * box.width, box.y + points[0]![1] * box.height);
  await page.mouse.down();
  for (const [x, y] of points.slice(1))
    await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
  await page.mouse.up();
}

const output = () => page.getAttribute('#draw-out-mean', 'data-output');
const drawnInput = () =>
  page.evaluate(() => {
    const c = document.getElementById('draw-input') as HTMLCanvasElement;
    return Array.from(
      c
        .getContext('2d')!
        .getImageData(0, 0, c.width, c.height)
        .data.filter((_, i) => i % 4 === 0),
    );
  });
/** Mean absolute difference of two comma-separated 0-255 pixel lists. */
const diff = (a: string, b: string) => {
  const x = a.split(',').map(Number);
  const y = b.split(',').map(Number);
  return x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
};

describe.skipIf(browserMissing)('the explainer: linked views, MNIST-style drawing, the map', () => {
  it('selects a digit everywhere: gallery, code bars, diagram, sliders, the map ring, interpolation ends', async () => {
    const [first, second] = [await galleryIndex(13), await galleryIndex(27)];
    await page.locator('#gallery button').nth(13).click();
    await expect.poll(selected).toBe(first);
    await page.locator('#gallery button').nth(27).click();
    await expect.poll(selected).toBe(second);
    await expect.poll(() => page.textContent('#recon-label')).toBe(`7 (#${second})`);
    // the interpolation runs from the previous pick (A) to this one (B)
    expect(await page.inputValue('#interp-a')).toBe(first);
    expect(await page.inputValue('#interp-b')).toBe(second);
    await expect.poll(() => page.textContent('#interp-b-label')).toBe(`7 (#${second})`);
    // the sliders start from this digit's code: the bars' values
    const bars = (await page.locator('#recon-code div').allTextContents()).map(Number);
    expect(bars).toHaveLength(8);
    const worst = (values: number[]) => Math.max(...values.map((v, j) => Math.abs(v - bars[j]!)));
    await expect
      .poll(async () => worst((await page.locator('#latent-sliders output').allTextContents()).map(Number)))
      .toBeLessThanOrEqual(0.051);
    // the header's diagram lights its code cells with the same values
    const cells = await page
      .locator('#network .net-cell')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(cells).toHaveLength(8);
    expect(worst(cells)).toBeLessThanOrEqual(0.051);
    // the map marks it; clicking a dot there selects that digit back, everywhere
    const ring = await page.getAttribute('#latent-map', 'data-selected');
    expect(ring).toMatch(/^\d+,\d+$/);
    await page.locator('#gallery button').nth(13).click();
    await expect.poll(() => page.getAttribute('#latent-map', 'data-selected')).not.toBe(ring);
    const map = page.locator('#latent-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const [rx, ry] = ring!.split(',').map(Number) as [number, number];
    const width = Number(await map.getAttribute('width'));
    await page.mouse.click(box.x + (rx * box.width) / width, box.y + (ry * box.height) / width);
    await expect.poll(selected).toBe(second);
    await expect.poll(() => page.textContent('#recon-label')).toBe(`7 (#${second})`);
    expect(await page.getAttribute(`#gallery button[data-index="${second}"]`, 'aria-pressed')).toBe('true');
    expect(await page.inputValue('#interp-a')).toBe(first);
    expect(await page.inputValue('#interp-b')).toBe(second);
    await page.locator('#latent').screenshot({ path: `${shots}latent-linked.png` });
  });

  it('prepares a drawing as MNIST was: a small stroke in a corner reads like the same stroke in the middle', async () => {
    await page.locator('#draw-pad').scrollIntoViewIfNeeded();
    const seven = (x: number, y: number, s: number): [number, number][] => [
      [x, y],
      [x + s, y],
      [x + 0.3 * s, y + s],
    ];
    await page.click('#draw-clear');
    await stroke(seven(0.05, 0.05, 0.25)); // a small 7 in the top-left corner
    await expect.poll(output).not.toBe('0');
    await expect.poll(async () => Number(await page.textContent('#draw-ink'))).toBeGreaterThan(10);
    const corner = (await output())!;
    const cornerInput = await drawnInput();
    await page.click('#draw-clear');
    await stroke(seven(0.375, 0.375, 0.25)); // the same 7 in the middle
    await expect.poll(output).not.toBe(corner);
    const middle = (await output())!;
    // the same 28×28 input (within a pixel's rounding) and so the same reconstruction
    expect(cornerInput.some((v) => v > 0)).toBe(true);
    const middleInput = await drawnInput();
    expect(cornerInput.reduce((s, v, i) => s + Math.abs(v - middleInput[i]!), 0) / cornerInput.length).toBeLessThan(3);
    expect(diff(corner, middle)).toBeLessThan(3);
    // and it is not that every drawing reconstructs alike: a 1 differs from the 7
    await page.click('#draw-clear');
    await stroke([
      [0.5, 0.1],
      [0.5, 0.9],
    ]);
    await expect.poll(async () => diff((await output())!, middle)).toBeGreaterThan(10);
  });

  it('names the nearest digit of a drawing with its distance, marks it on the map, and undoes strokes', async () => {
    await page.click('#draw-clear');
    await stroke([
      [0.5, 0.1],
      [0.5, 0.9],
    ]);
    await expect.poll(() => page.getAttribute('#draw-nearest', 'data-label')).toBe('1');
    expect(await page.textContent('#draw-nearest')).toMatch(/^1 \(#\d+\), distance \d+\.\d\d$/);
    expect(await page.getAttribute('#latent-map', 'data-drawn')).toMatch(/^\d+,\d+$/);
    const one = (await output())!;
    await stroke([
      [0.2, 0.1],
      [0.8, 0.1],
    ]); // a bar on top: now a 7-ish
    await expect.poll(output).not.toBe(one);
    await page.click('#draw-undo');
    await expect.poll(output).toBe(one);
    await page.click('#draw-undo'); // the stroke of the 1
    await page.click('#draw-undo'); // the clear: back to the 7 of the last test
    await expect.poll(async () => Number(await page.textContent('#draw-ink'))).toBeGreaterThan(10);
    // the drawing goes to the interpolation as B
    await page.click('#draw-use');
    await expect.poll(() => page.inputValue('#interp-b')).toBe('drawing');
    await page.locator('#draw').screenshot({ path: `${shots}draw.png` });
  });

  it('maps the codes with UMAP that keeps classes together far better than PCA, and says so', async () => {
    const knn = page.locator('#latent-knn');
    await expect.poll(() => knn.getAttribute('data-umap'), { timeout: 180_000 }).toBeTruthy();
    const umap = Number(await knn.getAttribute('data-umap'));
    const pca = Number(await knn.getAttribute('data-pca'));
    const codes = Number(await knn.getAttribute('data-codes'));
    console.log(
      `k-NN class agreement (k = 10, 2,000 test digits): UMAP ${umap.toFixed(3)}, PCA ${pca.toFixed(3)}, 8-d codes ${codes.toFixed(3)}`,
    );
    // 0.754–0.755 over seeds in Node (pnpm umap-sweep, umap-settings.ts), 0.749 here (the backend's
    // codes differ in their last bits); standardised codes gave 0.71, raw 0.67. The codes' own cosine
    // neighbourhoods agree 0.77: issue #21's 0.8 is beyond this model's 2,000 codes
    expect(umap).toBeGreaterThanOrEqual(0.73);
    // PCA's score reported beside it, for the same digits, and far below
    expect(pca).toBeGreaterThan(0.1);
    expect(umap).toBeGreaterThan(pca + 0.2);
    expect(await knn.textContent()).toContain(`UMAP map ${umap.toFixed(2)}, PCA map ${pca.toFixed(2)}`);
    expect(await page.textContent('#latent-info')).toMatch(/UMAP \(cosine distance, seeded\)/);
    expect(await page.getAttribute('#latent-map', 'data-mode')).toBe('umap');
    await page.click('#latent-pca');
    await expect.poll(() => page.getAttribute('#latent-map', 'data-mode')).toBe('pca');
    expect(await page.textContent('#latent-info')).toMatch(/PCA's two axes hold \d+% of the codes' variance/);
    await page.click('#latent-umap');
    await expect.poll(() => page.getAttribute('#latent-map', 'data-mode')).toBe('umap');
    // the shipped model's unit 8 is 0 for every digit: named and explained
    expect(await page.getAttribute('#latent-dead', 'data-dead')).toBe('z8');
    expect(await page.textContent('#latent-dead')).toMatch(/dead unit/);
  });

  it('refuses bad training settings with one line, and starts nothing', async () => {
    // the CLI's bound (one schema): --epochs 100001 is refused there too
    await page.fill('#train-epochs', '100001');
    await page.click('#train-start');
    await expect
      .poll(() => page.textContent('#train-invalid'))
      .toMatch(/^epochs: expected a positive integer up to 100000\.$/);
    expect(await page.getAttribute('#train-status', 'data-state')).toBe('idle');
    await page.fill('#train-epochs', '2');
    await page.fill('#train-batch', '0');
    await page.click('#train-start');
    await expect
      .poll(() => page.textContent('#train-invalid'))
      .toMatch(/^batch: expected a positive integer up to \d+\.$/);
    expect(await page.getAttribute('#train-status', 'data-state')).toBe('idle');
    // the default is the safe one: fine-tuning the loaded model
    expect(await page.inputValue('#train-mode')).toBe('finetune');
    expect(pageErrors).toEqual([]);
  });

  it('takes IDX files dropped on the digits panel, says so, and goes back to the shipped digits', async () => {
    const gz = (name: string) => readIdx(readFileSync(`${root}public/data/${name}`), name);
    const n = 200;
    const files = [
      {
        name: 'dropped-images.idx',
        bytes: [...idx(0x803, [n, 28, 28], gz('t10k-images-idx3-ubyte.gz').data.subarray(0, n * 784))],
      },
      { name: 'dropped-labels.idx', bytes: [...idx(0x801, [n], gz('t10k-labels-idx1-ubyte.gz').data.subarray(0, n))] },
    ];
    const shipped = await page.textContent('#data-info');
    await page.evaluate((list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      const zone = document.getElementById('data')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, files);
    await expect
      .poll(() => page.textContent('#data-ok'))
      .toMatch(/^Loaded 200 images from dropped-images\.idx \+ dropped-labels\.idx/);
    expect(await page.textContent('#data-info')).toMatch(/^200 images/);
    await expect.poll(() => page.textContent('#latent-info')).toMatch(/^200 digits/);
    // a PNG renamed: refused with what it looks like, and the dropped digits stay
    await page.setInputFiles('#idx-files', [
      {
        name: 'photo-images.idx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]),
      },
      { name: 'photo-labels.idx', mimeType: 'application/octet-stream', buffer: Buffer.from(files[1]!.bytes) },
    ]);
    await expect
      .poll(() => page.textContent('#data-error'))
      .toMatch(/^photo-images\.idx: not an IDX file \(it looks like a PNG image\)/);
    expect(await page.textContent('#data-info')).toMatch(/^200 images/);
    await page.click('#data-restore');
    await expect.poll(() => page.textContent('#data-info')).toBe(shipped);
    // the restore finishes once every section has redrawn
    await expect.poll(() => page.textContent('#data-ok')).toBe('Back to the shipped MNIST test digits.');
    await expect.poll(() => page.isDisabled('#data-restore')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
