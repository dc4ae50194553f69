/**
 * docs/embedding.md, end to end, with three origins on loopback: the municipality's site
 * (127.0.0.1:A, serves only its page, with the strictest CSP of the guide), the bundle host
 * (localhost:C, dist/ with CORS) and the gateway (127.0.0.1:B, GATEWAY_ALLOWED_ORIGINS = the site).
 * A new form is published with ozg-form-publish, embedded from the gateway, answered after a login and
 * with an upload, paid, sent, read in the inbox with its question titles and answered in the mailbox
 * page of the guide. Then: a form republished while a page shows it (DEFINITION_OUTDATED), and markup
 * in a definition text reaching the inbox (shown as text).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../server/app.js';
import { startCdn } from './csp-site.js';
import { expect, test } from './fixtures.js';
import { INBOX_TOKEN } from './inbox-api.js';
import { pressOnToReview } from './journeys.js';
import { ANSWERS } from './answers.js';
import { createIdempotencyKey, prepareSubmission, SubmissionClient } from '../../src/modules/submission/index.js';

// The second test goes on from the first one's published form.
test.describe.configure({ mode: 'serial' });

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const run = promisify(execFile);

/** The guide's policy: scripts from the site and the bundle host, connections to the site and the gateway. */
export const strictCsp = (bundle: string, gateway: string): string =>
  `default-src 'self'; script-src 'self' ${bundle}; connect-src 'self' ${gateway}; style-src 'self'; ` +
  `worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'`;

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
};
const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise((done) => server.close(done));
};

let bundleHost: Awaited<ReturnType<typeof startCdn>>;
let site: Server;
let gateway: RunningServer;
let dataDir = '';
/** `ozg-form-publish` of the server package into this test's gateway data. */
const publish = (...args: string[]) =>
  run(process.execPath, ['server/bin/ozg-form-publish.mjs', '--data-dir', dataDir, ...args]);
let sitePage = '';
let gatewayUrl = '';
let csp = '';
/** The bundle's Subresource-Integrity hash, as `node scripts/sri.mjs` computes it. */
const sri = `sha384-${createHash('sha384')
  .update(readFileSync(join(dist, 'ozg-form.js')))
  .digest('base64')}`;

test.beforeAll(async () => {
  // The bundle host (a CDN): dist/ with Access-Control-Allow-Origin (module scripts are CORS).
  bundleHost = await startCdn();
  // The site: one page, the embedding snippet of the guide, under the strict policy.
  site = createServer((req, res) => {
    if (req.url?.startsWith('/postfach.html')) {
      // The guide's copyable mailbox page, with this test's bundle host and gateway filled in.
      const page = readFileSync('docs/examples/postfach.html', 'utf8')
        .replace('https://cdn.example/ozg-form/0.1.0/ozg-form.js', `${bundleHost.origin}/ozg-form.js`)
        .replace(/integrity="[^"]*"/, `integrity="${sri}"`)
        .replace('gateway="/gateway/v1"', `gateway="${gatewayUrl}gateway/v1"`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return void res.end(page);
    }
    if (!req.url?.startsWith('/kita.html')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kita-Platz – Musterstadt</title>
<script type="module" src="${bundleHost.origin}/ozg-form.js" integrity="${sri}" crossorigin="anonymous"></script></head>
<body><main><h1>Kita-Platz beantragen</h1>
<ozg-form src="${gatewayUrl}gateway/v1/forms/kita-platz" gateway="${gatewayUrl}gateway/v1"
  account="${gatewayUrl}account/config.json" mailbox="/postfach.html" lang="de"></ozg-form></main></body></html>`);
  });
  const siteOrigin = `http://127.0.0.1:${await listen(site)}`;
  sitePage = `${siteOrigin}/kita.html`;
  dataDir = mkdtempSync(join(tmpdir(), 'ozg-embed-'));
  gateway = await startServer({
    port: 0,
    dataDir,
    gateway: { allowedOrigins: [siteOrigin], publishAtStart: [] },
    payment: { redirectOrigins: [siteOrigin] },
    idp: { redirectUris: [sitePage] },
  });
  gatewayUrl = gateway.url;
  csp = strictCsp(bundleHost.origin, new URL(gatewayUrl).origin);
});

test.afterAll(async () => {
  await Promise.all([bundleHost.close(), close(site), gateway?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const form = (page: Page): Locator => page.locator('ozg-form');
const field = (page: Page, label: string): Locator => form(page).getByLabel(label, { exact: true });

test('publish a new form, embed it from three origins under a strict CSP, log in, upload, pay, send, read it in the inbox, answer in the mailbox', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|CORS/i.test(m.text())) violations.push(m.text());
  });
  // Before publishing, the form is not there: the editor sees why.
  const missing = await fetch(`${gatewayUrl}gateway/v1/forms/kita-platz`);
  expect(missing.status).toBe(404);
  const published = await publish('--lang', 'de', 'test/fixtures/kita-platz.json');
  expect(published.stdout).toContain('veröffentlicht https://musterstadt.example/formulare/kita-platz.json Version 1');

  const response = await page.goto(sitePage);
  expect(response!.headers()['content-security-policy']).toBe(csp);
  await expect(form(page).locator('.step-title')).toHaveText('Ihr Kind', { timeout: 20_000 });

  // Login at the gateway's provider (its account configuration and token endpoint by CORS).
  const bar = form(page).locator('[part~="account"]');
  await bar.getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
  await page.getByRole('radio', { name: /^Erika Mustermann/ }).check();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(bar).toContainText('Angemeldet als Erika Mustermann');
  expect(page.url()).toContain(sitePage);

  await field(page, 'Vorname des Kindes').fill('Mia');
  await field(page, 'Nachname des Kindes').fill('Kitakind');
  await field(page, 'Geburtsdatum des Kindes').fill('2024-03-14');
  await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Betreuung');
  await field(page, 'Gewünschter Beginn').fill('2026-08-01');
  await form(page).getByRole('radio', { name: '35 Stunden' }).check();
  const kitaName = form(page).getByLabel('Name der Kita', { exact: true });
  if ((await kitaName.count()) === 0)
    await form(page)
      .getByRole('button', { name: /hinzufügen/ })
      .click();
  await kitaName.first().fill('Kita Sonnenschein');
  await form(page).getByRole('button', { name: 'Weiter', exact: true }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Erziehungsberechtigte');
  // Filled in from the account.
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
  await expect(field(page, 'Nachname')).toHaveValue('Mustermann');
  await field(page, 'Postleitzahl').fill('12345');
  await form(page)
    .getByLabel('Nachweis über die Masernimpfung')
    .setInputFiles([{ name: 'impfpass.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
  await expect(form(page).locator('.file-list .file-name')).toHaveText(['impfpass.pdf']);
  await pressOnToReview(page);
  await expect(form(page).locator('.review')).toContainText('35 Stunden');

  // Pay at the provider (the gateway's stand-in), come back to the site, the form sends.
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await form(page).getByRole('button', { name: 'Jetzt 15,00 € bezahlen' }).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
  await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
  await expect(form(page).getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible({
    timeout: 30_000,
  });
  expect(page.url()).toContain(sitePage);

  // The receipt links to the mailbox page on the site; the applicant answers there (gateway by CORS).
  const mailboxLink = await form(page).getByRole('link', { name: 'Zum Postfach Ihres Antrags' }).getAttribute('href');
  const applicant = await page.context().newPage();
  applicant.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|CORS/i.test(m.text())) violations.push(m.text());
  });
  await applicant.goto(new URL(mailboxLink!, sitePage).href);
  const mailbox = applicant.locator('ozg-mailbox');
  await expect(mailbox.getByText('Aktueller Stand:')).toContainText('eingereicht', { timeout: 20_000 });
  await mailbox.getByLabel('Ihre Nachricht an die Behörde').fill('Ab wann bekomme ich Bescheid?');
  await mailbox.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(mailbox.getByRole('status')).toHaveText('Antwort gesendet.');
  expect(violations).toEqual([]);

  // The case worker reads it with the question titles and the version it was filled in.
  const auth = { authorization: `Bearer ${INBOX_TOKEN}` };
  const list = (await (await fetch(`${gatewayUrl}standins/inbox/api/submissions`, { headers: auth })).json()) as {
    submissions: { submissionId: string }[];
  };
  expect(list.submissions).toHaveLength(1);
  const detail = (await (
    await fetch(`${gatewayUrl}standins/inbox/api/submissions/${list.submissions[0]!.submissionId}`, { headers: auth })
  ).json()) as {
    metadata: { contentStructure: { data: { submissionSchema: { schemaUri: string } } } };
    answers: { version: number; rows: { de: { label: string; value: string }[] } };
    authentication: { verified: boolean; boundToApplication?: boolean }[];
  };
  expect(detail.metadata.contentStructure.data.submissionSchema.schemaUri).toBe(
    `${gatewayUrl}gateway/v1/forms/kita-platz/1/schema.json`,
  );
  expect(detail.answers.version).toBe(1);
  expect(detail.authentication[0]).toMatchObject({ verified: true, boundToApplication: true });
  expect(detail.answers.rows.de).toContainEqual(
    expect.objectContaining({ label: 'Gewünschte Betreuung – Betreuungsumfang pro Woche', value: '35 Stunden' }),
  );
  await page.goto(`${gatewayUrl}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: /Kita/ }).first().click();
  const answers = page.locator('#answers');
  await expect(answers.getByRole('heading', { name: 'Betreuung' })).toBeVisible();
  await expect(answers).toContainText('Geburtsdatum des Kindes');
  await expect(answers).toContainText('14.03.2024');
  await expect(answers).toContainText('Wunsch 1 – Name der Kita');
  await expect(page.locator('#messages')).toContainText('Ab wann bekomme ich Bescheid?');
});

test('a form changed after the page loaded it: the citizen is told to reload, then pays the new fee with the answers kept', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Runs after the first test of this file (serial): version 1 of the Kita form is published.
  await page.goto(sitePage);
  await expect(form(page).locator('.step-title')).toHaveText('Ihr Kind', { timeout: 20_000 });
  await form(page).evaluate((el, d) => ((el as HTMLElement & { data: unknown }).data = d), {
    kind: { vorname: 'Ben', nachname: 'Drift', geburtsdatum: '2023-05-01' },
    betreuung: { beginn: '2026-09-01', umfang: '25' },
    wunschKitas: [{ name: 'Kita Regenbogen' }],
    eltern: { vorname: 'Jana', nachname: 'Drift', email: 'jana@example.org', postleitzahl: '12345' },
  });
  await pressOnToReview(page);
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await expect(form(page).getByRole('button', { name: 'Jetzt 15,00 € bezahlen' })).toBeVisible();

  // Meanwhile the authority publishes a new fee.
  const changed = JSON.parse(readFileSync('test/fixtures/kita-platz.json', 'utf8'));
  changed['x-ozg'].fees.items[0].amount = 2000;
  const file = join(dataDir, 'kita-v2.json');
  writeFileSync(file, JSON.stringify(changed));
  const published = await publish('--lang', 'de', file);
  expect(published.stdout).toContain('Version 2');

  await form(page).getByRole('button', { name: 'Jetzt 15,00 € bezahlen' }).click();
  await expect(form(page)).toContainText(
    'Dieses Formular wurde inzwischen geändert. Bitte laden Sie die Seite neu – Ihre Angaben bleiben erhalten – und prüfen Sie sie noch einmal.',
  );
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toHaveCount(0);
  // Paying again cannot help; the form offers what does.
  await expect(form(page).getByRole('button', { name: /bezahlen/ })).toHaveCount(0);
  await form(page).getByRole('button', { name: 'Seite neu laden' }).click();
  await expect(form(page).locator('[part~="draft-notice"]')).toContainText('wiederhergestellt', { timeout: 20_000 });
  await pressOnToReview(page);
  await expect(form(page).locator('.review')).toContainText('Kita Regenbogen');
  await form(page).getByRole('button', { name: 'Weiter zur Bezahlung' }).click();
  await form(page).getByRole('button', { name: 'Jetzt 20,00 € bezahlen' }).click();
  await expect(page.getByRole('heading', { name: 'Bezahlen (Test-Bezahldienst)' })).toBeVisible();
});

test('definition texts are never HTML in the inbox: a question title with markup is shown as text', async ({
  page,
}) => {
  // A form whose question title carries markup (an editor's mistake or an attack on the case worker).
  const definition = JSON.parse(readFileSync('demo/forms/hundesteuer.json', 'utf8'));
  const attack = '<img src=x onerror="document.title=\'pwned\'">Vorname';
  definition.properties.halter.properties.vorname.title = attack;
  const file = join(dataDir, 'hundesteuer.json');
  writeFileSync(file, JSON.stringify(definition));
  await publish(file);
  const loaded = await fetch(`${gatewayUrl}gateway/v1/forms/hundesteuer`);
  const client = new SubmissionClient({ baseUrl: gatewayUrl, baseDelayMs: 10 });
  const dest = await client.getDestination();
  const { encrypted } = await prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: definition['x-ozg'].leika,
    serviceName: 'Hundesteuer (Markup)',
    schemaUri: new URL(loaded.headers.get('x-ozg-receiver-schema')!, gatewayUrl).href,
    data: ANSWERS.hundesteuer,
    definition: { formId: definition.$id, hash: loaded.headers.get('etag')!.slice(1, -1) },
  });
  await client.submit(encrypted, { idempotencyKey: createIdempotencyKey(), sentAttachments: [], sent: false });

  await page.goto(`${gatewayUrl}inbox.html`);
  await page.getByLabel('Zugangs-Token').fill(INBOX_TOKEN);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: /Markup/ }).click();
  const answers = page.locator('#answers');
  await expect(answers).toContainText(`Persönliche Angaben – ${attack}`);
  await expect(answers.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
});
