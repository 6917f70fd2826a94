import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LR } from '../src/train-inputs';
import { browserMissing, demoPageForFile, finishedLosses, pageErrors, shots, value } from './browser';

const demo = demoPageForFile();
let page: Page;

beforeAll(() => {
  page = demo.page;
});

const lr = () => page.inputValue('#train-lr');

describe.skipIf(browserMissing)('fine-tuning the shipped model', () => {
  it('sets the learning rate by the mode until the user types one, and refuses a bad one in one line', async () => {
    expect(await page.inputValue('#train-mode')).toBe('finetune');
    expect(await lr()).toBe(DEFAULT_LR.finetune.toExponential());
    // the whole number shows in the field, not its first digits
    expect(await page.$eval('#train-lr', (el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.selectOption('#train-mode', 'scratch');
    expect(Number(await lr())).toBe(DEFAULT_LR.scratch);
    await page.selectOption('#train-mode', 'finetune');
    expect(Number(await lr())).toBe(DEFAULT_LR.finetune);

    await page.fill('#train-lr', '0');
    await page.click('#train-start');
    await expect
      .poll(() => page.textContent('#train-invalid'))
      .toMatch(/^learning rate: expected a positive number up to 10 \(a decimal number\)\.$/);
    expect(await page.getAttribute('#train-status', 'data-state')).toBe('idle');
    // typed by the user: a change of mode leaves it
    await page.fill('#train-lr', '0.0002');
    await page.selectOption('#train-mode', 'scratch');
    expect(await lr()).toBe('0.0002');
    await page.selectOption('#train-mode', 'finetune');
    expect(await lr()).toBe('0.0002');
  });

  it("lowers the held-out MSE at the page's defaults: did it help? yes", async () => {
    // a fresh page: every field at its default, as a visitor finds them
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    expect(Number(await lr())).toBe(DEFAULT_LR.finetune);
    await page.click('#train-start');
    const { epochs } = await finishedLosses(page);
    expect(await page.inputValue('#train-epochs')).toBe(String(epochs.length));
    // the worker trained at the field's rate (each epoch's record keeps the rate it ran at)
    expect(await page.textContent('#train-status')).toMatch(/^done after \d+ epoch\(s\)/);
    expect(await page.getAttribute('#train-status', 'data-lr')).toBe(String(DEFAULT_LR.finetune));
    const before = await value(page, 'train-before');
    const after = await value(page, 'train-after');
    expect(before).toBeGreaterThan(0.02);
    expect(after).toBeLessThan(before);
    expect(await page.textContent('#train-after')).toMatch(/^0\.\d{4} \(-[\d.]+%: better\)$/);
    await page.locator('#train').screenshot({ path: `${shots}train-finetune.png` });
    expect(pageErrors).toEqual([]);
  });
});
