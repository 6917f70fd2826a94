import { launch } from './chromium.mjs';
const { context, close } = await launch({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto('http://127.0.0.1:4173/');
await page.waitForSelector('body[data-ready]', { timeout: 180_000 });
const r = await page.evaluate(() => ({
  res: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize, e.initiatorType]),
  marks: performance.getEntriesByType('mark').map((e) => [e.name, Math.round(e.startTime)]),
  nav: performance.getEntriesByType('navigation').map((e) => ({ dcl: Math.round(e.domContentLoadedEventEnd), load: Math.round(e.loadEventEnd), resp: Math.round(e.responseEnd) })),
  paint: performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]),
}));
console.log(JSON.stringify(r, null, 0).replace(/\],\[/g, '],\n['));
await close();
