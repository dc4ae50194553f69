// Upload benchmark (issue 6): one file (default 50 MB) through the form, the local gateway and the
// FIT-Connect stand-in. Reports, does not assert:
//   - hash + encrypt time in the browser (confirm -> first byte of the attachment PUT),
//   - upload throughput of the attachment PUT (JWE bytes / (responseEnd - requestStart)),
//   - the page's peak memory while hashing, encrypting and sending: JS heap (CDP Performance.getMetrics
//     JSHeapUsedSize) plus ArrayBuffer backing stores (CDP Runtime.getHeapUsage backingStorageSize),
//     sampled every 50 ms, and the renderer process's peak resident memory (VmHWM of /proc/<pid>/status,
//     pid from CDP SystemInfo.getProcessInfo), and the longest main-thread task (PerformanceObserver).
//   --profile prints the functions with the most self time on the main thread (CDP Profiler).
//
//   npm run build && node --import tsx test/bench/upload.mjs [--mb 50]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startServer } from '../../server/app.ts';
import { ANSWERS } from '../e2e/answers.ts';

const mbArg = process.argv.indexOf('--mb');
const MB = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 50;
const dir = mkdtempSync(join(tmpdir(), 'ozg-upload-bench-'));
const server = await startServer({ port: 0, dataDir: join(dir, 'data') });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const file = Buffer.alloc(MB * 1024 * 1024);
  randomBytes(file.length).copy(file); // incompressible, like a scan
  file.write('%PDF-1.7\n', 0, 'latin1');
  const path = join(dir, 'lageplan.pdf');
  writeFileSync(path, file);

  const page = await browser.newPage();
  await page.goto(`${server.url}sondernutzung.html`);
  const form = page.locator('ozg-form');
  await form.locator('.step-title').waitFor();
  await form.evaluate((el, d) => {
    el.data = d;
  }, ANSWERS.sondernutzung);
  for (let i = 0; i < 8 && (await form.locator('.step-title').textContent()) !== 'Art und Ort der Nutzung'; i++) {
    await form.locator('button.primary').click();
    await page.waitForTimeout(200);
  }
  await form.getByLabel('Lageplan').setInputFiles(path);
  await form.locator('.file-list .file-name').waitFor();
  for (let i = 0; i < 8 && (await form.locator('.step-title').textContent()) !== 'Ihre Angaben prüfen'; i++) {
    await form.locator('button.primary').click();
    await page.waitForTimeout(200);
  }

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const withBuffers = async () => {
    const u = await cdp.send('Runtime.getHeapUsage');
    return u.usedSize + (u.backingStorageSize ?? 0);
  };
  const rendererPids = async () => {
    const info = await (await browser.newBrowserCDPSession()).send('SystemInfo.getProcessInfo');
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  };
  const vmHwm = (pid) => {
    try {
      return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const profiling = process.argv.includes('--profile');
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const baseline = await heap();
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  let peak = baseline;
  const baseBuffers = await withBuffers();
  let peakBuffers = baseBuffers;
  const pids = await rendererPids();
  const hwmBefore = Math.max(...pids.map(vmHwm));
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heap().catch(() => 0));
      peakBuffers = Math.max(peakBuffers, await withBuffers().catch(() => 0));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const t0 = Date.now();
  await form.getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  // Sondernutzung's fee is optional (x-ozg.fees): send now, pay on invoice.
  await form.getByRole('button', { name: 'Ohne Zahlung senden (Rechnung)' }).click();
  await form.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' }).waitFor({ timeout: 600_000 });
  const total = Date.now() - t0;
  sampling = false;
  await sampler;
  const hwm = Math.max(...pids.map(vmHwm));
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const dt = profile.timeDeltas ?? [];
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
    const byName = new Map();
    for (const n of profile.nodes) {
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0));
    }
    console.log('main-thread self time (top 8):');
    for (const [k, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`  ${(us / 1000).toFixed(0)} ms  ${k}`);
  }

  const put = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => /\/attachments\//.test(r.name));
    return e && { start: e.startTime, requestStart: e.requestStart, responseEnd: e.responseEnd, confirmAt: 0 };
  });
  const navStart = await page.evaluate(() => performance.timeOrigin);
  const jweBytes = Math.ceil((file.length + 16) / 3) * 4; // base64url of ciphertext (+ header, key, iv, tag: < 1 KB)
  const uploadMs = put ? put.responseEnd - put.requestStart : NaN;
  const longest = await page.evaluate(() => window.__longest);
  const mib = (b) => (b / 1024 / 1024).toFixed(1);
  console.log(`file: ${MB} MiB (${file.length} bytes), JWE ~${mib(jweBytes)} MiB`);
  console.log(`confirm -> receipt: ${(total / 1000).toFixed(2)} s`);
  console.log(
    `attachment PUT (request start -> response end): ${(uploadMs / 1000).toFixed(2)} s = ${(file.length / 1e6 / (uploadMs / 1000)).toFixed(1)} MB/s of file, ${(jweBytes / 1e6 / (uploadMs / 1000)).toFixed(1)} MB/s on the wire`,
  );
  console.log(`JS heap: baseline ${mib(baseline)} MiB, peak ${mib(peak)} MiB (+${mib(peak - baseline)} MiB)`);
  console.log(
    `JS heap + ArrayBuffers: baseline ${mib(baseBuffers)} MiB, peak ${mib(peakBuffers)} MiB (+${mib(peakBuffers - baseBuffers)} MiB)`,
  );
  console.log(`renderer peak resident memory (VmHWM): ${mib(hwm)} MiB (before sending: ${mib(hwmBefore)} MiB)`);
  console.log(`longest main-thread task: ${Math.round(longest)} ms`);
  void navStart;
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
