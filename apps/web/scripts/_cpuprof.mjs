import { writeFileSync } from 'node:fs';
import { launch } from './chromium.mjs';
const { context, close } = await launch({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto('http://127.0.0.1:' + (process.env.PORT ?? '4173') + '/');
await page.waitForSelector('body[data-ready]', { timeout: 180_000 });
const { profile } = await cdp.send('Profiler.stop');
const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((e) => [e.name, Math.round(e.startTime)]));
console.log(JSON.stringify(marks));
writeFileSync('/tmp/startup.cpuprofile', JSON.stringify(profile));
// self time by function+url, top 25
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const t = new Map();
profile.samples.forEach((id, i) => t.set(id, (t.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of t) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
await close();
