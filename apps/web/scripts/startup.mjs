// Cold start-up times of a served build: node scripts/startup.mjs <url> [runs] [query]
// Each run uses a fresh Chromium profile (no HTTP cache). Prints ms to the first gallery digit
// and to body[data-ready], the backend the page chose, and the bytes transferred until ready (bodies
// as sent, i.e. compressed where the server compressed them; workers' requests included).
// Several URLs, comma-separated, are measured in turn within each run (interleaved: a loaded
// machine slows them alike), then each one's medians are printed.
import { launch } from './chromium.mjs';

const [urls = 'http://127.0.0.1:4173/', runs = '3', query = ''] = process.argv.slice(2);
const results = new Map();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (let r = 0; r < Number(runs); r++) {
  for (const url of urls.split(',')) await measure(url, r);
}
for (const [url, rows] of results) {
  const of = (key) => median(rows.map((row) => row[key]));
  console.log(
    JSON.stringify({
      url,
      runs: rows.length,
      medianFirstGallery: of('firstGallery'),
      medianReady: of('ready'),
      medianBytes: of('bytes'),
    }),
  );
}

async function measure(url, r) {
  const { context, close } = await launch({
    webgpu: Boolean(process.env.WEBGPU),
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(() => {
    const marks = {};
    window.__marks = marks;
    new MutationObserver(() => {
      if (marks.gallery === undefined && document.querySelector('#gallery img, #gallery canvas'))
        marks.gallery = performance.now();
      if (marks.ready === undefined && document.body?.dataset.ready) marks.ready = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  const sizes = [];
  context.on('requestfinished', (request) => {
    sizes.push(
      request
        .sizes()
        .then((s) => s.responseBodySize + s.responseHeadersSize)
        .catch(() => 0),
    );
  });
  await page.goto(url + query);
  await page.waitForSelector('body[data-ready]', { timeout: 180_000 });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
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
  const row = {
    run: r,
    url,
    query,
    // the page's own mark where it sets one (once the gallery's images are decoded), else the first digit in the DOM
    firstGallery: Math.round((marks.gallery ?? m.gallery) - nav),
    ready: Math.round(m.ready - nav),
    bytes,
    requests: sizes.length,
    backend,
    marks,
  };
  console.log(JSON.stringify(row));
  results.set(url, [...(results.get(url) ?? []), row]);
  await close();
}
