// Cold against warm: the first <ozg-form> of a page pays for compiling and warming up its code; the
// next ones on the same page do not. Prints the first load's render time (navigation → ozg-ready,
// as the benchmark measures it) and, in the same page, append → ozg-ready of three more forms of the
// same size. For finding what to make faster, not for figures (no baseline ratio).
//   npm run build && node test/bench/warm.mjs 200
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';
import { median } from './measure.mjs';
import { loadUntilReady } from './ready.mjs';
import { fileURLToPath } from 'node:url';

const n = Number(process.argv[2] ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const server = await startBenchServer({
  distDir: fileURLToPath(new URL('../../dist', import.meta.url)),
  pagesDir: fileURLToPath(new URL('./pages', import.meta.url)),
  forms: new Map([[String(n), buildSyntheticForm(n).definition]]),
});
const browser = await chromium.launch(chromiumLaunchOptions);
const first = [];
const later = [[], [], []];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    first.push(await loadUntilReady(page, `${server.origin}/bench/ozg.html?n=${n}`));
    const times = await page.evaluate(async (size) => {
      const definition = await (await fetch(`/forms/${size}.json`)).json();
      const out = [];
      for (let k = 0; k < 3; k++) {
        const el = document.createElement('ozg-form');
        el.setAttribute('lang', 'de');
        el.schema = { ...definition, $id: `urn:bench:warm:${k}` };
        const start = performance.now();
        const ready = new Promise((resolve) => el.addEventListener('ozg-ready', resolve, { once: true }));
        document.body.append(el);
        await ready;
        out.push(performance.now() - start);
        el.remove();
      }
      return out;
    }, n);
    times.forEach((t, i) => later[i].push(t));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${n} fields, median of ${runs} pages:`);
console.log(`  first form, navigation start → ozg-ready: ${median(first).toFixed(1)} ms`);
later.forEach((t, i) =>
  console.log(`  form ${i + 2} in the same page, append → ozg-ready: ${median(t).toFixed(1)} ms`),
);
