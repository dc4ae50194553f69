// Where a first visit's time goes before `ozg-ready`: the JavaScript engine's work on the page's
// scripts (parsing them on a background thread while they stream in, compiling each function on its
// first call, evaluating the modules), beside the render as a whole. For the element and the plain-DOM
// baseline, fresh browser contexts, the two pages in alternation; medians over the loads.
//   npm run build && node test/bench/startup.mjs            (sizes 10,200,1000; 7 loads each)
//   STARTUP_SIZES=200 STARTUP_RUNS=11 node test/bench/startup.mjs
// Tracing slows every load down (more for many small functions than for few): compare the element
// with the baseline of the same run, not these milliseconds with those of `npm run bench`.
import { chromium } from 'playwright';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { median } from './measure.mjs';
import { loadUntilReady } from './ready.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';

/** Trace events summed per figure (ms); each figure counts only events of the page's renderer. */
const FIGURES = {
  /** Parsing the streamed scripts, off the main thread (the page waits for it when the file is there). */
  backgroundParse: { thread: 'other', names: ['v8.parseOnBackground'] },
  /** Compiling functions on their first call (V8 compiles lazily), on the main thread. */
  lazyCompile: { thread: 'main', names: ['V8.CompileCode'] },
  /** Running the modules' top-level code (it includes the lazy compiles that happen meanwhile). */
  evaluate: { thread: 'main', names: ['v8.evaluateModule'] },
  garbageCollection: { thread: 'main', names: ['MinorGC', 'MajorGC'] },
};

/**
 * Sums the figures over the complete events (`ph: 'X'`) of the renderer that set the `mark` (a user
 * timing mark made when the page was ready), up to that mark. Events nested in one of the same name
 * are not counted twice. Returns ms, and `ready`: from navigation start (the main frame's
 * `navigationStart`) to the mark, or undefined without one of them.
 */
export function startupFigures(traceEvents, mark = 'READY') {
  const readyEvent = traceEvents.find((e) => e.name === mark);
  if (!readyEvent) throw new Error(`the trace has no mark "${mark}": the page never became ready`);
  const { pid } = readyEvent;
  const main = traceEvents.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mainTid = main?.tid ?? readyEvent.tid;
  const navigation = traceEvents
    .filter((e) => e.pid === pid && e.name === 'navigationStart' && e.ts <= readyEvent.ts)
    .at(-1);
  const figures = { ready: navigation ? (readyEvent.ts - navigation.ts) / 1000 : undefined };
  for (const [figure, { thread, names }] of Object.entries(FIGURES)) {
    const events = traceEvents
      .filter(
        (e) =>
          e.pid === pid &&
          e.ph === 'X' &&
          names.includes(e.name) &&
          e.ts <= readyEvent.ts &&
          (!navigation || e.ts >= navigation.ts) &&
          (thread === 'main') === (e.tid === mainTid),
      )
      .sort((a, b) => a.ts - b.ts);
    let total = 0;
    const openUntil = new Map(); // per thread and name: the end of the outermost event counted
    for (const e of events) {
      const key = `${e.tid} ${e.name}`;
      if ((openUntil.get(key) ?? -Infinity) >= e.ts + e.dur) continue;
      openUntil.set(key, e.ts + e.dur);
      total += Math.min(e.dur, readyEvent.ts - e.ts) / 1000;
    }
    figures[figure] = total;
  }
  return figures;
}

/** The median of the figures that were found, as a table cell. */
const cell = (values) => {
  const m = median(values.filter((v) => v !== undefined));
  return Number.isNaN(m) ? '–' : m.toFixed(1);
};

async function main() {
  const sizes = (process.env.STARTUP_SIZES ?? '10,200,1000').split(',').map(Number);
  const runs = Number(process.env.STARTUP_RUNS ?? 7);
  const forms = new Map(sizes.map((n) => [String(n), buildSyntheticForm(n).definition]));
  const server = await startBenchServer({
    distDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    pagesDir: fileURLToPath(new URL('./pages', import.meta.url)),
    forms,
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const columns = ['ready', ...Object.keys(FIGURES)];
  const lines = [
    `| fields | page | ${columns.join(' | ')} |`,
    `| ---: | --- | ${columns.map(() => '---:').join(' | ')} |`,
  ];
  try {
    for (const n of sizes) {
      const loads = { ozg: [], baseline: [] };
      for (let run = 0; run < runs; run++) {
        for (const which of run % 2 ? ['baseline', 'ozg'] : ['ozg', 'baseline']) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.addInitScript(() =>
            document.addEventListener('ozg-ready', () => performance.mark('READY'), { capture: true, once: true }),
          );
          await browser.startTracing(page, {
            categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading'],
          });
          await loadUntilReady(page, `${server.origin}/bench/${which}.html?n=${n}`, 60_000);
          const trace = await browser.stopTracing();
          loads[which].push(startupFigures(JSON.parse(trace.toString()).traceEvents));
          await context.close();
        }
      }
      for (const which of ['ozg', 'baseline'])
        lines.push(`| ${n} | ${which} | ${columns.map((c) => cell(loads[which].map((l) => l[c]))).join(' | ')} |`);
      process.stderr.write(`${n} fields: ${runs} loads per page\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`ms, medians of ${runs} traced loads per page and size (tracing slows them down)\n`);
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
