// Submit time: from the click on "Antrag absenden" to the receipt heading ("Ihr Antrag ist
// eingegangen"), for a synthetic 200-field form, in headless Chromium against the real server
// (gateway + FIT-Connect stand-in, started in this process). Includes loading the submission chunk,
// fetching the destination key, encrypting in the browser, create + send, and rendering the receipt.
//
//   npx vite build && node --import tsx test/bench/submit-time.mjs
//
// Variables: SUBMIT_RUNS (default 5), SUBMIT_FIELDS (default 200). Prints every run and the median.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../browser-launch.mjs';
import { startServer } from '../../server/app.ts';
import { median } from './measure.mjs';
import { buildSyntheticForm, FIELD_KINDS } from './synthetic.mjs';

const RUNS = Number(process.env.SUBMIT_RUNS ?? 5);
const FIELDS = Number(process.env.SUBMIT_FIELDS ?? 200);
// The synthetic forms carry no LeiKa key; a submission needs one (any 99… key: the stand-in accepts all).
const LEIKA = '99000000000200';

/** A valid answer for every field kind of the synthetic form. */
const ANSWER = {
  name: 'Mustermann',
  strasse: 'Hauptstraße 1',
  email: 'erika@example.org',
  datum: '2024-05-01',
  plz: '12345',
  anrede: 'frau',
  land: 'DE',
  zustimmung: true,
  anzahl: 2,
  bemerkung: 'Keine',
};

function answersFor(definition) {
  const data = {};
  for (const [section, schema] of Object.entries(definition.properties)) {
    data[section] = Object.fromEntries(Object.keys(schema.properties).map((key) => [key, ANSWER[key]]));
  }
  return data;
}

const PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Submit benchmark</title>
<script type="module" src="/dist/ozg-form.js"></script></head>
<body><main><ozg-form gateway="/gateway/v1" lang="de"></ozg-form></main></body></html>`;

async function oneRun(browser, url, definition, data) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${url}bench-submit.html`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
    );
    await page.goto(`${url}bench-submit.html`);
    await page.waitForFunction(() => customElements.get('ozg-form'));
    await page.evaluate(
      ([def, answers]) => {
        const form = document.querySelector('ozg-form');
        form.data = answers;
        form.schema = def;
      },
      [definition, data],
    );
    const form = page.locator('ozg-form');
    await form.locator('.step-title').waitFor();
    await form.getByRole('button', { name: 'Weiter' }).click();
    await form.getByRole('heading', { name: 'Ihre Angaben prüfen' }).waitFor();
    const confirm = await form.getByRole('button', { name: 'Antrag absenden' }).elementHandle();
    // Measured inside the page: click, then every frame until the receipt heading is in the DOM.
    return await page.evaluate(
      (button) =>
        new Promise((resolve, reject) => {
          const root = document.querySelector('ozg-form').shadowRoot;
          const start = performance.now();
          const deadline = start + 60_000;
          const check = () => {
            const heading = root.querySelector('#receipt-title');
            if (heading) return resolve(performance.now() - start);
            if (root.querySelector('.submission .error-message'))
              return reject(new Error(root.querySelector('.submission').textContent));
            if (performance.now() > deadline) return reject(new Error('no receipt within 60 s'));
            requestAnimationFrame(check);
          };
          button.click();
          requestAnimationFrame(check);
        }),
      confirm,
    );
  } finally {
    await context.close();
  }
}

async function main() {
  const { definition } = buildSyntheticForm(FIELDS);
  definition['x-ozg'] = { ...definition['x-ozg'], leika: LEIKA };
  const data = answersFor(definition);
  if (Object.values(data).some((s) => Object.keys(s).length > FIELD_KINDS.length))
    throw new Error('unexpected form shape');

  const dataDir = mkdtempSync(join(tmpdir(), 'ozg-submit-bench-'));
  const server = await startServer({ port: 0, dataDir, logger: false });
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  try {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await oneRun(browser, server.url, definition, data);
      times.push(ms);
      console.log(`run ${i + 1}/${RUNS}: ${ms.toFixed(0)} ms`);
    }
    console.log(
      `submit time (confirm click -> receipt heading), ${FIELDS}-field form, median of ${RUNS}: ${median(times).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
