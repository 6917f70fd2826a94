import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axe, browserMissing, shots, demoPageForFile } from './browser';

const demo = demoPageForFile({ phone: true, viewport: { width: 390, height: 844 } });
let page: Page;

beforeAll(() => {
  page = demo.page;
});

/** Right edges (CSS px) of the widest things on the page, and the page's own width. */
const widths = (p: Page) =>
  p.evaluate(() => {
    const right = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().right;
    return {
      viewport: window.innerWidth,
      scroll: document.documentElement.scrollWidth,
      lastDigit: right('#gallery button:nth-child(10)'),
      map: right('#latent-map'),
      grid: right('#latent-grid'),
      pad: right('#draw-pad'),
    };
  });

describe.skipIf(browserMissing)('the demo on a phone', () => {
  it('does not scroll sideways at 360-430 px, and shows all ten gallery columns and the whole map', async () => {
    for (const width of [360, 390, 430]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(100);
      const w = await widths(page);
      expect(w.scroll, `page at ${width} px`).toBeLessThanOrEqual(w.viewport);
      for (const [what, right] of Object.entries(w)) expect(right, `${what} at ${width} px`).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}phone-390.png` });
    await page.screenshot({ path: `${shots}phone-390-full.png`, fullPage: true });
  });

  it('gives every control a touch target of at least 44×44 px at 360 and 390 px', async () => {
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(100);
      const small = await page.evaluate(() => {
        const controls = document.querySelectorAll<HTMLElement>(
          'button, select, input:not(.file-input), summary, nav a, label.file-button, [tabindex="0"]',
        );
        return (
          [...controls]
            .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
            .map((el) => {
              const r = el.getBoundingClientRect();
              return { what: el.id || el.textContent?.trim().slice(0, 30) || el.tagName, w: r.width, h: r.height };
            })
            // the skip link sits above the page until it is focused
            .filter((c) => c.what !== 'Skip to the demo' && (c.w < 44 || c.h < 44))
        );
      });
      expect(small, `${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('has no serious or critical axe-core violations at phone width', async () => {
    const violations = await axe(page, 'phone 390 px');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('draws with a finger', async () => {
    const pad = page.locator('#draw-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + x * box.width, y: box.y + y * box.height }],
      });
    await touch('touchStart', 0.5, 0.15);
    for (let i = 1; i <= 10; i++) await touch('touchMove', 0.5, 0.15 + (0.7 * i) / 10);
    await touch('touchEnd', 0, 0);
    await expect.poll(async () => Number(await page.textContent('#draw-ink'))).toBeGreaterThan(10);
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    await page.locator('#draw').screenshot({ path: `${shots}phone-draw.png` });
  });
});
