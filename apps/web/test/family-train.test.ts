import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  browserMissing,
  demoPageForFile,
  finishedLosses,
  pageErrors,
  pickModel,
  shots,
  startTraining,
  value,
} from './browser';

const demo = demoPageForFile();
let page: Page;

beforeAll(() => {
  page = demo.page;
});

const pick = (name: string, presses: string[]) => pickModel(page, name, presses);

/** The fewest images the page offers to train on: the quickest run. */
async function fewestImages(): Promise<string> {
  const counts = await page
    .locator('#train-count option')
    .evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
  return String(Math.min(...counts));
}

/** How much of the "after" row of the held-out comparison is ink (0 for blank canvases). */
const afterInk = () =>
  page.evaluate(() => {
    let ink = 0;
    for (const c of document.querySelectorAll<HTMLCanvasElement>('#train-compare canvas[data-row="after"]')) {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) ink += d[i]! / 255;
    }
    return ink;
  });

/**
 * Fine-tunes the model on the page for one epoch on the fewest images and checks the run: done,
 * finite losses in the expected range, a chart and status that name `loss`, the held-out MSE on
 * its own axis (it is not the loss), and the before/after comparison.
 */
async function fineTuneOneEpoch(
  model: string,
  loss: { title: string; axis: string; status: RegExp; range: [number, number] },
): Promise<void> {
  const chart = page.locator('#train-chart');
  // a model just picked: no chart of another model's run, and the words already of its loss
  expect(await chart.getAttribute('data-batches')).toBeNull();
  expect(await page.textContent('#train-chart-hint')).toContain(
    loss.title.slice('Training '.length, -' per batch'.length),
  );
  expect(await page.textContent('#train-status')).toBe('idle');

  expect(await fewestImages()).toBe('1000');
  await startTraining(page, { epochs: 1, mode: 'finetune' });
  const { first, epochs } = await finishedLosses(page);
  expect(epochs).toHaveLength(1);
  for (const l of [first, ...epochs]) {
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeGreaterThan(loss.range[0]);
    expect(l).toBeLessThan(loss.range[1]);
  }
  expect(await page.getAttribute('body', 'data-model')).toBe(model);
  // 1,000 images, the last 1,000 held out: 9,000 to train on, the fewest offered is 1,000, in batches of 100
  await expect.poll(() => chart.getAttribute('data-batches')).toBe('10');
  expect(await chart.locator('text.title').textContent()).toBe(loss.title);
  expect(await chart.locator('text.loss-axis').textContent()).toBe(loss.axis);
  expect(await chart.locator('text.test-axis').textContent()).toBe('held-out MSE (dots)');
  expect(await chart.locator('circle.test').count()).toBe(1);
  expect(await chart.getAttribute('aria-label')).toMatch(
    new RegExp(
      `^${loss.title.replace(/[()+]/g, '\\$&')}, on a log scale: 10 batches, from [\\d.]+ to [\\d.]+\\. Held-out MSE \\(right axis\\): 0\\.\\d{4} after epoch 1\\.$`,
    ),
  );
  expect(await page.textContent('#train-status')).toMatch(loss.status);
  // the comparison: the held-out MSE before and after one short epoch, both of a working model
  const before = await value(page, 'train-before');
  const after = await value(page, 'train-after');
  expect(before).toBeGreaterThan(0.005);
  expect(before).toBeLessThan(0.08);
  expect(after / before).toBeGreaterThan(0.8);
  expect(after / before).toBeLessThan(1.25);
  expect(await page.locator('#train-compare canvas').count()).toBe(24);
  await expect.poll(afterInk).toBeGreaterThan(100);
  await page.locator('#train').screenshot({ path: `${shots}train-${model}.png` });
}

describe.skipIf(browserMissing)('training the model family on the page', () => {
  it('fine-tunes the conv model for an epoch: its chart and status name binary cross-entropy', async () => {
    await pick('conv', ['ArrowDown', 'ArrowDown', 'ArrowDown']);
    await fineTuneOneEpoch('conv', {
      title: 'Training loss (binary cross-entropy) per batch',
      axis: 'binary cross-entropy',
      status: /^done after 1 epoch\(s\) · training loss \(binary cross-entropy\) 0\.\d{4} on /,
      // BCE per pixel of a trained model (~0.1; MSE ~0.02, a blank guess ~0.7)
      range: [0.03, 0.3],
    });
  });

  it('fine-tunes the VAE for an epoch: its loss per image, BCE summed over pixels + KL', async () => {
    await pick('vae', ['ArrowDown']);
    await fineTuneOneEpoch('vae', {
      title: 'Training loss per image (BCE summed over pixels + KL) per batch',
      axis: 'loss per image',
      status: /^done after 1 epoch\(s\) · training loss per image \(BCE summed over pixels \+ KL\) \d+\.\d on /,
      // ~150 per image for a 2-d code (pytorch/examples reaches ~105 with 20)
      range: [60, 300],
    });
    expect(await axe(page, 'after training the VAE')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
