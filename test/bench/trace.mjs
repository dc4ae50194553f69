// A Chromium trace of one load (ozg or baseline page), summed by event name: where the time goes
// (script in microtasks, style, layout). For finding what to make faster, not for figures.
//   npx vite build && node test/bench/trace.mjs 1000 ozg && node test/bench/trace.mjs 1000 baseline
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';
import { loadUntilReady } from './ready.mjs';
import { fileURLToPath } from 'node:url';
const n = Number(process.argv[2] ?? 1000);
const page_ = process.argv[3] ?? 'ozg';
const built = buildSyntheticForm(n);
const server = await startBenchServer({
  distDir: fileURLToPath(new URL('../../dist', import.meta.url)),
  pagesDir: fileURLToPath(new URL('./pages', import.meta.url)),
  forms: new Map([[String(n), built.definition]]),
});
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
// Waits for a console message of the page, not waitForFunction: that would run Playwright's script in
// the page during the render (and in its heap).
await loadUntilReady(page, `${server.origin}/bench/${page_}.html?n=${n}`, 60000);
await page.waitForTimeout(300);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const sum = new Map();
for (const e of events) if (e.ph === 'X' && e.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
console.log(
  [...sum.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 18)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms ${k}`)
    .join('\n'),
);
await browser.close();
await server.close();
