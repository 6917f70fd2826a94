// Screenshots of a served build at 1280, 768 and 390 px (phone: touch), light and dark:
//   node scripts/screenshots.mjs <url> <out-dir> [sections]
// The first screen and the whole page at each; with "sections", each section on its own too.
import { mkdirSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [url = 'http://127.0.0.1:4173/', out = '/tmp/web-shots', sections = ''] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const devices = {
  desktop: { viewport: { width: 1280, height: 800 } },
  tablet: { viewport: { width: 768, height: 1024 }, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
};
for (const scheme of ['light', 'dark']) {
  for (const [name, options] of Object.entries(devices)) {
    const { context, close } = await launch({ colorScheme: scheme, ...options });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
    // the UMAP map, once it is there
    await page.waitForSelector('#latent-map[data-mode="umap"]', { timeout: 120_000 }).catch(() => undefined);
    await page.screenshot({ path: `${out}/${name}-${scheme}.png` });
    await page.screenshot({ path: `${out}/${name}-${scheme}-full.png`, fullPage: true });
    if (sections)
      for (const id of ['reconstruct', 'latent', 'denoise', 'interpolate', 'draw', 'train', 'files'])
        await page.locator(`#${id}`).screenshot({ path: `${out}/${name}-${scheme}-${id}.png` });
    await close();
  }
}
