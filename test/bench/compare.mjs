// Render time of two or more builds against the baseline, loaded in alternation in one browser, so
// that drift on a shared machine hits all of them alike. For deciding whether a change made the first
// render faster (the benchmark's five loads cannot tell 10 ms apart on a two-core machine).
//   node test/bench/compare.mjs <dist folder> [<dist folder> …]   e.g. a build of main and of a branch
//   BENCH_RUNS=25 BENCH_SIZES=10,200,1000 node test/bench/compare.mjs dist /tmp/other-dist
// Prints per size the median navigation → ozg-ready per build and its ratio to the baseline's median.
//
// BENCH_CPU=1: traced loads (8 by default), and main-thread CPU time instead: the thread clock of the
// renderer's main thread (trace events' `tdur`) summed over its tasks from navigation start, and from
// the definition's arrival, to `ozg-ready`. Wall-clock figures swing by ±20 % and more from run to run
// when another process (or another machine on the same host) takes the core; the thread's own clock
// hardly moves with that, so this tells two builds apart where the wall clock cannot. It leaves out
// what happens off the main thread (parsing the streamed script, the network): the wall-clock render
// of `npm run bench` stays the figure.
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
  console.error('usage: node test/bench/compare.mjs <dist folder> [<dist folder> …]');
  process.exit(2);
}
const cpu = process.env.BENCH_CPU === '1';
const sizes = (process.env.BENCH_SIZES ?? '200,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? (cpu ? 8 : 15));
const pagesDir = fileURLToPath(new URL('./pages', import.meta.url));
const forms = new Map(sizes.map((n) => [String(n), buildSyntheticForm(n).definition]));
const servers = await Promise.all(dists.map((distDir) => startBenchServer({ distDir, pagesDir, forms })));
const variants = [
  ...dists.map((dir, i) => ({ name: dir, origin: servers[i].origin, page: 'ozg' })),
  { name: 'baseline', origin: servers[0].origin, page: 'baseline' },
];

/** One fresh load: ms to ozg-ready (wall clock), and with BENCH_CPU the main thread's CPU ms. */
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    if (!cpu) return { ready: await loadUntilReady(page, url) };
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const ready = await loadUntilReady(page, url);
    const at = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const script = entries.find((e) => /\/(ozg-form|build-plain)\.js/.test(e.name));
      const definition = entries.find((e) => e.name.includes('/forms/'));
      return { definition: definition.responseEnd, script: script.startTime, scriptUrl: script.name };
    });
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    // Navigation start on the trace's clock: the script's request, less its start in the page's time.
    const request = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === at.scriptUrl);
    const start = request.ts - at.script * 1000;
    const main = events.find(
      (e) => e.pid === request.pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
    );
    const tasks = events.filter(
      (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined,
    );
    const busy = (from) =>
      tasks
        .filter((e) => e.ts >= start + from * 1000 && e.ts < start + ready * 1000)
        .reduce((sum, e) => sum + e.tdur / 1000, 0);
    return { ready, cpu: busy(0), afterDefinition: busy(at.definition) };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const n of sizes) {
    const results = new Map(variants.map((v) => [v.name, []]));
    for (let run = 0; run < runs; run++) {
      for (const v of run % 2 ? [...variants].reverse() : variants)
        results.get(v.name).push(await load(browser, `${v.origin}/bench/${v.page}.html?n=${n}`));
    }
    const of = (name, key) => median(results.get(name).map((r) => r[key]));
    const key = cpu ? 'cpu' : 'ready';
    const base = of('baseline', key);
    console.log(
      cpu
        ? `${n} fields, medians of ${runs} traced loads each (main-thread CPU to ozg-ready, of it after the definition arrived; wall clock):`
        : `${n} fields, median of ${runs} loads each:`,
    );
    for (const v of variants) {
      const value = of(v.name, key);
      const more = cpu
        ? `  ${of(v.name, 'afterDefinition').toFixed(1).padStart(6)} ms  (ready ${of(v.name, 'ready').toFixed(1)} ms)`
        : '';
      console.log(`  ${value.toFixed(1).padStart(7)} ms  ${(value / base).toFixed(2)}×${more}  ${v.name}`);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
