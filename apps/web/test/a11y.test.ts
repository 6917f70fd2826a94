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
  it('has no axe-core violations at 360, 768 and 1280 px (WCAG AA contrast included)', async () => {
    for (const width of [360, 768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      expect(await axe(page, `${width} px`), `${width} px`).toEqual([]);
    }
  });

  it('stays at 0 axe-core violations with the VAE picked (its sample panel and manifold shown)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('#model-pick', 'vae');
    await expect.poll(() => page.getAttribute('body', 'data-model'), { timeout: 120_000 }).toBe('vae');
    expect(await page.isVisible('#vae')).toBe(true);
    expect(await axe(page, 'VAE picked')).toEqual([]);
    await page.selectOption('#model-pick', 'mlp');
    await expect.poll(() => page.getAttribute('body', 'data-model'), { timeout: 120_000 }).toBe('mlp');
    // the next tests start from the top of the page, focus on nothing
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  it('has a skip link and a section menu that reach every section', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the demo');
    const targets = await page.locator('nav.menu a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(targets).toEqual(['#reconstruct', '#latent', '#denoise', '#interpolate', '#draw', '#train', '#files']);
    for (const t of targets) expect(await page.locator(t!).count()).toBe(1);
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
    await expect.poll(() => page.textContent('#latent-live')).toMatch(/cursor at (UMAP 1|PC1) .* nearest digit \d/);
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
    expect(await page.getByLabel('choose model files').count()).toBe(1);
    for (const id of ['data-error', 'model-error', 'fatal'])
      expect(await page.getAttribute(`#${id}`, 'role')).toBe('alert');
    expect(await page.getAttribute('#train-announce', 'role')).toBe('status');
    // the diagnostics live in a details panel at the foot of the page, not in the story
    expect(await page.locator('#diagnostics [role="status"] #backend').count()).toBe(1);
    expect(await page.locator('#diagnostics').getAttribute('open')).toBeNull();
  });
});
