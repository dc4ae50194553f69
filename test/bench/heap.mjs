// A heap snapshot of one load of the synthetic form (default 1,000 fields) with the built bundle,
// summed by constructor / node name: what the JS heap holds after render and GC. For finding what
// to make smaller, not for figures.
//   npx vite build && node test/bench/heap.mjs 1000 [ozg|baseline]
import { chromium } from 'playwright';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startBenchServer } from './server.mjs';
import { buildSyntheticForm } from './synthetic.mjs';
import { loadUntilReady } from './ready.mjs';

const n = Number(process.argv[2] ?? 1000);
const which = process.argv[3] ?? 'ozg';
const built = buildSyntheticForm(n);
const server = await startBenchServer({
  distDir: fileURLToPath(new URL('../../dist', import.meta.url)),
  pagesDir: fileURLToPath(new URL('./pages', import.meta.url)),
  forms: new Map([[String(n), built.definition]]),
});
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
// Waits for a console message of the page, not waitForFunction: that would run Playwright's script in
// the page during the render (and in its heap).
await loadUntilReady(page, `${server.origin}/bench/${which}.html?n=${n}`, 60000);
await page.waitForTimeout(800);
await cdp.send('HeapProfiler.enable');
await cdp.send('HeapProfiler.collectGarbage');
await cdp.send('HeapProfiler.collectGarbage');
const { usedSize } = await cdp.send('Runtime.getHeapUsage');
const chunks = [];
cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
const snapshot = JSON.parse(chunks.join(''));
const {
  node_fields: fields,
  node_types: [types],
} = snapshot.snapshot.meta;
const width = fields.length;
const iType = fields.indexOf('type');
const iName = fields.indexOf('name');
const iSize = fields.indexOf('self_size');
const sums = new Map();
let total = 0;
for (let i = 0; i < snapshot.nodes.length; i += width) {
  const type = types[snapshot.nodes[i + iType]];
  let name = snapshot.strings[snapshot.nodes[i + iName]];
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '(string)';
  else if (type === 'code') name = '(code)';
  else if (type === 'closure') name = `closure ${name}`;
  else if (type === 'array') name = `(array) ${name}`;
  else if (type === 'hidden') name = `(hidden) ${name}`;
  else name = `${type}: ${name}`.slice(0, 80);
  if (type === 'native' && !process.env.NATIVE) continue;
  const size = snapshot.nodes[i + iSize];
  total += size;
  const entry = sums.get(name) ?? { size: 0, count: 0 };
  entry.size += size;
  entry.count++;
  sums.set(name, entry);
}
console.log(`usedSize ${(usedSize / 1048576).toFixed(2)} MiB; snapshot self sizes ${(total / 1048576).toFixed(2)} MiB`);
console.log(
  [...sums.entries()]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, Number(process.env.TOP ?? 40))
    .map(([k, v]) => `${(v.size / 1024).toFixed(1).padStart(9)} KiB ${String(v.count).padStart(7)}  ${k}`)
    .join('\n'),
);
await browser.close();
await server.close();
