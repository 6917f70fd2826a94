import { chromium } from 'playwright-core';
const [url] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
const page = await b.newPage();
await page.goto(url);
await page.waitForSelector('body[data-ready]', { timeout: 180000 });
await page.waitForTimeout(15000);
const r = await page.evaluate(() => {
  const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return { n: all.length, transfer: all.reduce((s, e) => s + (e.transferSize || 0), 0), decoded: all.reduce((s, e) => s + (e.decodedBodySize || 0), 0) };
});
console.log(JSON.stringify(r));
await b.close();
