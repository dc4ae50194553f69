// Main-thread CPU time of the first render, per build and for the baseline, in alternation: the
// thread clock of the renderer's main thread (trace events' `tdur`) summed over its tasks, from
// navigation start and from the definition's arrival to `ozg-ready`. Wall-clock figures on a shared
// two-core machine swing by ±20 % and more from run to run (another process, or another machine on
// the same host, takes the core); the thread's own clock hardly moves with that, so this tells two
// builds apart where `compare.mjs` cannot. It leaves out what happens off the main thread (parsing
// the streamed script, the network): the wall-clock render of `npm run bench` stays the figure.
//   npm run build && node test/bench/cpu.mjs dist /tmp/other/dist
//   CPU_RUNS=11 CPU_SIZES=200 node test/bench/cpu.mjs dist
import { chromium } from 'playwright';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { median } from './measure.mjs';
import { loadUntilReady } from './ready.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';

const dists = process.argv.slice(2).map((dir) => resolve(dir));
if (dists.length === 0) {
  console.error('usage: node test/bench/cpu.mjs <dist folder> [<dist folder> …]');
  process.exit(2);
}
const sizes = (process.env.CPU_SIZES ?? '200,1000').split(',').map(Number);
const runs = Number(process.env.CPU_RUNS ?? 8);
const pagesDir = fileURLToPath(new URL('./pages', import.meta.url));
const forms = new Map(sizes.map((n) => [String(n), buildSyntheticForm(n).definition]));
const servers = await Promise.all(dists.map((distDir) => startBenchServer({ distDir, pagesDir, forms })));
const variants = [
  ...dists.map((dir, i) => ({ name: dir, origin: servers[i].origin, page: 'ozg' })),
  { name: 'baseline', origin: servers[0].origin, page: 'baseline' },
];

/** ms of main-thread CPU (thread clock) in [from, to) of navigation time, and the wall-clock ready. */
async function load(browser, url) {
  const page = await browser.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const ready = await loadUntilReady(page, url);
  const at = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const script = entries.find((e) => /\/(ozg-form|build-plain)\.js/.test(e.name));
    return {
      definition: entries.find((e) => e.name.includes('/forms/')).responseEnd,
      script: script.startTime,
      scriptUrl: script.name,
    };
  });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await page.close();
  // Navigation start on the trace's clock: the script's request, less its start in the page's time.
  const request = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === at.scriptUrl);
  const start = request.ts - at.script * 1000;
  const main = events.find(
    (e) => e.pid === request.pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const tasks = events.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined,
  );
  const cpu = (from, to) =>
    tasks
      .filter((e) => e.ts >= start + from * 1000 && e.ts < start + to * 1000)
      .reduce((sum, e) => sum + e.tdur / 1000, 0);
  return { all: cpu(0, ready), afterDefinition: cpu(at.definition, ready), ready };
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const n of sizes) {
    const results = new Map(variants.map((v) => [v.name, []]));
    for (let run = 0; run < runs; run++)
      for (const v of run % 2 ? [...variants].reverse() : variants)
        results.get(v.name).push(await load(browser, `${v.origin}/bench/${v.page}.html?n=${n}`));
    const base = median(results.get('baseline').map((r) => r.all));
    console.log(`${n} fields, medians of ${runs} traced loads each (main-thread CPU ms; wall-clock ready ms):`);
    for (const v of variants) {
      const r = results.get(v.name);
      const all = median(r.map((x) => x.all));
      console.log(
        `  CPU to ready ${all.toFixed(1).padStart(6)} (${(all / base).toFixed(2)}×)  after the definition ${median(
          r.map((x) => x.afterDefinition),
        )
          .toFixed(1)
          .padStart(6)}  ready ${median(r.map((x) => x.ready))
          .toFixed(1)
          .padStart(6)}  ${v.name}`,
      );
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
