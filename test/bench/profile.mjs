// A CPU profile of one load of the synthetic form (default 1,000 fields) with the built bundle:
// the functions with the most self time. For finding what to make faster, not for figures.
//   npx vite build && node test/bench/profile.mjs 1000 [ozg|baseline]
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';
import { loadUntilReady } from './ready.mjs';
import { fileURLToPath } from 'node:url';
const n = Number(process.argv[2] ?? 1000);
const which = process.argv[3] ?? 'ozg';
const forms = new Map([[String(n), buildSyntheticForm(n).definition]]);
const server = await startBenchServer({
  distDir: fileURLToPath(new URL('../../dist', import.meta.url)),
  pagesDir: fileURLToPath(new URL('./pages', import.meta.url)),
  forms,
});
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = Date.now();
// Waits for a console message of the page, not waitForFunction: that would run Playwright's script in
// the page during the render (and in its heap).
await loadUntilReady(page, `${server.origin}/bench/${which}.html?n=${n}`, 60000);
console.log('rendered after', Date.now() - t0, 'ms');
const { profile } = await cdp.send('Profiler.stop');
// self time by function
const self = new Map();
const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
const dt = profile.timeDeltas;
const samples = profile.samples;
for (let i = 0; i < samples.length; i++) {
  const nd = byId.get(samples[i]);
  const k = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').pop()}:${nd.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
}
console.log(
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`)
    .join('\n'),
);
await browser.close();
await server.close();
