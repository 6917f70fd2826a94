// Cold start-up times of a served build: node scripts/startup.mjs <url> [runs] [query]
// Each run uses a fresh Chromium profile (no HTTP cache). Prints ms to the first gallery digit
// and to body[data-ready], and the backend the page chose.
import { launch } from './chromium.mjs';

const [url = 'http://127.0.0.1:4173/', runs = '3', query = ''] = process.argv.slice(2);
for (let r = 0; r < Number(runs); r++) {
  const { context, close } = await launch({
    webgpu: Boolean(process.env.WEBGPU),
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(() => {
    const marks = {};
    window.__marks = marks;
    new MutationObserver(() => {
      if (marks.gallery === undefined && document.querySelector('#gallery canvas, #gallery button canvas'))
        marks.gallery = performance.now();
      if (marks.ready === undefined && document.body?.dataset.ready) marks.ready = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  await page.goto(url + query);
  await page.waitForSelector('body[data-ready]', { timeout: 180_000 });
  const m = await page.evaluate(() => window.__marks);
  const backend = await page.textContent('#backend');
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].startTime);
  // the page's own milestones, where it sets them
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('bottleneck:'))
        .map((e) => [e.name.slice(11), Math.round(e.startTime)]),
    ),
  );
  console.log(
    JSON.stringify({
      run: r,
      query,
      firstGallery: Math.round(m.gallery - nav),
      ready: Math.round(m.ready - nav),
      backend,
      marks,
    }),
  );
  await close();
}
