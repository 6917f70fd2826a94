import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axe, browserMissing, shots, demoPageForFile } from './browser';

const demo = demoPageForFile();
let page: Page;

beforeAll(() => {
  page = demo.page;
});

const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', name: el?.getAttribute('aria-label') ?? '', inGallery: !!el?.closest('#gallery') };
  });

describe.skipIf(browserMissing)('accessibility', () => {
  it('has no serious or critical axe-core violations (WCAG AA contrast included)', async () => {
    const violations = await axe(page, 'desktop');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('reaches the gallery with Tab: named buttons, and the arrow keys move and select', async () => {
    await page.locator('body').focus();
    let f = await focused(page);
    for (let i = 0; i < 20 && !f.inGallery; i++) {
      await page.keyboard.press('Tab');
      f = await focused(page);
    }
    expect(f.inGallery).toBe(true);
    expect(f.name).toMatch(/^digit 0, #\d+$/);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toMatch(/^digit 1, /);
    await expect.poll(() => page.textContent('#recon-label')).toMatch(/^1 /);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).name).toMatch(/^digit 1, /);
    expect(await page.locator('#gallery button[aria-pressed="true"]').count()).toBe(1);
    // one tab stop: the next Tab leaves the gallery
    await page.keyboard.press('Tab');
    expect((await focused(page)).inGallery).toBe(false);
  });

  it('moves a cursor over the latent map with the keyboard, decoding and announcing it', async () => {
    const map = page.locator('#latent-map');
    expect(await map.getAttribute('aria-label')).toMatch(/arrow keys/);
    await map.focus();
    const start = await map.getAttribute('data-cursor');
    const decoded = await page.locator('#latent-decoded').screenshot();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => map.getAttribute('data-cursor')).not.toBe(start);
    await expect.poll(() => page.textContent('#latent-live')).toMatch(/cursor at PC1 .* nearest digit \d/);
    await expect
      .poll(async () => Buffer.compare(await page.locator('#latent-decoded').screenshot(), decoded))
      .not.toBe(0);
    await page.locator('#latent').screenshot({ path: `${shots}latent-keyboard.png` });
  });

  it('draws with the keyboard: Space lowers the pen, the arrow keys move it', async () => {
    await page.click('#draw-clear');
    await expect.poll(async () => Number(await page.textContent('#draw-ink'))).toBe(0);
    await page.locator('#draw-pad').focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(async () => Number(await page.textContent('#draw-ink'))).toBeGreaterThan(10);
    // a "1" reconstructs as something, not as an empty pad
    expect(Number(await page.getAttribute('#draw-out-mean', 'data-value'))).toBeGreaterThan(0.02);
  });

  it('names the draw pad, labels the file inputs, and has live regions for status and errors', async () => {
    expect(await page.getAttribute('#draw-pad', 'aria-label')).toMatch(/draw a digit/);
    expect(await page.getByLabel('IDX files').count()).toBe(1);
    expect(await page.getByLabel('load a model').count()).toBe(1);
    for (const id of ['data-error', 'model-error', 'fatal'])
      expect(await page.getAttribute(`#${id}`, 'role')).toBe('alert');
    expect(await page.getAttribute('#train-announce', 'role')).toBe('status');
    expect(await page.locator('header [role="status"] #backend').count()).toBe(1);
  });
});
