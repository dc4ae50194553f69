// One fresh load of one benchmark page in a new browser context, and every figure measured on it.
import { countDomNodes, findControl, installProbe, RENDER_DONE, settle, waitForKeys } from './probe.mjs';

/** The 20 characters typed into the target field. */
export const TYPED_TEXT = 'Musterstrasse Berlin';

/** Scripts of the harness itself; not counted as the page's JavaScript. */
const HARNESS_SCRIPTS = ['/bench/mount.js'];

function jsPaths(urls, origin) {
  const paths = new Set();
  for (const url of urls) {
    if (!url.startsWith(origin)) continue;
    const path = new URL(url).pathname;
    if (path.endsWith('.js') && !HARNESS_SCRIPTS.includes(path)) paths.add(path);
  }
  return [...paths].sort();
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Loads the page and waits until every control is there; the probe's record of the render. */
async function render(page, o, consoleErrors) {
  await page.addInitScript(installProbe, { expected: o.expected, timeoutMs: o.timeoutMs });

  const url = `${o.origin}${o.pagePath}?n=${o.n}&load=${o.load}`;
  // Waits for the probe's message: asking the page (waitForFunction) would run Playwright's script in
  // it during the render (see probe.mjs).
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === RENDER_DONE, timeout: o.timeoutMs * 2 });
  done.catch(() => undefined); // awaited below; a failed goto must not leave it unhandled
  await page.goto(url, { waitUntil: 'commit', timeout: o.timeoutMs });
  try {
    await done;
  } catch {
    const seen = await page.evaluate(() => window.__bench.readyAt !== null).catch(() => false);
    throw new Error(
      seen
        ? `${o.pagePath} n=${o.n}: controls never complete`
        : `${o.pagePath} n=${o.n}: no ozg-ready event within ${o.timeoutMs * 2} ms` +
            (consoleErrors.length ? ` (page errors: ${consoleErrors.slice(0, 3).join(' | ')})` : ''),
    );
  }
  const probe = await page.evaluate(() => ({ ...window.__bench, waiters: undefined }));
  if (probe.error) throw new Error(`${o.pagePath} n=${o.n}: ${probe.error}`);
  return probe;
}

/** The render from navigation start, and from the moment the definition had arrived (NaN when the
 * page fetched none the probe saw). */
function renderTimes(probe) {
  return {
    renderMs: probe.completeAt,
    afterDefinitionMs: probe.definitionAt === null ? NaN : probe.completeAt - probe.definitionAt,
  };
}

/**
 * One fresh load that measures only the render (navigation start → all controls): cheap enough to
 * repeat often, so that the median does not hang on a few noisy loads. Same options as measureLoad.
 */
/** CPU throttling and network emulation (Chromium DevTools protocol) as the options ask. */
async function emulate(cdp, o) {
  if (o.cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.cpuThrottle });
  if (o.network) {
    const bytesPerSecond = (o.network.mbps * 1e6) / 8;
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: o.network.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
}

export async function measureRender(browser, o) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    if (o.cpuThrottle > 1 || o.network) await emulate(await context.newCDPSession(page), o);
    return renderTimes(await render(page, o, []));
  } finally {
    await context.close();
  }
}

/**
 * @param {import('playwright').Browser} browser
 * @param {{ origin: string, pagePath: string, n: number, expected: number, targetTitle: string,
 *           timeoutMs: number, settleMs: number, load: string, cpuThrottle: number,
 *           network: { latencyMs: number, mbps: number } | null }} o
 */
export async function measureLoad(browser, o) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await emulate(cdp, o);
    const probe = await render(page, o, consoleErrors);

    // --- heap and DOM after render ------------------------------------------------------------
    await page.evaluate(settle, o.settleMs);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await page.evaluate(countDomNodes);

    // --- keystrokes -----------------------------------------------------------------------------
    const target = await page.evaluateHandle(findControl, o.targetTitle);
    const element = target.asElement();
    if (!element) throw new Error(`${o.pagePath} n=${o.n}: no control labelled "${o.targetTitle}"`);
    await element.click();
    await page.evaluate(settle, o.settleMs);
    await page.evaluate(() => {
      window.__bench.keys.length = 0;
      window.__bench.keysFromListener.length = 0;
    });
    const before = await metrics(cdp);
    for (const [i, ch] of [...TYPED_TEXT].entries()) {
      await page.keyboard.type(ch);
      await page.evaluate(waitForKeys, i + 1);
    }
    await page.evaluate(settle, o.settleMs);
    const after = await metrics(cdp);
    const typed = await element.evaluate((el) => el.value);
    const keys = await page.evaluate(() => ({
      fromEvent: window.__bench.keys.slice(),
      fromListener: window.__bench.keysFromListener.slice(),
    }));
    const resourcesAtEnd = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const keyCount = TYPED_TEXT.length;

    return {
      ...renderTimes(probe),
      readyMs: probe.readyAt,
      controls: probe.controls,
      controlsAtReady: probe.controlsAtReady,
      keyLatencyMs: median(keys.fromEvent),
      keyLatencyMaxMs: Math.max(...keys.fromEvent),
      keyLatencyListenerMs: median(keys.fromListener),
      cpuPerKeyMs: ((after.TaskDuration - before.TaskDuration) * 1000) / keyCount,
      scriptPerKeyMs: ((after.ScriptDuration - before.ScriptDuration) * 1000) / keyCount,
      styleLayoutPerKeyMs:
        ((after.RecalcStyleDuration - before.RecalcStyleDuration + after.LayoutDuration - before.LayoutDuration) *
          1000) /
        keyCount,
      heapBytes: heap.usedSize,
      domNodes: dom.nodes,
      domElements: dom.elements,
      typedOk: typed === TYPED_TEXT,
      jsAtRender: jsPaths(probe.resourcesAtComplete, o.origin),
      jsAtEnd: jsPaths(resourcesAtEnd, o.origin),
      consoleErrors,
    };
  } finally {
    await context.close();
  }
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
