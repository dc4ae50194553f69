#!/usr/bin/env node
// `npm run bench`: renders synthetic forms of 50, 200 and 1,000 fields with <ozg-form> and with a
// plain-DOM baseline in headless Chromium, several fresh loads each, and reports every figure as a
// ratio to the baseline: markdown on stdout and in test/bench/results/latest.md (+ latest.json).
// Environment (all optional), see test/bench/README.md:
//   BENCH_RUNS=5  BENCH_RENDER_RUNS=20  BENCH_SIZES=50,200,1000  BENCH_STUB=1  BENCH_LOAD=property|src
//   BENCH_SETTLE_MS=500  BENCH_TIMEOUT_MS=30000  BENCH_CPU_THROTTLE=1  BENCH_NETWORK=<ms>/<Mbit/s>  BENCH_OUT=<dir>
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { fileSize, loadBudget } from '../../scripts/size-check.mjs';
import { measureLoad, measureRender, median } from './measure.mjs';
import { compare, markdown, targets } from './report.mjs';
import { startBenchServer } from './server.mjs';
import { TARGET_TITLE, buildSyntheticForm } from './synthetic.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** BENCH_NETWORK="40/10": 40 ms latency and 10 Mbit/s each way, emulated by Chromium; unset: loopback. */
function networkEnv(raw) {
  if (raw === undefined || raw === '') return null;
  const m = /^(\d{1,4})\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  const latencyMs = m ? Number(m[1]) : NaN;
  const mbps = m ? Number(m[2]) : NaN;
  if (!m || latencyMs > 2000 || !(mbps >= 0.1 && mbps <= 1000)) {
    throw new Error(
      `BENCH_NETWORK must be "<latency ms>/<Mbit/s>" with a latency up to 2000 and 0.1 to 1000 Mbit/s, e.g. 40/10; got "${raw}"`,
    );
  }
  return { latencyMs, mbps };
}

export function readConfig(env = process.env) {
  const sizes = (env.BENCH_SIZES ?? '50,200,1000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 10000)) {
    throw new Error(`BENCH_SIZES must list field counts from 1 to 10000, got "${env.BENCH_SIZES}"`);
  }
  const load = env.BENCH_LOAD ?? 'property';
  if (!['property', 'src'].includes(load)) throw new Error(`BENCH_LOAD must be property or src, got "${load}"`);
  return {
    runs: intEnv('BENCH_RUNS', 5, 1, 50),
    renderRuns: intEnv('BENCH_RENDER_RUNS', 20, 0, 200),
    sizes,
    stub: env.BENCH_STUB === '1',
    load,
    settleMs: intEnv('BENCH_SETTLE_MS', 500, 0, 10000),
    timeoutMs: intEnv('BENCH_TIMEOUT_MS', 30000, 1000, 300000),
    cpuThrottle: intEnv('BENCH_CPU_THROTTLE', 1, 1, 20),
    network: networkEnv(env.BENCH_NETWORK),
    out: resolve(env.BENCH_OUT ?? join(here, 'results')),
  };
}

/** Raw and gzip size of a served JS path, from the file on disk. */
function servedFile(path, dirs) {
  for (const [prefix, dir] of dirs) {
    if (path.startsWith(prefix)) return fileSize(dir, path.slice(prefix.length));
  }
  throw new Error(`unexpected script ${path}`);
}

async function main() {
  const config = readConfig();
  const distDir = join(repo, 'dist');
  if (!config.stub && !existsSync(join(distDir, 'ozg-form.js'))) {
    console.error(
      'bench: dist/ozg-form.js not found: run `npx vite build` (or npm run build) first,\n' +
        '       or BENCH_STUB=1 npm run bench to check the harness with the stand-in element.',
    );
    return 1;
  }
  let budget = null;
  try {
    budget = loadBudget(repo);
  } catch {
    budget = null; // the defaults in report.mjs apply
  }
  const pagesDir = join(here, 'pages');
  const forms = new Map(config.sizes.map((n) => [String(n), buildSyntheticForm(n)]));
  const server = await startBenchServer({
    distDir,
    pagesDir,
    forms: new Map([...forms].map(([k, f]) => [k, f.definition])),
    // Over an emulated network the bytes on the wire decide: compressed, as a web server sends them.
    gzip: Boolean(config.network),
  });
  // Loopback only: every other host name fails to resolve. (No request interception, which would
  // add a round trip to Node for every file and so penalise pages that load more chunks.)
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    headless: true,
    args: [...chromiumLaunchOptions.args, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const warnings = [];
  const sizes = [];
  const files = new Map();
  const dirs = [
    ['/dist/', distDir],
    ['/bench/', pagesDir],
  ];
  const pages = { ozg: config.stub ? '/bench/stub.html' : '/bench/ozg.html', baseline: '/bench/baseline.html' };
  try {
    for (const n of config.sizes) {
      const form = forms.get(String(n));
      const results = { ozg: [], baseline: [] };
      const options = (which) => ({
        origin: server.origin,
        pagePath: pages[which],
        n,
        expected: form.expectedControls,
        targetTitle: TARGET_TITLE,
        timeoutMs: config.timeoutMs,
        settleMs: config.settleMs,
        load: config.load,
        cpuThrottle: config.cpuThrottle,
        network: config.network,
      });
      // Alternate the order so drift (thermal, other processes) hits both pages alike.
      const inTurn = (run) => (run % 2 === 0 ? ['ozg', 'baseline'] : ['baseline', 'ozg']);
      for (let run = 0; run < config.runs; run++) {
        for (const which of inTurn(run)) {
          const r = await measureLoad(browser, options(which));
          const sum = (paths) =>
            paths.reduce(
              (acc, p) => {
                const size = servedFile(p, dirs);
                return { raw: acc.raw + size.raw, gzip: acc.gzip + size.gzip };
              },
              { raw: 0, gzip: 0 },
            );
          r.bytes = { atRender: sum(r.jsAtRender), atEnd: sum(r.jsAtEnd) };
          if (which === 'ozg') {
            for (const p of r.jsAtEnd) {
              const entry = files.get(p) ?? { path: p, ...servedFile(p, dirs), phase: {} };
              entry.phase[n] = r.jsAtRender.includes(p) ? 'render' : 'later';
              files.set(p, entry);
            }
          }
          if (!r.typedOk)
            warnings.push(`${which}, ${n} fields, load ${run + 1}: the typed text did not arrive in the field`);
          if (r.controls !== form.expectedControls) {
            warnings.push(`${which}, ${n} fields: ${r.controls} controls rendered, ${form.expectedControls} expected`);
          }
          if (r.controlsAtReady < form.expectedControls) {
            warnings.push(
              `${which}, ${n} fields: ozg-ready fired with ${r.controlsAtReady} of ${form.expectedControls} ` +
                'controls; render time is when the last one appeared',
            );
          }
          for (const e of r.consoleErrors) warnings.push(`${which}, ${n} fields: console error: ${e}`);
          results[which].push(r);
          process.stderr.write(
            `  ${String(n).padStart(5)} fields  ${which.padEnd(8)} load ${run + 1}/${config.runs}: ` +
              `render ${r.renderMs.toFixed(1)} ms, key ${r.keyLatencyMs.toFixed(1)} ms, cpu/key ${r.cpuPerKeyMs.toFixed(2)} ms\n`,
          );
        }
      }
      // The render of a first visit varies a lot from load to load on a busy machine: more loads,
      // measuring only that, in alternation, so that a few slow ones do not decide the median.
      const renderOnly = { ozg: [], baseline: [] };
      for (let run = 0; run < config.renderRuns; run++) {
        for (const which of inTurn(run)) {
          const r = await measureRender(browser, options(which));
          renderOnly[which].push(r);
        }
      }
      if (config.renderRuns)
        process.stderr.write(
          `  ${String(n).padStart(5)} fields  ${config.renderRuns} render-only loads per page: ` +
            `median ${median(renderOnly.ozg.map((r) => r.renderMs)).toFixed(1)} / ` +
            `${median(renderOnly.baseline.map((r) => r.renderMs)).toFixed(1)} ms\n`,
        );
      sizes.push({
        fields: n,
        sections: form.sections,
        expectedControls: form.expectedControls,
        rows: compare(n, results.ozg, results.baseline, targets(budget), renderOnly),
        runs: results,
        renderOnly,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const result = {
    meta: {
      date: new Date().toISOString(),
      chromium: browser.version(),
      node: process.versions.node,
      cpus: cpus().length,
      platform: platform(),
      runs: config.runs,
      renderRuns: config.renderRuns,
      load: config.load,
      cpuThrottle: config.cpuThrottle,
      network: config.network,
      settleMs: config.settleMs,
      element: config.stub ? 'STUB element (test/bench/pages/stub), not ozg-form' : 'dist/ozg-form.js',
    },
    sizes,
    files: [...files.values()].sort((a, b) => a.path.localeCompare(b.path)),
    warnings: [...new Set(warnings)],
  };
  const md = markdown(result);
  process.stdout.write(`\n${md}`);
  mkdirSync(config.out, { recursive: true });
  writeFileSync(join(config.out, 'latest.md'), md);
  writeFileSync(join(config.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`\nwritten: ${join(config.out, 'latest.md')} and latest.json\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(`bench failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
