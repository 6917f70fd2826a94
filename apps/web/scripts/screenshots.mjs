// Screenshots of a served build, desktop (1280×800) and phone (390×844, touch):
//   node scripts/screenshots.mjs <url> <out-dir>
// The first screen, the whole page, and each section on its own.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url = 'http://127.0.0.1:4173/', out = '/tmp/web-shots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const devices = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
};
for (const [name, options] of Object.entries(devices)) {
  const profile = mkdtempSync(join(tmpdir(), 'shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, ...options,
    args: ['--headless', '--no-sandbox', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
  await page.screenshot({ path: `${out}/${name}.png` });
  await page.screenshot({ path: `${out}/${name}-full.png`, fullPage: true });
  for (const id of ['reconstruct', 'denoise', 'interpolate', 'draw', 'latent', 'train', 'model', 'data'])
    await page.locator(`#${id}`).screenshot({ path: `${out}/${name}-${id}.png` });
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
