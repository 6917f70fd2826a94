import { chromium } from 'playwright-core';
const [url, out, w = '1280', scheme = 'light', what = 'all'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
const phone = Number(w) < 500;
const page = await b.newPage({ viewport: { width: Number(w), height: phone ? 844 : 900 }, colorScheme: scheme, hasTouch: Number(w) < 800, isMobile: phone, deviceScaleFactor: 1 });
const errs = [];
page.on('pageerror', (e) => errs.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
await page.goto(url);
await page.waitForSelector('body[data-ready]', { timeout: 180000 });
console.log('ready', await page.getAttribute('body', 'data-ready'), await page.textContent('#fatal'));
const t0 = Date.now();
await page.waitForSelector(`#latent-map[data-mode="umap"]`, { timeout: (await page.getAttribute("body","data-ready")) === "true" ? 120000 : 10 }).catch(() => console.log('no umap'));
console.log('umap after', Date.now() - t0, 'ms', await page.textContent('#latent-knn'));
await page.screenshot({ path: `${out}-top.png` });
if (what === 'all') for (const id of ['reconstruct', 'latent', 'denoise', 'interpolate', 'draw', 'train', 'files'])
  await page.locator(`#${id}`).screenshot({ path: `${out}-${id}.png` });
console.log(errs);
await b.close();
