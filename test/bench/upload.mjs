// Upload benchmark (issue 6): one file (default 50 MB) through the form, the local gateway and the
// FIT-Connect stand-in. Reports, does not assert:
//   - hash + encrypt time in the browser (confirm -> first byte of the attachment PUT),
//   - upload throughput of the attachment PUT (JWE bytes / (responseEnd - requestStart)),
//   - the renderer's peak JS heap while hashing, encrypting and sending (CDP Performance.getMetrics,
//     JSHeapUsedSize, sampled every 50 ms) and the longest main-thread task (PerformanceObserver).
//
//   npm run build && node --import tsx test/bench/upload.mjs [--mb 50]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  await form.evaluate((el, d) => { el.data = d; }, ANSWERS.sondernutzung);
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
  const heap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  await cdp.send('HeapProfiler.collectGarbage');
  const baseline = await heap();
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask' });
  });
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => { while (sampling) { peak = Math.max(peak, await heap().catch(() => 0)); await new Promise((r) => setTimeout(r, 50)); } })();

  const t0 = Date.now();
  await form.getByRole('button', { name: 'Angaben bestätigen' }).click();
  await form.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' }).waitFor({ timeout: 600_000 });
  const total = Date.now() - t0;
  sampling = false;
  await sampler;

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
  console.log(`attachment PUT (request start -> response end): ${(uploadMs / 1000).toFixed(2)} s = ${(file.length / 1e6 / (uploadMs / 1000)).toFixed(1)} MB/s of file, ${(jweBytes / 1e6 / (uploadMs / 1000)).toFixed(1)} MB/s on the wire`);
  console.log(`JS heap: baseline ${mib(baseline)} MiB, peak ${mib(peak)} MiB (+${mib(peak - baseline)} MiB)`);
  console.log(`longest main-thread task: ${Math.round(longest)} ms`);
  void navStart;
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
