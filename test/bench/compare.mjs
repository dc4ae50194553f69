// Render time of two or more builds against the baseline, loaded in alternation in one browser, so
// that drift on a shared machine hits all of them alike. For deciding whether a change made the first
// render faster (the benchmark's five loads cannot tell 10 ms apart on a two-core machine).
//   node test/bench/compare.mjs <dist folder> [<dist folder> …]   e.g. a build of main and of a branch
//   BENCH_RUNS=25 BENCH_SIZES=10,200,1000 node test/bench/compare.mjs dist /tmp/other-dist
// Prints per size the median navigation → ozg-ready per build and its ratio to the baseline's median.
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
const sizes = (process.env.BENCH_SIZES ?? '200,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const pagesDir = fileURLToPath(new URL('./pages', import.meta.url));
const forms = new Map(sizes.map((n) => [String(n), buildSyntheticForm(n).definition]));
const servers = await Promise.all(dists.map((distDir) => startBenchServer({ distDir, pagesDir, forms })));
const variants = [
  ...dists.map((dir, i) => ({ name: dir, origin: servers[i].origin, page: 'ozg' })),
  { name: 'baseline', origin: servers[0].origin, page: 'baseline' },
];
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const n of sizes) {
    const times = new Map(variants.map((v) => [v.name, []]));
    for (let run = 0; run < runs; run++) {
      for (const v of run % 2 ? [...variants].reverse() : variants) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        times.get(v.name).push(await loadUntilReady(page, `${v.origin}/bench/${v.page}.html?n=${n}`));
        await context.close();
      }
    }
    const base = median(times.get('baseline'));
    console.log(`${n} fields, median of ${runs} loads each:`);
    for (const v of variants)
      console.log(
        `  ${median(times.get(v.name)).toFixed(1).padStart(7)} ms  ${(median(times.get(v.name)) / base).toFixed(2)}×  ${v.name}`,
      );
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
