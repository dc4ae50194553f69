// Tests of the startup breakdown (startup.mjs):  node --test test/bench/startup.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startupFigures } from './startup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = 1;
const WORKER = 2;
const ms = (n) => n * 1000; // trace timestamps are µs

/** A renderer (pid 10) that became ready at 100 ms after navigation, and another one (pid 20). */
function trace(extra = []) {
  return [
    { pid: 10, tid: MAIN, ph: 'M', name: 'thread_name', args: { name: 'CrRendererMain' } },
    { pid: 10, tid: WORKER, ph: 'M', name: 'thread_name', args: { name: 'ThreadPoolForegroundWorker' } },
    { pid: 10, tid: MAIN, ph: 'R', name: 'navigationStart', ts: ms(1000) },
    { pid: 10, tid: MAIN, ph: 'R', name: 'READY', ts: ms(1100) },
    { pid: 20, tid: MAIN, ph: 'X', name: 'V8.CompileCode', ts: ms(1010), dur: ms(50) },
    ...extra,
  ];
}

describe('startup figures from a trace', () => {
  it('sums the engine work of the ready renderer up to the mark, by thread', () => {
    const figures = startupFigures(
      trace([
        { pid: 10, tid: WORKER, ph: 'X', name: 'v8.parseOnBackground', ts: ms(1010), dur: ms(12) },
        { pid: 10, tid: WORKER, ph: 'X', name: 'v8.parseOnBackground', ts: ms(1030), dur: ms(3) },
        { pid: 10, tid: MAIN, ph: 'X', name: 'v8.evaluateModule', ts: ms(1040), dur: ms(6) },
        // Compiled while the module ran, and a compile nested in another: each counted once.
        { pid: 10, tid: MAIN, ph: 'X', name: 'V8.CompileCode', ts: ms(1041), dur: ms(2) },
        { pid: 10, tid: MAIN, ph: 'X', name: 'V8.CompileCode', ts: ms(1060), dur: ms(4) },
        { pid: 10, tid: MAIN, ph: 'X', name: 'V8.CompileCode', ts: ms(1061), dur: ms(1) },
        // Across the mark: only its part before it. After the mark: not at all.
        { pid: 10, tid: MAIN, ph: 'X', name: 'MinorGC', ts: ms(1098), dur: ms(5) },
        { pid: 10, tid: MAIN, ph: 'X', name: 'V8.CompileCode', ts: ms(1101), dur: ms(9) },
        // Parsing on the main thread is not background parsing.
        { pid: 10, tid: MAIN, ph: 'X', name: 'v8.parseOnBackground', ts: ms(1070), dur: ms(7) },
      ]),
    );
    assert.equal(figures.ready, 100);
    assert.equal(figures.backgroundParse, 15);
    assert.equal(figures.lazyCompile, 6);
    assert.equal(figures.evaluate, 6);
    assert.equal(figures.garbageCollection, 2);
  });

  it('names the missing mark of a page that never became ready', () => {
    assert.throws(() => startupFigures(trace().filter((e) => e.name !== 'READY')), /no mark "READY"/);
  });

  it(
    'finds the engine work in a real load of both pages (event names and categories as Chromium writes them)',
    {
      timeout: 120000,
    },
    () => {
      // Runs against dist/ (npm test builds it first).
      const result = spawnSync(process.execPath, [join(here, 'startup.mjs')], {
        encoding: 'utf8',
        env: { ...process.env, STARTUP_SIZES: '10', STARTUP_RUNS: '1' },
        timeout: 110000,
      });
      assert.equal(result.status, 0, result.stderr);
      const row = (page) => {
        const line = result.stdout.split('\n').find((l) => l.startsWith(`| 10 | ${page} |`));
        assert.ok(line, `${page} row in:\n${result.stdout}`);
        const [ready, backgroundParse, lazyCompile, evaluate] = line.split('|').slice(3, 7).map(Number);
        return { ready, backgroundParse, lazyCompile, evaluate };
      };
      const ozg = row('ozg');
      const baseline = row('baseline');
      assert.ok(baseline.ready > 0, result.stdout);
      // The 115 KB bundle is streamed, parsed, compiled and run: a figure of 0 would mean the trace
      // did not hold the events this tool looks for (a renamed event, a missing category).
      for (const figure of ['ready', 'backgroundParse', 'lazyCompile', 'evaluate'])
        assert.ok(ozg[figure] > 0, `ozg ${figure}: ${result.stdout}`);
    },
  );
});
