import { writeFileSync } from 'node:fs';
import { launch } from './chromium.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const { context, close } = await launch({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'v8', 'blink'] }, transferMode: 'ReportEvents' });
await page.goto(url);
await page.waitForSelector('body[data-ready]', { timeout: 180_000 });
await cdp.send('Tracing.end');
await done;
writeFileSync('/tmp/startup-trace.json', JSON.stringify({ traceEvents: events }));
// main thread of the renderer
const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const navStart = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart' || (e.name === 'markAsMainFrame'))?.ts;
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('bottleneck:'));
const fetchStart = events.find((e)=> e.name==='navigationStart');
console.log('marks', marks.map((m) => [m.name, m.ph, Math.round((m.ts - fetchStart.ts)/1000)]));
for (const t of names) {
  const main = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X');
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const gallery = marks.find((m) => m.name === 'bottleneck:gallery' && m.pid === t.pid);
  if (!gallery) continue;
  const end = gallery.ts;
  const t0 = fetchStart.ts;
  let busy = 0; const big = [];
  for (const task of tasks) { if (task.ts > end || task.ts < t0) continue; busy += task.dur; if (task.dur > 30000) big.push(task); }
  console.log(`main thread busy before gallery: ${Math.round(busy/1000)} ms of ${Math.round((end - t0)/1000)} ms`);
  for (const b of big) {
    const kids = main.filter((e) => e.ts >= b.ts && e.ts + e.dur <= b.ts + b.dur && e !== b && e.dur > 10000 && e.name !== 'RunTask');
    const top = kids.slice(0, 6).map((k) => `${k.name}${k.args?.data?.url ? '(' + k.args.data.url.split('/').pop() + ')' : ''}${k.args?.data?.functionName ? '(' + k.args.data.functionName + ')' : ''} ${Math.round(k.dur / 1000)}`);
    console.log(`  task at ${Math.round((b.ts - t0) / 1000)} ms, ${Math.round(b.dur / 1000)} ms: ${top.join(' | ')}`);
  }
}
await close();
